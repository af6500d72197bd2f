/**
 * The bounds of a POST /evaluate body, in one place: the TypeBox schema documents them, the
 * bounded validator (body-validation.ts) enforces them, and the configuration bounds
 * EVALUATE_MAX_ROWS with them.
 */

/** Fewer rows give no distribution to test for drift and no R². */
export const MIN_ROWS = 2;
/** The largest batch accepted unless EVALUATE_MAX_ROWS says otherwise ... */
export const DEFAULT_MAX_ROWS = 10_000;
/** ... and the most that EVALUATE_MAX_ROWS may allow. */
export const MAX_ROWS_CEILING = 100_000;
/** Body limit per accepted row: a brief record is about 200 bytes; clients may send extra fields. */
export const BODY_BYTES_PER_ROW = 512;

export const MAX_PERIOD_NAME_LENGTH = 200;
/**
 * Largest rentals count accepted in an hour: the dataset's busiest hour had 977. A bound keeps the
 * squared errors finite, so that RMSE, MAE and R2 are numbers for any accepted batch.
 */
export const MAX_RENTALS_PER_HOUR = 100_000;
/** The period name of a body that gives none. */
export const DEFAULT_PERIOD_NAME = 'unknown_period';

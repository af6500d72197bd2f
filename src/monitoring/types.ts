/** Vocabulary shared by the monitoring library. */

/** Evidently's column types that take part in drift: numerical and categorical. */
export type ColumnType = 'num' | 'cat';

/** A categorical value: pandas compares them by value, so 1 and "1" are different categories. */
export type CategoricalValue = number | string;

/**
 * One column's values, one per row. A missing value is NaN (or null); ±Infinity counts as
 * missing too, as Evidently replaces it with NaN before testing. Numerical columns must hold
 * numbers only.
 */
export type ColumnValues = ArrayLike<CategoricalValue | null>;

/** Columns by name, each with one value per row. */
export type DatasetColumns = Readonly<Record<string, ColumnValues | undefined>>;

/** The drift tests Evidently can pick for numerical and categorical columns, by its names. */
export const DRIFT_METHODS = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];

/**
 * Drift of one column, as Evidently's `ValueDrift` (legacy `get_one_column_drift`): clean both
 * sides, pick the test (the user's choice per column, then per type, then global, else the
 * default for the data), pick the threshold the same way (else the test's default), run it.
 */
import { MonitoringInputError } from './errors.js';
import { sampleSize, type Sample, toSample, unionDistinctCount } from './sample.js';
import { defaultStatTest, requestedStatTest, STAT_TESTS } from './stattests/registry.js';
import { isDrift, type StatTest } from './stattests/stat-test.js';
import type { ColumnType, ColumnValues, DriftMethod } from './types.js';

/** Evidently's DataDriftPreset method and threshold options; unset means Evidently's default. */
export interface DriftOptions {
  readonly method?: DriftMethod | undefined;
  readonly numMethod?: DriftMethod | undefined;
  readonly catMethod?: DriftMethod | undefined;
  readonly perColumnMethod?: Readonly<Record<string, DriftMethod>> | undefined;
  readonly threshold?: number | undefined;
  readonly numThreshold?: number | undefined;
  readonly catThreshold?: number | undefined;
  readonly perColumnThreshold?: Readonly<Record<string, number>> | undefined;
}

export interface ColumnDrift {
  readonly column: string;
  readonly columnType: ColumnType;
  readonly method: DriftMethod;
  /** Evidently's display name of the method, e.g. "K-S p_value". */
  readonly methodLabel: string;
  /** p-value or distance, depending on the method. NaN where the test is undefined. */
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
}

/** Cleans both sides of one column and tests it. */
export function columnDrift(
  column: string,
  columnType: ColumnType,
  reference: ColumnValues,
  current: ColumnValues,
  options: DriftOptions = {},
): ColumnDrift {
  const referenceSample = toSample(column, columnType, reference, 'reference');
  return sampleDrift(column, referenceSample, toSample(column, columnType, current, 'current'), options);
}

/** Tests one column from already cleaned samples (both of the column's type). */
export function sampleDrift(column: string, reference: Sample, current: Sample, options: DriftOptions = {}): ColumnDrift {
  const columnType = reference.type;
  const requested = ownValue(options.perColumnMethod, column) ?? byType(columnType, options.numMethod, options.catMethod) ?? options.method;
  const test: StatTest =
    requested === undefined
      ? defaultStatTest(columnType, sampleSize(reference), unionDistinctCount(reference, current))
      : requestedStatTest(requested, column, columnType);
  const threshold =
    ownValue(options.perColumnThreshold, column) ??
    byType(columnType, options.numThreshold, options.catThreshold) ??
    options.threshold ??
    test.defaultThreshold;
  if (!Number.isFinite(threshold)) throw new MonitoringInputError(`The drift threshold of column '${column}' must be a finite number.`);
  const score = test.score(reference, current);
  return {
    column,
    columnType,
    method: test.name,
    methodLabel: test.displayName,
    score,
    threshold,
    drifted: isDrift(test.driftWhen, score, threshold),
  };
}

function byType<T>(columnType: ColumnType, forNumerical: T | undefined, forCategorical: T | undefined): T | undefined {
  return columnType === 'num' ? forNumerical : forCategorical;
}

/** A per-column option, ignoring keys inherited from Object.prototype (a column named "constructor"). */
function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * How far past its threshold a column's score is, comparable across tests: threshold / p-value
 * for p-value tests, distance / threshold for distances. Above 1 is drift (at 1, per the test's
 * rule); an undefined score ranks last.
 */
export function driftStrength(drift: Pick<ColumnDrift, 'method' | 'threshold'> & { readonly score: number | null }): number {
  const { score, threshold, method } = drift;
  if (score === null || !Number.isFinite(score)) return -Infinity;
  return STAT_TESTS[method].driftWhen === 'score >= threshold' ? score / threshold : threshold / score;
}

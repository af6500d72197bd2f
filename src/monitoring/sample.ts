/**
 * A column cleaned for drift testing, as Evidently's `ValueDrift` cleans it: ±Infinity becomes
 * NaN and missing values are dropped. Numerical samples are kept both in input order (numpy's
 * sums depend on it) and sorted (for KS, Wasserstein and histograms).
 */
import { MonitoringInputError } from './errors.js';
import { forEachPooledValue } from './math/search.js';
import { sortedCopy } from './math/sort.js';
import type { CategoricalValue, ColumnType, ColumnValues } from './types.js';

export interface NumericalSample {
  readonly type: 'num';
  /** Finite values in input order. */
  readonly values: Float64Array;
  /** The same values, ascending. */
  readonly sorted: Float64Array;
}

export interface CategoricalSample {
  readonly type: 'cat';
  readonly size: number;
  /** How often each value occurs, in order of first appearance. */
  readonly counts: ReadonlyMap<CategoricalValue, number>;
}

export type Sample = NumericalSample | CategoricalSample;

/** Which dataset a column comes from, for error messages. */
export type DatasetSide = 'reference' | 'current';

/** Cleans one column; throws if nothing is left, as Evidently does. */
export function toSample(column: string, type: ColumnType, values: ColumnValues, side: DatasetSide): Sample {
  const sample = type === 'num' ? toNumericalSample(column, values, side) : toCategoricalSample(values);
  if (sampleSize(sample) === 0) {
    throw new MonitoringInputError(
      `An empty column '${column}' was provided for drift calculation in the ${side} dataset ` +
        '(no value is left once missing and infinite values are removed).',
    );
  }
  return sample;
}

function toNumericalSample(column: string, values: ColumnValues, side: DatasetSide): NumericalSample {
  const finite = new Float64Array(values.length);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === 'string') {
      throw new MonitoringInputError(`Column '${column}' in ${side} dataset should contain numerical values only.`);
    }
    if (value !== null && Number.isFinite(value)) finite[size++] = value;
  }
  const kept = size === values.length ? finite : finite.slice(0, size);
  return { type: 'num', values: kept, sorted: sortedCopy(kept) };
}

/**
 * Counted by runs of one value, one map update a run: hourly rows repeat their season, their kind
 * of day and often their weather for hours. A value's first run ends before any later value's
 * first run does, so the map keeps the order of first appearance.
 */
function toCategoricalSample(values: ColumnValues): CategoricalSample {
  const counts = new Map<CategoricalValue, number>();
  let size = 0;
  let run: CategoricalValue | undefined;
  let runLength = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || (typeof value === 'number' && !Number.isFinite(value))) continue;
    size++;
    if (value === run) {
      runLength++;
      continue;
    }
    if (run !== undefined) counts.set(run, (counts.get(run) ?? 0) + runLength);
    run = value;
    runLength = 1;
  }
  if (run !== undefined) counts.set(run, (counts.get(run) ?? 0) + runLength);
  return { type: 'cat', size, counts };
}

export function sampleSize(sample: Sample): number {
  return sample.type === 'num' ? sample.values.length : sample.size;
}

/** pandas' `value_counts` as a map (numerical values ascending). */
export function valueCounts(sample: Sample): ReadonlyMap<CategoricalValue, number> {
  if (sample.type === 'cat') return sample.counts;
  const counts = new Map<number, number>();
  const { sorted } = sample;
  for (let start = 0, end = 0; start < sorted.length; start = end) {
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    counts.set(sorted[start], end - start);
  }
  return counts;
}

/** The distinct values of either map: those of `a` in its order, then those only in `b`. */
export function unionOfKeys<K>(a: ReadonlyMap<K, number>, b: ReadonlyMap<K, number>): K[] {
  const keys = [...a.keys()];
  for (const key of b.keys()) if (!a.has(key)) keys.push(key);
  return keys;
}

/** pandas' `nunique()` of one sample. */
export function distinctCount(sample: Sample): number {
  if (sample.type === 'cat') return sample.counts.size;
  const { sorted } = sample;
  let count = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/** pandas' `concat([a, b]).nunique()`: distinct values over both samples of one column. */
export function unionDistinctCount(a: Sample, b: Sample): number {
  if (a.type === 'num' && b.type === 'num') return mergedDistinctCount(a.sorted, b.sorted);
  return unionOfKeys(valueCounts(a), valueCounts(b)).length;
}

function mergedDistinctCount(a: Float64Array, b: Float64Array): number {
  let count = 0;
  forEachPooledValue(a, b, () => count++);
  return count;
}

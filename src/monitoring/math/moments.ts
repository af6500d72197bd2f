/**
 * Mean and standard deviation computed as numpy and pandas compute them, so that results agree
 * to the last bits: pairwise sums, and the two-pass variance (mean first, then the sum of
 * squared deviations divided by n - ddof).
 */
import { pairwiseSum } from './pairwise-sum.js';

/** `np.mean(values)`; NaN for an empty array. */
export function mean(values: ArrayLike<number>): number {
  return pairwiseSum(values) / values.length;
}

/**
 * `np.std(values, ddof=ddof)` (and pandas' `Series.std`, same operations): the population
 * standard deviation for ddof 0, the sample one for ddof 1. NaN when n <= ddof.
 */
export function standardDeviation(values: ArrayLike<number>, ddof: 0 | 1): number {
  const n = values.length;
  if (n <= ddof) return Number.NaN;
  return Math.sqrt(sumOfSquaredDeviations(values) / (n - ddof));
}

/** Σ(x − mean)², numpy's two-pass way: the mean first, then the pairwise sum of the squares. */
export function sumOfSquaredDeviations(values: ArrayLike<number>): number {
  const average = mean(values);
  const squares = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const deviation = values[i] - average;
    squares[i] = deviation * deviation;
  }
  return pairwiseSum(squares);
}

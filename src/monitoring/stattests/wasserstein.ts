/**
 * Normed Wasserstein distance, as Evidently's `_wasserstein_distance_norm`: scipy's
 * `wasserstein_distance(reference, current)` (the area between the two empirical CDFs) divided
 * by the reference's population standard deviation, floored at 0.001.
 */
import { pairwiseSum } from '../math/pairwise-sum.js';
import { standardDeviation } from '../math/moments.js';
import { numericalSample, type StatTest } from './stat-test.js';

const MIN_NORM = 0.001;

export const wassersteinTest: StatTest = {
  name: 'wasserstein',
  displayName: 'Wasserstein distance (normed)',
  columnTypes: ['num'],
  defaultThreshold: 0.1,
  driftWhen: 'score >= threshold',
  score: (reference, current) => {
    const ref = numericalSample(reference, 'Wasserstein');
    const norm = Math.max(standardDeviation(ref.values, 0), MIN_NORM);
    return wassersteinDistance(ref.sorted, numericalSample(current, 'Wasserstein').sorted) / norm;
  },
};

/** W1 = Σ |U(x_k) − V(x_k)| · (x_{k+1} − x_k) over the pooled sorted values x (ascending inputs). */
export function wassersteinDistance(u: Float64Array, v: Float64Array): number {
  const pooled = mergeSorted(u, v);
  const terms = new Float64Array(pooled.length - 1);
  let i = 0;
  let j = 0;
  for (let k = 0; k < terms.length; k++) {
    const x = pooled[k];
    // Pointers only move forward: the same counts as searchsorted(…, 'right') at each x.
    i = countAtOrBelowFrom(u, x, i);
    j = countAtOrBelowFrom(v, x, j);
    terms[k] = Math.abs(i / u.length - j / v.length) * (pooled[k + 1] - x);
  }
  return pairwiseSum(terms);
}

function countAtOrBelowFrom(sorted: Float64Array, value: number, from: number): number {
  let count = from;
  while (count < sorted.length && sorted[count] <= value) count++;
  return count;
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const merged = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) merged[k] = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
  return merged;
}

/**
 * Population Stability Index, as Evidently's `_psi`: Σ (r_i − c_i)·ln(r_i / c_i) over the
 * binned reference and current proportions, after empty bins are given a small share.
 */
import { pairwiseSum } from '../math/pairwise-sum.js';
import type { Sample } from '../sample.js';
import { binnedProportions } from './binning.js';
import type { StatTest } from './stat-test.js';

export const psiTest: StatTest = {
  name: 'psi',
  displayName: 'PSI',
  columnTypes: ['cat', 'num'],
  defaultThreshold: 0.1,
  driftWhen: 'score >= threshold',
  score: populationStabilityIndex,
};

export function populationStabilityIndex(reference: Sample, current: Sample): number {
  const binned = binnedProportions(reference, current);
  const r = withoutZeros(binned.reference);
  const c = withoutZeros(binned.current);
  const terms = r.map((ri, i) => (ri - c[i]) * Math.log(ri / c[i]));
  return pairwiseSum(terms);
}

/**
 * Evidently's zero filling (`feel_zeroes`): empty bins get the smallest non-zero share / 10^6
 * if that share is at most 0.0001, else 0.0001. The proportions are not re-normalised.
 */
function withoutZeros(proportions: Float64Array): Float64Array {
  let smallest = Number.POSITIVE_INFINITY;
  for (const p of proportions) if (p !== 0) smallest = Math.min(smallest, p);
  const filler = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  return proportions.map((p) => (p === 0 ? filler : p));
}

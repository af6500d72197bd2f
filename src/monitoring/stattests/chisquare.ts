/**
 * Pearson's chi-square test of the current counts against the reference proportions, as
 * Evidently's `_chi_stat_test`: one category per value seen on either side, expected counts
 * = reference count × (n_current / n_reference), p-value from scipy's `chisquare`.
 */
import { chi2Sf } from '../distributions/chi2.js';
import { pairwiseSum } from '../math/pairwise-sum.js';
import { sampleSize, type Sample, unionOfKeys, valueCounts } from '../sample.js';
import type { StatTest } from './stat-test.js';

export const chiSquareTest: StatTest = {
  name: 'chisquare',
  displayName: 'chi-square p_value',
  columnTypes: ['cat'],
  defaultThreshold: 0.05,
  driftWhen: 'score < threshold',
  score: chiSquarePValue,
};

/**
 * A value absent from the reference has an expected count of 0, so χ² = ∞ and p = 0. With a
 * single category (0 degrees of freedom) p is NaN, as in scipy.
 */
export function chiSquarePValue(reference: Sample, current: Sample): number {
  const referenceCounts = valueCounts(reference);
  const currentCounts = valueCounts(current);
  const categories = unionOfKeys(referenceCounts, currentCounts);
  const scale = sampleSize(current) / sampleSize(reference);
  const terms = new Float64Array(categories.length);
  categories.forEach((category, i) => {
    const expected = (referenceCounts.get(category) ?? 0) * scale;
    const deviation = (currentCounts.get(category) ?? 0) - expected;
    terms[i] = (deviation * deviation) / expected;
  });
  return chi2Sf(pairwiseSum(terms), categories.length - 1);
}

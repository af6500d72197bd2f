/**
 * Two-proportion Z-test, as Evidently's `_z_stat_test`: the share of values other than the
 * smallest category, compared between reference and current with a pooled standard error;
 * two-sided p-value 2·(1 − Φ(|z|)).
 */
import { normalCdf } from '../distributions/normal.js';
import { sampleSize, type Sample, unionOfKeys, valueCounts } from '../sample.js';
import type { CategoricalValue } from '../types.js';
import type { StatTest } from './stat-test.js';

export const zTest: StatTest = {
  name: 'z',
  displayName: 'Z-test p_value',
  columnTypes: ['cat'],
  defaultThreshold: 0.05,
  driftWhen: 'score < threshold',
  score: zTestPValue,
};

export function zTestPValue(reference: Sample, current: Sample): number {
  const referenceCounts = valueCounts(reference);
  const currentCounts = valueCounts(current);
  const categories = unionOfKeys(referenceCounts, currentCounts);
  // Both sides hold the same single value: Evidently returns 1 without computing z (0/0).
  if (categories.length === 1) return 1;
  const first = categories.reduce((a, b) => (compareCategories(a, b) <= 0 ? a : b));
  const n1 = sampleSize(reference);
  const n2 = sampleSize(current);
  const p1 = (n1 - (referenceCounts.get(first) ?? 0)) / n1;
  const p2 = (n2 - (currentCounts.get(first) ?? 0)) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return 2 * (1 - normalCdf(Math.abs(z)));
}

/**
 * Python's `sorted` order for the first category: numbers by value, strings by character codes.
 * Python cannot compare a number with a string; here numbers come first. Only |z| is used, so
 * which category comes first changes at most the last bits of the p-value.
 */
function compareCategories(a: CategoricalValue, b: CategoricalValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'number' ? -1 : 1;
}

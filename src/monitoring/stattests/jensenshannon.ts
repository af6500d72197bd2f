/**
 * Jensen–Shannon distance between the binned reference and current distributions, as
 * Evidently's `_jensenshannon`: scipy's `distance.jensenshannon(p, q)` with the natural log,
 * i.e. sqrt((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q) / 2; 0 for identical distributions,
 * √ln 2 ≈ 0.8326 for disjoint ones.
 */
import { pairwiseSum } from '../math/pairwise-sum.js';
import type { Sample } from '../sample.js';
import { binnedProportions } from './binning.js';
import type { StatTest } from './stat-test.js';

export const jensenShannonTest: StatTest = {
  name: 'jensenshannon',
  displayName: 'Jensen-Shannon distance',
  columnTypes: ['cat', 'num'],
  defaultThreshold: 0.1,
  driftWhen: 'score >= threshold',
  score: jensenShannonDistance,
};

export function jensenShannonDistance(reference: Sample, current: Sample): number {
  const binned = binnedProportions(reference, current);
  const p = normalized(binned.reference);
  const q = normalized(binned.current);
  const left = new Float64Array(p.length);
  const right = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    left[i] = relativeEntropy(p[i], m);
    right[i] = relativeEntropy(q[i], m);
  }
  return Math.sqrt((pairwiseSum(left) + pairwiseSum(right)) / 2);
}

function normalized(weights: Float64Array): Float64Array {
  const total = pairwiseSum(weights);
  return weights.map((w) => w / total);
}

/** scipy.special.rel_entr: x·ln(x/y), with 0 for x = 0. */
function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

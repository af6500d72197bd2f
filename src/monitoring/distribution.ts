/**
 * The data behind Evidently's distribution charts of a column, reference against current:
 * numerical columns as counts on shared histogram bins (numpy's Doane edges over both samples,
 * as Evidently's `get_distribution_for_column`), categorical ones as counts per category.
 */
import type { PreparedReportReference } from './report.js';
import { type CurrentData, currentSamples } from './current-samples.js';
import { sortedCopy } from './math/sort.js';
import { type Sample, unionOfKeys, valueCounts } from './sample.js';
import { doaneEdges, histogramCounts } from './stattests/binning.js';
import type { CategoricalValue } from './types.js';

export type ColumnDistribution =
  | {
      readonly type: 'num';
      /** Bin edges, one more than the counts: bins are [e_i, e_i+1), the last one closed. */
      readonly edges: readonly number[];
      readonly reference: readonly number[];
      readonly current: readonly number[];
    }
  | {
      readonly type: 'cat';
      /** Categories of the reference in order of first appearance, then those new in current. */
      readonly categories: readonly CategoricalValue[];
      readonly reference: readonly number[];
      readonly current: readonly number[];
    };

export function sampleDistribution(reference: Sample, current: Sample): ColumnDistribution {
  if (reference.type === 'num' && current.type === 'num') {
    const edges = doaneEdges(reference.sorted, current.sorted);
    return {
      type: 'num',
      edges: [...edges],
      reference: [...histogramCounts(reference.sorted, edges)],
      current: [...histogramCounts(current.sorted, edges)],
    };
  }
  const referenceCounts = valueCounts(reference);
  const currentCounts = valueCounts(current);
  const categories = unionOfKeys(referenceCounts, currentCounts);
  return {
    type: 'cat',
    categories,
    reference: categories.map((category) => referenceCounts.get(category) ?? 0),
    current: categories.map((category) => currentCounts.get(category) ?? 0),
  };
}

/** `np.histogram(values, bins='doane')` of one numerical sample (at least one value). */
export function histogram(values: Float64Array): { readonly edges: readonly number[]; readonly counts: readonly number[] } {
  const sorted = sortedCopy(values);
  const edges = doaneEdges(sorted, sorted.subarray(0, 0));
  return { edges: [...edges], counts: [...histogramCounts(sorted, edges)] };
}

/** Distributions of the drift-tested features and of the target (the inputs' half of a report). */
export function inputDistributions(reference: PreparedReportReference, current: CurrentData): Record<string, ColumnDistribution> {
  const samples = currentSamples(current);
  const distributions: Record<string, ColumnDistribution> = {};
  for (const [column, referenceSample] of reference.features.samples) {
    distributions[column] = sampleDistribution(referenceSample, samples.sample(column, referenceSample.type));
  }
  const { target } = reference.schema;
  distributions[target] = sampleDistribution(reference.target, samples.sample(target, 'num'));
  return distributions;
}

/** Distribution of the predictions (the outputs' half). */
export function predictionDistribution(reference: PreparedReportReference, current: CurrentData): ColumnDistribution {
  const { prediction } = reference.schema;
  return sampleDistribution(reference.prediction, currentSamples(current).sample(prediction, 'num'));
}

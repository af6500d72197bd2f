/**
 * The proportions that Jensen–Shannon and PSI compare, as Evidently's `get_binned_data`:
 * numerical columns with more than 20 distinct reference values are cut into numpy's Sturges
 * histogram bins over both samples; other columns get one bin per distinct value. (Evidently's
 * `n_bins` argument is ignored there, and so it is here.)
 */
import { countAtOrBelow, countBelow } from '../math/search.js';
import { distinctCount, type NumericalSample, type Sample, sampleSize, unionOfKeys, valueCounts } from '../sample.js';

const MAX_DISTINCT_FOR_VALUE_BINS = 20;

/** Share of each sample in each bin (same bins for both). */
export interface BinnedProportions {
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

export function binnedProportions(reference: Sample, current: Sample): BinnedProportions {
  if (reference.type === 'num' && current.type === 'num' && distinctCount(reference) > MAX_DISTINCT_FOR_VALUE_BINS) {
    const edges = sturgesEdges(reference.sorted, current.sorted);
    return { reference: histogramProportions(reference, edges), current: histogramProportions(current, edges) };
  }
  const referenceCounts = valueCounts(reference);
  const currentCounts = valueCounts(current);
  const values = unionOfKeys(referenceCounts, currentCounts);
  const proportions = (counts: ReadonlyMap<unknown, number>, size: number): Float64Array =>
    Float64Array.from(values, (value) => (counts.get(value) ?? 0) / size);
  return {
    reference: proportions(referenceCounts, sampleSize(reference)),
    current: proportions(currentCounts, sampleSize(current)),
  };
}

/**
 * `np.histogram_bin_edges(concat(a, b), bins='sturges')` for two ascending samples: width
 * = range / (log2(N) + 1), bin count = ceil(range / width) computed exactly so (not as
 * ceil(log2(N) + 1), which differs when the division rounds), edges lo + i·(range / count).
 * numpy also widens bins to 1 for integer dtypes when width < 1, which takes more than 2^19
 * integer values; JavaScript numbers carry no dtype, so that case is not reproduced.
 */
export function sturgesEdges(a: Float64Array, b: Float64Array): Float64Array {
  const dataMin = Math.min(a[0], b[0]);
  const dataMax = Math.max(a[a.length - 1], b[b.length - 1]);
  const range = dataMax - dataMin;
  const width = range / (Math.log2(a.length + b.length) + 1);
  const binCount = width === 0 ? 1 : Math.ceil(range / width);
  // numpy widens a zero range to ±0.5 around the single value.
  const first = range === 0 ? dataMin - 0.5 : dataMin;
  const last = range === 0 ? dataMax + 0.5 : dataMax;
  const step = (last - first) / binCount;
  const edges = new Float64Array(binCount + 1);
  for (let i = 0; i < binCount; i++) edges[i] = i * step + first;
  edges[binCount] = last;
  return edges;
}

/** `np.histogram(values, edges)[0] / n`: bins are [e_i, e_i+1), the last one closed. */
function histogramProportions(sample: NumericalSample, edges: Float64Array): Float64Array {
  const { sorted } = sample;
  const binCount = edges.length - 1;
  const proportions = new Float64Array(binCount);
  let below = countBelow(sorted, edges[0]);
  for (let i = 0; i < binCount; i++) {
    const upTo = i === binCount - 1 ? countAtOrBelow(sorted, edges[i + 1]) : countBelow(sorted, edges[i + 1]);
    proportions[i] = (upTo - below) / sorted.length;
    below = upTo;
  }
  return proportions;
}

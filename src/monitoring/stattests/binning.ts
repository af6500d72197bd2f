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
 * = range / (log2(N) + 1). numpy also widens bins to 1 for integer dtypes when width < 1, which
 * takes more than 2^19 integer values; JavaScript numbers carry no dtype, so that case is not
 * reproduced.
 */
export function sturgesEdges(a: Float64Array, b: Float64Array): Float64Array {
  return equalWidthEdges(a, b, (range, size) => range / (Math.log2(size) + 1));
}

/**
 * `np.histogram_bin_edges(concat(a, b), bins='doane')`, the bins of Evidently's distribution
 * charts: Sturges corrected for the skewness g1 of the pooled values, width = range / (1 +
 * log2(N) + log2(1 + |g1| / σg1)) with σg1 = sqrt(6 (N − 2) / ((N + 1)(N + 3))); one bin for
 * fewer than three values or no spread.
 */
export function doaneEdges(a: Float64Array, b: Float64Array): Float64Array {
  return equalWidthEdges(a, b, (range, size) => {
    if (size <= 2) return 0;
    let sum = 0;
    for (const sample of [a, b]) for (let i = 0; i < sample.length; i++) sum += sample[i];
    const mean = sum / size;
    let squares = 0;
    let cubes = 0;
    for (const sample of [a, b]) {
      for (let i = 0; i < sample.length; i++) {
        const deviation = sample[i] - mean;
        squares += deviation * deviation;
      }
    }
    const sigma = Math.sqrt(squares / size);
    if (!(sigma > 0)) return 0;
    for (const sample of [a, b]) {
      for (let i = 0; i < sample.length; i++) {
        // Cubed by two products: V8's general pow (x ** 3) costs several times more, and the bin
        // count this feeds moves only when range / width is within an ulp of an integer.
        const z = (sample[i] - mean) / sigma;
        cubes += z * z * z;
      }
    }
    const skewness = cubes / size;
    const skewnessError = Math.sqrt((6 * (size - 2)) / ((size + 1) * (size + 3)));
    return range / (1 + Math.log2(size) + Math.log2(1 + Math.abs(skewness) / skewnessError));
  });
}

/**
 * numpy's equal-width edges over two ascending samples, given its bin-width rule: bin count =
 * ceil(range / width) computed exactly so (not as the rule's rounded count, which differs when
 * the division rounds), one bin when the width is 0, edges lo + i·(range / count).
 */
function equalWidthEdges(a: Float64Array, b: Float64Array, width: (range: number, size: number) => number): Float64Array {
  // `b` may be empty (the histogram of one sample).
  const dataMin = b.length === 0 ? a[0] : Math.min(a[0], b[0]);
  const dataMax = b.length === 0 ? a[a.length - 1] : Math.max(a[a.length - 1], b[b.length - 1]);
  const range = dataMax - dataMin;
  const binWidth = width(range, a.length + b.length);
  const binCount = binWidth === 0 ? 1 : Math.ceil(range / binWidth);
  // numpy widens a zero range to ±0.5 around the single value.
  const first = range === 0 ? dataMin - 0.5 : dataMin;
  const last = range === 0 ? dataMax + 0.5 : dataMax;
  const step = (last - first) / binCount;
  const edges = new Float64Array(binCount + 1);
  for (let i = 0; i < binCount; i++) edges[i] = i * step + first;
  edges[binCount] = last;
  return edges;
}

/** `np.histogram(sorted, edges)[0]`: bins are [e_i, e_i+1), the last one closed. */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const binCount = edges.length - 1;
  const counts = new Float64Array(binCount);
  let below = countBelow(sorted, edges[0]);
  for (let i = 0; i < binCount; i++) {
    const upTo = i === binCount - 1 ? countAtOrBelow(sorted, edges[i + 1]) : countBelow(sorted, edges[i + 1]);
    counts[i] = upTo - below;
    below = upTo;
  }
  return counts;
}

/** `np.histogram(values, edges)[0] / n`. */
function histogramProportions(sample: NumericalSample, edges: Float64Array): Float64Array {
  return histogramCounts(sample.sorted, edges).map((count) => count / sample.sorted.length);
}

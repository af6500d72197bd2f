/**
 * numpy's summation of float64 arrays (`np.sum`, `np.mean`, and pandas' sums, which call it).
 * numpy adds in pairs: blocks of at most 128 values are summed with 8 interleaved accumulators,
 * larger ranges are split in two at a multiple of 8. Following the same order gives the same
 * last bits as numpy, which a left-to-right loop does not once there are more than 8 values.
 */

const UNROLL = 8;
const BLOCK = 128;

/** Sum of `values[start .. start + count)` in numpy's order. */
export function pairwiseSum(values: ArrayLike<number>, start = 0, count = values.length - start): number {
  if (count < UNROLL) {
    let sum = 0;
    for (let i = start; i < start + count; i++) sum += values[i];
    return sum;
  }
  if (count <= BLOCK) return blockSum(values, start, count);
  let half = Math.floor(count / 2);
  half -= half % UNROLL;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}

function blockSum(values: ArrayLike<number>, start: number, count: number): number {
  const r = new Float64Array(UNROLL);
  for (let j = 0; j < UNROLL; j++) r[j] = values[start + j];
  const unrolledEnd = count - (count % UNROLL);
  let i = UNROLL;
  for (; i < unrolledEnd; i += UNROLL) {
    for (let j = 0; j < UNROLL; j++) r[j] += values[start + i + j];
  }
  let sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < count; i++) sum += values[start + i];
  return sum;
}

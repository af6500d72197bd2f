/**
 * P(D_n <= x) for the two-sided one-sample KS statistic by Pomeranz's recursion (Pomeranz 1974),
 * as scipy's `_kolmogn_Pomeranz`: 2n + 1 steps, each convolving a short window of the previous
 * row with Poisson-like weights (g/n)^j/j!, (2g/n)^j/j! or ((1-2g)/n)^j/j!, where g is the
 * distance of n·x to the nearest integer. The answer is n! times the final entry.
 */
import ldexp from '@stdlib/math-base-special-ldexp';
import { clipProbability } from '../math/float.js';

const SCALE_EXPONENT = 128;
const SCALE = 2 ** SCALE_EXPONENT;

export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const whole = Math.floor(t);
  const f = t - whole;
  const g = Math.min(f, 1 - f);
  const bounds: RowBounds = { n, whole, ceilF: f > 0 ? 1 : 0, roundF: f > 0.5 ? 1 : 0 };
  const width = 2 * (whole + 1);
  const edgeWeights = poissonWeights(g / n, width);
  const oddWeights = poissonWeights((2 * g) / n, width);
  const evenWeights = poissonWeights((1 - 2 * g) / n, width);

  let previous = new Float64Array(width);
  let current = new Float64Array(width);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let j1 = rowBounds(0, bounds)[0];
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    const [start, j2] = rowBounds(i, bounds);
    j1 = start;
    const weights = i === 1 || i === 2 * n + 1 ? edgeWeights : i % 2 === 1 ? oddWeights : evenWeights;
    const span = j2 - k1 + 1;
    if (span <= 0) continue;
    // current[0 .. j2-j1] = entries j1-k1 .. j2-k1 of convolve(previous window, weights window)
    const offset = k1 - previousStart;
    const windowLength = Math.min(span, width - offset);
    const weightsLength = Math.min(span, width);
    for (let out = 0; out <= j2 - j1; out++) {
      const index = out + j1 - k1;
      let sum = 0;
      for (let a = Math.max(0, index - weightsLength + 1); a <= Math.min(index, windowLength - 1); a++) {
        sum += previous[offset + a] * weights[index - a];
      }
      current[out] = sum;
    }
    let largest = 0;
    for (const value of current) largest = Math.max(largest, value);
    if (largest > 0 && largest < 1 / SCALE) {
      for (let j = 0; j < width; j++) current[j] *= SCALE;
      exponent -= SCALE_EXPONENT;
    }
    currentStart = previousStart + j1 - k1;
  }

  let answer = current[n - currentStart];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE) {
      answer /= SCALE;
      exponent += SCALE_EXPONENT;
    }
    answer *= m; // times n!
  }
  return clipProbability(ldexp(answer, exponent));
}

interface RowBounds {
  readonly n: number;
  readonly whole: number;
  readonly ceilF: number;
  readonly roundF: number;
}

/** rate^j / j! for j = 0 .. count-1. */
function poissonWeights(rate: number, count: number): Float64Array {
  const weights = new Float64Array(count);
  weights[0] = 1;
  for (let j = 1; j < count; j++) weights[j] = (weights[j - 1] * rate) / j;
  return weights;
}

/** First and last non-zero column of row i (scipy's `_pomeranz_compute_j1j2`). */
function rowBounds(i: number, { n, whole, ceilF, roundF }: RowBounds): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -whole - ceilF - 1;
    j2 = whole + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - whole - ceilF - 1;
        j2 = n + whole + ceilF - 1;
      } else {
        j1 = half - 1 - whole - roundF - 1;
        j2 = half + whole - 1 + ceilF - 1;
      }
    } else {
      j1 = half - 1 - whole - 1;
      j2 = half + whole + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

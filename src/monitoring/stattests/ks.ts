/**
 * Two-sample Kolmogorov–Smirnov test, as scipy's `ks_2samp(reference, current)` (two-sided,
 * method 'auto') that Evidently calls: the exact distribution of the statistic when neither
 * sample has more than 10,000 values, else the one-sample Kolmogorov distribution at the
 * effective size n·m/(n+m).
 */
import { kolmogorovSf } from '../distributions/kolmogorov.js';
import { clipProbability, gcd, roundHalfEven } from '../math/float.js';
import { numericalSample, type StatTest } from './stat-test.js';

/** scipy's MAX_AUTO_N: the largest sample size for which 'auto' computes the exact p-value. */
const MAX_EXACT_SIZE = 10_000;

export const ksTest: StatTest = {
  name: 'ks',
  displayName: 'K-S p_value',
  columnTypes: ['num'],
  defaultThreshold: 0.05,
  driftWhen: 'score <= threshold',
  score: (reference, current) =>
    ksPValue(numericalSample(reference, 'K-S').sorted, numericalSample(current, 'K-S').sorted),
};

/** Two-sided p-value of the KS test for two non-empty ascending samples. */
export function ksPValue(a: Float64Array, b: Float64Array): number {
  const statistic = ksStatistic(a, b);
  if (Math.max(a.length, b.length) > MAX_EXACT_SIZE) return asymptoticPValue(statistic, a.length, b.length);
  const g = gcd(a.length, b.length);
  const lcm = (a.length / g) * b.length;
  const h = roundHalfEven(statistic * lcm);
  if (h === 0) return 1;
  const p = a.length === b.length ? probabilityOutsideSquare(a.length, h) : probabilityOutsideLattice(a.length, b.length, g, h);
  // scipy falls back to the asymptotic distribution when the exact computation fails.
  return p >= 0 && p <= 1 ? p : asymptoticPValue(h / lcm, a.length, b.length);
}

/** D = max |F_a - F_b| over the pooled values, computed as scipy does (same roundings). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  let largest = 0;
  let smallest = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    const difference = i / a.length - j / b.length;
    largest = Math.max(largest, difference);
    smallest = Math.min(smallest, difference);
  }
  return Math.max(largest, Math.min(-smallest, 1));
}

function asymptoticPValue(statistic: number, n1: number, n2: number): number {
  const effectiveSize = (n1 * n2) / (n1 + n2);
  return clipProbability(kolmogorovSf(roundHalfEven(effectiveSize), statistic));
}

/**
 * P(D >= h/n) for two samples of equal size n: 2·(A1 − A1·A2 + A1·A2·A3 − ...), the
 * alternating binomial ratios of the reflection principle, evaluated Horner-style from the
 * innermost term to avoid cancellation (scipy's `_compute_prob_outside_square`).
 */
function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D >= h/lcm) for samples of sizes n1 != n2: Hodges' count of lattice paths from (0,0) to
 * (m,n) that stay strictly inside the band |x/m − y/n| < h/lcm, carried as the probability of
 * leaving it (Viehmann 2021) so no binomial coefficient is ever formed. One column of the
 * lattice is kept, over the window of rows the band allows (scipy's
 * `_compute_outer_prob_inside_method`).
 */
function probabilityOutsideLattice(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let length = maxJ - minJ;
  const column = new Float64Array(Math.min(2 * maxJ + 2, n + 1)).fill(1);
  column.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = length;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (column[jj + minJ - lastMinJ] * i + value * j) / (i + j);
      column[jj] = value;
    }
    length = maxJ - minJ;
    if (lastLength > length) column.fill(1, length, lastLength);
  }
  return column[maxJ - minJ - 1];
}

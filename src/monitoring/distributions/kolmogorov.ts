/**
 * The two-sided one-sample Kolmogorov–Smirnov distribution for a finite sample size n:
 * P(D_n >= x), scipy's `kstwo.sf(x, n)` (scipy/stats/_ksstats.py `_kolmogn`). It is exact, not
 * the limiting distribution `kstwobign`, which differs by about 1% at the sizes used here.
 *
 * Following Simard & L'Ecuyer (2011), the method depends on n and n·x²: closed forms of Ruben &
 * Gambino at both ends, 2·smirnov in the upper tail, and in between Durbin's matrix (small n·x),
 * Pomeranz's recursion (n <= 140) or the Pelz–Good approximation (large n).
 */
import { clipProbability } from '../math/float.js';
import { durbinCdf } from './kolmogorov-durbin.js';
import { pelzGoodCdf } from './kolmogorov-pelz-good.js';
import { pomeranzCdf } from './kolmogorov-pomeranz.js';
import { smirnovSf } from './smirnov.js';

/** Up to this n the exact algorithms run on their own; above it, cut-offs on n·x² apply. */
const SMALL_N = 140;
/** Stirling series coefficients B_2j / (2j (2j-1)) for j = 8 .. 1 (highest power first), as doubles. */
const STIRLING_COEFFICIENTS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953,
  0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];
const LOG_2PI = Math.log(2 * Math.PI);

/** P(D_n >= x) for the KS statistic D_n of n observations against a continuous distribution. */
export function kolmogorovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) return t <= 0.5 ? 1 : clipProbability(1 - rubenGambinoLowerCdf(n, t));
  if (t >= n - 1) return clipProbability(2 * (1 - x) ** n);
  if (x >= 0.5) return clipProbability(2 * smirnovSf(n, x));

  const nxSquared = t * x;
  if (n <= SMALL_N) {
    if (nxSquared <= 0.754693) return clipProbability(1 - durbinCdf(n, x));
    if (nxSquared <= 4) return clipProbability(1 - pomeranzCdf(n, x));
    return clipProbability(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clipProbability(2 * smirnovSf(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
  return clipProbability(1 - cdf);
}

/** Ruben & Gambino: P(D_n <= x) = n!/n^n · (2nx - 1)^n for 1/(2n) <= x <= 1/n (t = n·x). */
function rubenGambinoLowerCdf(n: number, t: number): number {
  if (n <= SMALL_N) {
    let product = 1;
    for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
    return product;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

/** log(n!/n^n) by Stirling's series, with n·log(n) removed up front to avoid cancellation. */
function logFactorialOverPower(n: number): number {
  const reciprocal = 1 / n;
  let series = 0;
  for (const coefficient of STIRLING_COEFFICIENTS) series = series * (reciprocal / n) + coefficient;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + reciprocal * series;
}

/**
 * The one-sided Kolmogorov–Smirnov statistic's distribution (Smirnov): P(D+_n >= x), the
 * function scipy exposes as `scipy.special.smirnov(n, x)`. The two-sided distribution
 * (kolmogorov.ts) uses 2 * smirnov in its upper tail.
 */
import { twoProductError } from '../math/float.js';
import { fromScaled, type Scaled, scaledPower, scaledProduct, toScaled } from '../math/scaled.js';

/** Cephes MINLOG, log(2^-1075): below it exp() underflows to 0. */
const MIN_LOG = -745.1332191019412;
/** Beyond this n scipy switches to an asymptotic formula rather than sum n terms. */
const MAX_SUMMED_N = 1_000_000;

/** P(D+_n >= x), the one-sided KS survival function, for integer n >= 1 and 0 <= x <= 1. */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (n > MAX_SUMMED_N) return asymptoticSf(n, x);
  return birnbaumTingeySum(n, x);
}

/**
 * Birnbaum & Tingey (1951):
 *   P(D+_n >= x) = x · Σ_{v=0}^{⌊n(1-x)⌋} C(n,v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v),
 * a sum of positive terms. Binomials and powers leave the double range, so each term is built
 * as a scaled number (math/scaled.ts). As in scipy, which uses double-double arithmetic here,
 * n·x is split exactly into its integer and fractional parts and the bases carry their rounding
 * error, so that raising them to powers in the thousands keeps full precision.
 */
function birnbaumTingeySum(n: number, x: number): number {
  const { whole, fraction } = splitScaled(n, x);
  const lastV = n - whole - 1; // also excludes the zero term at v = n(1-x) when n·x is an integer
  const scaledX = toScaled(x);
  let binomial = toScaled(1);
  let sum = fromScaled(correctedPower(n - whole, -fraction, n, n)); // v = 0: (1 - x)^n
  let compensation = 0;
  for (let v = 1; v <= lastV; v++) {
    binomial = scaledProduct(binomial, toScaled((n - v + 1) / v));
    const lower = correctedPower(whole + v, fraction, n, v - 1); // (x + v/n)^(v-1)
    const upper = correctedPower(n - whole - v, -fraction, n, n - v); // (1 - x - v/n)^(n-v)
    const term = fromScaled(scaledProduct(scaledProduct(scaledX, binomial), scaledProduct(lower, upper)));
    // Neumaier summation: the terms span many orders of magnitude.
    const total = sum + term;
    compensation += sum >= term ? sum - total + term : term - total + sum;
    sum = total;
    // Stop once the remaining terms cannot reach the last bit (scipy's criterion).
    if (term !== 0 && 4 * (lastV + 1 - v) * term < Number.EPSILON * sum) break;
  }
  return Math.min(Math.max(sum + compensation, 0), 1);
}

/**
 * ((whole + fraction) / n)^power, for integers whole >= 1 and n, |fraction| < 1, with the
 * rounding error of the base carried into the power to first order: (b(1 + r))^k ≈ b^k (1 + kr).
 */
function correctedPower(whole: number, fraction: number, n: number, power: number): Scaled {
  const numerator = whole + fraction;
  const numeratorError = whole - numerator + fraction;
  const base = numerator / n;
  const remainder = numerator - base * n - twoProductError(base, n) + numeratorError;
  const relativeError = remainder / n / base;
  return scaledProduct(scaledPower(base, power), toScaled(1 + power * relativeError));
}

/** n·x = whole + fraction exactly (up to one rounding of fraction), 0 <= fraction < 1. */
function splitScaled(n: number, x: number): { whole: number; fraction: number } {
  const product = n * x;
  let whole = Math.floor(product);
  let fraction = product - whole + twoProductError(n, x);
  if (fraction < 0) {
    whole -= 1;
    fraction += 1;
  }
  if (fraction >= 1) {
    whole += 1;
    fraction -= 1;
  }
  return { whole, fraction };
}

/** scipy's approximation for very large n: P ≈ exp(-(6nx + 1)² / (18n)). */
function asymptoticSf(n: number, x: number): number {
  const logP = -((6 * n * x + 1) ** 2) / 18 / n;
  return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
}

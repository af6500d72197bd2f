/** The standard normal distribution, as scipy's `norm.cdf` (Cephes `ndtr`). */
import erfc from '@stdlib/math-base-special-erfc';

/** Φ(x) = P(Z <= x) for Z ~ N(0, 1), computed from erfc like Cephes' `ndtr`. */
export function normalCdf(x: number): number {
  const scaled = x * Math.SQRT1_2;
  const tail = 0.5 * erfc(Math.abs(scaled));
  // 1 - tail rounds to exactly 1 beyond |x| ≈ 8.3, as in scipy, so two-sided p-values become 0.
  return scaled > 0 ? 1 - tail : tail;
}

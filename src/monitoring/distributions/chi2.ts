/** The chi-square distribution's survival function, as scipy's `chi2.sf` (Cephes `chdtrc`). */
import gammainc from '@stdlib/math-base-special-gammainc';

/**
 * P(X > x) for X ~ χ²(df): the regularized upper incomplete gamma function Q(df/2, x/2), with
 * the edge cases of Cephes `igamc`: df = 0 gives 0 for x > 0 and NaN for x = 0; x = ∞ gives 0.
 */
export function chi2Sf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df < 0) return Number.NaN;
  if (x < 0) return 1;
  if (df === 0) return x > 0 ? 0 : Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

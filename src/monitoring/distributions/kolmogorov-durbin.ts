/**
 * P(D_n <= d) for the two-sided one-sample KS statistic by Durbin's matrix method (Durbin 1968),
 * in the form of Marsaglia, Tsang & Wang (2003) that scipy's `_kolmogn_DMTW` uses: write
 * n·d = k - h (k integer, 0 <= h < 1), build an m×m matrix H with m = 2k - 1, and read the
 * k-th diagonal entry of H^n, times n!/n^n. Cost O(m³ log n): suited to small n·d.
 */
import ldexp from '@stdlib/math-base-special-ldexp';
import { clipProbability } from '../math/float.js';

/** Entries are rescaled by 2^128 whenever they leave [2^-128, 2^128], and the exponent kept. */
const SCALE_EXPONENT = 128;
const SCALE = 2 ** SCALE_EXPONENT;

export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  let power = identity(m);
  let powerExponent = 0;
  let square = durbinMatrix(h, m);
  let squareExponent = 0;
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      power = multiply(power, square, m);
      powerExponent += squareExponent;
    }
    if (remaining === 1) break; // the next square would not be used
    square = multiply(square, square, m);
    squareExponent *= 2;
    if (Math.abs(square[(k - 1) * m + k - 1]) > SCALE) {
      for (let i = 0; i < square.length; i++) square[i] /= SCALE;
      squareExponent += SCALE_EXPONENT;
    }
  }

  let p = power[(k - 1) * m + k - 1];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n; // times n!/n^n
    if (Math.abs(p) < 1 / SCALE) {
      p *= SCALE;
      powerExponent -= SCALE_EXPONENT;
    }
  }
  return clipProbability(ldexp(p, powerExponent));
}

/**
 * H[i][j] = 1/(i-j+1)! for j <= i+1 (zero above the superdiagonal), except the first column
 * (1 - h^(i+1))/(i+1)! and the last row (its mirror), whose corner gets (1 - 2h^m +
 * max(0, 2h-1)^m)/m!.
 */
function durbinMatrix(h: number, m: number): Float64Array {
  const firstColumn = new Float64Array(m);
  const inverseFactorials = new Float64Array(m); // 1/j! for j = 0 .. m-1
  let inverseFactorial = 1;
  for (let j = 1; j <= m; j++) {
    inverseFactorials[j - 1] = inverseFactorial;
    inverseFactorial /= j;
    firstColumn[j - 1] = (1 - h ** j) * inverseFactorial;
  }
  const corner = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  firstColumn[m - 1] = (1 + corner) * inverseFactorial;

  const matrix = new Float64Array(m * m);
  for (let column = 1; column < m; column++) {
    for (let row = column - 1; row < m; row++) matrix[row * m + column] = inverseFactorials[row - column + 1];
  }
  for (let row = 0; row < m; row++) matrix[row * m] = firstColumn[row];
  for (let column = 0; column < m; column++) matrix[(m - 1) * m + column] = firstColumn[m - 1 - column];
  return matrix;
}

function identity(m: number): Float64Array {
  const matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) matrix[i * m + i] = 1;
  return matrix;
}

/** Row-major m×m product. */
function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const product = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) product[i * m + j] += ail * b[l * m + j];
    }
  }
  return product;
}

/** Floating-point helpers that JavaScript lacks and numpy / C provide (ldexp, frexp and gcd come from @stdlib). */

/** `np.round(x)`: to the nearest integer, halves to the even neighbour (as `rint`). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** `np.clip(x, 0, 1)` for a probability (NaN stays NaN). */
export function clipProbability(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Rounding error of a * b: (a * b) + twoProductError(a, b) equals the exact product (Dekker). */
export function twoProductError(a: number, b: number): number {
  const product = a * b;
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/** Veltkamp's split of a double into two halves of 26 significant bits each. */
function split(a: number): [number, number] {
  const c = 134217729 * a; // 2^27 + 1
  const high = c - (c - a);
  return [high, a - high];
}

/**
 * Positive numbers held as mantissa · 2^exponent (0.5 <= mantissa < 1, as C's frexp), for
 * products such as binomial coefficients times high powers whose factors overflow or underflow
 * doubles while the product itself is an ordinary number.
 */
import frexp from '@stdlib/math-base-special-frexp';
import ldexp from '@stdlib/math-base-special-ldexp';

export interface Scaled {
  readonly mantissa: number;
  readonly exponent: number;
}

/** x = mantissa · 2^exponent, for a finite positive x. */
export function toScaled(x: number): Scaled {
  const [mantissa, exponent] = frexp(x);
  return { mantissa, exponent };
}

export function scaledProduct(a: Scaled, b: Scaled): Scaled {
  const mantissa = a.mantissa * b.mantissa; // in [0.25, 1)
  return mantissa < 0.5
    ? { mantissa: mantissa * 2, exponent: a.exponent + b.exponent - 1 }
    : { mantissa, exponent: a.exponent + b.exponent };
}

/** base^power for a positive base and integer power >= 0, by repeated squaring. */
export function scaledPower(base: number, power: number): Scaled {
  let result: Scaled = { mantissa: 0.5, exponent: 1 };
  let square = toScaled(base);
  for (let remaining = power; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) result = scaledProduct(result, square);
    if (remaining > 1) square = scaledProduct(square, square);
  }
  return result;
}

/** The double nearest to the scaled number (0 or Infinity beyond the double range). */
export function fromScaled(a: Scaled): number {
  return ldexp(a.mantissa, a.exponent);
}

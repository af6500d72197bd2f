/** Shared by the monitoring tests: the parity tolerance and reading Evidently fixtures. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** The acceptance tolerance: 1e-9 relative, or 1e-12 absolute near zero. */
export const RELATIVE_TOLERANCE = 1e-9;
export const ABSOLUTE_TOLERANCE = 1e-12;

/** |actual − expected| / |expected|: 0 when equal (NaN = NaN), Infinity when only expected is 0. */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Asserts the tolerance and returns the relative error, for reporting the worst one. */
export function assertClose(actual: number, expected: number, what: string): number {
  const error = relativeError(actual, expected);
  const withinAbsolute = Math.abs(actual - expected) <= ABSOLUTE_TOLERANCE;
  assert.ok(error <= RELATIVE_TOLERANCE || withinAbsolute, `${what}: got ${actual}, expected ${expected} (relative error ${error})`);
  return withinAbsolute && expected === 0 ? 0 : error;
}

/** Fixture numbers: NaN and ±Infinity are written as strings, since JSON has neither. */
export type FixtureNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function fixtureNumber(value: FixtureNumber): number {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value;
}

/** A fixture column value: strings other than the three special ones are categories. */
export function fixtureValue(value: number | string | null): number | string | null {
  return value === 'NaN' || value === 'Infinity' || value === '-Infinity' ? fixtureNumber(value) : value;
}

/** Parses a fixture of test/fixtures/evidently/, written by scripts/oracle/generate_fixtures.py. */
export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/evidently/${name}`, import.meta.url), 'utf8')) as unknown;
}

/** The integers 0 .. count-1 mapped through `f` (for the spec's generated vectors). */
export function generate<T>(count: number, f: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => f(i));
}

/** `value` repeated `count` times. */
export function repeat<T>(value: T, count: number): T[] {
  return Array.from({ length: count }, () => value);
}

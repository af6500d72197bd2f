/**
 * The finite-n Kolmogorov distribution against scipy's `kstwo.sf(x, n)`, one case per branch
 * of `_kolmogn`. Expected values were printed by scipy 1.17.1:
 *   python3 -c "from scipy.stats import kstwo; print(repr(kstwo.sf(x, n)))"
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kolmogorovSf } from '../../src/monitoring/distributions/kolmogorov.js';
import { smirnovSf } from '../../src/monitoring/distributions/smirnov.js';
import { assertClose } from './helpers.js';

const SCIPY_KSTWO_SF: readonly [n: number, x: number, sf: number, branch: string][] = [
  [5, 0.19, 0.977325184, 'Ruben-Gambino, n·x <= 1'],
  [10, 0.95, 1.9531250000000172e-13, 'Ruben-Gambino, n·x >= n - 1'],
  [50, 0.6, 9.634070456142374e-18, 'x >= 0.5: 2·smirnov'],
  [100, 0.05, 0.9532159710635725, 'n <= 140, small n·x²: Durbin matrix'],
  [100, 0.15, 0.019839242125641813, 'n <= 140, n·x² <= 4: Pomeranz'],
  [100, 0.3, 1.7719869892662917e-8, 'n <= 140, n·x² > 4: 2·smirnov'],
  [577, 0.01, 0.9999999840794511, 'n > 140, n·x^1.5 <= 1.4: Durbin matrix'],
  [577, 0.05, 0.10797532939323073, 'n > 140: Pelz-Good'],
  [577, 0.08, 0.0011667082114189978, 'n > 140, n·x² >= 2.2: 2·smirnov'],
  [577, 0.81, 0, 'n > 140, n·x² >= 370: 0'],
];

describe('kolmogorovSf (scipy kstwo.sf)', () => {
  for (const [n, x, sf, branch] of SCIPY_KSTWO_SF) {
    it(`${branch} (n=${n}, x=${x})`, () => {
      assertClose(kolmogorovSf(n, x), sf, `kstwo.sf(${x}, ${n})`);
    });
  }

  it('is 1 at x <= 0, 0 at x >= 1, NaN for a non-integer n', () => {
    assert.equal(kolmogorovSf(20, 0), 1);
    assert.equal(kolmogorovSf(20, 1), 0);
    assert.ok(Number.isNaN(kolmogorovSf(2.5, 0.3)));
  });
});

describe('smirnovSf (scipy smirnov)', () => {
  it('has the closed forms of its edges', () => {
    assert.equal(smirnovSf(1, 0.3), 0.7);
    assert.equal(smirnovSf(10, 0), 1);
    assert.equal(smirnovSf(10, 1), 0);
    // n·x >= n - 1 leaves one term: (1 - x)^n
    assertClose(smirnovSf(10, 0.95), 0.05 ** 10, 'smirnov(10, 0.95)');
  });
});

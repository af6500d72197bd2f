/**
 * numpy's summation order and moments. Expected values were printed by numpy for the array
 * v[i] = (i·7919 mod 10007) / 997 + 1000 (exact in both languages), where a left-to-right sum
 * differs from numpy's in the last bits:
 *   python3 -c "import numpy as np; v = np.array([(i*7919 % 10007)/997 + 1000.0 for i in range(1000)]); print(repr(v.sum()), repr(v.std()), repr(v.std(ddof=1)))"
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mean, standardDeviation } from '../../src/monitoring/math/moments.js';
import { pairwiseSum } from '../../src/monitoring/math/pairwise-sum.js';
import { roundHalfEven } from '../../src/monitoring/math/float.js';
import { sortedCopy } from '../../src/monitoring/math/sort.js';
import { generate } from './helpers.js';

const values = Float64Array.from(generate(1000, (i) => ((i * 7919) % 10007) / 997 + 1000));

describe('numpy summation and moments', () => {
  it('sums in numpy pairwise order, which differs from a left-to-right sum', () => {
    const leftToRight = values.reduce((a, b) => a + b, 0);
    assert.equal(pairwiseSum(values), 1005022.1273821464);
    assert.notEqual(leftToRight, 1005022.1273821464);
    assert.equal(mean(values), 1005.0221273821464);
  });

  it('computes np.std with ddof 0 and 1 by the two-pass formula', () => {
    assert.equal(standardDeviation(values, 0), 2.898772814191259);
    assert.equal(standardDeviation(values, 1), 2.9002232885448196);
    assert.ok(Number.isNaN(standardDeviation([3], 1)));
  });

  it('sums short arrays left to right, as numpy does below 8 values', () => {
    assert.equal(pairwiseSum([0.1, 0.2, 0.3]), 0.1 + 0.2 + 0.3);
    assert.equal(pairwiseSum([]), 0);
  });

  it('rounds halves to even like np.round', () => {
    assert.deepEqual([0.5, 1.5, 2.5, 2.4999, 3.5000001].map(roundHalfEven), [0, 2, 2, 2, 4]);
  });

  it('sorts a copy exactly as Float64Array.prototype.sort does, whatever the share of distinct values', () => {
    const columns = {
      'hours': generate(10_000, (i) => (i * 7) % 24),
      'runs, as of weekdays by the hour': generate(1_000, (i) => Math.floor(i / 24) % 7),
      'runs of zeros of either sign': generate(1_000, (i) => (Math.floor(i / 3) % 2 === 0 ? -0 : 0)),
      'two decimals': generate(10_000, (i) => ((i * 7919) % 101) / 100),
      'signed zeros and negatives': generate(1_000, (i) => [0, -0, -1.5, 2, -0][i % 5]),
      'NaN and infinities': generate(1_000, (i) => [Number.NaN, Number.POSITIVE_INFINITY, 3, Number.NEGATIVE_INFINITY][i % 4]),
      'an eighth distinct': generate(1_000, (i) => i % 125),
      'one more than an eighth distinct': generate(1_000, (i) => i % 126),
      'all distinct': generate(1_000, (i) => ((i * 7919) % 10007) / 997),
      'short': [3, -0, 0, 1, 3],
      'empty': [],
    };
    for (const [name, values] of Object.entries(columns)) {
      // A view into a larger buffer, as a column of a batch may be.
      const column = Float64Array.from([42, ...values]).subarray(1);
      const expected = column.slice().sort();
      const sorted = sortedCopy(column);
      assert.equal(sorted.length, expected.length, name);
      for (let i = 0; i < expected.length; i++) assert.ok(Object.is(sorted[i], expected[i]), `${name}: ${sorted[i]} at ${i}, expected ${expected[i]}`);
      assert.deepEqual([...column], values.map(Number), `${name}: the column is left as it was`);
    }
  });
});

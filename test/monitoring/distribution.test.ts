/**
 * The distributions behind the report's charts. Expected values were printed by numpy 2.4:
 *   a = np.array([(i*7919 % 101)/10 for i in range(50)]); b = np.array([((i*31) % 17)**2/7 for i in range(30)])
 *   e = np.histogram_bin_edges(np.concatenate([a, b]), bins='doane'); np.histogram(a, e)[0]; np.histogram(b, e)[0]
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { histogram, sampleDistribution } from '../../src/monitoring/index.js';
import { toSample } from '../../src/monitoring/sample.js';

const a = Array.from({ length: 50 }, (_, i) => ((i * 7919) % 101) / 10);
const b = Array.from({ length: 30 }, (_, i) => ((i * 31) % 17) ** 2 / 7);

describe('column distributions', () => {
  it("bins numerical columns on numpy's Doane edges over both samples", () => {
    const distribution = sampleDistribution(toSample('x', 'num', a, 'reference'), toSample('x', 'num', b, 'current'));
    assert.equal(distribution.type, 'num');
    const expectedEdges = [
      0.0, 3.3246753246753245, 6.649350649350649, 9.974025974025974, 13.298701298701298, 16.623376623376622, 19.948051948051948, 23.27272727272727,
      26.597402597402596, 29.92207792207792, 33.246753246753244, 36.57142857142857,
    ];
    assert.equal(distribution.edges.length, expectedEdges.length);
    distribution.edges.forEach((edge, i) => { assert.ok(Math.abs(edge - expectedEdges[i]) <= 1e-12, `edge ${i}: ${edge}`); });
    assert.deepEqual(distribution.reference, [17, 17, 15, 1, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(distribution.current, [9, 3, 4, 1, 2, 2, 1, 2, 2, 2, 2]);
  });

  it('widens a single value to ±0.5 and keeps two values in one bin, as numpy', () => {
    assert.deepEqual(histogram(Float64Array.from([3, 3, 3])), { edges: [2.5, 3.5], counts: [3] });
    assert.deepEqual(histogram(Float64Array.from([1, 2])), { edges: [1, 2], counts: [2] });
  });

  it('counts categories, those of the reference first, then those new in the current batch', () => {
    const distribution = sampleDistribution(toSample('s', 'cat', [1, 1, 2, 4], 'reference'), toSample('s', 'cat', [2, 3, 3, 1], 'current'));
    assert.deepEqual(distribution, { type: 'cat', categories: [1, 2, 4, 3], reference: [2, 1, 1, 0], current: [1, 1, 0, 2] });
  });

  it('counts a categorical column by runs as one by one: each value once, in order of first appearance', () => {
    // Runs broken by another value and resumed, missing values inside a run, a run at each end, 0 and -0 as one key.
    const values = ['b', 'b', 'a', null, 'a', 'b', 3, 3, Number.NaN, 3, 'a', 0, -0, 'c', 'c'];
    const oneByOne = new Map<string | number, number>();
    for (const value of values) if (value !== null && !Number.isNaN(value)) oneByOne.set(value, (oneByOne.get(value) ?? 0) + 1);
    const sample = toSample('s', 'cat', values, 'current');
    assert.equal(sample.type, 'cat');
    assert.deepEqual([...sample.counts], [...oneByOne]);
    assert.deepEqual([...oneByOne], [['b', 3], ['a', 3], [3, 3], [0, 2], ['c', 2]]);
    assert.equal(sample.size, 13);
  });
});

/** One column's drift: cleaning, the choice of method and threshold, and input errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnDrift, MonitoringInputError } from '../../src/monitoring/index.js';
import { generate, repeat } from './helpers.js';

const reference = generate(60, (i) => (i * 7) % 23);
const current = generate(50, (i) => ((i * 11) % 29) + 2);

describe('columnDrift: cleaning', () => {
  it('drops NaN and ±Infinity on both sides, like Evidently ValueDrift', () => {
    const dirty = columnDrift('x', 'num', [...reference, Number.NaN, Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY, ...current]);
    assert.deepEqual(dirty, columnDrift('x', 'num', reference, current));
  });

  it('drops null, NaN and ±Infinity from categorical columns', () => {
    const clean = columnDrift('c', 'cat', ['a', 'b', 'a', 'c'], ['a', 'c', 'c']);
    assert.deepEqual(columnDrift('c', 'cat', ['a', null, 'b', 'a', Number.NaN, 'c'], ['a', Number.POSITIVE_INFINITY, 'c', 'c']), clean);
  });

  it('treats 1 and "1" as different categories, as pandas does', () => {
    const mixed = columnDrift('c', 'cat', [1, 1, 2, 2], ['1', '1', 2, 2], { method: 'jensenshannon' });
    assert.ok(mixed.score > 0);
  });

  it('throws a clear error when a side has no value left', () => {
    assert.throws(() => columnDrift('temp', 'num', [Number.NaN, Number.POSITIVE_INFINITY], current), {
      name: 'MonitoringInputError',
      message: /empty column 'temp'.*reference dataset/,
    });
    assert.throws(() => columnDrift('season', 'cat', ['a'], [null]), /empty column 'season'.*current dataset/);
  });

  it('rejects strings in a numerical column', () => {
    assert.throws(() => columnDrift('temp', 'num', [1, 2, 'x'], [1, 2]), MonitoringInputError);
  });
});

describe('columnDrift: method and threshold', () => {
  it('uses per-column over per-type over global methods', () => {
    const options = { method: 'psi', numMethod: 'wasserstein', perColumnMethod: { x: 'jensenshannon' } } as const;
    assert.equal(columnDrift('x', 'num', reference, current, options).method, 'jensenshannon');
    assert.equal(columnDrift('y', 'num', reference, current, options).method, 'wasserstein');
    assert.equal(columnDrift('y', 'cat', reference, current, options).method, 'psi');
    assert.equal(columnDrift('y', 'cat', reference, current, { ...options, catMethod: 'chisquare' }).method, 'chisquare');
  });

  it('uses per-column over per-type over global thresholds, else the test default', () => {
    const options = { threshold: 0.2, numThreshold: 0.3, perColumnThreshold: { x: 0.4 } };
    assert.equal(columnDrift('x', 'num', reference, current, options).threshold, 0.4);
    assert.equal(columnDrift('y', 'num', reference, current, options).threshold, 0.3);
    assert.equal(columnDrift('y', 'cat', reference, current, options).threshold, 0.2);
    assert.equal(columnDrift('y', 'num', reference, current).threshold, 0.05);
    assert.equal(columnDrift('y', 'num', reference, current, { method: 'psi' }).threshold, 0.1);
  });

  it('ignores option keys inherited from Object.prototype', () => {
    assert.equal(columnDrift('constructor', 'num', reference, current, { perColumnMethod: {} }).method, 'ks');
  });

  it('reports the method by name and by Evidently display name', () => {
    const result = columnDrift('x', 'num', reference, current);
    assert.deepEqual([result.method, result.methodLabel], ['ks', 'K-S p_value']);
  });

  it('flags K-S drift at p == threshold but chi-square only below it', () => {
    const ks = columnDrift('x', 'num', reference, current);
    assert.equal(columnDrift('x', 'num', reference, current, { threshold: ks.score }).drifted, true);
    const categories = ['a', 'b', 'c', 'a', 'b', 'a'];
    const chi = columnDrift('c', 'cat', categories, ['a', 'b', 'c', 'c']);
    assert.equal(chi.method, 'chisquare');
    assert.equal(columnDrift('c', 'cat', categories, ['a', 'b', 'c', 'c'], { threshold: chi.score }).drifted, false);
  });

  it('flags distances at score == threshold', () => {
    const psi = columnDrift('x', 'num', reference, current, { method: 'psi' });
    assert.equal(columnDrift('x', 'num', reference, current, { method: 'psi', threshold: psi.score }).drifted, true);
  });

  it('refuses a method that does not accept the column type, as Evidently does', () => {
    assert.throws(() => columnDrift('x', 'num', reference, current, { method: 'chisquare' }), /does not apply to column 'x' of type 'num'/);
    assert.throws(() => columnDrift('c', 'cat', ['a'], ['b'], { method: 'ks' }), MonitoringInputError);
  });

  it('refuses unknown methods and non-finite thresholds', () => {
    const unknownMethod = { method: 'anderson' } as unknown as { method: 'ks' };
    assert.throws(() => columnDrift('x', 'num', reference, current, unknownMethod), /Unknown drift method 'anderson'/);
    assert.throws(() => columnDrift('x', 'num', reference, current, { threshold: Number.NaN }), MonitoringInputError);
  });

  it('switches from p-value tests to distances above 1,000 reference rows', () => {
    const large = generate(1001, (i) => i % 37);
    assert.equal(columnDrift('x', 'num', large, current).method, 'wasserstein');
    assert.equal(columnDrift('x', 'num', large.map((v) => v % 4), [0, 1, 2]).method, 'jensenshannon');
    assert.equal(columnDrift('c', 'cat', repeat('a', 1001), ['a', 'b']).method, 'jensenshannon');
  });
});

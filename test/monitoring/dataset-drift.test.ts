/** Dataset drift: schema order, the drifted share and its threshold, a reference reused. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnDrift, compareToReference, type DatasetColumns, prepareReference } from '../../src/monitoring/index.js';
import { generate, repeat } from './helpers.js';

const schema = { numerical: ['b_num', 'a_num'], categorical: ['kind', 'flag'] };
const reference: DatasetColumns = {
  b_num: generate(200, (i) => (i * 13) % 101),
  a_num: generate(200, (i) => ((i * 17) % 89) / 10),
  kind: generate(200, (i) => ['x', 'y', 'z'][i % 3]),
  flag: generate(200, (i) => i % 2),
};
/** a_num and kind shifted, b_num and flag alike. */
const current: DatasetColumns = {
  b_num: generate(150, (i) => (i * 29) % 101),
  a_num: generate(150, (i) => ((i * 17) % 89) / 10 + 3),
  kind: generate(150, (i) => (i % 5 === 0 ? 'x' : 'z')),
  flag: generate(150, (i) => (i % 2 === 0 ? 1 : 0)),
};

describe('compareToReference', () => {
  const prepared = prepareReference(schema, reference);
  const drift = compareToReference(prepared, current);

  it('reports numerical then categorical columns in schema order', () => {
    assert.deepEqual(
      drift.columns.map((c) => [c.column, c.columnType]),
      [['b_num', 'num'], ['a_num', 'num'], ['kind', 'cat'], ['flag', 'cat']],
    );
  });

  it('gives the same results as testing each column on its own', () => {
    for (const result of drift.columns) {
      assert.deepEqual(result, columnDrift(result.column, result.columnType, reference[result.column]!, current[result.column]!));
    }
  });

  it('counts drifted columns; the dataset drifts from half of them (share >= 0.5)', () => {
    assert.deepEqual(drift.columns.map((c) => c.drifted), [false, true, true, false]);
    assert.deepEqual([drift.driftedCount, drift.share, drift.driftShare, drift.datasetDrift], [2, 0.5, 0.5, true]);
    const stricter = compareToReference(prepared, current, { driftShare: 0.51 });
    assert.deepEqual([stricter.share, stricter.datasetDrift], [0.5, false]);
  });

  it('can compare many batches against one prepared reference', () => {
    const again = compareToReference(prepared, current);
    const same = compareToReference(prepared, reference);
    assert.deepEqual(again, drift);
    assert.equal(same.driftedCount, 0);
    assert.ok(same.columns.every((c) => c.method !== 'ks' || c.score === 1));
  });

  it('passes method and threshold options to every column', () => {
    const withPsi = compareToReference(prepared, current, { method: 'psi', perColumnThreshold: { kind: 0.5 } });
    assert.ok(withPsi.columns.every((c) => c.method === 'psi'));
    assert.deepEqual(withPsi.columns.map((c) => c.threshold), [0.1, 0.1, 0.5, 0.1]);
  });

  it('names a column missing from the current batch', () => {
    const withoutKind = Object.fromEntries(Object.entries(current).filter(([column]) => column !== 'kind'));
    assert.throws(() => compareToReference(prepared, withoutKind), /Cannot find column 'kind' in current dataset/);
  });
});

describe('prepareReference', () => {
  it('rejects a missing column, a repeated column and an empty schema', () => {
    assert.throws(() => prepareReference({ numerical: ['nope'], categorical: [] }, reference), /'nope' in reference dataset/);
    assert.throws(() => prepareReference({ numerical: ['flag'], categorical: ['flag'] }, reference), /appears twice/);
    assert.throws(() => prepareReference({ numerical: [], categorical: [] }, reference), /no column/);
  });

  it('rejects a reference column with no finite value', () => {
    assert.throws(() => prepareReference({ numerical: ['empty'], categorical: [] }, { empty: repeat(Number.NaN, 3) }), /empty column 'empty'/);
  });
});

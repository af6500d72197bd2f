import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FEATURE_COUNT, toFeatureMatrix } from '../../src/model/features.js';
import { modelVersion } from '../../src/model/artefact.js';
import { Prng } from '../../src/model/prng.js';
import { DEFAULT_FOREST_PARAMS, type ForestParams, trainRandomForest } from '../../src/model/random-forest.js';
import { DEFAULT_TRAINING_WINDOW, testDataset } from '../helpers/dataset.js';

const single = (params: Partial<ForestParams> = {}): ForestParams => ({ ...DEFAULT_FOREST_PARAMS, nEstimators: 1, bootstrap: false, ...params });

describe('random forest', () => {
  it('is deterministic: the same seed gives identical trees and version, another seed another forest', async () => {
    const dataset = await testDataset();
    const rows = dataset.slice(DEFAULT_TRAINING_WINDOW.start, DEFAULT_TRAINING_WINDOW.end);
    const matrix = toFeatureMatrix(rows);
    const y = rows.map((row) => row.cnt);
    const params = { ...DEFAULT_FOREST_PARAMS, nEstimators: 20, seed: 7 };
    const first = trainRandomForest(matrix, y, FEATURE_COUNT, params);
    const second = trainRandomForest(matrix, y, FEATURE_COUNT, params);
    assert.deepEqual(first.forest.nodes, second.forest.nodes);
    assert.deepEqual(first.oobPredictions, second.oobPredictions);
    assert.equal(modelVersion(first.forest.nodes, params), modelVersion(second.forest.nodes, params));
    const other = trainRandomForest(matrix, y, FEATURE_COUNT, { ...params, seed: 8 });
    assert.notDeepEqual(other.forest.nodes.value, first.forest.nodes.value);
    assert.notEqual(modelVersion(other.forest.nodes, params), modelVersion(first.forest.nodes, params));
  });

  it('grows a fully fitted tree without bootstrap: every distinct training row is predicted exactly', () => {
    // Two features, eight rows with distinct x: an unlimited-depth tree isolates every row.
    const x = [[0.1, 3], [0.2, 1], [0.3, 4], [0.4, 1], [0.5, 5], [0.6, 9], [0.7, 2], [0.8, 6]];
    const y = [5, 1, 7, 3, 9, 2, 8, 4];
    const { forest } = trainRandomForest(Float32Array.from(x.flat()), y, 2, single());
    assert.deepEqual(Array.from(forest.predict(Float32Array.from(x.flat()))), y);
    assert.equal(forest.nodes.feature.filter((feature) => feature < 0).length, 8, 'one leaf per row');
  });

  it('splits at the midpoint between consecutive distinct values, as scikit-learn', () => {
    const { forest } = trainRandomForest(Float32Array.from([1, 1, 3, 3]), [10, 10, 20, 20], 1, single());
    assert.equal(forest.nodes.feature[0], 0);
    assert.equal(forest.nodes.threshold[0], 2);
    assert.equal(forest.predictRow(Float32Array.of(2)), 10, 'x <= threshold goes left');
    assert.equal(forest.predictRow(Float32Array.of(2.0001)), 20);
  });

  it('chooses the split that most reduces the squared error', () => {
    // Feature 0 separates y perfectly at 0.5; feature 1 is noise.
    const x = [0, 9, 0.2, 1, 0.4, 8, 0.6, 2, 0.8, 7, 1, 3];
    const { forest } = trainRandomForest(Float32Array.from(x), [1, 1, 1, 50, 50, 50], 2, single({ maxDepth: 1 }));
    assert.equal(forest.nodes.feature[0], 0);
    assert.ok(Math.abs(forest.nodes.threshold[0] - 0.5) < 1e-6);
    assert.deepEqual(Array.from(forest.predict(Float32Array.from(x))), [1, 1, 1, 50, 50, 50]);
  });

  it('makes a single leaf for a constant target, and respects maxDepth and minSamplesLeaf', () => {
    const x = Float32Array.from({ length: 20 }, (_, i) => i);
    const constant = trainRandomForest(x, new Array<number>(20).fill(4), 1, single());
    assert.equal(constant.forest.nodes.feature.length, 1);
    assert.equal(constant.forest.predictRow(Float32Array.of(3)), 4);
    const y = Array.from({ length: 20 }, (_, i) => i * i);
    const shallow = trainRandomForest(x, y, 1, single({ maxDepth: 2 }));
    assert.ok(shallow.forest.nodes.feature.filter((feature) => feature < 0).length <= 4);
    const wideLeaves = trainRandomForest(x, y, 1, single({ minSamplesLeaf: 5 }));
    const rowsPerLeaf = new Map<number, number>();
    for (const prediction of wideLeaves.forest.predict(x)) rowsPerLeaf.set(prediction, (rowsPerLeaf.get(prediction) ?? 0) + 1);
    assert.ok(rowsPerLeaf.size > 1);
    assert.ok([...rowsPerLeaf.values()].every((rows) => rows >= 5), `rows per leaf ${[...rowsPerLeaf.values()].join(',')}`);
  });

  it('averages its trees, and predicts out-of-bag rows only from trees that did not draw them', () => {
    const x = Float32Array.from({ length: 50 }, (_, i) => i);
    const y = Array.from({ length: 50 }, (_, i) => 2 * i);
    const { forest, oobPredictions } = trainRandomForest(x, y, 1, { ...DEFAULT_FOREST_PARAMS, nEstimators: 30, seed: 3 });
    assert.equal(forest.treeCount, 30);
    const finite = Array.from(oobPredictions).filter(Number.isFinite);
    assert.ok(finite.length > 40, 'with 30 trees almost every row is out of some bag');
    assert.ok(oobPredictions.every((value, i) => Number.isNaN(value) || Math.abs(value - y[i]) < 20));
  });

  it('rejects parameters outside scikit-learn ranges', () => {
    const x = Float32Array.of(1, 2);
    assert.throws(() => trainRandomForest(x, [1, 2], 1, { ...DEFAULT_FOREST_PARAMS, nEstimators: 0 }), /nEstimators/);
    assert.throws(() => trainRandomForest(x, [1, 2], 1, { ...DEFAULT_FOREST_PARAMS, minSamplesSplit: 1 }), /minSamplesSplit/);
    assert.throws(() => trainRandomForest(x, [1, 2], 1, { ...DEFAULT_FOREST_PARAMS, maxFeatures: 2 }), /maxFeatures/);
    assert.throws(() => trainRandomForest(x, [1, 2, 3], 1, DEFAULT_FOREST_PARAMS), /Expected 3 rows/);
  });
});

describe('Prng', () => {
  it('repeats its stream for a seed and draws integers uniformly in range', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const draws = Array.from({ length: 1000 }, () => a.nextInt(10));
    assert.deepEqual(draws, Array.from({ length: 1000 }, () => b.nextInt(10)));
    const counts = new Array<number>(10).fill(0);
    for (const draw of draws) counts[draw]++;
    assert.ok(counts.every((count) => count > 70 && count < 130), `counts ${counts.join(',')}`);
  });
});

/**
 * RandomForest.predict and predictRow run the WebAssembly kernel (src/model/forest-kernel.wat):
 * eight rows walk a tree at once, or one row eight trees. On the real model and real hours, both
 * must give the float64 bits of the plain walk below (scikit-learn's: each tree from its root, the
 * float32 feature against the f64 threshold, the leaves summed in tree order), row by row,
 * including rows that sit exactly on a split's threshold.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FEATURE_COUNT, toFeatureMatrix } from '../../src/model/features.js';
import type { RandomForest } from '../../src/model/random-forest.js';
import { testModel } from '../helpers/app.js';
import { testDataset } from '../helpers/dataset.js';

/** Every hour of the dataset (17,379: several kernel chunks of 4,096 rows, a last group of 3). */
async function allHours(): Promise<Float32Array> {
  const dataset = await testDataset();
  return toFeatureMatrix(dataset.slice('2011-01-01 00:00', '2012-12-31 23:00'));
}

/** The plain walk's prediction for row `row` of the matrix. */
function walkedPrediction(forest: RandomForest, matrix: Float32Array, row: number): number {
  let sum = 0;
  for (const root of forest.nodes.roots) sum += forest.nodes.value[path(forest, root, matrix, row).at(-1)!];
  return sum / forest.treeCount;
}

function assertSameAsRowWalk(forest: RandomForest, matrix: Float32Array): void {
  const predictions = forest.predict(matrix);
  const rows = matrix.length / FEATURE_COUNT;
  assert.equal(predictions.length, rows);
  const differing: string[] = [];
  for (let i = 0; i < rows; i++) {
    const expected = walkedPrediction(forest, matrix, i);
    if (!Object.is(predictions[i], expected)) differing.push(`row ${i} of a batch: ${predictions[i]} instead of ${expected}`);
    const alone = forest.predictRow(matrix, i * FEATURE_COUNT);
    if (!Object.is(alone, expected)) differing.push(`row ${i} alone: ${alone} instead of ${expected}`);
  }
  assert.deepEqual(differing.slice(0, 5), [], `${differing.length} predictions of ${rows} rows differ`);
}

const float32 = new Float32Array(1);
const float32Bits = new Int32Array(float32.buffer);

/** The next float32 above `value` (a float32). */
function nextFloat32(value: number): number {
  if (value === 0) return 2 ** -149;
  float32[0] = value;
  float32Bits[0] += value > 0 ? 1 : -1;
  return float32[0];
}

/** The largest float32 <= value: the row value nearest a threshold that still goes left. */
function float32AtOrBelow(value: number): number {
  const nearest = Math.fround(value);
  return nearest <= value ? nearest : -nextFloat32(-nearest);
}

/** The nodes that row `row` of the matrix visits in the tree rooted at `root`. */
function path(forest: RandomForest, root: number, matrix: Float32Array, row: number): number[] {
  const { feature, threshold, right } = forest.nodes;
  const nodes = [root];
  for (let node = root; feature[node] >= 0; nodes.push(node)) {
    node = matrix[row * FEATURE_COUNT + feature[node]] <= threshold[node] ? node + 1 : right[node];
  }
  return nodes;
}

describe('forest kernel (RandomForest.predict and predictRow)', () => {
  it('predicts every hour of the dataset bit-identically to the plain walk, in batches and one row at a time', async () => {
    const { model } = await testModel();
    assertSameAsRowWalk(model.forest, await allHours());
  });

  it('agrees with the plain walk on rows exactly at each threshold and on the next float32 above it', async () => {
    const { forest } = (await testModel()).model;
    const { feature, threshold, roots } = forest.nodes;
    const hours = await allHours();
    // For every inner node, a real hour that reaches it, then its split feature set at the threshold
    // (the largest float32 <= it: it goes left) and just above (right). The threshold lies strictly
    // inside the node's range of that feature, so both copies still reach the node.
    const reachedBy = new Int32Array(feature.length).fill(-1);
    for (const root of roots) {
      for (let row = 0; row < hours.length / FEATURE_COUNT; row++) {
        for (const node of path(forest, root, hours, row)) if (reachedBy[node] < 0) reachedBy[node] = row;
      }
    }
    const inner = Array.from(roots).flatMap((root, t) => {
      const end = t + 1 < roots.length ? roots[t + 1] : feature.length;
      return Array.from({ length: end - root }, (_, i) => ({ root, node: root + i })).filter(({ node }) => feature[node] >= 0);
    });
    const probes: number[] = [];
    let exactlyAtThreshold = 0;
    for (const { node } of inner) {
      assert.ok(reachedBy[node] >= 0, `no hour reaches node ${node}`);
      const atThreshold = float32AtOrBelow(threshold[node]);
      if (atThreshold === threshold[node]) exactlyAtThreshold++;
      for (const value of [atThreshold, nextFloat32(atThreshold)]) {
        const row = Array.from(hours.subarray(reachedBy[node] * FEATURE_COUNT, (reachedBy[node] + 1) * FEATURE_COUNT));
        row[feature[node]] = value;
        probes.push(...row);
      }
    }
    const matrix = Float32Array.from(probes);
    // Each pair of probes really meets its node: the first goes left there, the second right.
    inner.forEach(({ root, node }, pair) => {
      const [left, right] = [path(forest, root, matrix, 2 * pair), path(forest, root, matrix, 2 * pair + 1)];
      assert.ok(left.includes(node) && left.includes(node + 1), `probe ${2 * pair} does not go left at node ${node}`);
      assert.ok(right.includes(node) && !right.includes(node + 1), `probe ${2 * pair + 1} does not go right at node ${node}`);
    });
    assert.ok(exactlyAtThreshold > 1000, `only ${exactlyAtThreshold} thresholds are float32 values`);
    assertSameAsRowWalk(forest, matrix);
  });

  it('agrees with the plain walk on NaN and infinite features, on one row and on none', async () => {
    const { forest } = (await testModel()).model;
    const hours = await allHours();
    const odd = hours.slice(0, 4 * FEATURE_COUNT);
    odd[0] = Number.NaN;
    odd[FEATURE_COUNT + 5] = Number.POSITIVE_INFINITY;
    odd[2 * FEATURE_COUNT + 5] = Number.NEGATIVE_INFINITY;
    odd.fill(Number.NaN, 3 * FEATURE_COUNT);
    assertSameAsRowWalk(forest, odd);
    assertSameAsRowWalk(forest, hours.slice(0, FEATURE_COUNT));
    assert.deepEqual(forest.predict(new Float32Array(0)), new Float64Array(0));
  });
});

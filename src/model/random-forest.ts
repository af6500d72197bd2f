/**
 * Random forest regressor with scikit-learn's RandomForestRegressor semantics: CART trees grown
 * on squared error from bootstrap samples, `max_features` features tried per split (default all),
 * min_samples_split 2, min_samples_leaf 1, unlimited depth, prediction = mean of the trees.
 *
 * Splits are found by one scan per feature over the node's samples kept sorted by that feature
 * (sorted once per forest, then partitioned stably as nodes split), not by re-scanning per
 * threshold. Features are float32, as in scikit-learn's trees.
 */
import { ForestKernel } from './forest-kernel.js';
import type { ForestNodes } from './forest-nodes.js';
import { Prng, streamSeed } from './prng.js';

export type { ForestNodes } from './forest-nodes.js';

export interface ForestParams {
  readonly nEstimators: number;
  /** Features tried at each split; scikit-learn's regressor default is all of them. */
  readonly maxFeatures?: number | undefined;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** null: grow until leaves are pure or hold fewer than minSamplesSplit samples. */
  readonly maxDepth: number | null;
  readonly bootstrap: boolean;
  readonly seed: number;
}

export const DEFAULT_FOREST_PARAMS: ForestParams = {
  nEstimators: 100,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxDepth: null,
  bootstrap: true,
  seed: 42,
};

/** scikit-learn's tolerances: values closer than this are one value; impurity below eps is pure. */
const FEATURE_THRESHOLD = 1e-7;
const EPSILON = Number.EPSILON;

export class RandomForest {
  private made: ForestKernel | undefined;

  constructor(
    readonly nodes: ForestNodes,
    readonly featureCount: number,
  ) {}

  get treeCount(): number {
    return this.nodes.roots.length;
  }

  /** The prediction for one row of `x` (float32 features) starting at `offset`. */
  predictRow(x: Float32Array, offset = 0): number {
    return this.kernel().predictRow(x, offset);
  }

  /** Predictions for a row-major matrix of n × featureCount float32 features. */
  predict(matrix: Float32Array): Float64Array {
    return this.kernel().predict(matrix);
  }

  /** The WebAssembly kernel that predicts (forest-kernel.ts), made at its first use. */
  private kernel(): ForestKernel {
    return (this.made ??= new ForestKernel(this.nodes, this.featureCount));
  }
}

/** The value of the leaf that row `x[offset..]` reaches in `tree` (training's out-of-bag walk). */
function leafValue({ feature, threshold, right, value }: TreeNodes, x: Float32Array, offset: number): number {
  let node = 0;
  while (feature[node] >= 0) node = x[offset + feature[node]] <= threshold[node] ? node + 1 : right[node];
  return value[node];
}

export interface TrainingResult {
  readonly forest: RandomForest;
  /**
   * Out-of-bag prediction of each training row (mean of the trees that did not draw it), NaN
   * when every tree drew it or without bootstrap: an honest estimate of generalisation.
   */
  readonly oobPredictions: Float64Array;
}

/** Grows the forest on `matrix` (n × featureCount, float32) and targets `y`. */
export function trainRandomForest(matrix: Float32Array, y: ArrayLike<number>, featureCount: number, params: ForestParams): TrainingResult {
  const n = y.length;
  if (n < 1 || matrix.length !== n * featureCount) throw new RangeError(`Expected ${n} rows of ${featureCount} features`);
  validateParams(params, featureCount);
  const targets = Float64Array.from(y);
  const sortedByFeature = sortRowsByFeature(matrix, n, featureCount);
  const trees: TreeNodes[] = [];
  const oobSum = new Float64Array(n);
  const oobCount = new Int32Array(n);
  for (let t = 0; t < params.nEstimators; t++) {
    const random = new Prng(streamSeed(params.seed, t));
    const weights = params.bootstrap ? bootstrapCounts(n, random) : new Float64Array(n).fill(1);
    const tree = new TreeGrower(matrix, targets, weights, featureCount, sortedByFeature, params, random).grow();
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      if (weights[i] !== 0) continue;
      oobSum[i] += leafValue(tree, matrix, i * featureCount);
      oobCount[i]++;
    }
  }
  const oobPredictions = oobSum.map((sum, i) => (oobCount[i] > 0 ? sum / oobCount[i] : Number.NaN));
  return { forest: new RandomForest(concatenate(trees), featureCount), oobPredictions };
}

function validateParams(params: ForestParams, featureCount: number): void {
  const positiveInteger = (value: number): boolean => Number.isInteger(value) && value >= 1;
  if (!positiveInteger(params.nEstimators)) throw new RangeError('nEstimators must be an integer >= 1');
  if (!Number.isInteger(params.minSamplesSplit) || params.minSamplesSplit < 2) throw new RangeError('minSamplesSplit must be an integer >= 2');
  if (!positiveInteger(params.minSamplesLeaf)) throw new RangeError('minSamplesLeaf must be an integer >= 1');
  if (params.maxDepth !== null && !positiveInteger(params.maxDepth)) throw new RangeError('maxDepth must be null or an integer >= 1');
  const maxFeatures = params.maxFeatures ?? featureCount;
  if (!positiveInteger(maxFeatures) || maxFeatures > featureCount) throw new RangeError(`maxFeatures must be an integer in 1..${featureCount}`);
}

/** How many times each row is drawn in n draws with replacement (scikit-learn's bootstrap). */
function bootstrapCounts(n: number, random: Prng): Float64Array {
  const counts = new Float64Array(n);
  for (let draw = 0; draw < n; draw++) counts[random.nextInt(n)]++;
  return counts;
}

/** For each feature, the row indices sorted by that feature's value (ties by row index). */
function sortRowsByFeature(matrix: Float32Array, n: number, featureCount: number): Int32Array[] {
  return Array.from({ length: featureCount }, (_, f) => {
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    return rows.sort((a, b) => matrix[a * featureCount + f] - matrix[b * featureCount + f] || a - b);
  });
}

interface TreeNodes {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

interface PendingNode {
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  /** Index of the parent whose `right` must point here, or -1 (root or left child). */
  readonly rightOf: number;
}

interface NodeStats {
  readonly weight: number;
  readonly sum: number;
  readonly sumSquares: number;
}

interface Split {
  readonly feature: number;
  /** First position (in the node's range) that goes right. */
  readonly position: number;
  readonly threshold: number;
}

/** Grows one tree over the rows drawn by its bootstrap (rows of weight 0 take no part). */
class TreeGrower {
  private readonly sampleCount: number;
  /** Per feature f, positions [f·m, (f+1)·m): sample rows, each node's range sorted by feature f. */
  private readonly order: Int32Array;
  /** The feature value at each position of `order`, so scans read memory in sequence. */
  private readonly values: Float32Array;
  private readonly goesLeft: Uint8Array;
  private readonly scratchRows: Int32Array;
  private readonly scratchValues: Float32Array;
  private readonly featureOrder: Int32Array;
  private readonly maxFeatures: number;
  private nodeCount = 0;
  private readonly out: { feature: Int32Array; threshold: Float64Array; right: Int32Array; value: Float64Array };

  constructor(
    matrix: Float32Array,
    private readonly y: Float64Array,
    private readonly weights: Float64Array,
    private readonly featureCount: number,
    sortedByFeature: readonly Int32Array[],
    private readonly params: ForestParams,
    private readonly random: Prng,
  ) {
    const m = weights.reduce((count, weight) => count + (weight > 0 ? 1 : 0), 0);
    this.sampleCount = m;
    this.order = new Int32Array(featureCount * m);
    this.values = new Float32Array(featureCount * m);
    for (let f = 0; f < featureCount; f++) {
      let position = f * m;
      for (const row of sortedByFeature[f]) {
        if (weights[row] === 0) continue;
        this.order[position] = row;
        this.values[position++] = matrix[row * featureCount + f];
      }
    }
    this.goesLeft = new Uint8Array(y.length);
    this.scratchRows = new Int32Array(m);
    this.scratchValues = new Float32Array(m);
    this.featureOrder = Int32Array.from({ length: featureCount }, (_, f) => f);
    this.maxFeatures = params.maxFeatures ?? featureCount;
    const capacity = 2 * m - 1;
    this.out = {
      feature: new Int32Array(capacity),
      threshold: new Float64Array(capacity),
      right: new Int32Array(capacity),
      value: new Float64Array(capacity),
    };
  }

  grow(): TreeNodes {
    const stack: PendingNode[] = [{ start: 0, end: this.sampleCount, depth: 0, rightOf: -1 }];
    for (let pending = stack.pop(); pending; pending = stack.pop()) {
      const node = this.nodeCount++;
      if (pending.rightOf >= 0) this.out.right[pending.rightOf] = node;
      const stats = this.nodeStats(pending.start, pending.end);
      const split = this.isLeaf(pending, stats) ? undefined : this.bestSplit(pending.start, pending.end, stats);
      this.out.value[node] = stats.sum / stats.weight;
      if (!split) {
        this.out.feature[node] = -1;
        continue;
      }
      this.out.feature[node] = split.feature;
      this.out.threshold[node] = split.threshold;
      this.partition(pending.start, pending.end, split);
      const middle = pending.start + split.position;
      // Right is pushed first so that the left child is grown next, right after its parent.
      stack.push({ start: middle, end: pending.end, depth: pending.depth + 1, rightOf: node });
      stack.push({ start: pending.start, end: middle, depth: pending.depth + 1, rightOf: -1 });
    }
    const size = this.nodeCount;
    return {
      feature: this.out.feature.slice(0, size),
      threshold: this.out.threshold.slice(0, size),
      right: this.out.right.slice(0, size),
      value: this.out.value.slice(0, size),
    };
  }

  private isLeaf({ start, end, depth }: PendingNode, stats: NodeStats): boolean {
    const samples = end - start;
    const { maxDepth, minSamplesSplit, minSamplesLeaf } = this.params;
    if ((maxDepth !== null && depth >= maxDepth) || samples < minSamplesSplit || samples < 2 * minSamplesLeaf) return true;
    // Weighted variance of y, scikit-learn's squared-error impurity: a pure node is a leaf.
    const mean = stats.sum / stats.weight;
    return stats.sumSquares / stats.weight - mean * mean <= EPSILON;
  }

  /** Weighted count, sum and sum of squares of y over the node. */
  private nodeStats(start: number, end: number): NodeStats {
    let weight = 0;
    let sum = 0;
    let sumSquares = 0;
    for (let p = start; p < end; p++) {
      const row = this.order[p];
      const w = this.weights[row];
      weight += w;
      sum += w * this.y[row];
      sumSquares += w * this.y[row] * this.y[row];
    }
    return { weight, sum, sumSquares };
  }

  /**
   * The split with the largest decrease of squared error, among up to maxFeatures features
   * visited in random order (ties go to the first visited, as in scikit-learn).
   * Maximising sumLeft²/wLeft + sumRight²/wRight is equivalent and cheaper.
   */
  private bestSplit(start: number, end: number, { weight: totalWeight, sum: totalSum }: NodeStats): Split | undefined {
    const m = this.sampleCount;
    const minLeaf = this.params.minSamplesLeaf;
    this.random.shuffle(this.featureOrder);
    let best: Split | undefined;
    let bestProxy = -Infinity;
    let visited = 0;
    for (let k = 0; k < this.featureCount && visited < this.maxFeatures; k++) {
      const f = this.featureOrder[k];
      const base = f * m;
      // A feature constant in this node cannot split it and does not count as visited.
      if (this.values[base + end - 1] <= this.values[base + start] + FEATURE_THRESHOLD) continue;
      visited++;
      let leftWeight = 0;
      let leftSum = 0;
      for (let p = start; p < end - 1; p++) {
        const row = this.order[base + p];
        leftWeight += this.weights[row];
        leftSum += this.weights[row] * this.y[row];
        const current = this.values[base + p];
        const next = this.values[base + p + 1];
        if (next <= current + FEATURE_THRESHOLD) continue;
        const leftCount = p + 1 - start;
        if (leftCount < minLeaf || end - start - leftCount < minLeaf) continue;
        const rightWeight = totalWeight - leftWeight;
        const rightSum = totalSum - leftSum;
        const proxy = (leftSum * leftSum) / leftWeight + (rightSum * rightSum) / rightWeight;
        if (proxy > bestProxy) {
          bestProxy = proxy;
          best = { feature: f, position: leftCount, threshold: midpoint(current, next) };
        }
      }
    }
    return best;
  }

  /** Splits the node's range in every feature ordering: left rows first, order kept. */
  private partition(start: number, end: number, split: Split): void {
    const m = this.sampleCount;
    const splitBase = split.feature * m;
    for (let p = start; p < end; p++) this.goesLeft[this.order[splitBase + p]] = p < start + split.position ? 1 : 0;
    for (let f = 0; f < this.featureCount; f++) {
      if (f === split.feature) continue;
      const base = f * m;
      let left = base + start;
      let right = 0;
      for (let p = base + start; p < base + end; p++) {
        const row = this.order[p];
        if (this.goesLeft[row]) {
          this.order[left] = row;
          this.values[left++] = this.values[p];
        } else {
          this.scratchRows[right] = row;
          this.scratchValues[right++] = this.values[p];
        }
      }
      this.order.set(this.scratchRows.subarray(0, right), left);
      this.values.set(this.scratchValues.subarray(0, right), left);
    }
  }
}

/** scikit-learn's threshold: the midpoint, unless rounding makes it equal the upper value. */
function midpoint(lower: number, upper: number): number {
  const threshold = lower / 2 + upper / 2;
  return threshold === upper || !Number.isFinite(threshold) ? lower : threshold;
}

function concatenate(trees: readonly TreeNodes[]): ForestNodes {
  const total = trees.reduce((count, tree) => count + tree.feature.length, 0);
  const nodes = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
  };
  let offset = 0;
  trees.forEach((tree, t) => {
    nodes.roots[t] = offset;
    nodes.feature.set(tree.feature, offset);
    nodes.threshold.set(tree.threshold, offset);
    nodes.right.set(tree.right.map((child, i) => (tree.feature[i] < 0 ? 0 : child + offset)), offset);
    nodes.value.set(tree.value, offset);
    offset += tree.feature.length;
  });
  return nodes;
}

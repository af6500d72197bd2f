/**
 * Every tree's nodes in one set of arrays, each tree in depth-first pre-order, so a node's left
 * child is the next node. Leaves have feature -1 and hold the prediction in `value`.
 */
export interface ForestNodes {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** Binary searches in an ascending array, with numpy's `searchsorted` semantics. */

/** Number of entries < value (`np.searchsorted(sorted, value, side='left')`). */
export function countBelow(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of entries <= value (`np.searchsorted(sorted, value, side='right')`). */
export function countAtOrBelow(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Walks the distinct values of two ascending arrays taken together, in order, calling
 * `visit(aCount, bCount)` after each with how many entries of `a` and of `b` are <= it.
 */
export function forEachPooledValue(a: Float64Array, b: Float64Array, visit: (aCount: number, bCount: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    visit(i, j);
  }
}

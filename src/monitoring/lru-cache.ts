/** A map that holds at most `capacity` entries, dropping the least recently used one first. */
export class LruCache<K, V> {
  /** Insertion order is recency order: a hit is moved to the end, the first key is the oldest. */
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be an integer >= 1');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value under `key`, computed by `compute` and kept when absent. */
  getOrCompute(key: K, compute: () => V): V {
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as V;
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute();
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
    return value;
  }
}

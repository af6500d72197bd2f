import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruCache } from '../../src/monitoring/lru-cache.js';

describe('LruCache', () => {
  it('computes a value once, then returns the kept one', () => {
    const cache = new LruCache<string, number>(2);
    let calls = 0;
    const compute = (): number => ++calls * 10;
    assert.equal(cache.getOrCompute('a', compute), 10);
    assert.equal(cache.getOrCompute('a', compute), 10);
    assert.equal(calls, 1);
  });

  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<string, string>(2);
    cache.getOrCompute('a', () => 'a1');
    cache.getOrCompute('b', () => 'b1');
    cache.getOrCompute('a', () => 'a2'); // a is now the most recent
    cache.getOrCompute('c', () => 'c1'); // evicts b
    assert.equal(cache.size, 2);
    assert.equal(cache.getOrCompute('a', () => 'a3'), 'a1');
    assert.equal(cache.getOrCompute('b', () => 'b2'), 'b2');
  });

  it('rejects a capacity below 1', () => {
    assert.throws(() => new LruCache(0), RangeError);
  });
});

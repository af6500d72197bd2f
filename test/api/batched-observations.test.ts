import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Histogram, Registry } from 'prom-client';
import { BATCH_CAPACITY, BatchedObservations } from '../../src/api/batched-observations.js';
import { REQUEST_DURATION_BUCKETS_SECONDS } from '../../src/telemetry/buckets.js';

/** A histogram of its own registry, with no `collect` of its own: it shows only what it was handed. */
function histogram(): Histogram {
  return new Histogram({ name: 'seconds', help: 'h', buckets: [...REQUEST_DURATION_BUCKETS_SECONDS], registers: [new Registry()] });
}

/** Request durations from 40 µs to about 40 ms, in no order, some on a bucket's bound. */
const durations = Array.from({ length: 1_000 }, (_, i) => (i % 7 === 0 ? REQUEST_DURATION_BUCKETS_SECONDS[i % 8] : 4e-5 * (1 + ((i * 7919) % 997))));

describe('batched observations', () => {
  it('once flushed, the histogram holds what observing each value at once gives', async () => {
    const direct = histogram();
    const batched = histogram();
    const batch = new BatchedObservations((value) => {
      batched.observe(value);
    });
    for (const value of durations) {
      direct.observe(value);
      batch.observe(value);
    }
    batch.flush();
    const [expected, actual] = await Promise.all([direct.get(), batched.get()]);
    assert.deepEqual(actual.values, expected.values);
    assert.equal(actual.values.find((sample) => sample.metricName === 'seconds_count')?.value, durations.length);
  });

  it(`holds at most ${BATCH_CAPACITY} observations between two flushes`, async () => {
    const batched = histogram();
    const batch = new BatchedObservations((value) => {
      batched.observe(value);
    });
    const handed: number[] = [];
    for (const value of durations) {
      batch.observe(value);
      const count = (await batched.get()).values.find((sample) => sample.metricName === 'seconds_count')?.value ?? 0;
      handed.push(count);
    }
    for (const [i, count] of handed.entries()) assert.ok(i + 1 - count < BATCH_CAPACITY, `${i + 1 - count} held after ${i + 1} observations`);
    assert.equal(handed.at(-1), durations.length - (durations.length % BATCH_CAPACITY));
  });
});

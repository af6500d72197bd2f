import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PREDICTION } from '../../src/api/evaluation/evaluator.js';
import { LiveWindow } from '../../src/api/live/window.js';
import { FEATURES, type Features } from '../../src/model/features.js';

/** A row whose every feature is `value`. */
const row = (value: number): Features => Object.fromEntries(FEATURES.map((feature) => [feature, value])) as Features;

describe('live window', () => {
  it('keeps the last `capacity` rows, oldest first, across the ring boundary', () => {
    const window = new LiveWindow(4, 3_600);
    for (let i = 1; i <= 6; i++) window.record(row(i), i * 10, i);
    assert.equal(window.rows(6), 4);
    const snapshot = window.snapshot(6);
    for (const feature of FEATURES) assert.deepEqual([...snapshot[feature]], [3, 4, 5, 6], feature);
    assert.deepEqual([...snapshot[PREDICTION]], [30, 40, 50, 60]);
  });

  it('holds only what was recorded before it is full', () => {
    const window = new LiveWindow(5, 3_600);
    assert.equal(window.rows(0), 0);
    assert.deepEqual([...window.snapshot(0)[PREDICTION]], []);
    window.record(row(1), 7, 0);
    window.record(row(2), 8, 0);
    assert.deepEqual([...window.snapshot(0).temp], [1, 2]);
  });

  it('leaves out rows older than its age limit', () => {
    const window = new LiveWindow(4, 10);
    // Recorded at 0 s, 5 s, ..., 25 s; at 27 s only those of 17 s and later are young enough.
    for (let i = 0; i < 6; i++) window.record(row(i), i, i * 5_000);
    assert.equal(window.rows(27_000), 2);
    assert.deepEqual([...window.snapshot(27_000)[PREDICTION]], [4, 5]);
    assert.equal(window.rows(60_000), 0);
    assert.deepEqual([...window.snapshot(60_000).hr], []);
  });

  it('gives copies: later records do not change a snapshot', () => {
    const window = new LiveWindow(2, 3_600);
    window.record(row(1), 1, 0);
    const snapshot = window.snapshot(0);
    window.record(row(2), 2, 0);
    window.record(row(3), 3, 0);
    assert.deepEqual([...snapshot[PREDICTION]], [1]);
  });
});

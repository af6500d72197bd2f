/**
 * RegressionPreset metrics: the examples of the drift specification (§6, Evidently 0.7.21)
 * and scikit-learn's R² edge cases.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MonitoringInputError, regressionMetrics } from '../../src/monitoring/index.js';
import { assertClose } from './helpers.js';

describe('regressionMetrics', () => {
  it('matches the spec example target [2,4,5], prediction [2.5,3,5]', () => {
    const m = regressionMetrics([2, 4, 5], [2.5, 3, 5]);
    assert.equal(m.rows, 3);
    assert.equal(m.mape.mean, 16.666666666666664);
    assert.equal(m.mape.std, 0.14433756729740646);
    assertClose(m.rmse, Math.sqrt(1.25 / 3), 'rmse');
    assertClose(m.mae.mean, 0.5, 'mae');
    assertClose(m.meanError.mean, -1 / 6, 'mean error');
    assert.equal(m.absMaxError, 1);
    // 1 - Σe²/Σ(y-ȳ)² = 1 - 1.25 / (14/3)
    assertClose(m.r2, 1 - 1.25 / (14 / 3), 'r2');
  });

  it('replaces near-zero targets by a ratio of 1 and divides negative targets by ε (0.7.21 MAPE)', () => {
    const m = regressionMetrics([0, 2, 4, 5, -3], [1, 2.5, 3, 5, -2]);
    // ratios: 1 (near zero), 0.25, 0.25, 0, 1/ε; the spec reports ≈ 9.0072e16
    assertClose(m.mape.mean, (100 * (1 + 0.25 + 0.25 + 0 + 1 / Number.EPSILON)) / 5, 'mape');
    assert.equal(Number(m.mape.mean.toPrecision(5)), 9.0072e16);
  });

  it('drops rows whose target or prediction is missing or infinite', () => {
    const clean = regressionMetrics([2, 4, 5], [2.5, 3, 5]);
    assert.deepEqual(regressionMetrics([2, Number.NaN, 4, 9, 5, null], [2.5, 1, 3, Number.POSITIVE_INFINITY, 5, 3]), clean);
  });

  it('gives R² = 1 for a perfect fit, 0 for an imperfect fit of a constant target', () => {
    assert.equal(regressionMetrics([1, 2, 3], [1, 2, 3]).r2, 1);
    assert.equal(regressionMetrics([7, 7, 7], [7, 7, 7]).r2, 1);
    assert.equal(regressionMetrics([7, 7, 7], [6, 7, 8]).r2, 0);
  });

  it('gives NaN R² and standard deviations for a single row', () => {
    const m = regressionMetrics([3], [5]);
    assert.deepEqual([m.rmse, m.mae.mean, m.meanError.mean, m.absMaxError], [2, 2, 2, 2]);
    assert.ok([m.r2, m.mae.std, m.mape.std, m.meanError.std].every(Number.isNaN));
  });

  it('rejects columns of different lengths and data with no usable row', () => {
    assert.throws(() => regressionMetrics([1, 2], [1]), MonitoringInputError);
    assert.throws(() => regressionMetrics([Number.NaN], [1]), /No row/);
  });
});

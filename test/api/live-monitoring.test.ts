/**
 * Live monitoring through the service: every /predict goes into the window, a check compares it
 * with the reference exactly as /evaluate would, and the live gauges show the result.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/api/app.js';
import type { LiveMonitor } from '../../src/api/live/monitor.js';
import type { EvaluationReportOutput } from '../../src/api/schemas.js';
import { evaluationRecord, predictRecord } from '../../src/clients/payload.js';
import { TRAFFIC_PROFILES } from '../../src/clients/periods.js';
import { requestSource } from '../../src/clients/traffic-requests.js';
import { loadConfig } from '../../src/config.js';
import type { HourRecord } from '../../src/model/dataset.js';
import { METRIC } from '../../src/telemetry/metric-names.js';
import { liveTestApp } from '../helpers/app.js';
import { testDataset } from '../helpers/dataset.js';
import { sampleValue } from '../helpers/metrics.js';

const predictAll = async (app: App, bodies: readonly string[]): Promise<void> => {
  for (const payload of bodies) {
    const response = await app.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload });
    assert.equal(response.statusCode, 200, response.body);
  }
};

/** `count` /predict bodies drawn (seeded) from the hours of a traffic profile, as `traffic` sends them. */
async function trafficBodies(profile: keyof typeof TRAFFIC_PROFILES, count: number): Promise<string[]> {
  const { start, end } = TRAFFIC_PROFILES[profile];
  const next = requestSource((await testDataset()).slice(start, end), 0, 42);
  return Array.from({ length: count }, () => next().body!);
}

const metrics = async (app: App): Promise<string> => (await app.inject({ method: 'GET', url: '/metrics' })).body;

describe('live monitoring: parity with POST /evaluate', () => {
  let app: App;
  let live: LiveMonitor;
  before(async () => {
    // A check interval far beyond the test: only checkNow() checks.
    ({ app, live } = await liveTestApp({ windowRows: 1_000, windowSeconds: 3_600, checkSeconds: 86_400, minRows: 2 }));
  });
  after(() => app.close());

  for (const [name, start, end] of [
    ['February (mostly like the reference)', '2011-02-01 00:00', '2011-02-28 23:00'],
    ['July (drifted)', '2011-07-01 00:00', '2011-07-31 23:00'],
  ] as const) {
    it(`a live check over the served hours of ${name} gives exactly the drift results of /evaluate for them`, async () => {
      // 1,000 hours (some twice, as traffic repeats hours): exactly what the window keeps.
      const hours = (await testDataset()).slice(start, end).slice(0, 500);
      assert.equal(hours.length, 500);
      const rows: HourRecord[] = [...hours, ...hours];
      await predictAll(app, rows.map((row) => JSON.stringify(predictRecord(row))));
      const result = await live.checkNow();
      assert.ok(result.outcome === 'ok', result.outcome);
      assert.equal(result.rows, 1_000);

      // The same hours, labelled, as /evaluate's batch.
      const response = await app.inject({ method: 'POST', url: '/evaluate', payload: { data: rows.map(evaluationRecord), evaluation_period_name: name } });
      assert.equal(response.statusCode, 200, response.body);
      const evaluation = response.json<EvaluationReportOutput>();
      const { featureDrift, predictionDrift } = result.report;
      const asOutput = ({ column, columnType, method, score, threshold, drifted }: typeof predictionDrift) => ({ column, type: columnType, test: method, score, threshold, drifted });
      assert.deepEqual(featureDrift.columns.map(asOutput), evaluation.columns);
      assert.deepEqual(asOutput(predictionDrift), evaluation.prediction_drift);
      assert.equal(featureDrift.share, evaluation.drift_share);
      assert.equal(featureDrift.driftedCount, evaluation.drifted_columns_count);
      assert.equal(featureDrift.datasetDrift ? 1 : 0, evaluation.drift_detected);
    });
  }

  it('sets every live gauge from the last check, together', async () => {
    const result = await live.checkNow();
    assert.ok(result.outcome === 'ok');
    const after = await metrics(app);
    assert.equal(sampleValue(after, METRIC.liveDriftedColumnsRatio), result.report.featureDrift.share);
    assert.equal(sampleValue(after, METRIC.liveDriftDetected), result.report.featureDrift.datasetDrift ? 1 : 0);
    assert.equal(sampleValue(after, METRIC.livePredictionDriftScore), result.report.predictionDrift.score);
    assert.equal(sampleValue(after, METRIC.livePredictionDriftDetected), result.report.predictionDrift.drifted ? 1 : 0);
    assert.equal(sampleValue(after, METRIC.liveWindowRows), 1_000);
    assert.equal(sampleValue(after, METRIC.liveWindowCapacity), 1_000);
    for (const column of result.report.featureDrift.columns) {
      assert.equal(sampleValue(after, METRIC.liveFeatureDriftScore, { feature: column.column }), column.score, column.column);
      assert.equal(sampleValue(after, METRIC.liveFeatureDriftDetected, { feature: column.column }), column.drifted ? 1 : 0, column.column);
    }
    const checkedAt = sampleValue(after, METRIC.liveLastCheckTimestamp);
    assert.ok(checkedAt !== undefined && Math.abs(checkedAt - Date.now() / 1000) < 60, String(checkedAt));
  });

  it('skips and counts a check that is due while the previous one still runs', async () => {
    const before = sampleValue(await metrics(app), METRIC.liveChecksTotal, { outcome: 'skipped' }) ?? 0;
    const [first, second] = await Promise.all([live.checkNow(), live.checkNow()]);
    assert.equal(first.outcome, 'ok');
    assert.equal(second.outcome, 'skipped');
    assert.equal(sampleValue(await metrics(app), METRIC.liveChecksTotal, { outcome: 'skipped' }), before + 1);
  });
});

describe('live monitoring: gauges before the first check', () => {
  it('exports no live drift sample before a check, and counters at 0', async () => {
    const { app, live } = await liveTestApp({ windowRows: 500, windowSeconds: 3_600, checkSeconds: 86_400, minRows: 200 });
    try {
      await predictAll(app, await trafficBodies('reference', 10));
      assert.deepEqual(await live.checkNow(), { outcome: 'too-few-rows', rows: 10 });
      const body = await metrics(app);
      for (const name of [METRIC.liveDriftedColumnsRatio, METRIC.liveDriftDetected, METRIC.liveWindowRows, METRIC.liveLastCheckTimestamp, METRIC.livePredictionDriftScore]) {
        assert.equal(sampleValue(body, name), undefined, name);
      }
      assert.ok(!body.includes(`${METRIC.liveFeatureDriftScore}{`), 'a feature score before any check');
      for (const outcome of ['ok', 'skipped', 'error']) assert.equal(sampleValue(body, METRIC.liveChecksTotal, { outcome }), 0, outcome);
    } finally {
      await app.close();
    }
  });
});

describe('live monitoring acceptance: LIVE_CHECK_SECONDS=2, LIVE_MIN_ROWS=200, LIVE_WINDOW_ROWS=500', () => {
  let app: App;
  before(async () => {
    const settings = loadConfig({ LIVE_CHECK_SECONDS: '2', LIVE_MIN_ROWS: '200', LIVE_WINDOW_ROWS: '500' }).liveMonitoring;
    assert.ok(settings);
    ({ app } = await liveTestApp(settings));
    await app.ready(); // Starts the checks, every 2 s.
  });
  after(() => app.close());

  /** Polls the live gauges until `done`, for a few check intervals at most. */
  const gaugesUntil = async (done: (read: (name: string) => number | undefined) => boolean) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const body = await metrics(app);
      const read = (name: string) => sampleValue(body, name);
      if (done(read) || Date.now() > deadline) return read;
      await sleep(250);
    }
  };

  it('500 requests of reference hours (2011-01-01..01-28): at least 200 rows, drifted share below 0.5', async () => {
    await predictAll(app, await trafficBodies('reference', 500));
    const read = await gaugesUntil((value) => (value(METRIC.liveWindowRows) ?? 0) >= 200);
    assert.ok((read(METRIC.liveWindowRows) ?? 0) >= 200, `live_window_rows ${String(read(METRIC.liveWindowRows))}`);
    const ratio = read(METRIC.liveDriftedColumnsRatio);
    assert.ok(ratio !== undefined && ratio < 0.5, `live_drifted_columns_ratio ${String(ratio)}`);
    assert.equal(read(METRIC.liveDriftDetected), 0);
  });

  it('600 more, of July 2011 hours: dataset drift detected, drifted share at least 0.5', async () => {
    await predictAll(app, await trafficBodies('july-2011', 600));
    const read = await gaugesUntil((value) => value(METRIC.liveDriftDetected) === 1);
    assert.equal(read(METRIC.liveDriftDetected), 1);
    const ratio = read(METRIC.liveDriftedColumnsRatio);
    assert.ok(ratio !== undefined && ratio >= 0.5, `live_drifted_columns_ratio ${String(ratio)}`);
  });
});

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/api/app.js';
import { METRIC, PROCESS_METRIC } from '../../src/telemetry/metric-names.js';
import { promtool, skipWithoutPromtool } from '../deployment/debian-tools.js';
import { createServiceMetrics } from '../../src/api/metrics.js';
import { Evaluator, toLabelledColumns } from '../../src/api/evaluation/evaluator.js';
import { periodRows } from '../../src/clients/payload.js';
import { liveTestApp, testModel, VALID_INPUT } from '../helpers/app.js';
import { testDataset } from '../helpers/dataset.js';
import { sampleValue } from '../helpers/metrics.js';
import { ROOT } from '../helpers/dataset.js';

describe('GET /metrics after traffic of every kind', () => {
  let app: App;
  let exposition: string;

  before(async () => {
    // Live monitoring on, checked by hand below (the interval is beyond the test).
    const service = await liveTestApp({ windowRows: 100, windowSeconds: 3_600, checkSeconds: 86_400, minRows: 2 }, { triggerDrift: true });
    app = service.app;
    const week1 = await readFile(join(ROOT, 'test/fixtures/brief-client/week1_february.json'), 'utf8');
    const requests = [
      app.inject({ method: 'POST', url: '/predict', payload: VALID_INPUT }),
      app.inject({ method: 'POST', url: '/predict', payload: { ...VALID_INPUT, hr: 30 } }),
      app.inject({ method: 'GET', url: '/predict' }),
      app.inject({ method: 'GET', url: '/no-such-route' }),
      app.inject({ method: 'POST', url: '/evaluate', headers: { 'content-type': 'application/json' }, payload: week1 }),
      app.inject({ method: 'POST', url: '/evaluate', payload: { data: [] } }),
      app.inject({ method: 'GET', url: '/health' }),
    ];
    assert.deepEqual((await Promise.all(requests)).map((response) => response.statusCode), [200, 422, 405, 404, 200, 422, 200]);
    assert.equal((await app.inject({ method: 'POST', url: '/trigger-drift' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: '/predict', payload: { ...VALID_INPUT, hr: 12 } })).statusCode, 200);
    assert.equal((await service.live.checkNow()).outcome, 'ok');

    const response = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    exposition = response.body;
  });

  after(() => app.close());

  it('exports every metric of the contract, the service\'s and the process\'s', () => {
    for (const name of [...Object.values(METRIC), ...Object.values(PROCESS_METRIC)]) {
      assert.match(exposition, new RegExp(`^# TYPE ${name} `, 'm'), name);
    }
    assert.match(exposition, /^process_resident_memory_bytes \d+/m);
  });

  it('passes promtool check metrics', { skip: skipWithoutPromtool }, () => {
    const check = promtool(['check', 'metrics'], exposition);
    assert.ok(check.ok, check.output);
    assert.equal(check.output.trim(), '', 'promtool reports nothing');
  });

  it('restores a stored evaluation whose scores are undefined (null) without a NaN sample', async () => {
    const { model, reference } = await testModel();
    const rows = periodRows(await testDataset(), 'week1_february');
    const outputs = new Evaluator(model, reference).describeOutputs(toLabelledColumns(rows));
    const inputs = new Evaluator(model, reference).describeInputs(toLabelledColumns(rows));
    const metrics = createServiceMetrics(model.metadata);
    // An evaluation stored by an older version, when cnt = 1e308 made RMSE, MAE and R2 undefined.
    const { regression: measured } = outputs.report;
    const regression = { ...measured, rmse: null, r2: null, mae: { ...measured.mae, mean: null } };
    metrics.restoreEvaluation({ periodName: 'old', evaluatedItems: rows.length, evaluatedAt: 1, report: { ...inputs.report, ...outputs.report, regression } });
    const exposition = await metrics.registry.metrics();
    assert.doesNotMatch(exposition, / NaN$/m);
    for (const name of [METRIC.rmse, METRIC.r2, METRIC.mae]) assert.equal(sampleValue(exposition, name), undefined, name);
    assert.ok(Number.isFinite(sampleValue(exposition, METRIC.mape)));
  });
});

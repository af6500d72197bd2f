import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TRAFFIC_PERIOD } from '../../src/clients/periods.js';
import { INVALID_KINDS, type PlannedRequest, requestSource } from '../../src/clients/traffic-requests.js';
import { percentile, TrafficStats } from '../../src/clients/traffic-stats.js';
import { testDataset } from '../helpers/dataset.js';

const draw = (next: () => PlannedRequest, n: number): PlannedRequest[] => Array.from({ length: n }, next);

describe('traffic requests', () => {
  const january = async () => (await testDataset()).slice(TRAFFIC_PERIOD.start, TRAFFIC_PERIOD.end);

  it('sends real January hours, features and date only, as /predict bodies', async () => {
    const rows = await january();
    assert.equal(rows.length, 688);
    const [request] = draw(requestSource(rows, 0, 1), 1);
    assert.equal(request.method, 'POST');
    assert.equal(request.expectedStatus, 200);
    const body = JSON.parse(request.body!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['temp', 'atemp', 'hum', 'windspeed', 'mnth', 'hr', 'weekday', 'season', 'holiday', 'workingday', 'weathersit', 'dteday']);
    assert.ok(rows.some((row) => row.dteday === body.dteday && row.hr === body.hr && row.temp === body.temp));
  });

  it('mixes in the requested share of invalid requests, of every kind, reproducibly', async () => {
    const rows = await january();
    const requests = draw(requestSource(rows, 0.3, 7), 4_000);
    const invalid = requests.filter((request) => request.kind !== 'valid');
    assert.ok(Math.abs(invalid.length / requests.length - 0.3) < 0.03, `${invalid.length} invalid`);
    for (const kind of INVALID_KINDS) assert.ok(invalid.filter((request) => request.kind === kind).length > 200, kind);
    assert.deepEqual(draw(requestSource(rows, 0.3, 7), 50), requests.slice(0, 50));
    assert.notDeepEqual(draw(requestSource(rows, 0.3, 8), 50), requests.slice(0, 50));
    assert.ok(draw(requestSource(rows, 0, 7), 500).every((request) => request.kind === 'valid'));
    assert.ok(draw(requestSource(rows, 1, 7), 500).every((request) => request.kind !== 'valid'));
  });

  it('makes each invalid kind as described, with the status the API must answer', async () => {
    const requests = draw(requestSource(await january(), 1, 3), 200);
    const first = (kind: string) => requests.find((request) => request.kind === kind)!;
    const body = (kind: string) => JSON.parse(first(kind).body!) as Record<string, unknown>;
    assert.equal(body('hour-out-of-range').hr, 24);
    assert.equal(typeof body('number-as-string').temp, 'string');
    assert.equal('hum' in body('missing-field'), false);
    assert.deepEqual(first('wrong-method'), { kind: 'wrong-method', method: 'GET', expectedStatus: 405 });
    assert.ok(requests.every((request) => request.expectedStatus === (request.kind === 'wrong-method' ? 405 : 422)));
  });
});

describe('traffic statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 0.5), 50);
    assert.equal(percentile(values, 0.95), 95);
    assert.equal(percentile(values, 0.99), 99);
    assert.equal(percentile(Float64Array.of(7), 0.99), 7);
    assert.equal(percentile(new Float64Array(0), 0.5), null);
  });

  it('counts answers by status, unexpected statuses and connection errors', () => {
    const stats = new TrafficStats();
    const valid: PlannedRequest = { kind: 'valid', method: 'POST', body: '{}', expectedStatus: 200 };
    const wrongMethod: PlannedRequest = { kind: 'wrong-method', method: 'GET', expectedStatus: 405 };
    for (const [request, status] of [[valid, 200], [valid, 500], [wrongMethod, 405]] as const) {
      stats.sent(request);
      stats.answered(request, status, 1);
    }
    stats.sent(valid);
    stats.failed('ECONNRESET');
    const summary = stats.summary(false);
    assert.equal(summary.requests, 4);
    assert.deepEqual(summary.by_kind, { valid: 3, 'wrong-method': 1 });
    assert.deepEqual(summary.by_status, { 200: 1, 405: 1, 500: 1 });
    assert.equal(summary.unexpected_status, 1);
    assert.deepEqual(summary.connection_errors, { ECONNRESET: 1 });
    assert.deepEqual(stats.progress().failed, 1);
  });
});

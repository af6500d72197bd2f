import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/api/app.js';
import type { EvaluationReportOutput } from '../../src/api/schemas.js';
import { METRIC } from '../../src/telemetry/metric-names.js';
import { testApp } from '../helpers/app.js';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { ROOT } from '../helpers/dataset.js';
import { sampleValue } from '../helpers/metrics.js';

interface FixtureColumn {
  readonly column: string;
  readonly column_type: 'num' | 'cat';
  readonly method: string;
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
}
interface BikeFixture {
  readonly cases: readonly {
    readonly id: string;
    readonly expected: { readonly columns: readonly FixtureColumn[]; readonly drifted_count: number; readonly share: number; readonly dataset_drift: boolean };
    readonly target: FixtureColumn;
  }[];
}

const WEEKS = PERIOD_NAMES;
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(join(ROOT, path), 'utf8')) as T;
/** The exact bytes that the brief's Python client (run_evaluation.py) sends for a week. */
const briefClientBody = (week: string): Promise<string> => readFile(join(ROOT, 'test/fixtures/brief-client', `${week}.json`), 'utf8');
const closeTo = (actual: number | null, expected: number, message: string): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= Math.max(1e-12, 1e-9 * Math.abs(expected)), `${message}: ${actual} vs ${expected}`);
};

describe('POST /evaluate', () => {
  let app: App;
  let fixtures: BikeFixture;
  before(async () => {
    app = await testApp();
    fixtures = await readJson<BikeFixture>('test/fixtures/evidently/drift-bike.json');
  });
  after(() => app.close());

  const evaluate = (body: string) => app.inject({ method: 'POST', url: '/evaluate', headers: { 'content-type': 'application/json' }, payload: body });
  const metrics = async (): Promise<string> => (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const modelGauges = [METRIC.rmse, METRIC.mae, METRIC.r2, METRIC.mape, METRIC.driftDetected, METRIC.driftedColumnsRatio, METRIC.lastEvaluationTimestamp];

  it('exports no model gauge sample before the first evaluation, so no alert can fire at boot', async () => {
    const exposition = await metrics();
    for (const name of modelGauges) assert.equal(sampleValue(exposition, name), undefined, name);
    assert.equal(sampleValue(exposition, METRIC.featureDriftScore, { feature: 'temp' }), undefined);
    assert.equal(sampleValue(exposition, METRIC.evaluationsTotal, { outcome: 'drift' }), 0);
  });

  for (const week of WEEKS) {
    it(`evaluates ${week} sent byte for byte as the brief's client does, with Evidently's drift verdicts`, async () => {
      const response = await evaluate(await briefClientBody(week));
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json<EvaluationReportOutput>();
      const fixture = fixtures.cases.find((testCase) => testCase.id === week);
      assert.ok(fixture, `fixture ${week}`);

      // The brief's EvaluationReportOutput.
      assert.equal(typeof body.message, 'string');
      assert.equal(body.evaluated_items, { week1_february: 235, week2_february: 163, week3_february: 165 }[week]);
      assert.equal(body.evaluation_period_name, week);
      assert.equal(body.drift_detected, fixture.expected.dataset_drift ? 1 : 0);
      for (const value of [body.rmse, body.mape, body.mae, body.r2score]) assert.equal(typeof value, 'number');
      assert.ok(body.rmse! > 10 && body.rmse! < 45, `RMSE of a normal week: ${body.rmse}`);
      assert.ok(body.r2score! > 0.6, `R2 of a normal week: ${body.r2score}`);

      // Per-column drift equal to Evidently 0.7.21 on the same data.
      assert.equal(body.drifted_columns_count, fixture.expected.drifted_count);
      closeTo(body.drift_share, fixture.expected.share, 'share');
      assert.deepEqual(body.columns.map((column) => column.column), fixture.expected.columns.map((column) => column.column));
      for (const [i, expected] of [...fixture.expected.columns, fixture.target].entries()) {
        const actual = i < body.columns.length ? body.columns[i] : body.target_drift;
        assert.deepEqual(
          { column: actual.column, type: actual.type, test: actual.test, threshold: actual.threshold, drifted: actual.drifted },
          { column: expected.column, type: expected.column_type, test: expected.method, threshold: expected.threshold, drifted: expected.drifted },
        );
        closeTo(actual.score, expected.score, `${week} ${expected.column}`);
      }

      // Every gauge shows this response's values.
      const exposition = await metrics();
      const gauge = (name: string, labels?: Record<string, string>): number | undefined => sampleValue(exposition, name, labels);
      assert.equal(gauge(METRIC.rmse), body.rmse);
      assert.equal(gauge(METRIC.mae), body.mae);
      assert.equal(gauge(METRIC.r2), body.r2score);
      assert.equal(gauge(METRIC.mape), body.mape);
      assert.equal(gauge(METRIC.driftDetected), body.drift_detected);
      assert.equal(gauge(METRIC.driftedColumnsRatio), body.drift_share);
      assert.equal(gauge(METRIC.driftedColumns), body.drifted_columns_count);
      for (const column of body.columns) {
        assert.equal(gauge(METRIC.featureDriftScore, { feature: column.column }), column.score, column.column);
        assert.equal(gauge(METRIC.featureDriftDetected, { feature: column.column }), column.drifted ? 1 : 0, column.column);
      }
      assert.equal(gauge(METRIC.targetDriftScore), body.target_drift.score);
      assert.equal(gauge(METRIC.targetDriftDetected), body.target_drift.drifted ? 1 : 0);
      assert.equal(gauge(METRIC.predictionDriftScore), body.prediction_drift.score);
      assert.equal(gauge(METRIC.predictionDriftDetected), body.prediction_drift.drifted ? 1 : 0);
      assert.equal(gauge(METRIC.evaluationRows), body.evaluated_items);
      const age = Date.now() / 1000 - gauge(METRIC.lastEvaluationTimestamp)!;
      assert.ok(age >= 0 && age < 60, `timestamp age ${age}`);
    });
  }

  it('counts evaluations by outcome', async () => {
    const exposition = await metrics();
    assert.equal(sampleValue(exposition, METRIC.evaluationsTotal, { outcome: 'drift' }), WEEKS.length);
  });

  describe('bad payloads', () => {
    let week1: { data: Record<string, unknown>[]; evaluation_period_name: string };
    before(async () => {
      week1 = JSON.parse(await briefClientBody('week1_february')) as typeof week1;
    });
    const withRow = (index: number, changes: Record<string, unknown>) => ({
      ...week1,
      data: week1.data.map((row, i) => (i === index ? { ...row, ...changes } : row)),
    });
    const json = (value: unknown): string => JSON.stringify(value);

    const cases: [string, () => string, number, RegExp][] = [
      ['a missing field', () => json(withRow(17, { hum: undefined })), 422, /"loc":\["body","data",17,"hum"\],"msg":"Field required"/],
      ['a number sent as a string', () => json(withRow(3, { temp: '0.3' })), 422, /"loc":\["body","data",3,"temp"\],"msg":"Input should be a valid number"/],
      ['a NaN literal', () => json(withRow(5, { atemp: 0.123 })).replace('0.123', 'NaN'), 422, /"loc":\["body","data",5,"atemp"\],"msg":"Input should be a finite number"/],
      ['an Infinity literal', () => json(withRow(6, { cnt: 123456 })).replace('123456', 'Infinity'), 422, /"loc":\["body","data",6,"cnt"\],"msg":"Input should be a finite number"/],
      ['a negative count', () => json(withRow(8, { cnt: -4 })), 422, /"loc":\["body","data",8,"cnt"\],"msg":"Input should be greater than or equal to 0"/],
      ['a date that does not exist', () => json(withRow(9, { dteday: '2011-02-30' })), 422, /"type":"date_parsing","loc":\["body","data",9,"dteday"\]/],
      ['a date in another format', () => json(withRow(10, { dteday: '02/05/2011' })), 422, /"type":"date_parsing","loc":\["body","data",10,"dteday"\]/],
      ['an empty list', () => json({ ...week1, data: [] }), 422, /"loc":\["body","data"\],"msg":"List should have at least 2 items"/],
      ['one row', () => json({ ...week1, data: week1.data.slice(0, 1) }), 422, /List should have at least 2 items/],
      ['too many rows', () => json({ ...week1, data: Array.from({ length: 10_001 }, (_, i) => week1.data[i % week1.data.length]) }), 422, /"loc":\["body","data"\],"msg":"List should have at most 10000 items"/],
      ['data that is not a list', () => json({ ...week1, data: week1.data[0] }), 422, /"loc":\["body","data"\],"msg":"Input should be a valid list"/],
      ['a list instead of an object', () => json(week1.data), 422, /"loc":\["body"\],"msg":"Input should be a valid dictionary or object"/],
      ['a body without data', () => json({ evaluation_period_name: 'x' }), 422, /"loc":\["body","data"\],"msg":"Field required"/],
      ['a non-string period name', () => json({ ...week1, evaluation_period_name: 7 }), 422, /"loc":\["body","evaluation_period_name"\]/],
      ['non-JSON', () => 'data=1,2,3', 400, /not valid JSON/],
    ];

    for (const [name, body, status, message] of cases) {
      it(`answers ${status} to ${name}, naming the problem, and keeps the gauges`, async () => {
        const before = await metrics();
        const response = await evaluate(body());
        assert.equal(response.statusCode, status, response.body.slice(0, 500));
        assert.match(response.body, message);
        const after = await metrics();
        for (const name of modelGauges.filter((gauge) => gauge !== METRIC.lastEvaluationTimestamp)) {
          assert.equal(sampleValue(after, name), sampleValue(before, name), name);
        }
        const invalid = (exposition: string): number => sampleValue(exposition, METRIC.evaluationsTotal, { outcome: 'invalid' }) ?? 0;
        assert.equal(invalid(after), invalid(before) + 1);
      });
    }

    it('answers 400 to a request without a body, which Fastify hands over as none at all', async () => {
      // schemathesis's `curl -X POST /evaluate`: no Content-Type, no length.
      for (let i = 0; i < 2; i++) {
        const response = await app.inject({ method: 'POST', url: '/evaluate' });
        assert.equal(response.statusCode, 400, response.body);
        assert.match(response.body, /The request body is empty/);
      }
    });

    it('reports at most 100 problems, in row order, however many rows are wrong', async () => {
      const response = await evaluate(json({ data: Array.from({ length: 10_000 }, () => ({})) }));
      assert.equal(response.statusCode, 422);
      const detail = response.json<{ detail: { loc: (string | number)[]; type: string }[] }>().detail;
      assert.equal(detail.length, 100);
      assert.deepEqual(detail[0], { ...detail[0], loc: ['body', 'data', 0, 'temp'], type: 'missing' });
      assert.deepEqual(detail[99].loc.slice(0, 3), ['body', 'data', 7]);
    });

    it('rejects a list far above the row limit by its length, without checking its rows', async () => {
      const response = await evaluate(json({ data: Array.from({ length: 200_000 }, () => ({})) }));
      assert.equal(response.statusCode, 422);
      assert.deepEqual(response.json<{ detail: { loc: unknown[]; type: string }[] }>().detail.map(({ loc, type }) => ({ loc, type })), [
        { loc: ['body', 'data'], type: 'too_long' },
      ]);
    });

    it('still evaluates afterwards, and the period name defaults to unknown_period', async () => {
      const response = await evaluate(json({ data: week1.data }));
      assert.equal(response.statusCode, 200);
      assert.equal(response.json<EvaluationReportOutput>().evaluation_period_name, 'unknown_period');
    });

    it('rejects a body above the size that the largest batch needs (413)', async () => {
      const response = await evaluate(json({ data: week1.data, padding: 'x'.repeat(11 * 1024 * 1024) }));
      assert.equal(response.statusCode, 413);
    });
  });
});

describe("POST /evaluate's body memory", () => {
  it('is freed once read when it owns its buffer, and never when it is a slice of Node\'s pool of small buffers', async () => {
    const app = await testApp();
    const bodies: Buffer[] = [];
    app.addHook('onResponse', async (request) => {
      bodies.push(request.body as Buffer);
    });
    try {
      const evaluate = (payload: string) => app.inject({ method: 'POST', url: '/evaluate', headers: { 'content-type': 'application/json' }, payload });
      const week = await briefClientBody('week1_february');
      assert.equal((await evaluate(week)).statusCode, 200);
      // Too few rows: refused, its body read all the same. Under 4 KiB, Node allocates it in its pool.
      const small = JSON.stringify({ data: [] });
      assert.equal((await evaluate(small)).statusCode, 422);
      const [large, pooled] = bodies;
      assert.equal(large.buffer.byteLength, 0, 'the 235-row body was not freed');
      assert.ok(pooled.buffer.byteLength > pooled.byteLength, 'the small body is not a slice of a larger buffer');
      assert.equal(pooled.toString(), small);
    } finally {
      await app.close();
    }
  });
});

describe('POST /trigger-drift', () => {
  it('drives the real pipeline: drift detected, RMSE far above every normal week, the alerts it fires', async () => {
    const app = await testApp({ triggerDrift: true });
    const response = await app.inject({ method: 'POST', url: '/trigger-drift' });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<EvaluationReportOutput & { expected_alerts: { alert: string; engine: string }[] }>();
    assert.equal(body.drift_detected, 1);
    assert.ok(body.drift_share >= 0.75, `share ${body.drift_share}`);
    assert.ok(body.rmse! > 150, `RMSE ${body.rmse}: normal weeks stay below 40`);
    assert.ok(body.r2score! < 0, `R2 ${body.r2score}`);
    assert.deepEqual(body.expected_alerts.map(({ alert, engine }) => `${engine}:${alert}`).sort(), [
      'grafana:DataDriftDetected',
      'grafana:ModelRmseHigh',
      'prometheus:DataDriftSevere',
      'prometheus:ModelR2Degraded',
    ]);
    const exposition = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.equal(sampleValue(exposition, METRIC.rmse), body.rmse);
    assert.equal(sampleValue(exposition, METRIC.driftDetected), 1);
    assert.equal((await app.inject({ method: 'GET', url: '/trigger-drift' })).statusCode, 405);
    await app.close();
  });

  it('is disabled by default: 403 with the reason, and nothing changes', async () => {
    const app = await testApp();
    const response = await app.inject({ method: 'POST', url: '/trigger-drift' });
    assert.equal(response.statusCode, 403);
    assert.match(response.json<{ detail: string }>().detail, /ENABLE_TRIGGER_DRIFT=true/);
    const exposition = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.equal(sampleValue(exposition, METRIC.rmse), undefined);
    assert.equal(sampleValue(exposition, METRIC.evaluationsTotal, { outcome: 'drift' }), 0);
    await app.close();
  });
});

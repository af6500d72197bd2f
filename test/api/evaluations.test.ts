import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/api/app.js';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { FEATURES } from '../../src/model/features.js';
import { METRIC } from '../../src/telemetry/metric-names.js';
import { testApp } from '../helpers/app.js';
import { ROOT } from '../helpers/dataset.js';
import { sampleValue } from '../helpers/metrics.js';

type Json = Record<string, unknown>;
const briefClientBody = (week: string): Promise<string> => readFile(join(ROOT, 'test/fixtures/brief-client', `${week}.json`), 'utf8');
/** The text of the report's metric cards, by name. */
const reportMetrics = (html: string): Record<string, string> =>
  Object.fromEntries([...html.matchAll(/<div><dt>([^<]+)<\/dt><dd>([^<]+)<\/dd><\/div>/g)].map((match) => [match[1], match[2]]));

describe('evaluation history routes', () => {
  let app: App;
  const answers: Json[] = [];
  before(async () => {
    // The service stores its evaluations in SQLite, in a temporary directory of its own.
    app = await testApp();
    for (const week of PERIOD_NAMES) {
      const response = await app.inject({ method: 'POST', url: '/evaluate', headers: { 'content-type': 'application/json' }, payload: await briefClientBody(week) });
      assert.equal(response.statusCode, 200, response.body);
      answers.push(response.json<Json>());
    }
  });
  after(() => app.close());
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('POST /evaluate answers the id of the stored evaluation and its report URL', () => {
    assert.deepEqual(answers.map((answer) => answer.evaluation_id), [1, 2, 3]);
    assert.deepEqual(answers.map((answer) => answer.report_url), [1, 2, 3].map((id) => `http://localhost:8080/evaluations/${id}/report`));
  });

  it('GET /evaluations lists summaries newest first, a page at a time', async () => {
    const page = (await get('/evaluations')).json<{ total: number; limit: number; offset: number; items: Json[] }>();
    assert.equal(page.total, 3);
    assert.deepEqual([page.limit, page.offset], [20, 0]);
    assert.deepEqual(page.items.map((item) => item.evaluation_period_name), [...PERIOD_NAMES].reverse());
    const newest = page.items[0];
    const answer = answers[2];
    for (const field of ['evaluation_id', 'report_url', 'rmse', 'mae', 'r2score', 'mape', 'drift_detected', 'drift_share', 'evaluated_items']) {
      assert.equal(newest[field], answer[field], field);
    }
    assert.match(String(newest.model_version), /^rf-[0-9a-f]{12}$/);
    assert.ok(Math.abs(Date.parse(String(newest.created_at)) - Date.now()) < 600_000);
    const second = (await get('/evaluations?limit=1&offset=1')).json<{ items: Json[] }>();
    assert.deepEqual(second.items.map((item) => item.evaluation_id), [2]);
  });

  it('GET /evaluations/{id} answers the /evaluate answer and the data of its charts; 404 for an unknown id', async () => {
    const stored = (await get('/evaluations/2')).json<Json & { charts: { distributions: Json } }>();
    const { charts, ...rest } = stored;
    const answer = Object.fromEntries(Object.entries(rest).filter(([field]) => field !== 'created_at' && field !== 'model_version'));
    assert.deepEqual(answer, answers[1]);
    assert.match(String(rest.model_version), /^rf-[0-9a-f]{12}$/);
    assert.deepEqual(Object.keys(charts.distributions).sort(), [...FEATURES, 'cnt', 'prediction'].sort());
    const missing = await get('/evaluations/99');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json<{ detail: string }>().detail, /^No evaluation 99 is stored/);
  });

  for (const [url, loc] of [
    ['/evaluations/abc', ['params', 'id']],
    ['/evaluations/0', ['params', 'id']],
    ['/evaluations/-1/report', ['params', 'id']],
    ['/evaluations?limit=0', ['querystring', 'limit']],
    ['/evaluations?limit=101', ['querystring', 'limit']],
    ['/evaluations?offset=x', ['querystring', 'offset']],
  ] as const) {
    it(`GET ${url} is refused with 422 naming ${loc.join('.')}`, async () => {
      const response = await get(url);
      assert.equal(response.statusCode, 422, response.body);
      assert.deepEqual(response.json<{ detail: { loc: string[] }[] }>().detail[0].loc, loc);
    });
  }

  it("the report's numbers equal the /evaluate answer and the gauges", async () => {
    const response = await get('/evaluations/3/report');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
    const answer = answers[2];
    const exposition = (await get('/metrics')).body;
    const shown = reportMetrics(response.body);
    const expected: [string, string, string][] = [
      ['RMSE', 'rmse', METRIC.rmse],
      ['MAE', 'mae', METRIC.mae],
      ['R²', 'r2score', METRIC.r2],
      ['MAPE (%)', 'mape', METRIC.mape],
    ];
    for (const [card, field, gauge] of expected) {
      assert.equal(shown[card], (answer[field] as number).toFixed(4), card);
      assert.equal(shown[card], sampleValue(exposition, gauge)!.toFixed(4), `${card} gauge`);
    }
    const drifted = answer.drifted_columns_count as number;
    assert.ok(response.body.includes(`${drifted} of 11 features drifted: share ${(answer.drift_share as number).toFixed(2)}`));
    assert.equal(sampleValue(exposition, METRIC.driftedColumnsRatio), answer.drift_share);
    for (const feature of FEATURES) assert.ok(response.body.includes(`id="chart-${feature}"`), feature);
    // Most drifted first: every drifted feature's row comes before every stable one's.
    const verdicts = [...response.body.matchAll(/<td class="verdict-cell (drifted|stable)">/g)].map((match) => match[1]);
    assert.deepEqual(verdicts, [...verdicts].sort());
  });

  it('GET /evaluations/latest/report redirects to the newest report', async () => {
    const response = await get('/evaluations/latest/report');
    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, '/evaluations/3/report');
  });

  it('escapes the period name, which API callers choose, in the report and the history page', async () => {
    const body = JSON.parse(await briefClientBody('week1_february')) as Json;
    const name = '<script>alert("x")</script>&';
    const response = await app.inject({ method: 'POST', url: '/evaluate', payload: { ...body, evaluation_period_name: name } });
    const id = response.json<Json>().evaluation_id as number;
    for (const page of [(await get(`/evaluations/${id}/report`)).body, (await get('/reports')).body]) {
      assert.ok(!page.includes('<script>'));
      assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;'));
    }
  });

  it('GET /reports links every stored evaluation', async () => {
    const response = await get('/reports');
    assert.equal(response.statusCode, 200);
    for (const [i, week] of PERIOD_NAMES.entries()) assert.ok(response.body.includes(`<a href="/evaluations/${i + 1}/report">${week}</a>`), week);
  });

  it('documents every history route in the OpenAPI document', async () => {
    const paths = (await get('/docs/json')).json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>().paths;
    for (const path of ['/evaluations', '/evaluations/{id}', '/evaluations/{id}/report', '/evaluations/latest/report', '/reports']) {
      assert.ok(path in paths && 'get' in paths[path], path);
    }
    assert.ok(paths['/evaluations/{id}/report'].get.responses['200']);
    const evaluate = JSON.stringify(paths['/evaluate'].post.responses['200']);
    assert.ok(evaluate.includes('evaluation_id') && evaluate.includes('report_url'));
  });
});

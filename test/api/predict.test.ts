import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { App } from '../../src/api/app.js';
import { VALID_INPUT, testApp, testModel } from '../helpers/app.js';
import { requestCount } from '../helpers/metrics.js';

interface Detail {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

describe('POST /predict', () => {
  let app: App;
  before(async () => {
    app = await testApp();
  });
  after(() => app.close());

  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/predict', payload: payload as object });
  const details = (body: string): Detail[] => (JSON.parse(body) as { detail: Detail[] }).detail;

  it("returns the model's prediction for the brief's BikeSharingInput", async () => {
    const response = await post(VALID_INPUT);
    assert.equal(response.statusCode, 200);
    const body = response.json<{ predicted_count: number }>();
    const { model } = await testModel();
    assert.equal(body.predicted_count, model.predict(VALID_INPUT));
    assert.ok(body.predicted_count > 0 && body.predicted_count < 100, `January midnight: ${body.predicted_count}`);
  });

  it('accepts integers written as 1.0 and ignores unknown fields, as FastAPI does', async () => {
    const json = JSON.stringify({ ...VALID_INPUT, cnt: 16, instant: 1 }).replace('"mnth":1', '"mnth":1.0');
    const response = await app.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: json });
    assert.equal(response.statusCode, 200);
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a missing field', { ...VALID_INPUT, hum: undefined }, 'hum', 'missing'],
    ['a number sent as a string', { ...VALID_INPUT, temp: '0.24' }, 'temp', 'float_type'],
    ['a fractional integer', { ...VALID_INPUT, hr: 1.5 }, 'hr', 'int_from_float'],
    ['an hour out of range', { ...VALID_INPUT, hr: 24 }, 'hr', 'less_than_equal'],
    ['a negative weekday', { ...VALID_INPUT, weekday: -1 }, 'weekday', 'greater_than_equal'],
    ['season 0', { ...VALID_INPUT, season: 0 }, 'season', 'greater_than_equal'],
    ['weathersit 5', { ...VALID_INPUT, weathersit: 5 }, 'weathersit', 'less_than_equal'],
    ['holiday 2', { ...VALID_INPUT, holiday: 2 }, 'holiday', 'less_than_equal'],
    ['humidity above 1', { ...VALID_INPUT, hum: 1.2 }, 'hum', 'less_than_equal'],
    ['a date that does not exist', { ...VALID_INPUT, dteday: '2011-02-30' }, 'dteday', 'date_parsing'],
    ['a date in another format', { ...VALID_INPUT, dteday: '01/01/2011' }, 'dteday', 'date_parsing'],
    ['a null', { ...VALID_INPUT, atemp: null }, 'atemp', 'float_type'],
  ];
  for (const [name, payload, field, type] of invalid) {
    it(`answers 422 naming the field for ${name}`, async () => {
      const response = await post(payload);
      assert.equal(response.statusCode, 422);
      assert.deepEqual(
        details(response.body).map(({ loc, type: errorType }) => ({ loc, type: errorType })),
        [{ loc: ['body', field], type }],
      );
    });
  }

  it('reports every bad field at once', async () => {
    const response = await post({ ...VALID_INPUT, temp: 'warm', hr: 30, dteday: undefined });
    assert.equal(response.statusCode, 422);
    const fields = details(response.body).map(({ loc }) => loc[1]);
    assert.deepEqual(new Set(fields), new Set(['temp', 'hr', 'dteday']));
  });

  const nonFinite: [string, string, readonly string[]][] = [
    // As Python's json.dumps writes them.
    ['each NaN or Infinity literal', JSON.stringify(VALID_INPUT).replace('"temp":0.24', '"temp":NaN').replace('"hum":0.81', '"hum":-Infinity'), ['temp', 'hum']],
    // Parsed as ±Infinity: not finite, rather than "a number with a fractional part".
    ['each number beyond float64 (1e400)', JSON.stringify(VALID_INPUT).replace('"hr":0', '"hr":1e400').replace('"temp":0.24', '"temp":-1e400'), ['temp', 'hr']],
  ];
  for (const [name, json, fields] of nonFinite) {
    it(`answers 422 naming ${name} as not a finite number`, async () => {
      const response = await app.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: json });
      assert.equal(response.statusCode, 422);
      assert.deepEqual(
        details(response.body).map(({ loc, type, msg }) => ({ loc, type, msg })),
        fields.map((field) => ({ loc: ['body', field], type: 'finite_number', msg: 'Input should be a finite number' })),
      );
    });
  }

  const rejected: [string, InjectOptions, number, RegExp][] = [
    ['malformed JSON', { method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: '{"temp": 0.24,' }, 400, /not valid JSON/],
    ['an empty body', { method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: '' }, 400, /empty/],
    ['a JSON array', { method: 'POST', url: '/predict', payload: [VALID_INPUT] }, 422, /valid dictionary/],
    ['a form body', { method: 'POST', url: '/predict', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'temp=0.24' }, 415, /Unsupported Media Type/],
    ['plain text', { method: 'POST', url: '/predict', headers: { 'content-type': 'text/plain' }, payload: 'hello' }, 415, /Unsupported Media Type/],
    ['an oversized body', { method: 'POST', url: '/predict', payload: { ...VALID_INPUT, padding: 'x'.repeat(20_000) } }, 413, /too large/],
    ['a wrong method', { method: 'GET', url: '/predict' }, 405, /Method Not Allowed/],
    ['an unknown route', { method: 'POST', url: '/predictions' }, 404, /Not Found/],
    ['a prototype-poisoning body', { method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: '{"__proto__": {"x": 1}}' }, 400, /not valid JSON/],
  ];
  for (const [name, request, status, message] of rejected) {
    it(`answers ${status} to ${name}, and still serves afterwards`, async () => {
      const response = await app.inject(request);
      assert.equal(response.statusCode, status, response.body);
      assert.match(response.body, message);
      assert.equal((await post(VALID_INPUT)).statusCode, 200);
    });
  }

  it('sends an Allow header with 405', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/predict' });
    assert.equal(response.statusCode, 405);
    assert.equal(response.headers.allow, 'POST');
  });

  it('counts every answer in api_requests_total with its status code, under bounded endpoint labels', async () => {
    const fresh = await testApp();
    await fresh.inject({ method: 'POST', url: '/predict', payload: VALID_INPUT });
    await fresh.inject({ method: 'POST', url: '/predict', payload: { ...VALID_INPUT, hr: 99 } });
    await fresh.inject({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, payload: '{' });
    await fresh.inject({ method: 'GET', url: '/predict' });
    for (const probe of ['/wp-admin', '/.env', '/predict/../etc/passwd']) await fresh.inject({ method: 'GET', url: probe });
    await fresh.inject({ method: 'GET', url: '/metrics' });
    const metrics = (await fresh.inject({ method: 'GET', url: '/metrics' })).body;
    assert.equal(requestCount(metrics, { endpoint: '/predict', method: 'POST', status_code: '200' }), 1);
    assert.equal(requestCount(metrics, { endpoint: '/predict', method: 'POST', status_code: '422' }), 1);
    assert.equal(requestCount(metrics, { endpoint: '/predict', method: 'POST', status_code: '400' }), 1);
    assert.equal(requestCount(metrics, { endpoint: 'unmatched', method: 'GET', status_code: '405' }), 1);
    assert.equal(requestCount(metrics, { endpoint: 'unmatched', method: 'GET', status_code: '404' }), 3);
    assert.doesNotMatch(metrics, /wp-admin|\.env|passwd/);
    assert.doesNotMatch(metrics, /api_requests_total\{endpoint="\/metrics"/);
    assert.match(metrics, /^model_predictions_total 1$/m);
    assert.match(metrics, /^model_prediction_rentals_count 1$/m);
    await fresh.close();
  });
});

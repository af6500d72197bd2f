import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/api/app.js';
import { MAX_RENTALS_PER_HOUR } from '../../src/api/evaluation/limits.js';
import { testApp, testModel, VALID_INPUT } from '../helpers/app.js';
import { requestCount } from '../helpers/metrics.js';

describe('service information routes', () => {
  let app: App;
  before(async () => {
    app = await testApp();
  });
  after(() => app.close());

  it('GET / says what the service is and where its documentation is', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    const body = response.json<{ message: string; docs: string; model_version: string }>();
    assert.match(body.message, /\/predict.*\/evaluate/);
    assert.equal(body.docs, '/docs');
    assert.equal(body.model_version, (await testModel()).model.version);
  });

  it('GET /health answers ok and GET /ready the loaded model', async () => {
    assert.deepEqual((await app.inject({ method: 'GET', url: '/health' })).json(), { status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', model_version: (await testModel()).model.version });
  });

  it('does not count the probes (/health, /ready) or the scrapes (/metrics) as traffic in api_requests_total', async () => {
    const fresh = await testApp();
    for (const url of ['/health', '/ready', '/metrics', '/']) await fresh.inject({ method: 'GET', url });
    const metrics = (await fresh.inject({ method: 'GET', url: '/metrics' })).body;
    await fresh.close();
    for (const endpoint of ['/health', '/ready', '/metrics']) assert.doesNotMatch(metrics, new RegExp(`api_requests_total\\{[^}]*endpoint="${endpoint}"`), endpoint);
    // Real traffic still counts.
    assert.equal(requestCount(metrics, { endpoint: '/', method: 'GET', status_code: '200' }), 1);
  });

  it('serves Swagger UI at /docs and an OpenAPI document describing every route and the brief schemas', async () => {
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    assert.ok([200, 302].includes(ui.statusCode), `GET /docs: ${ui.statusCode}`);
    const page = await app.inject({ method: 'GET', url: ui.statusCode === 302 ? String(ui.headers.location) : '/docs' });
    assert.match(page.body, /swagger/i);
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>;
    }>();
    assert.match(spec.openapi, /^3\./);
    for (const path of ['/', '/health', '/ready', '/predict', '/evaluate', '/trigger-drift', '/metrics']) assert.ok(path in spec.paths, path);
    const predictBody = spec.paths['/predict'].post.requestBody?.content['application/json'].schema;
    assert.deepEqual(new Set(predictBody?.required), new Set(['temp', 'atemp', 'hum', 'windspeed', 'mnth', 'hr', 'weekday', 'season', 'holiday', 'workingday', 'weathersit', 'dteday']));
  });

  it('documents what the service does: evaluation_period_name optional, cnt a bounded integer', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: EvaluateBodySchema }> } }>>;
    }>();
    const body = spec.paths['/evaluate'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(body.required, ['data']);
    const { type, minimum, maximum } = body.properties.data.items.properties.cnt as Record<string, unknown>;
    assert.deepEqual({ type, minimum, maximum }, { type: 'integer', minimum: 0, maximum: MAX_RENTALS_PER_HOUR });
    const withoutName = await app.inject({ method: 'POST', url: '/evaluate', payload: { data: [{ ...VALID_INPUT, cnt: 3 }, { ...VALID_INPUT, cnt: 5 }] } });
    assert.equal(withoutName.json<{ evaluation_period_name: string }>().evaluation_period_name, 'unknown_period');
  });

  it('answers 405 with Allow to every method a path has no route for, QUERY included', async () => {
    for (const method of ['QUERY', 'PUT', 'DELETE', 'PROPFIND']) {
      const response = await app.inject({ method: method as 'PUT', url: '/health' });
      assert.equal(response.statusCode, 405, `${method}: ${response.body}`);
      assert.equal(response.headers.allow, 'GET, HEAD');
    }
    assert.equal((await app.inject({ method: 'QUERY' as 'PUT', url: '/nowhere' })).statusCode, 404);
  });
});

interface EvaluateBodySchema {
  readonly required: string[];
  readonly properties: { readonly data: { readonly items: { readonly properties: Record<string, object> } } };
}

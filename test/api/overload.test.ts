/** Load shedding of POST /evaluate, and where its body is read: never on the serving thread. */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type App, buildApp } from '../../src/api/app.js';
import { DEFAULT_MAX_ROWS } from '../../src/api/evaluation/limits.js';
import { EvaluationService, RETRY_AFTER_SECONDS } from '../../src/api/evaluation/service.js';
import { createServiceMetrics } from '../../src/api/metrics.js';
import { METRIC } from '../../src/telemetry/metric-names.js';
import { periodRows } from '../../src/clients/payload.js';
import { testApp, testModel } from '../helpers/app.js';
import { testDataset } from '../helpers/dataset.js';
import { sampleValue } from '../helpers/metrics.js';

const weekBody = async (): Promise<string> => JSON.stringify({ data: periodRows(await testDataset(), 'week1_february'), evaluation_period_name: 'week1_february' });

describe('POST /evaluate at capacity (load shedding)', () => {
  let app: App;
  let url: string;
  before(async () => {
    // No evaluation may start (0 in progress at most): every /evaluate is shed.
    const { model, reference } = await testModel();
    app = await buildApp({
      model,
      evaluations: new EvaluationService(model, reference, 0),
      metrics: createServiceMetrics(model.metadata),
      evaluateMaxRows: DEFAULT_MAX_ROWS,
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(() => app.close());

  it('answers 503 with Retry-After, counts the request as shed, not as a failed evaluation', async () => {
    const response = await fetch(`${url}/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await weekBody() });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), String(RETRY_AFTER_SECONDS));
    assert.match(((await response.json()) as { detail: string }).detail, /evaluations are already in progress; retry shortly/);
    const exposition = await (await fetch(`${url}/metrics`)).text();
    assert.equal(sampleValue(exposition, METRIC.shedRequestsTotal, { endpoint: '/evaluate' }), 1);
    assert.equal(sampleValue(exposition, METRIC.evaluationsTotal, { outcome: 'error' }), 0);
    assert.equal(sampleValue(exposition, METRIC.requestsTotal, { endpoint: '/evaluate', method: 'POST', status_code: '503' }), 1);
  });

  it('refuses before reading the body: headers announcing 5 MB, no body, get their 503', async () => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.write('POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n');
    const deadline = Date.now() + 10_000;
    while (!answer.includes('\r\n\r\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    assert.match(answer, /^HTTP\/1\.1 503 /);
    assert.match(answer, /\r\nretry-after: 1\r\n/i);
  });
});

describe('POST /evaluate body reading', () => {
  let app: App;
  before(async () => {
    app = await testApp();
  });
  after(() => app.close());

  it('parses no body on the serving thread: an evaluation worker reads it', async () => {
    const body = await weekBody();
    const parse = JSON.parse.bind(JSON);
    let parsedHere = 0;
    JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (typeof text === 'string' && text.length >= body.length) parsedHere++;
      return parse(text, reviver) as unknown;
    }) as typeof JSON.parse;
    try {
      const response = await app.inject({ method: 'POST', url: '/evaluate', headers: { 'content-type': 'application/json' }, payload: body });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json<{ evaluated_items: number }>().evaluated_items, 235);
    } finally {
      JSON.parse = parse;
    }
    assert.equal(parsedHere, 0);
  });
});

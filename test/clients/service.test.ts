/** Both clients through their real command lines against the real bike-api process. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TrafficSummary } from '../../src/clients/traffic-stats.js';
import { DATASET_ZIP } from '../helpers/dataset.js';
import { requestCount } from '../helpers/metrics.js';
import { freePort, type RunningServer, startService } from '../helpers/service.js';
import { runCli, startCli } from './cli-process.js';

describe('the clients against bike-api', () => {
  let service: RunningServer;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bike-clients-'));
    service = await startService({ BIKE_SHARING_ZIP: DATASET_ZIP, MODEL_PATH: join(dir, 'model.json'), N_ESTIMATORS: '20', LOG_LEVEL: 'warn' });
  });
  after(async () => {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const metrics = async (): Promise<string> => (await fetch(`${service.url}/metrics`)).text();
  /** The service's request counters that traffic can move, by the generator's status codes. */
  const predictCounts = (exposition: string) => ({
    200: requestCount(exposition, { endpoint: '/predict', method: 'POST', status_code: '200' }),
    422: requestCount(exposition, { endpoint: '/predict', method: 'POST', status_code: '422' }),
    405: requestCount(exposition, { endpoint: 'unmatched', method: 'GET', status_code: '405' }),
  });

  it("sends the requested count, valid and invalid, and its summary matches the service's api_requests_total", async () => {
    const before = predictCounts(await metrics());
    const { code, stdout, stderr } = await runCli('traffic', ['--api-url', service.url, '--count', '150', '--rate', '300', '--concurrency', '4', '--invalid-share', '0.4', '--seed', '7', '--json']);
    assert.equal(code, 0, stderr);
    const summary = JSON.parse(stdout) as TrafficSummary;
    const after = predictCounts(await metrics());

    assert.equal(summary.requests, 150);
    assert.deepEqual(Object.keys(summary.by_status).sort(), ['200', '405', '422']);
    assert.deepEqual(summary.connection_errors, {});
    assert.equal(summary.unexpected_status, 0);
    assert.equal(summary.interrupted, false);
    for (const status of [200, 422, 405] as const) {
      assert.equal(summary.by_status[status], after[status] - before[status], `status ${status}`);
    }
    const latency = summary.latency_ms;
    assert.ok(latency.p50 !== null && latency.p95 !== null && latency.p99 !== null && latency.p50 <= latency.p95 && latency.p95 <= latency.p99);
    assert.ok(summary.achieved_rate > 0);
  });

  it('stops on Ctrl-C, finishing what is in flight, and still prints the summary', async () => {
    const before = predictCounts(await metrics());
    const run = startCli('traffic', ['--api-url', service.url, '--duration', '60', '--rate', '50', '--json']);
    await run.stderrIncludes('(Ctrl-C stops)');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    run.interrupt();
    const { code, stdout, stderr } = await run.result;
    assert.equal(code, 130, stderr);
    const summary = JSON.parse(stdout) as TrafficSummary;
    assert.equal(summary.interrupted, true);
    assert.ok(summary.requests > 0 && summary.elapsed_seconds < 30, `${summary.requests} requests in ${summary.elapsed_seconds} s`);
    const after = predictCounts(await metrics());
    const answered = Object.values(summary.by_status).reduce((sum, count) => sum + count, 0);
    assert.equal(answered, summary.requests);
    assert.equal(answered, after[200] - before[200] + after[422] - before[422] + after[405] - before[405]);
  });

  it('prints a text summary with the status codes and latency percentiles', async () => {
    const { code, stdout } = await runCli('traffic', ['--api-url', service.url, '--count', '20', '--rate', '200', '--invalid-share', '0']);
    assert.equal(code, 0);
    assert.match(stdout, /^Traffic summary for http:\/\/127\.0\.0\.1:\d+\/predict\n/);
    assert.match(stdout, /Requests sent: +20 \(valid: 20\)\n +Answers by status: +200: 20\n +Unexpected status: +0\n +Connection errors: +none\n/);
    assert.match(stdout, /Latency \(ms\): +p50 [\d.]+, p95 [\d.]+, p99 [\d.]+\n$/);
  });

  it('exits 1 with one line when the API is unreachable at the start', async () => {
    const port = await freePort();
    const { code, stdout, stderr } = await runCli('traffic', ['--api-url', `http://127.0.0.1:${port}`, '--attempts', '2', '--retry-delay', '0.1']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(stderr, `traffic: cannot reach the API at http://127.0.0.1:${port} (ECONNREFUSED, 2 attempts). Is bike-api running? Set --api-url or API_URL.\n`);
  });

  it('evaluates the three brief weeks through run-evaluation', async () => {
    const { code, stdout, stderr } = await runCli('run-evaluation', ['--api-url', service.url]);
    assert.equal(code, 0, stderr);
    for (const [name, rows] of [['week1_february', 235], ['week2_february', 163], ['week3_february', 165]] as const) {
      assert.match(stdout, new RegExp(`${name} .*: sending ${rows} rows[^]*?RMSE: +\\d+\\.\\d{4}\\n[^]*?Data drift: +(Yes|No) \\(\\d+ features drifted, share [\\d.]+\\)\\n +Evaluated items: +${rows}\\n +Report: +http://localhost:8080/evaluations/\\d+/report\\n`));
    }
    assert.equal(requestCount(await metrics(), { endpoint: '/evaluate', method: 'POST', status_code: '200' }), 3);
  });
});

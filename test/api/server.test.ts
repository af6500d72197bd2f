import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VALID_INPUT } from '../helpers/app.js';
import { DATASET_ZIP, ROOT } from '../helpers/dataset.js';
import { METRIC } from '../../src/telemetry/metric-names.js';
import { sampleValue } from '../helpers/metrics.js';
import { startService } from '../helpers/service.js';
import { temporaryDirectory } from '../helpers/temporary.js';

describe('bike-api process', () => {
  it('refuses to start on an invalid variable, naming it, without a stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/api/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.equal(stderr.trim(), 'bike-api: PORT must be an integer in 0..65535, got "eighty"');
  });

  it('trains when no artefact exists, logs JSON, serves, and finishes in-flight requests on SIGTERM', async () => {
    const dir = temporaryDirectory('bike-server-');
    const service = await startService({ MODEL_PATH: join(dir, 'model.json'), BIKE_SHARING_ZIP: DATASET_ZIP, N_ESTIMATORS: '20' });
    const logs = service.stdout().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg: string; level: number });
    assert.ok(logs.some((line) => line.msg === 'model trained and saved'));
    assert.ok(logs.some((line) => line.msg === 'model loaded'));

    // A request whose body is still arriving when the signal comes must still be answered.
    const body = JSON.stringify(VALID_INPUT);
    const socket = connect(service.port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(`POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
    socket.write(body.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    service.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.write(body.slice(20));
    await closed;
    assert.match(response, /^HTTP\/1\.1 200 OK/);
    assert.match(response, /"predicted_count":/);
    assert.equal(await service.exited, 0);
    assert.ok(service.stdout().includes('"msg":"stopped"'));
    await assert.rejects(fetch(`http://127.0.0.1:${service.port}/health`));
  });

  it('shows the last evaluation again after a restart, without counting it twice, and keeps its report', async () => {
    const dir = temporaryDirectory('bike-restart-');
    const env = { MODEL_PATH: join(dir, 'model.json'), BIKE_SHARING_ZIP: DATASET_ZIP, N_ESTIMATORS: '20', ENABLE_TRIGGER_DRIFT: 'true', LOG_LEVEL: 'warn' };
    const first = await startService(env);
    const triggered = await (await fetch(`${first.url}/trigger-drift`, { method: 'POST' })).json() as { rmse: number; evaluation_id: number };
    await first.stop();

    const second = await startService(env);
    const exposition = await (await fetch(`${second.url}/metrics`)).text();
    const history = await (await fetch(`${second.url}/evaluations`)).json() as { total: number; items: { evaluation_id: number; rmse: number }[] };
    const report = await fetch(`${second.url}/evaluations/latest/report`);
    await second.stop();
    assert.equal(history.total, 1);
    assert.deepEqual(history.items.map(({ evaluation_id, rmse }) => ({ evaluation_id, rmse })), [{ evaluation_id: triggered.evaluation_id, rmse: triggered.rmse }]);
    assert.equal(report.url, `${second.url}/evaluations/${triggered.evaluation_id}/report`);
    assert.match(await report.text(), /<h1>Evaluation report: trigger_drift<\/h1>/);
    assert.equal(sampleValue(exposition, METRIC.rmse), triggered.rmse);
    assert.equal(sampleValue(exposition, METRIC.driftDetected), 1);
    assert.equal(sampleValue(exposition, METRIC.evaluationsTotal, { outcome: 'drift' }), 0);
  });
});

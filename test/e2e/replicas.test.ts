/**
 * Two replicas of bike-api sharing one PostgreSQL evaluation store, scraped by one Prometheus,
 * as Kubernetes would run them but from local binaries: the test starts PostgreSQL in a temporary
 * directory, the two APIs from source (each trains its own model, as each pod does), node-exporter
 * and Prometheus with the committed rules, scraping and evaluating every second.
 *
 * It checks that the replicas tell one story: the same model; after an evaluation on either
 * replica, the same model gauges on both within the sync bound and one series per model query
 * of the dashboards and Grafana alerts; model alerts once, not once per replica; one replica down
 * is a warning for that replica only; and a database outage refuses evaluations (503) while
 * predictions go on, then heals without a restart.
 *
 * Pending periods (`for: 1m`) would make firing slow: alerts are checked as they become active
 * (pending) in Prometheus's alert API, once each; the rule unit tests check the `for` values.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { activeAlerts, instantQuery, type Alert } from '../../src/clients/prometheus-api.js';
import { evaluationBody, periodRows, predictRecord } from '../../src/clients/payload.js';
import type { PeriodName } from '../../src/clients/periods.js';
import { findBinaries, postgresBinaries } from '../../src/local/binaries.js';
import { killNow, type ProcessRecord, startDetached, stopProcess } from '../../src/local/processes.js';
import { localPrometheusConfig } from '../../src/local/prometheus-config.js';
import { ALERTS } from '../../src/telemetry/alert-thresholds.js';
import { JOB, METRIC } from '../../src/telemetry/metric-names.js';
import { dashboardQueries, type PanelQuery } from '../helpers/dashboard-queries.js';
import { DATASET_ZIP, ROOT, testDataset } from '../helpers/dataset.js';
import { sampleValue } from '../helpers/metrics.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { freePort } from '../helpers/service.js';
import { announceSkip } from '../helpers/skip.js';
import { pollUntil } from './poll.js';

const binaries = findBinaries();
const postgres = postgresBinaries();
const skip =
  'missing' in binaries ? `replicas end-to-end test: ${binaries.missing}` : postgres === undefined ? 'replicas end-to-end test: PostgreSQL is not installed' : false;
if (skip !== false) announceSkip('the multi-replica end-to-end test needs PostgreSQL, Prometheus and node-exporter.', skip);

const SYNC_SECONDS = 2;
/** The sync bound, plus a scrape and a rule evaluation (1 s each), plus slack for a shared CPU. */
const SYNC_BOUND_MS = SYNC_SECONDS * 1000 + 6_000;

/** The unlabelled model gauges every replica exports from the newest stored evaluation. */
const MODEL_GAUGES = [
  METRIC.rmse,
  METRIC.mae,
  METRIC.r2,
  METRIC.mape,
  METRIC.driftDetected,
  METRIC.driftedColumnsRatio,
  METRIC.driftedColumns,
  METRIC.targetDriftScore,
  METRIC.targetDriftDetected,
  METRIC.predictionDriftScore,
  METRIC.predictionDriftDetected,
  METRIC.lastEvaluationTimestamp,
  METRIC.evaluationRows,
] as const;

interface Replica {
  readonly name: 'A' | 'B';
  readonly url: string;
  readonly instance: string;
  process: ProcessRecord;
}

async function metricsOf(replica: Replica): Promise<string> {
  const response = await fetch(`${replica.url}/metrics`, { signal: AbortSignal.timeout(5_000) });
  return response.text();
}

/** The model gauges of a replica, by name (undefined: no sample). */
async function modelGauges(replica: Replica): Promise<Record<string, number | undefined>> {
  const text = await metricsOf(replica);
  return Object.fromEntries(MODEL_GAUGES.map((name) => [name, sampleValue(text, name)]));
}

async function post(url: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
}

/** The model gauge a dashboard or Grafana alert query reads, if it reads one. */
function gaugeOf(expr: string): string | undefined {
  return MODEL_GAUGES.find((name) => expr.includes(`(${name}{`));
}

describe('two replicas sharing a PostgreSQL evaluation store, scraped by Prometheus', { skip, timeout: 5 * 60_000 }, () => {
  let dir = '';
  let database: TestPostgres | undefined;
  let prometheusUrl = '';
  const replicas: Replica[] = [];
  const others: ProcessRecord[] = [];
  const all = (): ProcessRecord[] => [...replicas.map((replica) => replica.process), ...others];
  const killAll = (): void => {
    all().forEach(killNow);
    database?.remove();
  };
  let modelQueries: PanelQuery[] = [];
  let dataset: Awaited<ReturnType<typeof testDataset>>;

  before(
    async () => {
      if ('missing' in binaries || postgres === undefined) return;
      dir = await mkdtemp(join(tmpdir(), 'bike-replicas-'));
      process.once('exit', killAll);
      database = await startTestPostgres(postgres);
      dataset = await testDataset();
      const [portA, portB, prometheusPort, nodePort, alertmanagerPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
      assert.equal(new Set([portA, portB, prometheusPort, nodePort, alertmanagerPort]).size, 5, 'five distinct free ports');
      for (const [name, port] of [['A', portA], ['B', portB]] as const) {
        const home = join(dir, name);
        await mkdir(home, { recursive: true });
        replicas.push({
          name,
          url: `http://127.0.0.1:${port}`,
          instance: `127.0.0.1:${port}`,
          process: startDetached({
            name: `bike-api-${name}`,
            argv: [process.execPath, '--import', 'tsx', 'src/api/server.ts'],
            cwd: ROOT,
            env: {
              ...process.env,
              HOST: '127.0.0.1',
              PORT: String(port),
              BIKE_SHARING_ZIP: DATASET_ZIP,
              DATA_DIR: join(home, 'data'),
              // Each replica trains its own model, as each pod does at start.
              MODEL_PATH: join(home, 'model.json'),
              DATABASE_URL: database.url,
              EVALUATION_SYNC_SECONDS: String(SYNC_SECONDS),
              ENABLE_TRIGGER_DRIFT: 'true',
              LOG_LEVEL: 'warn',
            },
            logFile: join(home, 'bike-api.log'),
          }),
        });
      }
      const config = join(dir, 'prometheus.yml');
      await writeFile(
        config,
        await localPrometheusConfig(resolve(ROOT, 'deployment/prometheus/prometheus.yml'), {
          targets: { [JOB.api]: replicas.map((replica) => replica.instance), [JOB.node]: `127.0.0.1:${nodePort}`, [JOB.prometheus]: `127.0.0.1:${prometheusPort}` },
          // No Alertmanager runs: this test reads the alerts in Prometheus (the live-stack test covers routing).
          alertmanager: `127.0.0.1:${alertmanagerPort}`,
          scrapeInterval: '1s',
          evaluationInterval: '1s',
        }),
      );
      prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
      const logs = join(dir, 'logs');
      await mkdir(logs);
      others.push(
        startDetached({ name: 'node-exporter', argv: [binaries.found.nodeExporter, `--web.listen-address=127.0.0.1:${nodePort}`], cwd: dir, env: process.env, logFile: join(logs, 'node-exporter.log') }),
        startDetached({
          name: 'prometheus',
          argv: [binaries.found.prometheus, `--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${prometheusPort}`],
          cwd: dir,
          env: process.env,
          logFile: join(logs, 'prometheus.log'),
        }),
      );
      const ready = async (url: string): Promise<boolean> => (await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined))?.status === 200;
      const urls = [...replicas.map((replica) => `${replica.url}/ready`), `${prometheusUrl}/-/ready`];
      const up = await pollUntil(async () => (await Promise.all(urls.map(ready))).every(Boolean), Boolean, { timeoutMs: 170_000, pollMs: 1_000 });
      assert.ok(up, `not ready in time: ${urls.join(', ')} (logs in ${dir})`);
      modelQueries = dashboardQueries().filter((query) => gaugeOf(query.expr) !== undefined);
    },
    { timeout: 200_000 },
  );

  after(async () => {
    process.off('exit', killAll);
    await Promise.all(all().map((record) => stopProcess(record, 5_000)));
    database?.remove();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  const [a, b] = [() => replicas[0], () => replicas[1]];

  /** Both replicas show `expected`'s gauges, and every model query gives its value, once. */
  async function agreeOn(t: TestContext, expected: Replica): Promise<void> {
    const want = await modelGauges(expected);
    assert.ok(want[METRIC.rmse] !== undefined, `${expected.name} shows no evaluation`);
    const gauges = await pollUntil(
      () => Promise.all(replicas.map(modelGauges)),
      (list) => list.every((gauges) => MODEL_GAUGES.every((name) => Object.is(gauges[name], want[name]))),
      { timeoutMs: SYNC_BOUND_MS, pollMs: 250 },
    );
    for (const [index, replica] of replicas.entries()) assert.deepEqual(gauges[index], want, `replica ${replica.name} differs from ${expected.name}`);

    const read = () =>
      Promise.all(
        modelQueries.map(async (query) => {
          const samples = await instantQuery(prometheusUrl, query.expr);
          const value = want[gaugeOf(query.expr)!]! * (query.expr.endsWith('* 1000') ? 1000 : 1);
          return { query, samples, value };
        }),
      );
    const perFeature = (query: PanelQuery) => query.expr.startsWith('max by (feature)');
    const results = await pollUntil(read, (list) => list.every(({ query, samples, value }) => perFeature(query) || (samples.length === 1 && Object.is(samples[0].value, value))), {
      timeoutMs: SYNC_BOUND_MS,
      pollMs: 500,
    });
    for (const { query, samples, value } of results.filter(({ query }) => !perFeature(query))) {
      assert.deepEqual(samples.map((sample) => sample.value), [value], `${query.dashboard} / ${query.panel}: ${query.expr}`);
    }
    for (const { query, samples } of results.filter(({ query }) => perFeature(query))) {
      assert.equal(samples.length, 11, `${query.panel}: one series per feature, got ${samples.length}`);
    }
    t.diagnostic(`${modelQueries.length} model queries each give ${expected.name}'s value once (RMSE ${want[METRIC.rmse]})`);
  }

  async function evaluate(replica: Replica, week: PeriodName): Promise<void> {
    const response = await post(`${replica.url}/evaluate`, evaluationBody(periodRows(dataset, week), week));
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { evaluation_id?: number };
    assert.ok(typeof body.evaluation_id === 'number', 'the evaluation is stored');
  }

  it('1. model_info shows the same model version on both replicas', async () => {
    const samples = await pollUntil(() => instantQuery(prometheusUrl, `model_info{job="${JOB.api}"}`), (list) => list.length === 2, { timeoutMs: 10_000 });
    assert.equal(samples.length, 2, JSON.stringify(samples));
    const versions = new Set(samples.map((sample) => sample.labels.model_version));
    assert.equal(versions.size, 1, `two model versions: ${[...versions].join(', ')}`);
  });

  it('2. week 1 on A, week 3 on B, week 1 on A: both replicas and every model query show each evaluation, once', async (t) => {
    await evaluate(a(), 'week1_february');
    await agreeOn(t, a());
    await evaluate(b(), 'week3_february');
    await agreeOn(t, b());
    await evaluate(a(), 'week1_february');
    await agreeOn(t, a());
  });

  it('3. /trigger-drift on B makes its Prometheus alerts active once each; a good week on A clears them', async (t) => {
    const response = await post(`${b().url}/trigger-drift`);
    assert.equal(response.status, 200);
    const { expected_alerts: expected } = (await response.json()) as { expected_alerts: { alert: string; engine: string }[] };
    const names = expected.filter((alert) => alert.engine === 'prometheus').map((alert) => alert.alert);
    assert.ok(names.includes(ALERTS.dataDriftSevere.name), JSON.stringify(expected));
    const ours = (list: Alert[]) => list.filter((alert) => names.includes(alert.name));
    const active = ours(await pollUntil(() => activeAlerts(prometheusUrl), (list) => names.every((name) => list.some((alert) => alert.name === name)), { timeoutMs: SYNC_BOUND_MS }));
    assert.deepEqual(active.map((alert) => alert.name).sort(), [...names].sort(), 'each alert once, not once per replica');
    assert.ok(active.every((alert) => alert.labels.instance === undefined), JSON.stringify(active));
    t.diagnostic(`active once each: ${active.map((alert) => `${alert.name} (${alert.state})`).join(', ')}`);

    await evaluate(a(), 'week1_february');
    const left = ours(await pollUntil(() => activeAlerts(prometheusUrl), (list) => ours(list).length === 0, { timeoutMs: SYNC_BOUND_MS }));
    assert.deepEqual(left, []);
  });

  it('4. with B stopped, A keeps serving; BikeApiReplicaDown is active for B alone and BikeApiDown stays quiet', async () => {
    assert.equal(await stopProcess(b().process), 'stopped');
    const predict = await post(`${a().url}/predict`, predictRecord(dataset.records[0]));
    assert.equal(predict.status, 200);
    const { apiDown, apiReplicaDown } = ALERTS;
    const alerts = await pollUntil(() => activeAlerts(prometheusUrl), (list) => list.some((alert) => alert.name === apiReplicaDown.name), { timeoutMs: 15_000 });
    const replicaDown = alerts.filter((alert) => alert.name === apiReplicaDown.name);
    assert.deepEqual(replicaDown.map((alert) => alert.labels.instance), [b().instance]);
    assert.equal(replicaDown[0].labels.severity, 'warning');
    assert.equal(alerts.filter((alert) => alert.name === apiDown.name).length, 0);
  });

  it('5. with PostgreSQL stopped, /predict answers, /ready and the store metric report it, /evaluate is 503; restarted, evaluations work again', async (t) => {
    assert.ok(database);
    database.stop();
    const replica = a();
    const ready = await pollUntil(() => fetch(`${replica.url}/ready`), (response) => response.status === 503, { timeoutMs: SYNC_BOUND_MS });
    assert.equal(ready.status, 503);
    const { detail } = (await ready.json()) as { detail: string };
    assert.match(detail, /^the evaluation store is unavailable: /);
    assert.equal(sampleValue(await metricsOf(replica), METRIC.storeUp), 0);
    const predict = await post(`${replica.url}/predict`, predictRecord(dataset.records[1]));
    assert.equal(predict.status, 200);
    const refused = await post(`${replica.url}/evaluate`, evaluationBody(periodRows(dataset, 'week2_february'), 'week2_february'));
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '10');
    const storeDown = await pollUntil(() => activeAlerts(prometheusUrl), (list) => list.some((alert) => alert.name === ALERTS.evaluationStoreDown.name), { timeoutMs: 15_000 });
    assert.equal(storeDown.filter((alert) => alert.name === ALERTS.evaluationStoreDown.name).length, 1);
    t.diagnostic(detail);

    database.start();
    const accepted = await pollUntil(
      () => post(`${replica.url}/evaluate`, evaluationBody(periodRows(dataset, 'week2_february'), 'week2_february')),
      (response) => response.status === 200,
      { timeoutMs: 20_000, pollMs: 1_000 },
    );
    assert.equal(accepted.status, 200);
    assert.equal((await fetch(`${replica.url}/ready`)).status, 200);
    assert.equal(sampleValue(await metricsOf(replica), METRIC.storeUp), 1);
  });

  it('6. with A stopped too, BikeApiDown is active once, for the job, and the replica alert gives way', async () => {
    assert.equal(await stopProcess(a().process), 'stopped');
    const { apiDown, apiReplicaDown } = ALERTS;
    const alerts = await pollUntil(
      () => activeAlerts(prometheusUrl),
      (list) => list.some((alert) => alert.name === apiDown.name) && !list.some((alert) => alert.name === apiReplicaDown.name),
      { timeoutMs: 15_000 },
    );
    const down = alerts.filter((alert) => alert.name === apiDown.name);
    assert.equal(down.length, 1, JSON.stringify(alerts));
    assert.equal(down[0].labels.severity, 'critical');
    assert.equal(alerts.filter((alert) => alert.name === apiReplicaDown.name).length, 0);
  });
});

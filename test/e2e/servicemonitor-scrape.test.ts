/**
 * The committed ServiceMonitor keeps every dashboard and alert query working under the Prometheus
 * Operator. A real Prometheus scrapes a real bike-api with the scrape configuration the operator
 * derives from the ServiceMonitor: the operator's own target labels first (`job` = the Service's
 * name, `endpoint` = the port's name, namespace, service, pod), then the ServiceMonitor's
 * relabelings, read from deployment/kubernetes/ and translated field by field.
 *
 * The Service is deliberately named `bike-api-renamed` here, as a kustomize namePrefix would name
 * it, so the job relabelling is exercised, not satisfied by coincidence. A control job scrapes the
 * same bike-api with the operator's labels only: it shows the clash the relabelings fix (the
 * service's route label renamed `exported_endpoint`).
 *
 * Skipped, with a banner, when prometheus is missing (`.ci/run` installs it).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { evaluationBody, periodRows, predictRecord } from '../../src/clients/payload.js';
import { PROMETHEUS_RULE_GROUPS } from '../../src/deployment/alerting/prometheus-rules.js';
import { findBinaries } from '../../src/local/binaries.js';
import { loadDataset } from '../../src/model/dataset.js';
import { JOB, METRIC } from '../../src/telemetry/metric-names.js';
import { readStructured } from '../deployment/files.js';
import { dashboardQueries } from '../helpers/dashboard-queries.js';
import { DATASET_ZIP } from '../helpers/dataset.js';
import { freePort, type RunningServer, startService } from '../helpers/service.js';
import { announceSkip } from '../helpers/skip.js';
import { activeTargets, instantQuery } from '../../src/clients/prometheus-api.js';
import { pollUntil } from './poll.js';

const search = findBinaries();
const skip = 'missing' in search ? `ServiceMonitor scrape test: ${search.missing}` : false;
if (skip !== false) announceSkip('the ServiceMonitor scrape test needs Prometheus.', skip);

const SERVICE_NAME = 'bike-api-renamed';
const CONTROL = 'control';

interface RelabelConfig {
  readonly action?: string;
  readonly regex?: string;
  readonly replacement?: string;
  readonly separator?: string;
  readonly sourceLabels?: readonly string[];
  readonly targetLabel?: string;
}

interface ServiceMonitorEndpoint {
  readonly port: string;
  readonly path: string;
  readonly honorLabels?: boolean;
  readonly relabelings?: readonly RelabelConfig[];
}

interface ServiceMonitorFile {
  readonly metadata: { readonly namespace: string };
  readonly spec: { readonly endpoints: readonly ServiceMonitorEndpoint[] };
}

/** A ServiceMonitor relabeling in Prometheus's own configuration syntax. */
function prometheusRelabel(config: RelabelConfig): Record<string, unknown> {
  const known = new Set(['action', 'regex', 'replacement', 'separator', 'sourceLabels', 'targetLabel']);
  const unknown = Object.keys(config).filter((key) => !known.has(key));
  assert.deepEqual(unknown, [], 'the test translates every relabeling field the ServiceMonitor uses');
  return {
    ...(config.action === undefined ? {} : { action: config.action.toLowerCase() }),
    ...(config.sourceLabels === undefined ? {} : { source_labels: config.sourceLabels }),
    ...(config.separator === undefined ? {} : { separator: config.separator }),
    ...(config.regex === undefined ? {} : { regex: config.regex }),
    ...(config.targetLabel === undefined ? {} : { target_label: config.targetLabel }),
    ...(config.replacement === undefined ? {} : { replacement: config.replacement }),
  };
}

/** The target labels the operator sets for a ServiceMonitor endpoint, before the user's relabelings. */
function operatorLabels(namespace: string, port: string): Record<string, unknown>[] {
  const set = (label: string, value: string): Record<string, unknown> => ({ target_label: label, replacement: value });
  return [set('namespace', namespace), set('service', SERVICE_NAME), set('pod', `${SERVICE_NAME}-0`), set('job', SERVICE_NAME), set('endpoint', port)];
}

function scrapeConfig(apiAddress: string): string {
  const monitor = readStructured('deployment/kubernetes/bike-api-servicemonitor.yaml') as ServiceMonitorFile;
  const [endpoint] = monitor.spec.endpoints;
  const base = { metrics_path: endpoint.path, honor_labels: endpoint.honorLabels ?? false, static_configs: [{ targets: [apiAddress] }] };
  const operator = operatorLabels(monitor.metadata.namespace, endpoint.port);
  return stringify({
    global: { scrape_interval: '1s', scrape_timeout: '1s' },
    scrape_configs: [
      { job_name: `serviceMonitor/${monitor.metadata.namespace}/${SERVICE_NAME}/0`, ...base, relabel_configs: [...operator, ...(endpoint.relabelings ?? []).map(prometheusRelabel)] },
      { job_name: CONTROL, ...base, relabel_configs: [...operator, { target_label: 'job', replacement: CONTROL }] },
    ],
  });
}

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

describe('the ServiceMonitor, applied by a real Prometheus to a real bike-api', { skip }, () => {
  let dir = '';
  let api: RunningServer | undefined;
  let prometheus: ChildProcess | undefined;
  let prometheusUrl = '';

  before(async () => {
    if ('missing' in search) return;
    dir = await mkdtemp(join(tmpdir(), 'bike-servicemonitor-'));
    // Live checks every second from 20 rows, so that the live gauges exist after the 20 predictions below.
    const live = { LIVE_CHECK_SECONDS: '1', LIVE_MIN_ROWS: '20' };
    api = await startService({ MODEL_PATH: join(dir, 'model.json'), BIKE_SHARING_ZIP: DATASET_ZIP, LOG_LEVEL: 'warn', ...live });
    const dataset = await loadDataset({ zipPath: DATASET_ZIP, url: 'unused', cacheDir: 'unused' });
    // Every series the dashboards read: served and rejected predictions, one evaluation, live checks.
    for (const row of dataset.records.slice(0, 20)) assert.equal(await post(`${api.url}/predict`, predictRecord(row)), 200);
    assert.equal(await post(`${api.url}/predict`, { hr: 'noon' }), 422);
    assert.equal(await post(`${api.url}/evaluate`, evaluationBody(periodRows(dataset, 'week1_february'), 'week1_february')), 200);

    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    await writeFile(join(dir, 'prometheus.yml'), scrapeConfig(`127.0.0.1:${api.port}`));
    prometheus = spawn(
      search.found.prometheus,
      [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: 'ignore' },
    );
    // Both jobs up, then a few more scrapes so that rate() over 1m has samples to work with.
    const targets = await pollUntil(
      () => activeTargets(prometheusUrl).catch(() => []),
      (list) => list.length === 2 && list.every((target) => target.health === 'up'),
      { timeoutMs: 60_000 },
    );
    assert.deepEqual(targets.map((target) => target.health), ['up', 'up'], JSON.stringify(targets));
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  });

  after(async () => {
    prometheus?.kill('SIGTERM');
    await api?.stop();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('gives the contract job name and keeps the route label where the queries look', async () => {
    const requests = await instantQuery(prometheusUrl, `${METRIC.requestsTotal}{job="${JOB.api}"}`);
    assert.ok(requests.length > 0, 'no api_requests_total series with job="bike-api"');
    for (const { labels } of requests) {
      assert.match(labels.endpoint ?? '', /^\//, `endpoint is the route, got ${JSON.stringify(labels)}`);
      assert.equal(labels.exported_endpoint, undefined);
      assert.equal(labels.namespace, 'bike-demand', 'the operator labels stay (namespace, pod, service)');
    }
    const routes = new Set(requests.map(({ labels }) => labels.endpoint));
    assert.ok(routes.has('/predict') && routes.has('/evaluate'), [...routes].join(', '));
  });

  it('fixes a real clash: without the relabelings the route would become exported_endpoint', async () => {
    const control = await instantQuery(prometheusUrl, `${METRIC.requestsTotal}{job="${CONTROL}",exported_endpoint="/predict"}`);
    assert.ok(control.length > 0);
    assert.ok(control.every(({ labels }) => labels.endpoint === 'http'));
  });

  it('answers every bike-api query of the dashboards and Grafana alerts with data', async () => {
    const queries = dashboardQueries().filter(({ expr }) => expr.includes(`job="${JOB.api}"`) && !expr.includes(`job="${JOB.node}"`));
    assert.ok(queries.length > 10, `only ${queries.length} bike-api queries found`);
    const empty: string[] = [];
    for (const query of queries) {
      const samples = await instantQuery(prometheusUrl, query.expr);
      if (samples.length === 0) empty.push(`${query.dashboard} / ${query.panel} (${query.refId}): ${query.expr}`);
    }
    assert.deepEqual(empty, []);
  });

  it('evaluates every Prometheus alert expression without error', async () => {
    for (const rule of PROMETHEUS_RULE_GROUPS.flatMap((group) => group.rules)) await instantQuery(prometheusUrl, rule.expr);
  });
});

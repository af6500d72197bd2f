/**
 * The stack end to end, the way a user runs it without Docker (`make local`): bike-api from
 * source, node-exporter, Alertmanager and Prometheus from the binaries on the PATH, started by
 * the same module as `make local` (src/local/stack.ts) on free 127.0.0.1 ports, with the generated
 * alert rules (see "Pending periods" below) and the committed Alertmanager configuration, a scrape
 * configuration derived from the committed one, scraping and evaluating every second.
 * Alertmanager's webhooks point at a receiver started by the test, with a group wait of a few
 * seconds (through the environment, as a user would).
 *
 * 1. the traffic generator and the evaluation client run through their real command lines;
 * 2. every target is up, and every query of the three dashboards and of the Grafana alert rules
 *    returns data in Prometheus;
 * 3. live monitoring: the reference traffic of step 1 kept the live drift verdict at 0 and
 *    LiveDataDrift quiet; July traffic (the traffic command line, --period july-2011) raises the
 *    verdict to 1, and LiveDataDrift goes pending, then fires;
 * 4. the fire-alert path (wait-for-alert's command line, POST /trigger-drift) makes every
 *    Prometheus alert that /trigger-drift announces fire, after its pending period, and
 *    Alertmanager delivers each to the webhook of its severity, with its labels and annotations;
 * 5. a normal evaluation (week 1) clears every alert that the trigger fired (the dataset-drift
 *    verdict itself stays 1: every February week drifts from January by Evidently's rule);
 * 6. the trigger again, then bike-api stopped: BikeApiDown goes pending, then fires, and
 *    Alertmanager inhibits the model alerts that were firing;
 * 7. everything stops, and no process is left (also on failure: after() and exit handlers).
 *
 * Pending periods: the rules are the generated ones, so the test waits the real `for: 1m` of the
 * drift alerts (twice) and of BikeApiDown (about a minute each).
 * One exception: LiveDataDrift's `for:` (10m) is there to outlast a window of live traffic at
 * production rates; bike-api runs here with a 200-row window checked every second, so the test
 * loads the generated rules with that one pending period shortened to LIVE_DRIFT_TEST_FOR (the
 * promtool tests check the real one on both sides).
 *
 * Skipped, with a banner, when prometheus, node-exporter or Alertmanager is missing (`.ci/run` installs them).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { PROMETHEUS_RULE_GROUPS } from '../../src/deployment/alerting/prometheus-rules.js';
import { apiSeries } from '../../src/deployment/promql.js';
import { generatedYaml } from '../../src/deployment/yaml-file.js';
import { dashboardQueries, type PanelQuery } from '../helpers/dashboard-queries.js';
import { activeAlerts, activeTargets, instantQuery, type Sample } from '../../src/clients/prometheus-api.js';
import type { TrafficSummary } from '../../src/clients/traffic-stats.js';
import { findBinaries } from '../../src/local/binaries.js';
import { killNow, stopProcess } from '../../src/local/processes.js';
import { type Stack, startStack, stopStack } from '../../src/local/stack.js';
import { stackSummary } from '../../src/local/summary.js';
import { ALERTS } from '../../src/telemetry/alert-thresholds.js';
import { METRIC } from '../../src/telemetry/metric-names.js';
import { runCli } from '../clients/cli-process.js';
import { DATASET_ZIP } from '../helpers/dataset.js';
import { freePort } from '../helpers/service.js';
import { announceSkip } from '../helpers/skip.js';
import { listAlerts } from '../helpers/alertmanager-api.js';
import { type Notification, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { RECEIVERS } from '../../src/alertmanager/receivers.js';
import { runbookUrl } from '../../src/deployment/alerting/alert-text.js';
import { pollUntil } from './poll.js';

const search = findBinaries();
const skip = 'missing' in search ? `live stack end-to-end test: ${search.missing}` : false;
if (skip !== false) announceSkip('the live-stack end-to-end test needs Prometheus, node-exporter and Alertmanager.', skip);

const INTERVAL = '1s';
const JOBS = ['bike-api', 'node-exporter', 'prometheus'];

/** Live monitoring at test speed: a 200-row window, checked every second from 100 rows. */
const LIVE_ENV = { LIVE_CHECK_SECONDS: '1', LIVE_WINDOW_ROWS: '200', LIVE_MIN_ROWS: '100' };
/** LiveDataDrift's pending period here: a few checks of a window that turns over in 2 s. */
const LIVE_DRIFT_TEST_FOR = '10s';

/** The generated rules, with LiveDataDrift's pending period shortened (see the header), as a file in `dir`. */
async function testRules(dir: string): Promise<string> {
  const groups = PROMETHEUS_RULE_GROUPS.map((group) => ({
    ...group,
    rules: group.rules.map((rule) => (rule.alert === ALERTS.liveDataDrift.name ? { ...rule, for: LIVE_DRIFT_TEST_FOR } : rule)),
  }));
  const path = join(dir, 'alert_rules.yml');
  await writeFile(path, generatedYaml({ groups }, 'test/e2e/live-stack.test.ts'));
  return path;
}

/** The four ports, distinct (freePort could in principle hand out the same one twice). */
async function distinctFreePorts(): Promise<[number, number, number, number]> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < 4 && attempt < 20; attempt++) ports.add(await freePort());
  assert.equal(ports.size, 4, 'no four distinct free ports');
  return [...ports] as [number, number, number, number];
}

/** Alertmanager's grouping delays in this test: a few seconds instead of the committed 30s and 5m. */
const ALERTMANAGER_TIMINGS = { ALERTMANAGER_GROUP_WAIT: '2s', ALERTMANAGER_GROUP_INTERVAL: '2s' };

/** The firing notifications of `alertname` received on `path`. */
function notificationsOf(webhook: WebhookReceiver, path: string, alertname: string): Notification[] {
  return webhook.notifications.filter((notification) => notification.path === path && notification.alerts.some((alert) => alert.labels.alertname === alertname && alert.status === 'firing'));
}

/** A duration of one unit as in the rules (`30s`, `1m`, `1h`), in ms. */
function durationMs(text: string): number {
  const match = /^(\d+)([smh])$/.exec(text);
  assert.ok(match, `unexpected duration "${text}"`);
  const [, amount, unit] = match;
  return Number(amount) * { s: 1_000, m: 60_000, h: 3_600_000 }[unit as 's' | 'm' | 'h'];
}

/** The type of the filesystem mounted at / here, where node-exporter runs ('' without /proc). */
function rootFilesystemType(): string {
  try {
    const roots = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((line) => line.split(' ')).filter((fields) => fields[1] === '/');
    return roots.at(-1)?.[2] ?? '';
  } catch {
    return '';
  }
}

/**
 * Why `expr` may return nothing on this host, or undefined: a query of the root filesystem whose
 * own fstype matcher excludes the root's type (an overlay root in a container). The Docker stack
 * reads the host's real root instead; here the panel is rightly empty.
 */
function environmentalNoData(expr: string, rootType: string): string | undefined {
  const excluded = /fstype!~"([^"]+)"/.exec(expr)?.[1];
  if (!expr.includes('mountpoint="/"') || excluded === undefined || !new RegExp(`^(?:${excluded})$`).test(rootType)) return undefined;
  return `the root filesystem here is ${rootType}, which the query excludes as a pseudo filesystem`;
}

const hasData = (samples: readonly Sample[]): boolean => samples.some((sample) => !Number.isNaN(sample.value));

interface ExpectedAlert {
  readonly alert: string;
  readonly engine: string;
  readonly for: string;
}

/** The alerts of /trigger-drift's `expected_alerts`, from wait-for-alert's line `expected to fire: Name (engine, for D), ...`. */
function expectedAlerts(stdout: string): ExpectedAlert[] {
  const line = /^ {2}expected to fire: (.+)$/m.exec(stdout)?.[1];
  assert.ok(line !== undefined, `wait-for-alert printed no expected alerts:\n${stdout}`);
  return [...line.matchAll(/(\w+) \((\w+), for (\w+)\)/g)].map(([, alert, engine, pending]) => ({ alert, engine, for: pending }));
}

describe('live stack without Docker: bike-api, node-exporter, Alertmanager and Prometheus from local binaries', { skip, timeout: 7 * 60_000 }, () => {
  let dir = '';
  let stack: Stack;
  let webhook: WebhookReceiver | undefined;
  /** The Prometheus alerts that step 4's trigger fired, which step 5's normal week must clear. */
  let triggered: string[] = [];
  const killStack = (): void => {
    stack.processes.forEach(killNow);
  };
  const killOnSignal = (signal: NodeJS.Signals): void => {
    killStack();
    process.kill(process.pid, signal);
  };

  before(
    async () => {
      if ('missing' in search) return;
      dir = await mkdtemp(join(tmpdir(), 'bike-live-stack-'));
      const [api, prometheus, nodeExporter, alertmanager] = await distinctFreePorts();
      webhook = await startWebhookReceiver();
      stack = await startStack({
        dir,
        ports: { api, prometheus, nodeExporter, alertmanager },
        binaries: search.found,
        scrapeInterval: INTERVAL,
        evaluationInterval: INTERVAL,
        ruleFiles: [await testRules(dir)],
        apiEnv: { BIKE_SHARING_ZIP: DATASET_ZIP, ...LIVE_ENV },
        alertmanagerEnv: {
          [RECEIVERS.critical.urlVariable]: `${webhook.url}/critical`,
          [RECEIVERS.warning.urlVariable]: `${webhook.url}/warning`,
          ...ALERTMANAGER_TIMINGS,
        },
        readyTimeoutMs: 120_000,
      });
      // The processes are detached: if this test process dies, they must die with it.
      process.once('exit', killStack);
      process.once('SIGINT', killOnSignal);
      process.once('SIGTERM', killOnSignal);
    },
    { timeout: 150_000 },
  );

  after(async () => {
    process.off('exit', killStack);
    process.off('SIGINT', killOnSignal);
    process.off('SIGTERM', killOnSignal);
    await webhook?.close();
    if (dir === '') return;
    await stopStack(dir);
    await rm(dir, { recursive: true, force: true });
  });

  it('0. every URL that make local prints answers 200, on the Prometheus build that runs here', async (t: TestContext) => {
    const urls = [...stackSummary(stack, dir).matchAll(/https?:\/\/\S+/g)].map(([url]) => url);
    assert.ok(urls.length >= 6, `too few URLs in:\n${stackSummary(stack, dir)}`);
    const statuses = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
        await response.body?.cancel();
        return `${url} ${response.status}`;
      }),
    );
    assert.deepEqual(statuses, urls.map((url) => `${url} 200`));
    t.diagnostic(`Prometheus pages: ${Object.values(stack.prometheusPages ?? {}).join(', ')}`);
  });

  /** When the clients of step 1 were done: the queries of step 2 need a scrape after that. */
  let clientsDoneAt = Number.POSITIVE_INFINITY;

  it('1. runs the traffic generator (valid and invalid requests) and the evaluation of the three brief weeks through their command lines', async () => {
    const traffic = await runCli('traffic', ['--api-url', stack.urls.api, '--duration', '8', '--rate', '40', '--concurrency', '4', '--invalid-share', '0.25', '--json']);
    assert.equal(traffic.code, 0, traffic.stderr);
    const summary = JSON.parse(traffic.stdout) as TrafficSummary;
    for (const status of ['200', '422', '405']) assert.ok((summary.by_status[status] ?? 0) > 0, `no ${status} answers: ${traffic.stdout}`);
    assert.equal(summary.unexpected_status, 0, traffic.stdout);

    const evaluation = await runCli('run-evaluation', ['--api-url', stack.urls.api, '--period', 'all']);
    assert.equal(evaluation.code, 0, evaluation.stderr);
    for (const week of ['week1_february', 'week2_february', 'week3_february']) assert.ok(evaluation.stdout.includes(week), evaluation.stdout);
    // Each week's table of the drift of the 11 features, from the real report.
    assert.equal(evaluation.stdout.match(/^ {2}Feature +Test +Score +Threshold +Drifted$/gm)?.length, 3, evaluation.stdout);
    assert.equal(evaluation.stdout.match(/^ {2}temp +\w+ +[\d.e-]+ +[\d.]+ +(yes|no)$/gm)?.length, 3, evaluation.stdout);
    clientsDoneAt = Date.now();
  });

  it('2. every target is up; every query of the three dashboards and of the Grafana alert rules returns data', async (t: TestContext) => {
    // Every target up, and scraped since the clients finished (their gauges are in Prometheus).
    const targets = await pollUntil(
      () => activeTargets(stack.urls.prometheus),
      (list) => list.length === JOBS.length && list.every((target) => target.health === 'up' && target.lastScrapeMs > clientsDoneAt),
      { timeoutMs: 15_000 },
    );
    assert.deepEqual(targets.map((target) => `${target.job} ${target.health} ${target.lastError}`).sort(), JOBS.map((job) => `${job} up `));
    assert.ok(targets.every((target) => target.lastScrapeMs > clientsDoneAt), `no scrape since the clients finished: ${JSON.stringify(targets)}`);

    const rootType = rootFilesystemType();
    const results = await Promise.all(
      dashboardQueries().map(async (query) => ({ query, data: hasData(await instantQuery(stack.urls.prometheus, query.expr)), excuse: environmentalNoData(query.expr, rootType) })),
    );
    for (const dashboard of new Set(results.map(({ query }) => query.dashboard))) {
      const group = results.filter(({ query }) => query.dashboard === dashboard);
      const excused = group.filter(({ data, excuse }) => !data && excuse !== undefined);
      const line = `${dashboard}: ${group.length} queries checked, ${group.filter(({ data }) => data).length} return data`;
      t.diagnostic(excused.length === 0 ? line : `${line}, ${excused.length} rightly empty on this host (${excused[0]?.excuse ?? ''})`);
    }
    const describeQuery = ({ dashboard, panel, refId, expr }: PanelQuery): string => `${dashboard} / ${panel} [${refId}]: ${expr}`;
    const empty = results.filter(({ data, excuse }) => !data && excuse === undefined).map(({ query }) => describeQuery(query));
    assert.deepEqual(empty, [], `queries without data:\n${empty.join('\n')}`);
  });

  it('3. reference traffic keeps live drift at 0 and LiveDataDrift quiet; July traffic raises it to 1 and fires LiveDataDrift after its pending period', async (t: TestContext) => {
    const live = ALERTS.liveDataDrift;
    const verdict = apiSeries(METRIC.liveDriftDetected);
    // Every live check since the start saw step 1's reference traffic (the default period).
    const seen = await instantQuery(stack.urls.prometheus, `max_over_time(${verdict}[10m])`);
    assert.deepEqual(seen.map((sample) => sample.value), [0], `live drift verdicts during reference traffic: ${JSON.stringify(seen)}`);
    const liveDriftAlert = async () => (await activeAlerts(stack.urls.prometheus)).find((alert) => alert.name === live.name);
    assert.equal(await liveDriftAlert(), undefined, `${live.name} is active after reference traffic`);

    const traffic = await runCli('traffic', ['--api-url', stack.urls.api, '--period', 'july-2011', '--duration', '4', '--rate', '100', '--concurrency', '4', '--invalid-share', '0', '--json']);
    assert.equal(traffic.code, 0, traffic.stderr);
    const raised = await pollUntil(() => instantQuery(stack.urls.prometheus, verdict), (samples) => samples.at(0)?.value === 1, { timeoutMs: 15_000 });
    assert.equal(raised.at(0)?.value, 1, `live drift verdict after July traffic: ${JSON.stringify(raised)}`);
    const share = (await instantQuery(stack.urls.prometheus, apiSeries(METRIC.liveDriftedColumnsRatio))).at(0)?.value;
    assert.ok(share !== undefined && share >= 0.5, `live drifted share ${String(share)}`);

    const pending = await pollUntil(liveDriftAlert, (alert) => alert !== undefined, { timeoutMs: 10_000 });
    assert.equal(pending?.state, 'pending', `${live.name} should be pending first, got ${JSON.stringify(pending)}`);
    const firing = await pollUntil(liveDriftAlert, (alert) => alert?.state === 'firing', { timeoutMs: durationMs(LIVE_DRIFT_TEST_FOR) + 15_000 });
    assert.equal(firing?.state, 'firing', `${live.name} did not fire: ${JSON.stringify(firing)}`);
    const activeForMs = Date.now() - Date.parse(firing.activeAt);
    assert.ok(activeForMs >= durationMs(LIVE_DRIFT_TEST_FOR), `${live.name} fired ${activeForMs} ms after it became active`);
    t.diagnostic(`${live.name} firing, active since ${firing.activeAt} (for: ${LIVE_DRIFT_TEST_FOR} here, ${live.for} deployed)`);
  });

  /** The fire-alert path through wait-for-alert's command line; returns the Prometheus alerts /trigger-drift announced. */
  const fireAlert = async (): Promise<ExpectedAlert[]> => {
    const fire = await runCli('wait-for-alert', ['--api-url', stack.urls.api, '--prometheus-url', stack.urls.prometheus, '--timeout', '150', '--poll-interval', '1'], {}, 180_000);
    assert.equal(fire.code, 0, `${fire.stdout}\n${fire.stderr}`);
    return expectedAlerts(fire.stdout).filter((alert) => alert.engine === 'prometheus');
  };
  /** Prometheus's alerts once every one of `names` fires (bounded). */
  const allFiring = (names: readonly string[]) =>
    pollUntil(
      () => activeAlerts(stack.urls.prometheus),
      (list) => names.every((name) => list.some((alert) => alert.name === name && alert.state === 'firing')),
      { timeoutMs: 15_000 },
    );

  it('4. the fire-alert path fires every Prometheus alert that /trigger-drift announces, after its pending period, and Alertmanager delivers each to the webhook of its severity', async (t: TestContext) => {
    const expected = await fireAlert();
    triggered = expected.map((alert) => alert.alert);
    assert.ok(expected.some((alert) => alert.alert === ALERTS.dataDriftSevere.name), `${ALERTS.dataDriftSevere.name} not announced: ${JSON.stringify(expected)}`);

    // They all went pending on the same evaluation as the one wait-for-alert watched.
    const alerts = await allFiring(triggered);
    for (const { alert: name, for: pending } of expected) {
      const firing = alerts.find((alert) => alert.name === name && alert.state === 'firing');
      assert.ok(firing, `${name} is not firing: ${JSON.stringify(alerts)}`);
      const activeForMs = Date.now() - Date.parse(firing.activeAt);
      assert.ok(activeForMs >= durationMs(pending), `${name} fired ${activeForMs} ms after it became active, before its for: ${pending}`);
      t.diagnostic(`${name} firing, active since ${firing.activeAt} (for: ${pending})`);
    }

    // Prometheus → Alertmanager → the webhook of each alert's severity, labels and annotations included.
    const receiverHook = webhook;
    assert.ok(receiverHook);
    for (const name of triggered) {
      const spec = Object.values(ALERTS).find((alert) => alert.name === name && alert.engine === 'prometheus');
      assert.ok(spec, name);
      const path = `/${spec.severity}`;
      const received: Notification[] = await pollUntil<Notification[]>(() => Promise.resolve(notificationsOf(receiverHook, path, name)), (list) => list.length > 0, { timeoutMs: 15_000, pollMs: 250 });
      const notification: Notification | undefined = received[0];
      assert.ok(notification, `no notification of ${name} on ${path}: ${JSON.stringify(receiverHook.notifications)}`);
      assert.equal(notification.receiver, RECEIVERS[spec.severity].name);
      const alert = notification.alerts.find((candidate) => candidate.labels.alertname === name);
      assert.deepEqual(
        { severity: alert?.labels.severity, job: alert?.labels.job, instance: alert?.labels.instance },
        // Model alerts aggregate the replicas (max by (job)): one alert for the job, no instance.
        { severity: spec.severity, job: spec.job, instance: undefined },
        `${name}: labels ${JSON.stringify(alert?.labels)}`,
      );
      assert.ok(alert, name);
      assert.equal(alert.annotations.runbook_url, runbookUrl(name));
      assert.ok((alert.annotations.summary ?? '') !== '' && (alert.annotations.description ?? '') !== '', `${name}: annotations ${JSON.stringify(alert.annotations)}`);
      t.diagnostic(`${name}: notified to ${notification.receiver} (${path}): "${alert.annotations.summary ?? ''}"`);
    }
  });

  it('5. a normal evaluation (week 1) brings the drifted share below the severe threshold and clears every alert the trigger fired', async () => {
    assert.ok(triggered.length > 0, 'step 4 recorded the alerts the trigger fired');
    const evaluation = await runCli('run-evaluation', ['--api-url', stack.urls.api, '--period', 'week1_february']);
    assert.equal(evaluation.code, 0, evaluation.stderr);
    const severe = ALERTS.dataDriftSevere;
    const read = async () => ({
      share: (await instantQuery(stack.urls.prometheus, apiSeries(METRIC.driftedColumnsRatio))).at(0)?.value,
      active: (await activeAlerts(stack.urls.prometheus)).filter((alert) => triggered.includes(alert.name)),
    });
    const state = await pollUntil(read, ({ share, active }) => share !== undefined && share < severe.threshold && active.length === 0, { timeoutMs: 15_000 });
    assert.ok(state.share !== undefined && state.share < severe.threshold, `drifted share ${String(state.share)}, threshold ${severe.threshold}`);
    assert.deepEqual(state.active, [], `still active after a normal week: ${JSON.stringify(state.active)}`);
  });

  it('6. the trigger again, then bike-api stopped: BikeApiDown goes pending, fires after its pending period, and inhibits the model alerts that were firing', async (t: TestContext) => {
    const again = (await fireAlert()).map((alert) => alert.alert);
    assert.deepEqual(again, triggered);
    await allFiring(triggered);

    const api = stack.processes.find((record) => record.name === 'bike-api');
    assert.ok(api);
    assert.equal(await stopProcess(api), 'stopped');
    const stoppedAt = Date.now();
    const down = ALERTS.apiDown;
    const apiDown = async () => (await activeAlerts(stack.urls.prometheus)).find((alert) => alert.name === down.name);

    const pending = await pollUntil(apiDown, (alert) => alert !== undefined, { timeoutMs: 15_000 });
    assert.equal(pending?.state, 'pending', `${down.name} should be pending first, got ${JSON.stringify(pending)}`);
    const target = (await activeTargets(stack.urls.prometheus)).find((candidate) => candidate.job === 'bike-api');
    assert.equal(target?.health, 'down');
    t.diagnostic(`${down.name} pending ${Math.round((Date.now() - stoppedAt) / 1000)} s after the stop`);

    const firing = await pollUntil(apiDown, (alert) => alert?.state === 'firing', { timeoutMs: durationMs(down.for) + 30_000, pollMs: 1_000 });
    assert.equal(firing?.state, 'firing', `${down.name} did not fire: ${JSON.stringify(firing)}`);
    t.diagnostic(`${down.name} firing ${Math.round((Date.now() - stoppedAt) / 1000)} s after the stop (for: ${down.for})`);

    // The model alerts keep their last verdict without scrapes: still firing in Prometheus...
    const stillFiring = (await activeAlerts(stack.urls.prometheus)).filter((alert) => triggered.includes(alert.name) && alert.state === 'firing');
    assert.deepEqual(stillFiring.map((alert) => alert.name).sort(), [...triggered].sort());
    // ...and suppressed in Alertmanager, inhibited by BikeApiDown.
    const inhibited = await pollUntil(
      () => listAlerts(stack.urls.alertmanager),
      (list) => list.some((alert) => alert.labels.alertname === down.name && alert.state === 'active') && triggered.every((name) => list.some((alert) => alert.labels.alertname === name && alert.state === 'suppressed')),
      { timeoutMs: 15_000, pollMs: 250 },
    );
    const cause = inhibited.find((alert) => alert.labels.alertname === down.name);
    assert.equal(cause?.state, 'active', JSON.stringify(inhibited));
    for (const name of triggered) {
      const symptom = inhibited.find((alert) => alert.labels.alertname === name);
      assert.equal(symptom?.state, 'suppressed', `${name}: ${JSON.stringify(symptom)}`);
      assert.deepEqual(symptom.inhibitedBy, [cause.fingerprint], name);
    }
    const receiverHook = webhook;
    assert.ok(receiverHook);
    const paged = await pollUntil<Notification[]>(() => Promise.resolve(notificationsOf(receiverHook, `/${down.severity}`, down.name)), (list) => list.length > 0, { timeoutMs: 15_000, pollMs: 250 });
    assert.ok(paged.length > 0, `${down.name} was not notified: ${JSON.stringify(receiverHook.notifications)}`);
    t.diagnostic(`${down.name} notified to ${RECEIVERS[down.severity].name}; inhibited: ${triggered.join(', ')}`);
  });

  it('7. stops every process it started and leaves none behind', async () => {
    const results = await stopStack(dir);
    assert.deepEqual(results.map(({ name }) => name).sort(), [...JOBS, 'alertmanager'].sort());
    for (const record of stack.processes) {
      assert.throws(() => process.kill(-record.pid, 0), { code: 'ESRCH' }, `process group of ${record.name} (${record.pid}) still exists`);
    }
  });
});

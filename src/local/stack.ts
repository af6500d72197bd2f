/**
 * The stack of `make local` and of the live end-to-end test: bike-api (Node, from source),
 * node-exporter, Alertmanager and Prometheus, each a detached process on 127.0.0.1, with
 * everything they write under one directory:
 *
 *   <dir>/stack.json          what runs: pids, command lines, URLs (the pid file of the stack)
 *   <dir>/prometheus.yml      derived from deployment/prometheus/prometheus.yml
 *   <dir>/prometheus-data/    Prometheus's TSDB
 *   <dir>/alertmanager.yml    deployment/alertmanager/alertmanager.yml with the webhooks of the environment
 *   <dir>/alertmanager-data/  Alertmanager's silences and notification log
 *   <dir>/model/model.json    the trained model, reused at the next start
 *   <dir>/data/               the dataset cache, unless `dataDir` names another
 *   <dir>/logs/<name>.log     each process's output
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderAlertmanagerFile } from '../alertmanager/receivers.js';
import { REPOSITORY_ROOT } from '../paths.js';
import { JOB } from '../telemetry/metric-names.js';
import type { StackBinaries } from './binaries.js';
import { isRunning, type ProcessRecord, startDetached, type StopOutcome, stopProcess } from './processes.js';
import { localPrometheusConfig } from './prometheus-config.js';

const PROMETHEUS_CONFIG = resolve(REPOSITORY_ROOT, 'deployment/prometheus/prometheus.yml');
const ALERTMANAGER_CONFIG = resolve(REPOSITORY_ROOT, 'deployment/alertmanager/alertmanager.yml');
const HOST = '127.0.0.1';

export interface StackPorts {
  readonly api: number;
  readonly prometheus: number;
  readonly nodeExporter: number;
  readonly alertmanager: number;
}

export interface StackOptions {
  /** Where the stack keeps its state, data and logs. */
  readonly dir: string;
  readonly ports: StackPorts;
  readonly binaries: StackBinaries;
  /** Override the committed global intervals (Prometheus durations such as `1s`). */
  readonly scrapeInterval?: string | undefined;
  readonly evaluationInterval?: string | undefined;
  /** bike-api's dataset cache (DATA_DIR); default `<dir>/data`. */
  readonly dataDir?: string | undefined;
  /** Rule files (absolute paths) that Prometheus loads instead of the committed ones. */
  readonly ruleFiles?: readonly string[] | undefined;
  /** Added to bike-api's environment (BIKE_SHARING_ZIP, N_ESTIMATORS...). */
  readonly apiEnv?: Readonly<Record<string, string>>;
  /**
   * Read by the Alertmanager configuration instead of the process environment: the webhook URLs
   * (ALERT_WEBHOOK_URL_CRITICAL, ALERT_WEBHOOK_URL_WARNING) and the route timings (src/alertmanager/receivers.ts).
   */
  readonly alertmanagerEnv?: Readonly<Partial<Record<string, string>>>;
  /** Bound on the start of each process; bike-api may download the dataset and train first. */
  readonly readyTimeoutMs?: number;
}

export interface StackUrls {
  readonly api: string;
  readonly prometheus: string;
  readonly nodeExporter: string;
  readonly alertmanager: string;
}

/** Prometheus's pages for people, as served by the running build (see prometheusPages). */
export interface PrometheusPages {
  readonly graph: string;
  readonly alerts: string;
  readonly targets: string;
}

export type ComponentName = 'bike-api' | 'node-exporter' | 'alertmanager' | 'prometheus';

export interface Stack {
  readonly urls: StackUrls;
  /** Absent in a record written before the pages were probed, and until Prometheus is ready. */
  readonly prometheusPages?: PrometheusPages | undefined;
  /** In start order. */
  readonly processes: readonly (ProcessRecord & { readonly name: ComponentName })[];
}

/**
 * Alertmanager's command line: one instance, so clustering is off (an empty cluster address; the
 * default would also listen on 0.0.0.0:9094); its external URL is the one its notifications link to.
 */
export function alertmanagerArgv(binary: string, { config, storage, url }: { readonly config: string; readonly storage: string; readonly url: string }): [string, ...string[]] {
  return [binary, `--config.file=${config}`, `--storage.path=${storage}`, `--web.listen-address=${new URL(url).host}`, `--web.external-url=${url}`, '--cluster.listen-address='];
}

/** Some of the requested ports are taken (by an earlier stack, or Debian's own services). */
export class PortsInUseError extends Error {
  override readonly name = 'PortsInUseError';
}

const STATE_FILE = 'stack.json';
const READY_POLL_MS = 200;
const LOG_TAIL_LINES = 30;

function address(port: number): string {
  return `${HOST}:${port}`;
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => {
      resolvePort(true);
    });
    server.listen(port, HOST, () => {
      server.close(() => {
        resolvePort(false);
      });
    });
  });
}

async function logTail(record: ProcessRecord): Promise<string> {
  const text = await readFile(record.logFile, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
}

/** The status of GET `url`, redirects not followed (a 3xx is not the page), or 0 when nothing answers in time. */
async function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) }).then(
    async (response) => {
      await response.body?.cancel();
      return response.status;
    },
    () => 0,
  );
}

/** Polls `url` until it answers 200; throws (with the log's tail) when the process dies or time runs out. */
async function waitUntilReady(record: ProcessRecord, url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (!isRunning(record)) throw new Error(`${record.name} exited during its start. Last lines of ${record.logFile}:\n${await logTail(record)}`);
    const status = await httpStatus(url, 2_000);
    if (status >= 200 && status < 300) return;
    await sleep(READY_POLL_MS);
  }
  throw new Error(`${record.name} was not ready at ${url} in time. Last lines of ${record.logFile}:\n${await logTail(record)}`);
}

async function writeState(dir: string, stack: Stack): Promise<void> {
  await writeFile(join(dir, STATE_FILE), `${JSON.stringify(stack, null, 2)}\n`);
}

/** The stack recorded in `dir`, running or not, or undefined when none was started there. */
export async function readStack(dir: string): Promise<Stack | undefined> {
  const path = join(dir, STATE_FILE);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Stack;
  } catch {
    throw new Error(`${path} is not valid JSON: stop the processes it lists by hand (see .local/logs/), then delete it`);
  }
}

/**
 * Starts the three processes and resolves once each answers its readiness URL. On any failure
 * it stops what it started and throws, so a failed start leaves nothing behind.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { dir, ports, binaries } = options;
  const directory = resolve(dir);
  const paths = {
    logs: join(directory, 'logs'),
    tsdb: join(directory, 'prometheus-data'),
    model: join(directory, 'model', 'model.json'),
    data: resolve(options.dataDir ?? join(directory, 'data')),
    config: join(directory, 'prometheus.yml'),
    alertmanagerConfig: join(directory, 'alertmanager.yml'),
    alertmanagerData: join(directory, 'alertmanager-data'),
  };
  await Promise.all([paths.logs, paths.tsdb, join(directory, 'model'), paths.data, paths.alertmanagerData].map((path) => mkdir(path, { recursive: true })));

  const wanted: [ComponentName, number][] = [
    ['bike-api', ports.api],
    ['node-exporter', ports.nodeExporter],
    ['alertmanager', ports.alertmanager],
    ['prometheus', ports.prometheus],
  ];
  const busy = (await Promise.all(wanted.map(async ([name, port]) => ((await portInUse(port)) ? `${address(port)} (${name})` : '')))).filter(Boolean);
  if (busy.length > 0) throw new PortsInUseError(`already in use on ${HOST}: ${busy.join(', ')}`);

  await writeFile(
    paths.config,
    await localPrometheusConfig(PROMETHEUS_CONFIG, {
      targets: { [JOB.api]: address(ports.api), [JOB.node]: address(ports.nodeExporter), [JOB.prometheus]: address(ports.prometheus) },
      alertmanager: address(ports.alertmanager),
      scrapeInterval: options.scrapeInterval,
      evaluationInterval: options.evaluationInterval,
      ruleFiles: options.ruleFiles,
    }),
  );
  await renderAlertmanagerFile(ALERTMANAGER_CONFIG, paths.alertmanagerConfig, options.alertmanagerEnv ?? process.env);

  const urls: StackUrls = {
    api: `http://${address(ports.api)}`,
    prometheus: `http://${address(ports.prometheus)}`,
    nodeExporter: `http://${address(ports.nodeExporter)}`,
    alertmanager: `http://${address(ports.alertmanager)}`,
  };
  const processes: (ProcessRecord & { name: ComponentName })[] = [];
  const start = (name: ComponentName, argv: readonly [string, ...string[]], env: NodeJS.ProcessEnv = process.env): void => {
    processes.push({ ...startDetached({ name, argv, cwd: REPOSITORY_ROOT, env, logFile: join(paths.logs, `${name}.log`) }), name });
  };
  try {
    // From source through tsx: no build step that could be stale, the code the tests run.
    start('bike-api', [process.execPath, '--import', 'tsx', 'src/api/server.ts'], {
      ...process.env,
      ...options.apiEnv,
      HOST,
      PORT: String(ports.api),
      MODEL_PATH: paths.model,
      DATA_DIR: paths.data,
      // A demonstration stack: the fire-alert path needs POST /trigger-drift.
      ENABLE_TRIGGER_DRIFT: 'true',
    });
    start('node-exporter', [binaries.nodeExporter, `--web.listen-address=${address(ports.nodeExporter)}`]);
    start('alertmanager', alertmanagerArgv(binaries.alertmanager, { config: paths.alertmanagerConfig, storage: paths.alertmanagerData, url: urls.alertmanager }));
    start('prometheus', [
      binaries.prometheus,
      `--config.file=${paths.config}`,
      `--storage.tsdb.path=${paths.tsdb}`,
      `--web.listen-address=${address(ports.prometheus)}`,
    ]);
  } catch (error) {
    // A process that could not start must not leave the ones before it running unrecorded.
    await Promise.all(processes.map((record) => stopProcess(record)));
    throw error;
  }
  const stack: Stack = { urls, processes };
  await writeState(directory, stack);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 300_000);
  const readiness: Record<ComponentName, string> = {
    'bike-api': `${urls.api}/ready`,
    'node-exporter': `${urls.nodeExporter}/metrics`,
    alertmanager: `${urls.alertmanager}/-/ready`,
    prometheus: `${urls.prometheus}/-/ready`,
  };
  let ready: Stack;
  try {
    await Promise.all(processes.map((record) => waitUntilReady(record, readiness[record.name], deadline)));
    ready = { ...stack, prometheusPages: await prometheusPages(urls.prometheus) };
  } catch (error) {
    await stopStack(directory);
    throw error;
  }
  await writeState(directory, ready);
  return ready;
}

/**
 * Each page of Prometheus's web UI at the path where this build serves it. Prometheus 3 and
 * upstream 2.x builds serve the React UI at /graph, /alerts and /targets; Debian's 2.x packages
 * are built without it and serve only the classic pages, under /classic/ (their /graph only
 * redirects there). Probing the running Prometheus is surer than guessing from its version.
 */
async function prometheusPages(prometheusUrl: string): Promise<PrometheusPages> {
  const page = async (name: string): Promise<string> => {
    for (const path of [`/${name}`, `/classic/${name}`]) {
      const url = `${prometheusUrl}${path}`;
      if ((await httpStatus(url, 5_000)) === 200) return url;
    }
    throw new Error(`Prometheus at ${prometheusUrl} serves neither /${name} nor /classic/${name}`);
  };
  const [graph, alerts, targets] = await Promise.all(['graph', 'alerts', 'targets'].map(page));
  return { graph, alerts, targets };
}

export interface StopResult {
  readonly name: string;
  readonly result: StopOutcome;
}

/** Stops every recorded process that is still ours, then forgets the stack. */
export async function stopStack(dir: string): Promise<StopResult[]> {
  const stack = await readStack(dir);
  if (stack === undefined) return [];
  const results = await Promise.all(stack.processes.map(async (record) => ({ name: record.name, result: await stopProcess(record) })));
  // A process that survived stays recorded, so that the next stop can find it.
  if (results.every(({ result }) => result !== 'still running after SIGKILL')) await rm(join(dir, STATE_FILE), { force: true });
  return results;
}

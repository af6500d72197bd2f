/**
 * `npm run bench`: measures the model (training, artefact size and load) and the service built
 * as it ships (`dist/`): /predict throughput and latency against the bare-Fastify ceiling of the
 * same run, /evaluate latency by batch size (timed by a lean client process, evaluation-client.ts,
 * beside `fetch` in this process at 1,000 rows), /predict latency while evaluations run, /predict and
 * /health latency while 5 MB bodies arrive, the life of a stalled upload, peak RSS; then the cost
 * of the charts' data, the evaluation store and the HTML reports (chart-data.ts, history.ts), and
 * of live monitoring (live.ts). BENCH_SECONDS sets each load run's duration (default 10);
 * BENCH_ONLY=predict, evaluate, evidently, large-bodies or stalled-upload runs one of the service's
 * sections (after the model's and bike-api's idle memory) and nothing else.
 * Not a test: figures go to docs/benchmarks.md.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadModel, saveModel } from '../src/model/artefact.js';
import { type BikeDataset, loadDataset } from '../src/model/dataset.js';
import { DEFAULT_FOREST_PARAMS } from '../src/model/random-forest.js';
import { trainAndPredictReferenceModel } from '../src/model/training.js';
import { PROCESS_METRIC } from '../src/telemetry/metric-names.js';
import { evaluationRecord, predictRecord } from '../src/clients/payload.js';
import { DATASET_ZIP, DEFAULT_TRAINING_WINDOW, ROOT } from '../test/helpers/dataset.js';
import { sampleValue } from '../test/helpers/metrics.js';
import { type RunningServer, startNodeServer, startService } from '../test/helpers/service.js';
import { benchChartData } from './chart-data.js';
import { benchEvidently } from './evidently.js';
import { benchEvaluationProfile } from './evaluation-profile.js';
import { printGoals, recordGoal } from './goals.js';
import { benchHistory } from './history.js';
import type { ClientTimes } from './evaluation-client.js';
import { drive, evaluationBody, type LoadResult, median, percentile, printTable } from './lib.js';
import { benchLiveCheck, benchLiveMemory, benchLiveOverhead, benchLiveRecord, firstLiveCheck } from './live.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const execFileAsync = promisify(execFile);
const CONNECTIONS = [1, 8, 64];
/** One brief week (week1_february, as its client sends it), a month and more, a year and more. */
const EVALUATION_SIZES = [235, 1_000, 10_000];

const fixed = (value: number, digits = 2): string => value.toFixed(digits);

type TrainedModel = ReturnType<typeof trainAndPredictReferenceModel>;

/** Trains and saves the model; returns the first training (the model the services load). */
async function benchModel(dataset: BikeDataset, modelPath: string): Promise<TrainedModel> {
  const trainings = Array.from({ length: 5 }, () => trainAndPredictReferenceModel(dataset, DEFAULT_TRAINING_WINDOW, DEFAULT_FOREST_PARAMS));
  const trainingSeconds = trainings.map(({ model }) => model.metadata.trainingMetrics.trainingSeconds);
  await saveModel(modelPath, trainings[0].model);
  const loadMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await loadModel(modelPath);
    loadMs.push(performance.now() - started);
  }
  const { size } = await stat(modelPath);
  console.log(`\n## Model (${DEFAULT_FOREST_PARAMS.nEstimators} trees, ${trainings[0].model.metadata.trainingRows} training rows)`);
  printTable(
    ['training s (median of 5)', 'first training s', 'artefact MB', 'artefact load ms (median of 10)'],
    [[fixed(median(trainingSeconds), 3), fixed(trainingSeconds[0], 3), fixed(size / 1e6), fixed(median(loadMs), 1)]],
  );
  return trainings[0];
}

function loadRow(result: LoadResult): string[] {
  return [fixed(result.requestsPerSecond, 0), fixed(result.p50Ms), fixed(result.p99Ms)];
}

/** Rounds at the goal's 8 connections (issue 14): ceiling and bike-api alternate, the ratios' medians count. */
const GOAL_CONNECTIONS = 8;
const GOAL_ROUNDS = 3;

async function benchPredict(service: RunningServer, body: string): Promise<void> {
  const ceiling = await startNodeServer({ entry: 'bench/bare-server.ts', readyPath: '/predict', readyMethod: 'POST' });
  try {
    for (const server of [ceiling, service]) await drive(`${server.url}/predict`, body, 8, 2);
    await firstLiveCheck(service.url, body);
    const rows: string[][] = [];
    for (const connections of CONNECTIONS) {
      const throughputRatios: number[] = [];
      const p99Ratios: number[] = [];
      for (let round = 0; round < (connections === GOAL_CONNECTIONS ? GOAL_ROUNDS : 1); round++) {
        const bare = await drive(`${ceiling.url}/predict`, body, connections, SECONDS);
        const ours = await drive(`${service.url}/predict`, body, connections, SECONDS);
        throughputRatios.push(ours.requestsPerSecond / bare.requestsPerSecond);
        p99Ratios.push(ours.p99Ms / bare.p99Ms);
        rows.push([String(connections), ...loadRow(bare), ...loadRow(ours), fixed(throughputRatios.at(-1)!), fixed(p99Ratios.at(-1)!)]);
      }
      if (connections === GOAL_CONNECTIONS) {
        recordGoal('predictThroughput', median(throughputRatios));
        recordGoal('predictP99', median(p99Ratios));
      }
    }
    console.log(`\n## POST /predict, ${SECONDS} s per run (ceiling: bare Fastify parsing the same body, own process; ${GOAL_ROUNDS} alternating rounds at ${GOAL_CONNECTIONS} connections)`);
    printTable(['conns', 'ceiling req/s', 'p50 ms', 'p99 ms', 'bike-api req/s', 'p50 ms', 'p99 ms', 'throughput ratio', 'p99 ratio'], rows);
  } finally {
    await ceiling.stop();
  }
}

/** bike-api's resident memory (VmRSS) once started and after a few predictions, before any load or worker. */
async function benchIdleRss(service: RunningServer, body: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const response = await fetch(`${service.url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
  }
  const idle = service.rssMb();
  recordGoal('idleRss', idle);
  console.log(`\nbike-api idle RSS (VmRSS after start-up and 10 predictions, no worker started): ${fixed(idle, 1)} MB`);
}

/**
 * Client-side times of `calls` sequential /evaluate calls, after `warmups` untimed ones, and the
 * client's CPU: the lean client (evaluation-client.ts) in a process of its own.
 */
async function leanClient(url: string, body: string, warmups: number, calls: number): Promise<ClientTimes> {
  const bodyFile = join(WORK_DIR, 'evaluate-body.json');
  await writeFile(bodyFile, body);
  const { stdout } = await execFileAsync(process.execPath, [join(ROOT, 'bench/evaluation-client.ts'), `${url}/evaluate`, bodyFile, String(warmups), String(calls)]);
  return JSON.parse(stdout) as ClientTimes;
}

/** `calls` timed calls by the lean client; its first call (a connection, its own code cold) untimed unless more are asked. */
async function timeEvaluations(url: string, body: string, calls: number, warmups = 1): Promise<number[]> {
  return (await leanClient(url, body, warmups, calls)).times;
}

/** Sequential /evaluate calls by `fetch` in this process, with their client-side times. */
async function fetchEvaluations(url: string, body: string, calls: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`/evaluate answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

/** Blocks of 1,000-row calls in the comparison of clients, alternating, and calls per block. */
const CLIENT_BLOCKS = 4;
const CALLS_PER_CLIENT_BLOCK = 15;

/**
 * The same 1,000-row calls timed by the lean client and by `fetch` in this process (the bench's
 * client until 2026-11-27), in alternating blocks: what the client's own cost adds to the figure.
 */
async function benchEvaluationClients(url: string, body: string): Promise<void> {
  const timed = { lean: [] as number[], fetch: [] as number[] };
  const cpuMs = { lean: 0, fetch: 0 };
  for (let block = 0; block < CLIENT_BLOCKS; block++) {
    for (const client of block % 2 === 0 ? (['lean', 'fetch'] as const) : (['fetch', 'lean'] as const)) {
      if (client === 'lean') {
        const { times, cpuMsPerCall } = await leanClient(url, body, 1, CALLS_PER_CLIENT_BLOCK);
        timed.lean.push(...times);
        cpuMs.lean += cpuMsPerCall * times.length;
      } else {
        const cpuBefore = process.cpuUsage();
        timed.fetch.push(...(await fetchEvaluations(url, body, CALLS_PER_CLIENT_BLOCK)));
        const cpu = process.cpuUsage(cpuBefore);
        cpuMs.fetch += (cpu.user + cpu.system) / 1000;
      }
    }
  }
  const row = (name: string, times: number[], cpu: number): string[] => [name, fixed(median(times), 1), fixed(percentile(times, 0.9), 1), fixed(cpu / times.length, 2)];
  console.log(`\n## POST /evaluate, 1,000 rows, by client (${CLIENT_BLOCKS} alternating blocks of ${CALLS_PER_CLIENT_BLOCK} calls)`);
  printTable(
    ['client', 'median ms', 'p90 ms', 'client CPU ms per call'],
    [row('node:http, a process of its own (the figures above)', timed.lean, cpuMs.lean), row('fetch in the bench process', timed.fetch, cpuMs.fetch)],
  );
}

async function benchEvaluate(service: RunningServer, dataset: BikeDataset, predictBody: string): Promise<void> {
  const rows: string[][] = [];
  for (const size of EVALUATION_SIZES) {
    const body = evaluationBody(dataset, size);
    // The process's resident memory, sampled while the calls run back to back (3 untimed first).
    const stopSampling = sampleRss(service, 20);
    const times = await timeEvaluations(service.url, body, size >= 10_000 ? 10 : 30, 3);
    const peakRss = stopSampling();
    rows.push([String(size), fixed(body.length / 1e6), String(times.length), fixed(median(times), 1), fixed(percentile(times, 0.9), 1), fixed(peakRss, 0)]);
    if (size === 1_000) recordGoal('evaluate1k', median(times));
    if (size === 10_000) {
      recordGoal('evaluate10k', median(times));
      recordGoal('evaluatePeakRss', peakRss);
    }
  }
  console.log('\n## POST /evaluate (sequential calls, client-side time from a lean client of its own; peak of the RSS sampled every 20 ms during the calls)');
  printTable(['rows', 'body MB', 'calls', 'median ms', 'p90 ms', 'peak RSS MB'], rows);
  await benchEvaluationClients(service.url, evaluationBody(dataset, 1_000));

  // /predict at 8 connections while another client runs 1,000-row evaluations back to back.
  const quiet = await drive(`${service.url}/predict`, predictBody, 8, SECONDS);
  const body = evaluationBody(dataset, 1_000);
  let evaluations = 0;
  const done = new AbortController();
  const evaluating = (async () => {
    while (!done.signal.aborted) evaluations += (await fetchEvaluations(service.url, body, 1)).length;
  })();
  const busy = await drive(`${service.url}/predict`, predictBody, 8, SECONDS);
  done.abort();
  await evaluating;
  console.log(`\n## POST /predict at 8 connections, alone and with 1,000-row evaluations back to back (${evaluations} evaluations)`);
  printTable(['', 'req/s', 'p50 ms', 'p99 ms'], [['alone', ...loadRow(quiet)], ['with evaluations', ...loadRow(busy)]]);
}

/** Samples bike-api's resident memory every `intervalMs`; the function returned stops and gives the peak seen, in MB. */
function sampleRss(service: RunningServer, intervalMs: number): () => number {
  let peak = service.rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, service.rssMb())), intervalMs);
  return () => {
    clearInterval(sampler);
    return peak;
  };
}

/**
 * The serving thread's own event-loop delay (p99 and max, ms) since the previous call: prom-client
 * resets its histogram at each scrape. Unlike a client's latency, no client-side scheduling in it.
 */
async function eventLoopDelayMs(url: string): Promise<{ p99: number; max: number }> {
  const exposition = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string): number => (sampleValue(exposition, name) ?? Number.NaN) * 1000;
  return { p99: value(PROCESS_METRIC.eventLoopLagP99), max: value(PROCESS_METRIC.eventLoopLagMax) };
}

/** Clients that post `/evaluate` bodies of about 5 MB back to back (issue 9, item 4). */
const LARGE_BODY_CLIENTS = 4;

/** A worker thread: `clients` loops posting `body` to `url` until told to stop, then the answers by status. */
const POSTING_CLIENTS = `
const { parentPort, workerData: { url, body, clients } } = require('node:worker_threads');
const bytes = new TextEncoder().encode(body);
const statuses = {};
let stopping = false;
const loop = async () => {
  while (!stopping) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
};
const loops = Array.from({ length: clients }, loop);
parentPort.once('message', () => { stopping = true; Promise.all(loops).then(() => parentPort.postMessage(statuses)); });
`;

/** /evaluate bodies just under the 5 MB limit, each a different cost to the service. */
function largeBodies(dataset: BikeDataset): [string, string][] {
  const first = dataset.slice(dataset.records[0].time, DEFAULT_TRAINING_WINDOW.end).length;
  // Extra fields are ignored; the padding brings 10,000 real rows to 490 bytes each.
  const padded = dataset.records.slice(first, first + 10_000).map((record) => ({ ...evaluationRecord(record), note: 'x'.repeat(250) }));
  return [
    ['1.65 million empty rows (refused by a count, unparsed)', `{"data":[${'{},'.repeat(1_650_000)}{}]}`],
    ['2.5 million numbers (parsed, refused by the length)', `{"data":[${'0,'.repeat(2_500_000)}0]}`],
    ['10,000 real rows padded (parsed, evaluated)', JSON.stringify({ data: padded, evaluation_period_name: 'bench_padded' })],
  ];
}

/**
 * /predict and /health latency, and bike-api's memory, while four clients post /evaluate bodies
 * just under the 5 MB limit back to back. The serving thread only buffers the bytes; a worker
 * reads them. Goal: /predict and /health p99 <= 50 ms, RSS bounded.
 */
async function benchLargeBodies(service: RunningServer, dataset: BikeDataset, predictBody: string): Promise<void> {
  await eventLoopDelayMs(service.url);
  const quietPredict = await drive(`${service.url}/predict`, predictBody, 1, SECONDS);
  const quietHealth = await drive(`${service.url}/health`, undefined, 1, SECONDS);
  const quietLoop = await eventLoopDelayMs(service.url);
  const loopRow = ({ p99, max }: { p99: number; max: number }): string[] => [fixed(p99, 1), fixed(max, 1)];
  const rows: string[][] = [['alone', '', ...loadRow(quietPredict), ...loadRow(quietHealth), ...loopRow(quietLoop), fixed(service.rssMb(), 0)]];
  for (const [name, body] of largeBodies(dataset)) {
    const stopSampling = sampleRss(service, 100);
    // The posting clients run on their own thread: encoding and sending 5 MB bodies on the
    // measuring thread would delay the measured answers, not the service.
    await eventLoopDelayMs(service.url);
    const posters = new Worker(POSTING_CLIENTS, { eval: true, workerData: { url: `${service.url}/evaluate`, body, clients: LARGE_BODY_CLIENTS } });
    const [predict, health] = await Promise.all([drive(`${service.url}/predict`, predictBody, 1, SECONDS), drive(`${service.url}/health`, undefined, 1, SECONDS)]);
    const statuses = await new Promise<Record<string, number>>((resolve) => {
      posters.once('message', resolve);
      posters.postMessage('stop');
    });
    const loop = await eventLoopDelayMs(service.url);
    await posters.terminate();
    const rssMax = stopSampling();
    const answers = Object.entries(statuses).map(([status, count]) => `${count} x ${status}`).join(', ');
    rows.push([`${name}, ${fixed(body.length / 1e6)} MB`, answers, ...loadRow(predict), ...loadRow(health), ...loopRow(loop), fixed(rssMax, 0)]);
  }
  console.log(`\n## /predict and /health (1 connection each), alone, then while ${LARGE_BODY_CLIENTS} clients post 5 MB /evaluate bodies back to back`);
  printTable(['/evaluate bodies', 'answers', '/predict req/s', 'p50 ms', 'p99 ms', '/health req/s', 'p50 ms', 'p99 ms', 'loop delay p99 ms', 'max ms', 'max RSS MB'], rows);
}

/** How long a stalled upload lives with the service's default REQUEST_TIMEOUT_MS, /health polled meanwhile. */
async function benchStalledUpload(service: RunningServer): Promise<void> {
  const socket = connect(service.port, '127.0.0.1');
  socket.on('error', () => undefined);
  const started = performance.now();
  let lived: number | undefined;
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  socket.once('close', () => (lived = performance.now() - started));
  socket.write('POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{"data":[');
  const polls: number[] = [];
  // Bounded: the default timeout is 30 s, checked every second.
  while (lived === undefined && performance.now() - started < 60_000) {
    const polled = performance.now();
    await (await fetch(`${service.url}/health`)).arrayBuffer();
    polls.push(performance.now() - polled);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  socket.destroy();
  console.log('\n## A stalled upload (headers, then 9 bytes of a 5 MB body), default REQUEST_TIMEOUT_MS');
  const status = answer.split('\r\n')[0] ?? '';
  printTable(['lived s', 'answer', '/health polls', 'slowest poll ms'], [[lived === undefined ? 'over 60' : fixed(lived / 1000, 1), status, String(polls.length), fixed(Math.max(...polls), 1)]]);
}

console.log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown CPU'})`);
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
const dataset = await loadDataset({ zipPath: DATASET_ZIP, url: 'unused', cacheDir: 'unused' });
const WORK_DIR = await mkdtemp(join(tmpdir(), 'bike-bench-'));
const modelPath = join(WORK_DIR, 'model.json');
const trained = await benchModel(dataset, modelPath);
const predictBody = JSON.stringify(predictRecord(dataset.records[0]));
const serviceEnv = { MODEL_PATH: modelPath, BIKE_SHARING_ZIP: DATASET_ZIP, LOG_LEVEL: 'warn' };
// BENCH_ONLY=<section> runs the model's, the idle memory and that section only.
const only = process.env.BENCH_ONLY;
const service = await startService(serviceEnv, 'dist/api/server.js');
try {
  await benchIdleRss(service, predictBody);
  if (only === undefined || only === 'predict') await benchPredict(service, predictBody);
  const predictRss = service.peakRssMb();
  if (only === undefined || only === 'evaluate') await benchEvaluate(service, dataset, predictBody);
  if (only === undefined || only === 'evaluate') await benchEvaluationProfile((rows) => evaluationBody(dataset, rows), trained.model, trained.reference, async (body) => median(await timeEvaluations(service.url, body, 10)));
  if (only === undefined || only === 'evidently') await benchEvidently((rows, calls) => timeEvaluations(service.url, evaluationBody(dataset, rows), calls));
  if (only === undefined || only === 'large-bodies') await benchLargeBodies(service, dataset, predictBody);
  if (only === undefined || only === 'stalled-upload') await benchStalledUpload(service);
  console.log(`\nbike-api peak RSS (VmHWM): ${fixed(predictRss, 1)} MB after the /predict runs, ${fixed(service.peakRssMb(), 1)} MB at the end (evaluation workers and 10,000-row batches included)`);
} finally {
  await service.stop();
}
// The in-process sections and live monitoring's run only in a full bench.
if (only === undefined) {
  await benchChartData((rows) => evaluationBody(dataset, rows));
  await benchHistory((rows) => evaluationBody(dataset, rows));

  benchLiveRecord(dataset);
  benchLiveCheck(dataset, trained.model, trained.reference, DEFAULT_TRAINING_WINDOW.end);
  const [liveOff, liveOn] = await Promise.all(['off', 'on'].map((mode) => startService({ ...serviceEnv, LIVE_MONITORING: mode }, 'dist/api/server.js')));
  try {
    await benchLiveMemory(liveOn, predictBody);
    await benchLiveOverhead(liveOff, liveOn, predictBody, SECONDS);
  } finally {
    await Promise.all([liveOff.stop(), liveOn.stop()]);
  }
}
printGoals();

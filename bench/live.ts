/**
 * The cost of live monitoring (src/api/live/), for `npm run bench`: /predict with it off and on,
 * side by side in one run; the worker's computation of one live check by window size; and the
 * service's memory after 10,000 and after 1,000,000 predictions with it on.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Evaluator, PREDICTION, type ServedColumns } from '../src/api/evaluation/evaluator.js';
import type { BikeDataset } from '../src/model/dataset.js';
import { FEATURES, type FeatureName } from '../src/model/features.js';
import type { BikeDemandModel } from '../src/model/model.js';
import type { ReferenceData } from '../src/model/training.js';
import { LiveWindow } from '../src/api/live/window.js';
import { METRIC, PROCESS_METRIC } from '../src/telemetry/metric-names.js';
import { sampleValue } from '../test/helpers/metrics.js';
import type { RunningServer } from '../test/helpers/service.js';
import { drive, driveCount, type LoadResult, median, printTable, timeCalls } from './lib.js';

const fixed = (value: number, digits = 2): string => value.toFixed(digits);
/** Runs of each mode per connection count, alternating which goes first. */
const ROUNDS = 3;

/**
 * /predict on two services that differ only by LIVE_MONITORING, alternating which goes first in
 * each round, so that the machine's other load falls on both alike.
 */
export async function benchLiveOverhead(off: RunningServer, on: RunningServer, body: string, seconds: number): Promise<void> {
  const rows: string[][] = [];
  for (const connections of [8, 64]) {
    const results = { off: [] as LoadResult[], on: [] as LoadResult[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
      for (const mode of order) results[mode].push(await drive(`${(mode === 'off' ? off : on).url}/predict`, body, connections, seconds));
    }
    const summary = (list: readonly LoadResult[]) => ({
      requestsPerSecond: median(list.map((result) => result.requestsPerSecond)),
      p99Ms: median(list.map((result) => result.p99Ms)),
    });
    const [quiet, live] = [summary(results.off), summary(results.on)];
    rows.push([
      String(connections),
      fixed(quiet.requestsPerSecond, 0),
      fixed(quiet.p99Ms),
      fixed(live.requestsPerSecond, 0),
      fixed(live.p99Ms),
      fixed(live.requestsPerSecond / quiet.requestsPerSecond),
      fixed(live.p99Ms / quiet.p99Ms),
    ]);
  }
  console.log(`\n## POST /predict with live monitoring off and on (default window and checks), ${seconds} s per run, median of ${ROUNDS} alternating runs`);
  printTable(['conns', 'off req/s', 'p99 ms', 'on req/s', 'p99 ms', 'throughput on/off', 'p99 on/off'], rows);
}

/** `rows` served hours after the training window, as the live window would hand them to the worker. */
function servedWindow(dataset: BikeDataset, model: BikeDemandModel, after: string, rows: number): ServedColumns {
  const first = dataset.slice(dataset.records[0].time, after).length;
  const records = dataset.records.slice(first, first + rows);
  if (records.length < rows) throw new Error(`the dataset holds only ${records.length} hours after ${after}`);
  const columns = {} as Record<FeatureName | typeof PREDICTION, Float64Array>;
  for (const feature of FEATURES) columns[feature] = Float64Array.from(records, (record) => record[feature]);
  columns[PREDICTION] = model.predictMany(records);
  return columns;
}

/** The computation of one live check, as its evaluation worker runs it: median wall time and mean CPU time. */
export function benchLiveCheck(dataset: BikeDataset, model: BikeDemandModel, reference: ReferenceData, trainingEnd: string): void {
  const evaluator = new Evaluator(model, reference);
  const rows: string[][] = [];
  for (const size of [1_000, 10_000]) {
    const window = servedWindow(dataset, model, trainingEnd, size);
    const runs = size >= 10_000 ? 10 : 50;
    const { medianMs, cpuMs } = timeCalls(() => evaluator.describeServed(window), runs, 3);
    rows.push([String(size), String(runs), fixed(medianMs, 1), fixed(cpuMs, 1)]);
  }
  console.log('\n## One live check (Evaluator.describeServed, the evaluation worker\'s computation: 11 features and the predictions)');
  printTable(['window rows', 'runs', 'median wall ms', 'mean CPU ms'], rows);
}

/**
 * What live monitoring adds to each /predict: one record into the window (13 numbers written).
 * Timed in-process over a million records, which load tests on a shared machine cannot resolve.
 */
export function benchLiveRecord(dataset: BikeDataset): void {
  const window = new LiveWindow(1_000, 3_600);
  const rows = dataset.records.slice(0, 1_000);
  const count = 1_000_000;
  for (let i = 0; i < count; i++) window.record(rows[i % rows.length], i, performance.now());
  const started = performance.now();
  for (let i = 0; i < count; i++) window.record(rows[i % rows.length], i, performance.now());
  const nsPerRecord = ((performance.now() - started) * 1e6) / count;
  console.log(`\n## Recording one prediction into the live window: ${fixed(nsPerRecord, 0)} ns (mean of ${count.toLocaleString('en-US')}, clock read included)`);
}

/**
 * Waits (at most a minute) for bike-api's first live check: its first check, due LIVE_CHECK_SECONDS
 * after the window holds enough predictions, starts an evaluation worker (about a second of CPU
 * and 16 to 19 MB of RSS, once), which would otherwise land in one of the measured rounds.
 */
export async function firstLiveCheck(url: string, body: string): Promise<void> {
  for (const started = performance.now(); performance.now() - started < 60_000; ) {
    if ((sampleValue(await (await fetch(`${url}/metrics`)).text(), METRIC.liveChecksTotal, { outcome: 'ok' }) ?? 0) >= 1) return;
    await drive(`${url}/predict`, body, 1, 1);
  }
  throw new Error('bike-api made no live check within a minute');
}

/**
 * Resident memory of the service with live monitoring on, from its first live check (which starts
 * a worker) and 10,000 predictions on, up to 1,000,000; each read after a second of rest. The heap
 * moves by a few MB either way, and V8 grows the serving thread's young generation under the load
 * to its limit (held small while bike-api starts, young-generation.ts): a leak would grow with the
 * count after the young generation has stopped growing.
 */
export async function benchLiveMemory(on: RunningServer, body: string): Promise<void> {
  await firstLiveCheck(on.url, body);
  const rows: string[][] = [];
  let served = 0;
  let first = 0;
  for (const total of [10_000, 100_000, 500_000, 1_000_000]) {
    await driveCount(`${on.url}/predict`, body, 64, total - served);
    served = total;
    await sleep(1_000);
    const rss = on.rssMb();
    first ||= rss;
    rows.push([total.toLocaleString('en-US'), fixed(rss, 1), fixed(rss - first, 1), fixed(await youngGenerationMb(on.url), 1), fixed(on.peakRssMb(), 1)]);
  }
  console.log('\n## bike-api memory with live monitoring on (default window of 1,000 rows), predictions counted from its first live check');
  printTable(['predictions served', 'RSS MB', 'vs 10,000 MB', 'young generation MB', 'peak RSS MB'], rows);
}

/** The size of the serving thread's young generation (V8's new spaces), from the service's own /metrics. */
async function youngGenerationMb(url: string): Promise<number> {
  const exposition = await (await fetch(`${url}/metrics`)).text();
  const space = (name: string): number => sampleValue(exposition, PROCESS_METRIC.heapSpaceTotal, { space: name }) ?? Number.NaN;
  return (space('new') + space('new_large_object')) / 1e6;
}

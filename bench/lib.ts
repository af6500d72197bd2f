/** Helpers of the benchmark: load generation and reporting (processes come from the test harness). */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { evaluationRecord } from '../src/clients/payload.js';
import type { BikeDataset } from '../src/model/dataset.js';
import { DEFAULT_TRAINING_WINDOW } from '../test/helpers/dataset.js';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Drives POST `url` with `body` (GET without one) at `connections` for `seconds`; every answer
 * must be a 2xx. Latency percentiles come from each response's time in fractional milliseconds:
 * autocannon's own histogram keeps whole milliseconds, too coarse for sub-millisecond answers.
 */
export async function drive(url: string, body: string | undefined, connections: number, seconds: number): Promise<LoadResult> {
  return load(url, body, connections, { duration: seconds });
}

/** Drives POST `url` like `drive`, for exactly `requests` requests. */
export async function driveCount(url: string, body: string, connections: number, requests: number): Promise<LoadResult> {
  return load(url, body, connections, { amount: requests });
}

/** GET `url` when `body` is undefined, else POST it as JSON. */
async function load(url: string, body: string | undefined, connections: number, bound: { duration: number } | { amount: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const request = body === undefined ? { method: 'GET' as const } : { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body };
    const options = { url, ...request, connections, ...bound };
    const instance = autocannon(options, (error: Error | null, done: autocannon.Result) => {
      if (error) reject(error);
      else resolve(done);
    });
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
  });
  if (result.errors + result.timeouts + result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  return { requestsPerSecond: result.requests.average, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

/**
 * Times `work`: `warmups` untimed calls, then `runs` timed ones. The median wall time, and the
 * mean CPU time of this process per call, which other load on the machine inflates less.
 */
export function timeCalls(work: () => unknown, runs: number, warmups: number): { readonly medianMs: number; readonly cpuMs: number } {
  for (let i = 0; i < warmups; i++) work();
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuStart);
  return { medianMs: median(times), cpuMs: (cpu.user + cpu.system) / 1000 / runs };
}

/** Prints rows as an aligned text table. */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
  console.log(line(headers));
  for (const row of rows) console.log(line(row));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The nearest-rank percentile (q in 0..1). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** A POST /evaluate body of `rows` real hours after the training window (the dataset has 16,761 of them). */
export function evaluationBody(dataset: BikeDataset, rows: number): string {
  const first = dataset.slice(dataset.records[0].time, DEFAULT_TRAINING_WINDOW.end).length;
  const records = dataset.records.slice(first, first + rows).map(evaluationRecord);
  return JSON.stringify({ data: records, evaluation_period_name: `bench_${rows}` });
}

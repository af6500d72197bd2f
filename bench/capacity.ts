/**
 * `npm run bench:capacity`: the figures behind the Kubernetes requests and limits
 * (docs/kubernetes.md). One bike-api process as a pod starts it (compiled `dist/`, no artefact, so
 * it trains on start), pinned to one CPU with `taskset` as a 1-CPU limit would throttle it, and the
 * load generator pinned to another: /predict throughput at that CPU, the CPU and memory the process
 * uses under it, and its peak memory with the largest evaluation batches it accepts. On a shared
 * machine the raw req/s follow whatever CPU the neighbours leave; requests per CPU-second of the
 * service (from /proc) is the figure that holds: it is the req/s of one fully used CPU.
 * BENCH_SECONDS sets each load run's duration (default 10). Needs Linux and util-linux's taskset.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluationRecord, predictRecord } from '../src/clients/payload.js';
import { loadDataset } from '../src/model/dataset.js';
import { DATASET_ZIP, DEFAULT_TRAINING_WINDOW, ROOT } from '../test/helpers/dataset.js';
import { startService } from '../test/helpers/service.js';
import { drive, printTable } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = [8, 32];
const SERVICE_CPU = '0';
const LOAD_CPU = '1';
/** The service's default EVALUATE_MAX_ROWS: the largest batch a pod must hold in memory. */
const LARGEST_EVALUATION = 10_000;

const fixed = (value: number, digits = 1): string => value.toFixed(digits);

/** Pins every thread of `pid` (threads created later inherit it) to `cpu`. */
function pin(pid: number, cpu: string): void {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpu, String(pid)], { stdio: 'ignore' });
}

/** User + system CPU seconds used so far by process `pid` (/proc/<pid>/stat, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
}

console.log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}); service on CPU ${SERVICE_CPU}, load on CPU ${LOAD_CPU}`);
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
pin(process.pid, LOAD_CPU);
const dataset = await loadDataset({ zipPath: DATASET_ZIP, url: 'unused', cacheDir: 'unused' });
const modelPath = join(await mkdtemp(join(tmpdir(), 'bike-capacity-')), 'model.json');
const started = performance.now();
const service = await startService({ MODEL_PATH: modelPath, BIKE_SHARING_ZIP: DATASET_ZIP, LOG_LEVEL: 'warn' }, 'dist/api/server.js');
const pid = service.child.pid!;
try {
  const startSeconds = (performance.now() - started) / 1000;
  const startPeak = memoryMb(pid, 'VmHWM');
  pin(pid, SERVICE_CPU);
  const body = JSON.stringify(predictRecord(dataset.records[0]));
  await drive(`${service.url}/predict`, body, 8, 2);
  const rows: string[][] = [];
  for (const connections of CONNECTIONS) {
    const cpuBefore = cpuSeconds(pid);
    const wallBefore = performance.now();
    const result = await drive(`${service.url}/predict`, body, connections, SECONDS);
    const wallSeconds = (performance.now() - wallBefore) / 1000;
    const usedCpuSeconds = cpuSeconds(pid) - cpuBefore;
    const perCpuSecond = (result.requestsPerSecond * wallSeconds) / usedCpuSeconds;
    rows.push([
      String(connections),
      fixed(result.requestsPerSecond, 0),
      fixed(result.p50Ms, 2),
      fixed(result.p99Ms, 2),
      fixed(usedCpuSeconds / wallSeconds, 2),
      fixed(perCpuSecond, 0),
      fixed(memoryMb(pid, 'VmRSS')),
    ]);
  }
  console.log(`\n## bike-api: start (trains ${DEFAULT_TRAINING_WINDOW.start} .. ${DEFAULT_TRAINING_WINDOW.end}) in ${fixed(startSeconds)} s, peak RSS ${fixed(startPeak)} MB`);
  console.log(`\n## POST /predict, ${SECONDS} s per run, service pinned to one CPU`);
  printTable(['conns', 'req/s', 'p50 ms', 'p99 ms', 'CPU cores used', 'requests per CPU-second', 'RSS MB'], rows);

  const first = dataset.slice(dataset.records[0].time, DEFAULT_TRAINING_WINDOW.end).length;
  const records = dataset.records.slice(first, first + LARGEST_EVALUATION).map(evaluationRecord);
  const evaluation = JSON.stringify({ data: records, evaluation_period_name: 'capacity' });
  for (let i = 0; i < 3; i++) {
    const response = await fetch(`${service.url}/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: evaluation });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`/evaluate answered ${response.status}`);
  }
  console.log(`\n## Peak RSS (VmHWM) after 3 evaluations of ${LARGEST_EVALUATION} rows: ${fixed(memoryMb(pid, 'VmHWM'))} MB; RSS now ${fixed(memoryMb(pid, 'VmRSS'))} MB`);
} finally {
  await service.stop();
}

/**
 * The comparison with Evidently (issue 14): bike-api's /evaluate over HTTP against Evidently
 * 0.7.21 in-process doing the same evaluation (scripts/oracle/benchmark_evidently.py, in the
 * oracle's venv), side by side at each batch size: our calls, then Evidently's runs, size by size.
 * Optional: without .venv/bin/python and evidently in it, one line says how to create it.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DATASET_ZIP, ROOT } from '../test/helpers/dataset.js';
import { median, printTable } from './lib.js';

const PYTHON = join(ROOT, '.venv/bin/python');
const SCRIPT = join(ROOT, 'scripts/oracle/benchmark_evidently.py');
/** One brief week as its client sends it (week1_february: 235 hours), a month and more, a year and more. */
const SIZES = [235, 1_000, 10_000];
const EVIDENTLY_RUNS = 5;

/** Client-side times of `calls` sequential /evaluate calls of `rows` rows (bench/run.ts's timeEvaluations). */
export type TimeEvaluations = (rows: number, calls: number) => Promise<number[]>;

/** What benchmark_evidently.py prints (the fields read here). */
interface EvidentlyTimings {
  readonly versions: Readonly<Record<string, string>>;
  readonly model: string;
  readonly runs: number;
  readonly sizes: readonly { readonly rows: number; readonly median_ms: number; readonly cpu_median_ms: number }[];
}

function evidentlyInstalled(): boolean {
  const check = "import importlib.util, sys; sys.exit(importlib.util.find_spec('evidently') is None)";
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', check]).status === 0;
}

async function timeEvidently(rows: number): Promise<EvidentlyTimings> {
  const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, '--rows', String(rows), '--runs', String(EVIDENTLY_RUNS)], {
    cwd: ROOT,
    env: { ...process.env, BIKE_SHARING_ZIP: DATASET_ZIP },
  });
  const timings = JSON.parse(stdout) as EvidentlyTimings;
  if (timings.sizes[0]?.rows !== rows) throw new Error(`${SCRIPT} answered ${stdout}`);
  return timings;
}

export async function benchEvidently(timeOurs: TimeEvaluations): Promise<void> {
  if (!evidentlyInstalled()) {
    console.log('\n## /evaluate against Evidently: skipped, no .venv with evidently (create it with `make oracle-venv`, see scripts/oracle/README.md)');
    return;
  }
  const loadBefore = loadavg()[0];
  const rows: string[][] = [];
  let evidently: EvidentlyTimings | undefined;
  for (const size of SIZES) {
    await timeOurs(size, 3);
    const ours = await timeOurs(size, size >= 10_000 ? 10 : 30);
    evidently = await timeEvidently(size);
    const [{ median_ms: theirs, cpu_median_ms: theirCpu }] = evidently.sizes;
    rows.push([String(size), String(ours.length), median(ours).toFixed(1), String(evidently.runs), theirs.toFixed(0), theirCpu.toFixed(0), `${(theirs / median(ours)).toFixed(0)}x`]);
  }
  console.log(`\n## POST /evaluate over HTTP against Evidently ${evidently?.versions.evidently} in-process (prediction, DataDriftPreset, RegressionPreset, snapshot.dict()), size by size`);
  console.log(`Evidently's model: ${evidently?.model}; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`);
  printTable(['rows', 'bike-api calls', 'median ms', 'Evidently runs', 'median ms', 'CPU ms', 'Evidently / bike-api (medians)'], rows);
}

/**
 * The cost of the evaluation history, side by side in one process so that the machine's load
 * hits both sides alike: POST /evaluate with the SQLite store against no store (calls
 * alternate between the two apps), and the HTML report of a 10,000-row evaluation, rendered on
 * request (first render, which compiles the chart specifications, then warm renders).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { App } from '../src/api/app.js';
import { SqliteEvaluationStore } from '../src/api/store/sqlite-store.js';
import { buildApp } from '../src/api/app.js';
import type { Evaluation, NewEvaluation } from '../src/api/evaluation/evaluator.js';
import { EvaluationService } from '../src/api/evaluation/service.js';
import { createServiceMetrics } from '../src/api/metrics.js';
import type { EvaluationStore } from '../src/api/store/evaluation-store.js';
import { loadConfig } from '../src/config.js';
import { testModel } from '../test/helpers/app.js';
import { temporaryDirectory } from '../test/helpers/temporary.js';
import { median, percentile, printTable } from './lib.js';

const fixed = (value: number, digits = 1): string => value.toFixed(digits);

async function timed(work: () => Promise<{ statusCode: number }>): Promise<number> {
  return (await measured(work)).wallMs;
}

/**
 * Wall time and the process's CPU time of one call. On a shared machine the wall time grows
 * with the other processes' load; the CPU time much less.
 */
async function measured(work: () => Promise<{ statusCode: number }>): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { statusCode } = await work();
  if (statusCode !== 200) throw new Error(`answered ${statusCode}`);
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** The service of the tests, with the given store or none (nothing is kept). */
async function benchApp(store: EvaluationStore | undefined): Promise<App> {
  const { model, reference } = await testModel();
  const metrics = createServiceMetrics(model.metadata);
  return buildApp({ model, evaluations: new EvaluationService(model, reference), metrics, store, evaluateMaxRows: loadConfig({}).evaluateMaxRows });
}

/** The default EVALUATION_HISTORY_LIMIT. */
const HISTORY_LIMIT = loadConfig({}).evaluationHistoryLimit;

/**
 * Fills the store to its limit with copies of one evaluation, as a service's history is after
 * its first `HISTORY_LIMIT` evaluations: from then on, each evaluation stored prunes the oldest.
 */
async function fillToLimit(app: App, store: EvaluationStore, body: string): Promise<void> {
  await app.inject({ method: 'POST', url: '/evaluate', headers: { 'content-type': 'application/json' }, payload: body });
  const { modelVersion, evaluation } = (await store.latest())!;
  const copy = asNew(evaluation);
  for (let i = 1; i < HISTORY_LIMIT; i++) await store.add(modelVersion, copy);
}

/** A stored evaluation as the service hands a new one to the store. */
function asNew({ charts, ...facts }: Evaluation): NewEvaluation {
  return { ...facts, chartsJson: JSON.stringify(charts) };
}

export async function benchHistory(evaluationBody: (rows: number) => string, calls = 30): Promise<void> {
  const path = join(temporaryDirectory('bike-bench-history-'), 'evaluations.sqlite');
  const store = SqliteEvaluationStore.open(path, HISTORY_LIMIT);
  const apps: Record<'off' | 'on', App> = { off: await benchApp(undefined), on: await benchApp(store) };
  try {
    await fillToLimit(apps.on, store, evaluationBody(1_000));
    const rows: string[][] = [];
    for (const size of [1_000, 10_000]) {
      const body = evaluationBody(size);
      const evaluate = (app: App) => () => app.inject({ method: 'POST', url: '/evaluate', headers: { 'content-type': 'application/json' }, payload: body });
      const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
      const count = size >= 10_000 ? Math.max(6, calls / 3) : calls;
      for (let i = 0; i < count + 2; i++) {
        // Alternate which side goes first; the first two rounds warm both up.
        const order = i % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
        for (const side of order) {
          const ms = await timed(evaluate(apps[side]));
          if (i >= 2) times[side].push(ms);
        }
      }
      const [off, on] = [median(times.off), median(times.on)];
      rows.push([String(size), String(times.on.length), fixed(off), fixed(on), `${fixed((on / off - 1) * 100)} %`, fixed(percentile(times.off, 0.9)), fixed(percentile(times.on, 0.9))]);
    }
    console.log(`\n## POST /evaluate with the evaluation store off and on, its history full (${HISTORY_LIMIT.toLocaleString('en')} evaluations; in process, alternating calls, medians)`);
    printTable(['rows', 'calls each', 'off ms', 'on ms', 'on vs off', 'off p90 ms', 'on p90 ms'], rows);

    // What storing itself costs (serialising, inserting, pruning, the fsync of the commit).
    const newest = (await store.latest())!;
    // Its charts' JSON written before the timing, as the workers write it before the store adds it.
    const again = asNew(newest.evaluation);
    const adds: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await store.add(newest.modelVersion, again);
      adds.push(performance.now() - started);
    }
    console.log(`\nstore.add of a 10,000-row evaluation (${fixed(JSON.stringify(newest.evaluation).length / 1e3, 0)} kB of JSON): median ${fixed(median(adds))} ms, p90 ${fixed(percentile(adds, 0.9))} ms`);

    // The newest stored evaluation is a 10,000-row one.
    const { location } = (await apps.on.inject({ method: 'GET', url: '/evaluations/latest/report' })).headers;
    const pages = [
      ['report of a 10,000-row evaluation', String(location)],
      ['history page (/reports)', '/reports'],
    ];
    const pageRows: string[][] = [];
    for (const [name, url] of pages) {
      const render = () => apps.on.inject({ method: 'GET', url });
      const first = await measured(render);
      const warm = [];
      for (let i = 0; i < 10; i++) warm.push(await measured(render));
      const wall = warm.map((time) => time.wallMs);
      pageRows.push([name, fixed(first.wallMs), fixed(median(wall)), fixed(percentile(wall, 0.9)), fixed(median(warm.map((time) => time.cpuMs)))]);
    }
    console.log('\n## HTML pages, rendered on request (Vega-Lite → SVG; the first render compiles the chart specifications)');
    printTable(['page', 'first ms', 'median ms', 'p90 ms', 'median CPU ms'], pageRows);
  } finally {
    await Promise.all(Object.values(apps).map((app) => app.close()));
  }
}

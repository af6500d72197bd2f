/**
 * Where the time of one POST /evaluate goes: each stage of the pipeline timed alone, in this
 * process, with the service's own functions (median, and the first call: compilation, empty
 * caches, the exact K-S lattice walked), beside the over-HTTP median of the same body. In the
 * service (evaluation/service.ts) the body is cut in two between rows, and each worker reads one
 * side and predicts its rows; then one computes the inputs' drift and their charts while the other computes the
 * predictions' drift, the regression and its charts; the serving thread records
 * the gauges, stores the evaluation and answers. So the stages add up to more than the wall time;
 * what the table leaves out is HTTP, the hand-offs between threads and the waits for a core.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { cutBetweenRows, joinSides, readWellFormedBody, readWellFormedSide, recordFields } from '../src/api/evaluation/body-columns.js';
import { readEvaluationBody } from '../src/api/evaluation/body-validation.js';
import { regressionChartData } from '../src/api/evaluation/chart-data.js';
import { Evaluator, type NewEvaluation, PREDICTION, REPORT_SCHEMA, toLabelledColumns } from '../src/api/evaluation/evaluator.js';
import { chartsJson } from '../src/api/evaluation/service.js';
import { inputsAnswer, outputsAnswer } from '../src/api/evaluation/worker-protocol.js';
import { toEvaluationOutput } from '../src/api/evaluation-output.js';
import { createServiceMetrics } from '../src/api/metrics.js';
import { EvaluateOutput } from '../src/api/routes/evaluate.js';
import { EvaluationRecord } from '../src/api/schemas.js';
import { SqliteEvaluationStore } from '../src/api/store/sqlite-store.js';
import { TARGET } from '../src/model/features.js';
import type { BikeDemandModel } from '../src/model/model.js';
import type { ReferenceData } from '../src/model/training.js';
import {
  buildInputReport,
  buildOutputReport,
  CurrentSamples,
  inputDistributions,
  predictionDistribution,
  prepareReportReference,
  regressionMetrics,
} from '../src/monitoring/index.js';
import { sampleDrift } from '../src/monitoring/column-drift.js';
import { median, printTable } from './lib.js';

interface Timing {
  readonly first: number;
  readonly median: number;
}

/** The first call's time (cold: compilation, caches empty) and the median of `runs` more. */
function timeOf<T>(work: () => T, runs: number): Timing & { readonly result: T } {
  const firstStarted = performance.now();
  let result = work();
  const first = performance.now() - firstStarted;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = work();
    times.push(performance.now() - started);
  }
  return { first, median: median(times), result };
}

/** The stages of one evaluation of `body`, in pipeline order, each with its first call and median. */
async function profile(body: string, model: BikeDemandModel, reference: ReferenceData, runs: number): Promise<[string, Timing][]> {
  const bytes = new TextEncoder().encode(body);
  const stages: [string, Timing][] = [];
  const stage = <T>(name: string | ((result: T) => string), work: () => T): T => {
    const timed = timeOf(work, runs);
    stages.push([typeof name === 'string' ? name : name(timed.result), timed]);
    return timed.result;
  };
  const fields = recordFields(EvaluationRecord);
  const cut = cutBetweenRows(bytes);
  if (cut === undefined) throw new Error('the benchmark body cannot be cut between rows');
  const head = stage('read the head of the body: bytes to columns (one worker)', () => readWellFormedSide(bytes.subarray(0, cut), 'head', 10_000, fields));
  const tail = stage('read its tail (the other worker, meanwhile)', () => readWellFormedSide(bytes.subarray(cut), 'tail', 10_000, fields));
  const reading = head && tail && joinSides(head, tail, 10_000);
  if (!reading) throw new Error('the fast path left the benchmark body');
  stage('  a body read whole, when it cannot be cut (fast path)', () => readWellFormedBody(bytes, 10_000, fields));
  stage('  full path, for bodies the fast path leaves: UTF-8, JSON, validation, columns', () => readEvaluationBody(bytes, 10_000));
  const { batch } = reading;
  const rows = batch[TARGET].length;
  const evaluator = new Evaluator(model, reference);
  const headRows = head.batch[TARGET].length;
  const first = stage("predict: the head's rows (one worker)", () => evaluator.predictRows(head.batch, 0, headRows));
  const second = stage("predict: the tail's rows (the other worker, meanwhile)", () => evaluator.predictRows(tail.batch, 0, rows - headRows));
  const predictions = new Float64Array(rows);
  predictions.set(first);
  predictions.set(second, headRows);
  const current = { ...batch, [PREDICTION]: predictions };
  const prepared = prepareReportReference(REPORT_SCHEMA, { ...toLabelledColumns(reference.rows), [PREDICTION]: reference.predictions });
  const samples = [...prepared.features.samples, [TARGET, prepared.target], [PREDICTION, prepared.prediction]] as const;
  for (const [column, referenceSample] of samples) {
    // A fresh batch each time: cleaning (and sorting) the column is part of its test's cost.
    stage(
      (drift) => `drift ${column} (${drift.methodLabel})`,
      () => sampleDrift(column, referenceSample, new CurrentSamples(current).sample(column, referenceSample.type)),
    );
  }
  stage('regression metrics', () => regressionMetrics(batch[TARGET], predictions));
  const shared = new CurrentSamples(current);
  // The reports prepare the samples that the chart data reads, as on the workers.
  const reports = { inputs: buildInputReport(prepared, shared), outputs: buildOutputReport(prepared, shared) };
  const chartData = () => ({
    distributions: inputDistributions(prepared, shared),
    predictionDistribution: predictionDistribution(prepared, shared),
    regression: regressionChartData(batch[TARGET], predictions, batch.hr),
  });
  stage("chart data (13 distributions from the tests' samples, errors)", chartData);
  const { distributions, ...outputCharts } = chartData();
  // The halves as the workers answer them: their charts' data as JSON.
  const halves = () => ({
    inputs: inputsAnswer({ report: reports.inputs, distributions }),
    outputs: outputsAnswer({ report: reports.outputs, ...outputCharts }),
  });
  stage("the charts' JSON (written on the workers)", halves);
  const { inputs, outputs } = halves();
  const evaluation: NewEvaluation = {
    periodName: reading.periodName,
    evaluatedItems: rows,
    evaluatedAt: Date.now() / 1000,
    report: { ...inputs.report, ...outputs.report },
    chartsJson: chartsJson(inputs, outputs),
  };
  const metrics = createServiceMetrics(model.metadata);
  stage('gauges (prom-client)', () => {
    metrics.recordEvaluation(evaluation);
  });
  const directory = await mkdtemp(join(tmpdir(), 'bike-profile-'));
  const store = SqliteEvaluationStore.open(join(directory, 'evaluations.sqlite'), 64);
  try {
    // SQLite is synchronous: the insert and its fsync are done when add() returns its promise.
    stage('store (SQLite insert, fsync)', () => {
      void store.add(model.version, evaluation);
    });
  } finally {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  }
  const serialize = await responseSerializer();
  stage('response (output + Fastify serializer)', () => serialize(toEvaluationOutput(evaluation)));
  return stages;
}

/** The function Fastify compiles from the route's 200 schema, as /evaluate answers with it. */
async function responseSerializer(): Promise<(payload: unknown) => string> {
  const app = Fastify();
  let serializer: ((payload: unknown) => string) | undefined;
  app.get('/', { schema: { response: { 200: EvaluateOutput } } }, (_request, reply) => {
    serializer = reply.getSerializationFunction('200') as (payload: unknown) => string;
    return {};
  });
  await app.inject({ method: 'GET', url: '/' });
  await app.close();
  if (serializer === undefined) throw new Error('Fastify compiled no serializer');
  return serializer;
}

/**
 * Prints the profile of a 1,000-row and a 10,000-row evaluation. `overHttpMs` gives the
 * over-HTTP median of the same body, measured by the caller against the running service.
 */
export async function benchEvaluationProfile(
  evaluationBody: (rows: number) => string,
  model: BikeDemandModel,
  reference: ReferenceData,
  overHttpMs: (body: string) => Promise<number>,
): Promise<void> {
  const sizes = [1_000, 10_000];
  const profiles: [string, Timing][][] = [];
  const totals: number[] = [];
  for (const size of sizes) {
    const body = evaluationBody(size);
    profiles.push(await profile(body, model, reference, size >= 10_000 ? 10 : 30));
    totals.push(await overHttpMs(body));
  }
  const cell = ({ first, median }: Timing): string => `${median.toFixed(2)} (${first.toFixed(1)})`;
  const rows = profiles[0].map(([name], i) => [name, ...profiles.map((stages) => cell(stages[i][1]))]);
  rows.push(['POST /evaluate over HTTP (median)', ...totals.map((total) => total.toFixed(2))]);
  console.log('\n## Profile of one evaluation: each stage alone, in process, median ms (first call); K-S p-values cached after the first call');
  printTable(['stage', ...sizes.map((size) => `${size.toLocaleString('en')} rows`)], rows);
}

/**
 * Micro-benchmark of the monitoring library (not a test): `npx tsx bench/monitoring.ts`.
 * Compares current batches of 200, 1,000 and 10,000 consecutive hours of the bike-sharing data
 * (from 2011-01-29 on) with the 618-hour reference of January 2011, over the 11 features
 * (7 numerical, 4 categorical), and prints the time of `compareToReference` and of a whole
 * `buildReport` (features, target and prediction drift, regression metrics): the median wall
 * time, and the mean CPU time of this process, which other load on the machine inflates less.
 * Each batch is evaluated again and again, so the exact K-S p-values come from their cache
 * (stattests/ks.ts) after the first call: these are the times of a batch evaluated again.
 * Then the sorted copies of the largest batch's numerical columns, which every report makes:
 * Float64Array's sort beside sortedCopy (math/sort.ts).
 */
import { REPORT_SCHEMA } from '../src/api/evaluation/evaluator.js';
import { loadDataset, type HourRecord } from '../src/model/dataset.js';
import { CATEGORICAL_FEATURES, NUMERICAL_FEATURES } from '../src/model/features.js';
import { buildReport, compareToReference, type DatasetColumns, prepareReference, prepareReportReference } from '../src/monitoring/index.js';
import { sortedCopy } from '../src/monitoring/math/sort.js';
import { DATASET_ZIP, DEFAULT_TRAINING_WINDOW } from '../test/helpers/dataset.js';
import { timeCalls } from './lib.js';

const REFERENCE = DEFAULT_TRAINING_WINDOW;
const CURRENT_START = '2011-01-29 00:00';
const BATCH_SIZES = [200, 1_000, 10_000];
const RUNS = 50;

const schema = REPORT_SCHEMA;

/** Columns of the records; "prediction" is a stand-in model output (the target, perturbed). */
function toColumns(records: readonly HourRecord[]): DatasetColumns {
  const columns: Record<string, number[]> = {
    cnt: records.map((r) => r.cnt),
    prediction: records.map((r, i) => r.cnt * 0.9 + ((i * 37) % 23)),
  };
  for (const feature of [...NUMERICAL_FEATURES, ...CATEGORICAL_FEATURES]) columns[feature] = records.map((r) => r[feature]);
  return columns;
}

/** "median wall ms / mean CPU ms" over RUNS calls, after a warm-up. */
function timing(run: () => unknown): string {
  const { medianMs, cpuMs } = timeCalls(run, RUNS, 5);
  return `${medianMs.toFixed(2)} / ${cpuMs.toFixed(2)}`;
}

const dataset = await loadDataset({ zipPath: DATASET_ZIP, url: 'unused', cacheDir: 'unused' });
const referenceRecords = dataset.slice(REFERENCE.start, REFERENCE.end);
const reference = toColumns(referenceRecords);
const prepared = prepareReference(schema, reference);
const preparedReport = prepareReportReference(schema, reference);
const later = dataset.slice(CURRENT_START, '2099-12-31 23:00');

console.log(`reference: ${referenceRecords.length} rows; ${RUNS} runs each; median wall ms / mean CPU ms`);
console.log('current rows | compareToReference (11 features) | buildReport (+ target, prediction, regression)');
for (const size of BATCH_SIZES) {
  const current = toColumns(later.slice(0, size));
  const drift = timing(() => compareToReference(prepared, current));
  const report = timing(() => buildReport(preparedReport, current));
  console.log(`${String(size).padStart(12)} | ${drift.padStart(30)} ms | ${report.padStart(42)} ms`);
}

const largestSize = Math.max(...BATCH_SIZES);
const largest = toColumns(later.slice(0, largestSize));
console.log(`\nsorted copy of each numerical column of ${largestSize} rows | Float64Array sort | sortedCopy`);
for (const column of [...NUMERICAL_FEATURES, schema.target, schema.prediction]) {
  const values = Float64Array.from(largest[column] as number[]);
  console.log(`${column.padStart(12)} | ${timing(() => values.slice().sort()).padStart(16)} ms | ${timing(() => sortedCopy(values)).padStart(13)} ms`);
}

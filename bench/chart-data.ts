/**
 * What the charts' data add to an evaluation's work on its workers: the distributions of the 13
 * charted columns and the regression's chart data, against the drift and regression report
 * itself, on the same batch, one after the other in this thread.
 */
import { performance } from 'node:perf_hooks';
import { regressionChartData } from '../src/api/evaluation/chart-data.js';
import { type LabelledRecord, PREDICTION, REPORT_SCHEMA, toLabelledColumns } from '../src/api/evaluation/evaluator.js';
import { columnsToFeatureMatrix, TARGET } from '../src/model/features.js';
import { buildInputReport, buildOutputReport, inputDistributions, predictionDistribution, prepareReportReference } from '../src/monitoring/index.js';
import { testModel } from '../test/helpers/app.js';
import { median, printTable } from './lib.js';

function medianMs(work: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    work();
    if (i >= 2) times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchChartData(evaluationBody: (rows: number) => string): Promise<void> {
  const { model, reference } = await testModel();
  const prepared = prepareReportReference(REPORT_SCHEMA, { ...toLabelledColumns(reference.rows), [PREDICTION]: reference.predictions });
  const rows: string[][] = [];
  for (const size of [1_000, 10_000]) {
    const batch = toLabelledColumns((JSON.parse(evaluationBody(size)) as { data: LabelledRecord[] }).data);
    const predictions = model.forest.predict(columnsToFeatureMatrix(batch, size));
    const current = { ...batch, [PREDICTION]: predictions };
    const runs = size >= 10_000 ? 5 : 20;
    const report = medianMs(() => [buildInputReport(prepared, batch), buildOutputReport(prepared, current)], runs);
    const charts = medianMs(() => [inputDistributions(prepared, batch), predictionDistribution(prepared, current), regressionChartData(batch[TARGET], predictions, batch.hr)], runs);
    rows.push([String(size), report.toFixed(1), charts.toFixed(1), `${((charts / report) * 100).toFixed(1)} %`]);
  }
  console.log('\n## Chart data against the report it comes with (worker work, medians, predictions excluded)');
  printTable(['rows', 'report ms', 'chart data ms', 'chart data / report'], rows);
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutBetweenRows } from '../../src/api/evaluation/body-columns.js';
import { EvaluationService } from '../../src/api/evaluation/service.js';
import type { EvaluationCharts } from '../../src/api/evaluation/chart-data.js';
import { Evaluator, REPORT_SCHEMA, toLabelledColumns } from '../../src/api/evaluation/evaluator.js';
import { HttpError } from '../../src/api/http-error.js';
import { FEATURES } from '../../src/model/features.js';
import { buildReport, prepareReportReference } from '../../src/monitoring/index.js';
import { testModel } from '../helpers/app.js';
import { evaluationRecord, periodRows } from '../../src/clients/payload.js';
import { testDataset } from '../helpers/dataset.js';

describe('EvaluationService (worker threads)', () => {
  it('joins the two halves computed on two workers into the report, and the charts, a single thread computes', async () => {
    const { model, reference } = await testModel();
    const rows = periodRows(await testDataset(), 'week3_february');
    const service = new EvaluationService(model, reference);
    const evaluation = await service.evaluate(toLabelledColumns(rows), 'week3_february');
    await service.close();
    assert.equal(evaluation.evaluatedItems, 165);
    assert.equal(evaluation.periodName, 'week3_february');
    const evaluator = new Evaluator(model, reference);
    const batch = toLabelledColumns(rows);
    const [inputs, outputs] = [evaluator.describeInputs(batch), evaluator.describeOutputs(batch)];
    assert.deepEqual(evaluation.report, { ...inputs.report, ...outputs.report });
    // The charts' JSON, joined from the two workers' JSON, is the JSON of the charts' data.
    const charts: EvaluationCharts = { distributions: { ...inputs.distributions, prediction: outputs.predictionDistribution }, regression: outputs.regression };
    assert.equal(evaluation.chartsJson, JSON.stringify(charts));
    assert.deepEqual(Object.keys(charts.distributions), [...FEATURES, 'cnt', 'prediction']);
    const prepared = prepareReportReference(REPORT_SCHEMA, { ...toLabelledColumns(reference.rows), prediction: reference.predictions });
    assert.deepEqual(evaluation.report, buildReport(prepared, { ...batch, prediction: model.predictMany(rows) }));
  });

  it('reads a body cut in two on both workers, or whole when the cut is not between rows, to the evaluation of its columns', async () => {
    const { model, reference } = await testModel();
    const rows = periodRows(await testDataset(), 'week3_february');
    const service = new EvaluationService(model, reference);
    // In the two-row body, the only '}, {' after the middle is in the name: the cut falls there.
    for (const [batch, name] of [[rows, 'week3_february'], [rows.slice(0, 2), `${'x'.repeat(150)}}, {"temp": 1}`]] as const) {
      const expected = await service.evaluate(toLabelledColumns(batch), name);
      const body = JSON.stringify({ data: batch.map(evaluationRecord), evaluation_period_name: name }, null, 1);
      const bytes = new TextEncoder().encode(body);
      assert.equal(cutBetweenRows(bytes)! > body.indexOf('evaluation_period_name'), batch.length === 2);
      const evaluation = await service.evaluateBody(bytes, 10_000);
      assert.equal(evaluation.periodName, name);
      assert.equal(evaluation.evaluatedItems, batch.length);
      assert.deepEqual(evaluation.report, expected.report);
      assert.equal(evaluation.chartsJson, expected.chartsJson);
    }
    await service.close();
  });

  it('refuses more than maxPending evaluations at once with 503, then accepts again', async () => {
    const { model, reference } = await testModel();
    const rows = periodRows(await testDataset(), 'week1_february');
    const service = new EvaluationService(model, reference, 1);
    const first = service.evaluate(toLabelledColumns(rows), 'first');
    await assert.rejects(service.evaluate(toLabelledColumns(rows), 'second'), (error: Error) => error instanceof HttpError && error.statusCode === 503);
    assert.equal((await first).evaluatedItems, 235);
    assert.equal((await service.evaluate(toLabelledColumns(rows), 'third')).periodName, 'third');
    await service.close();
  });

  it('fails each evaluation with the reason when the workers cannot prepare the reference', async () => {
    const { model } = await testModel();
    const rows = periodRows(await testDataset(), 'week1_february');
    // A reference without rows cannot be prepared.
    const service = new EvaluationService(model, { rows: [], predictions: new Float64Array(0) });
    for (let attempt = 0; attempt < 2; attempt++) {
      await assert.rejects(service.evaluate(toLabelledColumns(rows), 'x'), /evaluation failed: the evaluation worker could not prepare the reference: .+/);
    }
    await service.close();
  });
});

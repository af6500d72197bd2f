/** The brief's three February weeks evaluated by the test model: what the store tests store. */
import { type Evaluation, type NewEvaluation, toLabelledColumns } from '../../src/api/evaluation/evaluator.js';
import { EvaluationService } from '../../src/api/evaluation/service.js';
import { periodRows } from '../../src/clients/payload.js';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { testModel } from './app.js';
import { testDataset } from './dataset.js';

export async function weekEvaluations(): Promise<{ modelVersion: string; evaluations: NewEvaluation[] }> {
  const { model, reference } = await testModel();
  const service = new EvaluationService(model, reference);
  const dataset = await testDataset();
  const evaluations = [];
  for (const week of PERIOD_NAMES) evaluations.push(await service.evaluate(toLabelledColumns(periodRows(dataset, week)), week));
  await service.close();
  return { modelVersion: model.version, evaluations };
}

/** What a store gives back of `evaluation`: the JSON of its facts, and its charts' data as objects. */
export function asStored({ chartsJson, ...facts }: NewEvaluation): Evaluation {
  return { ...(JSON.parse(JSON.stringify(facts)) as Omit<Evaluation, 'charts'>), charts: JSON.parse(chartsJson) as Evaluation['charts'] };
}

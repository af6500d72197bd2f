import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EvaluationService } from '../../src/api/evaluation/service.js';
import { toLabelledColumns } from '../../src/api/evaluation/evaluator.js';
import { LastEvaluationStore } from '../../src/api/evaluation/last-evaluation.js';
import { periodRows } from '../../src/clients/payload.js';
import { testModel } from '../helpers/app.js';
import { testDataset } from '../helpers/dataset.js';
import { temporaryDirectory } from '../helpers/temporary.js';

describe('LastEvaluationStore', () => {
  it('keeps the last evaluation for the model that made it, and nothing else', async () => {
    const { model, reference } = await testModel();
    const service = new EvaluationService(model, reference);
    const dataset = await testDataset();
    const [week1, week2] = [
      await service.evaluate(toLabelledColumns(periodRows(dataset, 'week1_february')), 'week1_february'),
      await service.evaluate(toLabelledColumns(periodRows(dataset, 'week2_february')), 'week2_february'),
    ];
    await service.close();
    const path = join(temporaryDirectory('bike-last-evaluation-'), 'deep', 'last-evaluation.json');
    const store = new LastEvaluationStore(path, model.version);
    assert.deepEqual(await store.load(), { skipped: 'no evaluation stored yet' });

    // Saves land in call order: the last one wins, even when they overlap.
    await Promise.all([store.save(week1), store.save(week2)]);
    assert.deepEqual(await store.load(), { evaluation: JSON.parse(JSON.stringify(week2)) as unknown });

    assert.deepEqual(await new LastEvaluationStore(path, 'rf-000000000000').load(), { skipped: `stored for model ${model.version}` });
    await writeFile(path, '{"modelVersion": "x"');
    assert.match((await store.load() as { skipped: string }).skipped, /is unreadable/);
    await writeFile(path, JSON.stringify({ modelVersion: model.version, evaluation: { evaluatedAt: 1 } }));
    assert.match((await store.load() as { skipped: string }).skipped, /is incomplete/);
  });
});

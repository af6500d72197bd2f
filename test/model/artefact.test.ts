import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadModel, ModelArtefactError, saveModel } from '../../src/model/artefact.js';
import type { BikeDataset } from '../../src/model/dataset.js';
import type { BikeDemandModel } from '../../src/model/model.js';
import { provisionModel } from '../../src/model/provision.js';
import { DEFAULT_FOREST_PARAMS } from '../../src/model/random-forest.js';
import { trainAndPredictReferenceModel } from '../../src/model/training.js';
import { DEFAULT_TRAINING_WINDOW, testDataset } from '../helpers/dataset.js';
import { temporaryDirectory } from '../helpers/temporary.js';

const SMALL = { ...DEFAULT_FOREST_PARAMS, nEstimators: 10 };

describe('model artefact', () => {
  let dataset: BikeDataset;
  let model: BikeDemandModel;
  let dir: string;

  before(async () => {
    dataset = await testDataset();
    model = trainAndPredictReferenceModel(dataset, DEFAULT_TRAINING_WINDOW, SMALL).model;
    dir = temporaryDirectory('bike-artefact-');
  });

  it('describes the model: version, window, rows, features, parameters and training metrics', () => {
    const { metadata } = model;
    assert.match(metadata.modelVersion, /^rf-[0-9a-f]{12}$/);
    assert.deepEqual(metadata.trainingWindow, DEFAULT_TRAINING_WINDOW);
    assert.equal(metadata.trainingRows, 618);
    assert.deepEqual(metadata.features, ['temp', 'atemp', 'hum', 'windspeed', 'mnth', 'hr', 'weekday', 'season', 'holiday', 'workingday', 'weathersit']);
    assert.equal(metadata.hyperParameters.nEstimators, 10);
    assert.equal(metadata.hyperParameters.maxFeatures, 11);
    const metrics = metadata.trainingMetrics;
    assert.ok(metrics.rmse > 0 && metrics.rmse < metrics.oobRmse, 'in-sample error is below the out-of-bag error');
    assert.ok(metrics.oobR2 > 0.5 && metrics.oobR2 < metrics.r2);
    assert.ok(!Number.isNaN(Date.parse(metadata.createdAt)));
  });

  it('round-trips bit for bit: same nodes, same metadata, same predictions', async () => {
    const path = join(dir, 'round-trip.json');
    await saveModel(path, model);
    const loaded = await loadModel(path);
    assert.ok(loaded);
    assert.deepEqual(loaded.metadata, model.metadata);
    assert.deepEqual(loaded.forest.nodes, model.forest.nodes);
    assert.deepEqual(loaded.predictMany(dataset.records), model.predictMany(dataset.records));
  });

  it('is undefined when missing, and an error naming the file when corrupt', async () => {
    assert.equal(await loadModel(join(dir, 'absent.json')), undefined);
    const path = join(dir, 'corrupt.json');
    await saveModel(path, model);
    const valid = await readFile(path, 'utf8');
    const file = JSON.parse(valid) as { nodes: Record<string, string>; metadata: Record<string, unknown> };
    const corruptions: [string, string, RegExp][] = [
      ['truncated file', valid.slice(0, valid.length / 2), /JSON/],
      ['not JSON', 'model', /JSON/],
      ['no nodes', JSON.stringify({ metadata: file.metadata }), /missing "metadata" or "nodes"/],
      ['truncated array', JSON.stringify({ ...file, nodes: { ...file.nodes, threshold: file.nodes.threshold.slice(0, 8) } }), /threshold has a truncated length/],
      ['short array', JSON.stringify({ ...file, nodes: { ...file.nodes, threshold: Buffer.from(new Float64Array(1).buffer).toString('base64') } }), /inconsistent lengths/],
      ['cyclic tree', JSON.stringify({ ...file, nodes: { ...file.nodes, right: Buffer.from(new Int32Array(Buffer.from(file.nodes.right, 'base64').length / 4).fill(0).buffer).toString('base64') } }), /invalid feature or child/],
      ['no training window', JSON.stringify({ ...file, metadata: { ...file.metadata, trainingWindow: { start: 1 } } }), /training window/],
    ];
    for (const [name, content, reason] of corruptions) {
      await writeFile(path, content);
      await assert.rejects(loadModel(path), (error: Error) => {
        assert.ok(error instanceof ModelArtefactError, name);
        assert.ok(error.message.includes(path), `${name}: ${error.message}`);
        assert.match(error.message, reason, name);
        return true;
      });
    }
  });

  describe('provisionModel', () => {
    it('trains and saves when the artefact is missing, then loads it', async () => {
      const settings = { modelPath: join(dir, 'provisioned.json'), trainingWindow: DEFAULT_TRAINING_WINDOW, forest: SMALL };
      const first = await provisionModel(settings, dataset);
      assert.equal(first.trainedBecause, 'no artefact');
      assert.equal(first.reference.rows.length, 618);
      const second = await provisionModel(settings, dataset);
      assert.equal(second.trainedBecause, undefined);
      assert.equal(second.model.version, first.model.version);
      assert.deepEqual(second.reference.predictions, first.reference.predictions);
    });

    it('retrains when the artefact has another feature schema or training configuration', async () => {
      const modelPath = join(dir, 'stale.json');
      await saveModel(modelPath, model);
      const file = JSON.parse(await readFile(modelPath, 'utf8')) as { metadata: { features: string[] } };
      file.metadata.features = [...file.metadata.features].reverse();
      await writeFile(modelPath, JSON.stringify(file));
      const retrained = await provisionModel({ modelPath, trainingWindow: DEFAULT_TRAINING_WINDOW, forest: SMALL }, dataset);
      assert.match(retrained.trainedBecause ?? '', /feature schema/);
      const moreTrees = await provisionModel({ modelPath, trainingWindow: DEFAULT_TRAINING_WINDOW, forest: { ...SMALL, nEstimators: 12 } }, dataset);
      assert.match(moreTrees.trainedBecause ?? '', /10 trees/);
      assert.equal(moreTrees.model.forest.treeCount, 12);
      const otherWindow = { start: '2011-01-01 00:00', end: '2011-01-21 23:00' };
      const shorter = await provisionModel({ modelPath, trainingWindow: otherWindow, forest: { ...SMALL, nEstimators: 12 } }, dataset);
      assert.match(shorter.trainedBecause ?? '', /trained on 2011-01-01 00:00 \.\. 2011-01-28 23:00/);
      assert.equal(shorter.model.metadata.trainingRows, shorter.reference.rows.length);
    });
  });
});

/**
 * Training once on the reference window and predicting it: the brief's
 * `_train_and_predict_reference_model`. The reference rows and their predictions are what
 * POST /evaluate compares each current batch against.
 */
import { performance } from 'node:perf_hooks';
import { regressionMetrics } from '../monitoring/index.js';
import { modelVersion } from './artefact.js';
import { ARTEFACT_FORMAT, ARTEFACT_FORMAT_VERSION, type TrainingWindow } from './metadata.js';
import type { BikeDataset, HourRecord } from './dataset.js';
import { FEATURE_COUNT, FEATURES, TARGET, toFeatureMatrix } from './features.js';
import { BikeDemandModel } from './model.js';
import { type ForestParams, trainRandomForest } from './random-forest.js';

export interface ReferenceData {
  readonly rows: readonly HourRecord[];
  /** The model's prediction for each reference row. */
  readonly predictions: Float64Array;
}

/** The rows of the training window; an error if it holds too few to train on. */
export function trainingRows(dataset: BikeDataset, window: TrainingWindow): HourRecord[] {
  const rows = dataset.slice(window.start, window.end);
  if (rows.length < 2) throw new RangeError(`The training window ${window.start} .. ${window.end} holds ${rows.length} rows; at least 2 are needed`);
  return rows;
}

/** The model's predictions for the rows of its own training window. */
export function predictReference(model: BikeDemandModel, dataset: BikeDataset): ReferenceData {
  const rows = trainingRows(dataset, model.metadata.trainingWindow);
  return { rows, predictions: model.predictMany(rows) };
}

/**
 * The brief's `_train_and_predict_reference_model`: trains the forest on the window's rows,
 * describes it (version, metrics, parameters), and returns it with the reference predictions.
 */
export function trainAndPredictReferenceModel(
  dataset: BikeDataset,
  window: TrainingWindow,
  params: ForestParams,
): { model: BikeDemandModel; reference: ReferenceData } {
  const rows = trainingRows(dataset, window);
  const matrix = toFeatureMatrix(rows);
  const targets = rows.map((row) => row[TARGET]);
  const started = performance.now();
  const { forest, oobPredictions } = trainRandomForest(matrix, targets, FEATURE_COUNT, params);
  const trainingSeconds = (performance.now() - started) / 1000;
  const predictions = forest.predict(matrix);
  const inSample = regressionMetrics(targets, predictions);
  // Rows drawn by every tree have no out-of-bag prediction (NaN) and are left out, as Evidently drops NaN rows.
  const outOfBag = regressionMetrics(targets, oobPredictions);
  const hyperParameters = { ...params, maxFeatures: params.maxFeatures ?? FEATURE_COUNT };
  const inputs = { trainingWindow: window, trainingRows: rows.length, hyperParameters };
  const metadata = {
    format: ARTEFACT_FORMAT,
    formatVersion: ARTEFACT_FORMAT_VERSION,
    modelVersion: modelVersion(forest.nodes, inputs),
    createdAt: new Date().toISOString(),
    ...inputs,
    features: FEATURES,
    target: TARGET,
    trainingMetrics: {
      rmse: inSample.rmse,
      mae: inSample.mae.mean,
      r2: inSample.r2,
      oobRmse: outOfBag.rmse,
      oobR2: outOfBag.r2,
      trainingSeconds,
    },
    treeCount: forest.treeCount,
    nodeCount: forest.nodes.feature.length,
  };
  return { model: new BikeDemandModel(metadata, forest), reference: { rows, predictions } };
}

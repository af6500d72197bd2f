/**
 * The model the service starts with: the saved artefact when it fits the configuration,
 * otherwise a model trained now and saved for the next start.
 */
import { loadModel, matchesFeatureSchema, saveModel } from './artefact.js';
import type { TrainingWindow } from './metadata.js';
import type { BikeDataset } from './dataset.js';
import type { BikeDemandModel } from './model.js';
import type { ForestParams } from './random-forest.js';
import { predictReference, type ReferenceData, trainAndPredictReferenceModel } from './training.js';

export interface ModelSettings {
  readonly modelPath: string;
  readonly trainingWindow: TrainingWindow;
  readonly forest: ForestParams;
}

export interface ProvisionedModel {
  readonly model: BikeDemandModel;
  readonly reference: ReferenceData;
  /** Why the model was trained now, or undefined when it was loaded from the artefact. */
  readonly trainedBecause: string | undefined;
}

export async function provisionModel(settings: ModelSettings, dataset: BikeDataset): Promise<ProvisionedModel> {
  const saved = await loadModel(settings.modelPath);
  const reason = saved === undefined ? 'no artefact' : mismatch(saved, settings);
  if (saved !== undefined && reason === undefined) return { model: saved, reference: predictReference(saved, dataset), trainedBecause: undefined };
  const trained = trainAndPredictReferenceModel(dataset, settings.trainingWindow, settings.forest);
  await saveModel(settings.modelPath, trained.model);
  return { ...trained, trainedBecause: reason };
}

/** Why a saved model does not serve this configuration, or undefined when it does. */
function mismatch(model: BikeDemandModel, settings: ModelSettings): string | undefined {
  const { metadata } = model;
  if (!matchesFeatureSchema(metadata)) return 'the artefact was trained on another feature schema';
  const window = metadata.trainingWindow;
  if (window.start !== settings.trainingWindow.start || window.end !== settings.trainingWindow.end) {
    return `the artefact was trained on ${window.start} .. ${window.end}`;
  }
  const saved = metadata.hyperParameters;
  const wanted = settings.forest;
  if (saved.nEstimators !== wanted.nEstimators || saved.seed !== wanted.seed) {
    return `the artefact has ${saved.nEstimators} trees and seed ${saved.seed}`;
  }
  return undefined;
}

/** The real dataset for tests, from the archive that src/test-dataset.ts finds. */
import { resolve } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { type BikeDataset, loadDataset } from '../../src/model/dataset.js';
import { datasetZip, missingDatasetProblem } from '../../src/test-dataset.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DATASET_ZIP = datasetZip();

const problem = missingDatasetProblem();
if (problem !== undefined) throw new Error(problem);

let cached: Promise<BikeDataset> | undefined;

/** The dataset, loaded once per test process. */
export function testDataset(): Promise<BikeDataset> {
  cached ??= loadDataset({ zipPath: DATASET_ZIP, url: 'http://127.0.0.1:9/unused', cacheDir: resolve(ROOT, '.cache/test-data') });
  return cached;
}

/** The service's default training window (TRAIN_START, TRAIN_END unset). */
export const DEFAULT_TRAINING_WINDOW = loadConfig({}).trainingWindow;

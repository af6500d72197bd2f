/** The real dataset for tests: BIKE_SHARING_ZIP, else the shared copy beside the repository. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { type BikeDataset, loadDataset } from '../../src/model/dataset.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DATASET_ZIP = resolve(process.env.BIKE_SHARING_ZIP ?? resolve(ROOT, '../shared/data/bike-sharing-dataset.zip'));

if (!existsSync(DATASET_ZIP)) {
  throw new Error(`The bike-sharing archive is missing at ${DATASET_ZIP}: set BIKE_SHARING_ZIP to a copy of the UCI archive`);
}

let cached: Promise<BikeDataset> | undefined;

/** The dataset, loaded once per test process. */
export function testDataset(): Promise<BikeDataset> {
  cached ??= loadDataset({ zipPath: DATASET_ZIP, url: 'http://127.0.0.1:9/unused', cacheDir: resolve(ROOT, '.cache/test-data') });
  return cached;
}

/** The service's default training window (TRAIN_START, TRAIN_END unset). */
export const DEFAULT_TRAINING_WINDOW = loadConfig({}).trainingWindow;

/** The real dataset for tests: BIKE_SHARING_ZIP, else the shared copy beside the repository. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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

/** The brief's evaluation weeks (run_evaluation.py), inclusive. */
export const BRIEF_WEEKS = {
  week1_february: ['2011-01-29 00:00', '2011-02-07 23:00'],
  week2_february: ['2011-02-08 00:00', '2011-02-14 23:00'],
  week3_february: ['2011-02-15 00:00', '2011-02-21 23:00'],
} as const;

export const DEFAULT_TRAINING_WINDOW = { start: '2011-01-01 00:00', end: '2011-01-28 23:00' } as const;

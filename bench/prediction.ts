/**
 * Micro-benchmark of batch prediction (not a test): `npm run bench:prediction`. Trains the
 * default forest on the reference window, then times `RandomForest.predict` (the WebAssembly
 * kernel's batch walk) on 1,000 and 10,000 consecutive hours (from 2011-01-29 on), packed as
 * /evaluate's worker packs them, then `predictRow` (/predict's path: the kernel's one-row walk) on
 * each of the same rows: the median wall time, and the mean CPU time of this process, which other
 * load inflates less.
 */
import { loadDataset } from '../src/model/dataset.js';
import { FEATURES, type FeatureName, columnsToFeatureMatrix } from '../src/model/features.js';
import { DEFAULT_FOREST_PARAMS } from '../src/model/random-forest.js';
import { trainAndPredictReferenceModel } from '../src/model/training.js';
import { DATASET_ZIP, DEFAULT_TRAINING_WINDOW } from '../test/helpers/dataset.js';
import { timeCalls } from './lib.js';

const CURRENT_START = '2011-01-29 00:00';
const BATCH_SIZES = [1_000, 10_000];
const RUNS = 40;

const dataset = await loadDataset({ zipPath: DATASET_ZIP, url: 'unused', cacheDir: 'unused' });
const { forest } = trainAndPredictReferenceModel(dataset, DEFAULT_TRAINING_WINDOW, DEFAULT_FOREST_PARAMS).model;
const later = dataset.slice(CURRENT_START, '2099-12-31 23:00');

console.log(`${forest.treeCount} trees, ${forest.nodes.feature.length} nodes; ${RUNS} runs each; median wall ms / mean CPU ms`);
for (const size of BATCH_SIZES) {
  const rows = later.slice(0, size);
  const columns = {} as Record<FeatureName, number[]>;
  for (const feature of FEATURES) columns[feature] = rows.map((row) => row[feature]);
  const matrix = columnsToFeatureMatrix(columns, size);
  const kernel = timeCalls(() => forest.predict(matrix), RUNS, 5);
  const rowWalk = timeCalls(() => {
    for (let offset = 0; offset < matrix.length; offset += forest.featureCount) forest.predictRow(matrix, offset);
  }, RUNS, 5);
  const figures = (time: typeof kernel): string => `${time.medianMs.toFixed(2)} / ${time.cpuMs.toFixed(2)}`;
  console.log(`${String(size).padStart(6)} rows: predict ${figures(kernel)}; predictRow row by row ${figures(rowWalk)}`);
}

/**
 * `npm run bench:history`: only the evaluation history's part of `npm run bench` (chart-data.ts,
 * history.ts).
 */
import { loadDataset } from '../src/model/dataset.js';
import { DATASET_ZIP } from '../test/helpers/dataset.js';
import { benchChartData } from './chart-data.js';
import { benchHistory } from './history.js';
import { evaluationBody } from './lib.js';

const dataset = await loadDataset({ zipPath: DATASET_ZIP, url: 'unused', cacheDir: 'unused' });
await benchChartData((rows) => evaluationBody(dataset, rows));
await benchHistory((rows) => evaluationBody(dataset, rows));

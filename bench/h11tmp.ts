import { loadDataset } from '../src/model/dataset.js';
import { evaluationRecord } from '../src/clients/payload.js';
import { DATASET_ZIP, DEFAULT_TRAINING_WINDOW } from '../test/helpers/dataset.js';
import { benchHistory } from './history.js';
const dataset = await loadDataset({ zipPath: DATASET_ZIP, url: 'unused', cacheDir: 'unused' });
const first = dataset.slice(dataset.records[0].time, DEFAULT_TRAINING_WINDOW.end).length;
await benchHistory((rows) => JSON.stringify({ data: dataset.records.slice(first, first + rows).map(evaluationRecord), evaluation_period_name: `bench_${rows}` }), 20);

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_FOREST_PARAMS } from '../../src/model/random-forest.js';
import { trainAndPredictReferenceModel } from '../../src/model/training.js';
import { periodRows } from '../../src/clients/payload.js';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { DEFAULT_TRAINING_WINDOW, testDataset } from '../helpers/dataset.js';

/**
 * 5 % above scikit-learn's RandomForestRegressor(n_estimators=100) on the same data, averaged
 * over 10 seeds: 20.1, 20.8 and 37.2 rentals (1.2 in the issue; 1.9.1 in scripts/oracle gives
 * the same to 0.1).
 */
const MAX_MEAN_RMSE = { week1_february: 21.1, week2_february: 21.8, week3_february: 39.1 };
const SEEDS = [0, 1, 2, 3, 4];

describe('model quality on the brief weeks', () => {
  it('has a 5-seed mean RMSE at most 5 % above scikit-learn on each week', async () => {
    const dataset = await testDataset();
    const sums = { week1_february: 0, week2_february: 0, week3_february: 0 };
    for (const seed of SEEDS) {
      const { model } = trainAndPredictReferenceModel(dataset, DEFAULT_TRAINING_WINDOW, { ...DEFAULT_FOREST_PARAMS, seed });
      for (const week of PERIOD_NAMES) {
        const rows = periodRows(dataset, week);
        const predictions = model.predictMany(rows);
        const squaredError = rows.reduce((sum, row, i) => sum + (predictions[i] - row.cnt) ** 2, 0);
        sums[week] += Math.sqrt(squaredError / rows.length);
      }
    }
    for (const week of Object.keys(MAX_MEAN_RMSE) as (keyof typeof MAX_MEAN_RMSE)[]) {
      const mean = sums[week] / SEEDS.length;
      console.log(`${week}: mean RMSE ${mean.toFixed(2)} (limit ${MAX_MEAN_RMSE[week]})`);
      assert.ok(mean <= MAX_MEAN_RMSE[week], `${week}: ${mean.toFixed(2)} > ${MAX_MEAN_RMSE[week]}`);
    }
  });
});

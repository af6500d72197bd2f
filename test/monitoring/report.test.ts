/** The evaluation report: what it contains, and that it is plain JSON without NaN. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport, compareToReference, type DatasetColumns, prepareReference, prepareReportReference, regressionMetrics } from '../../src/monitoring/index.js';
import { generate } from './helpers.js';

const schema = { numerical: ['temp', 'hr'], categorical: ['season'], target: 'cnt', prediction: 'prediction' };
const reference: DatasetColumns = {
  temp: generate(300, (i) => ((i * 7) % 50) / 50),
  hr: generate(300, (i) => i % 24),
  season: generate(300, (i) => 1 + (i % 2)),
  cnt: generate(300, (i) => 20 + ((i * 31) % 200)),
  prediction: generate(300, (i) => 25 + ((i * 29) % 190)),
};
const current: DatasetColumns = {
  temp: generate(120, (i) => ((i * 11) % 50) / 40),
  hr: generate(120, (i) => (i * 5) % 24),
  season: generate(120, () => 2),
  cnt: generate(120, (i) => 30 + ((i * 37) % 250)),
  prediction: generate(120, (i) => 28 + ((i * 23) % 240)),
};

describe('buildReport', () => {
  const report = buildReport(prepareReportReference(schema, reference), current);

  it('tests the features only for the dataset share', () => {
    const features = compareToReference(prepareReference(schema, reference), current);
    assert.deepEqual(report.featureDrift, features);
    assert.deepEqual(report.featureDrift.columns.map((c) => c.column), ['temp', 'hr', 'season']);
  });

  it('reports target and prediction drift beside the features', () => {
    assert.equal(report.targetDrift.column, 'cnt');
    assert.equal(report.predictionDrift.column, 'prediction');
    assert.equal(report.targetDrift.method, 'ks');
  });

  it('computes regression quality on the current batch', () => {
    const m = regressionMetrics(current.cnt as number[], current.prediction as number[]);
    assert.deepEqual([report.regression.rows, report.regression.rmse, report.regression.r2], [m.rows, m.rmse, m.r2]);
    assert.deepEqual(report.regression.mape, m.mape);
  });

  it('is plain data that survives a JSON round trip', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  });

  it('writes null where a number is undefined (NaN), since JSON has no NaN', () => {
    const single: DatasetColumns = { temp: [0.5], hr: [3], season: [1], cnt: [40], prediction: [38] };
    const tiny = buildReport(prepareReportReference(schema, reference), single);
    assert.equal(tiny.regression.r2, null);
    assert.equal(tiny.regression.mae.std, null);
    assert.equal(tiny.regression.mae.mean, 2);
    assert.deepEqual(JSON.parse(JSON.stringify(tiny)), tiny);
  });

  it('refuses a target or prediction listed among the features', () => {
    assert.throws(() => prepareReportReference({ ...schema, numerical: ['temp', 'cnt'] }, reference), /'cnt'/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVALUATION_SAMPLE_SIZE, evaluationBody } from '../../src/clients/payload.js';
import { sampleWithoutReplacement } from '../../src/clients/sample.js';
import { testDataset } from '../helpers/dataset.js';

describe("the brief client's sampling rule", () => {
  const items = Array.from({ length: 2_500 }, (_, i) => i);

  it('keeps exactly `size` distinct items of the input above `size`', () => {
    const sample = sampleWithoutReplacement(items, 1_000, 42);
    assert.equal(sample.length, 1_000);
    assert.equal(new Set(sample).size, 1_000);
    assert.ok(sample.every((item) => Number.isInteger(item) && item >= 0 && item < items.length));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(sampleWithoutReplacement(items, 1_000, 42), sampleWithoutReplacement(items, 1_000, 42));
    assert.notDeepEqual(sampleWithoutReplacement(items, 1_000, 42), sampleWithoutReplacement(items, 1_000, 43));
  });

  it('draws every item with the same chance', () => {
    // 400 draws of 10 out of 20: each item is expected 200 times (sd ~ 10).
    const counts = new Array<number>(20).fill(0);
    for (let seed = 0; seed < 400; seed++) for (const item of sampleWithoutReplacement(items.slice(0, 20), 10, seed)) counts[item]++;
    assert.ok(counts.every((count) => count > 150 && count < 250), counts.join(' '));
  });

  it('keeps every item, in order, at or below `size`', () => {
    assert.deepEqual(sampleWithoutReplacement(items.slice(0, 1_000), 1_000, 42), items.slice(0, 1_000));
    assert.deepEqual(sampleWithoutReplacement([], 1_000, 42), []);
  });

  it('samples a period longer than 1,000 hours down to 1,000 distinct hours', async () => {
    const rows = (await testDataset()).slice('2011-01-01 00:00', '2011-03-31 23:00');
    assert.ok(rows.length > EVALUATION_SAMPLE_SIZE);
    const { data } = evaluationBody(rows, 'first_quarter');
    assert.equal(data.length, EVALUATION_SAMPLE_SIZE);
    assert.equal(new Set(data.map((record) => `${record.dteday} ${record.hr}`)).size, EVALUATION_SAMPLE_SIZE);
    assert.deepEqual(evaluationBody(rows, 'first_quarter'), { data, evaluation_period_name: 'first_quarter' });
  });
});

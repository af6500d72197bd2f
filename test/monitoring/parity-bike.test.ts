/**
 * Parity with Evidently 0.7.21 on the bike-sharing data: every case of drift-bike.json (a
 * DataDriftPreset over the 11 features between two inclusive hour ranges of hour.csv, plus the
 * drift of the target cnt) must give the same method, threshold and verdict per column, scores
 * within 1e-9 relative (1e-12 absolute), and the same drifted count, share and dataset verdict.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { FEATURES, type FeatureName } from '../../src/model/features.js';
import type { BikeDataset, HourRecord } from '../../src/model/dataset.js';
import { columnDrift, compareToReference, type ColumnType, type DatasetColumns, type DriftMethod, prepareReference } from '../../src/monitoring/index.js';
import { testDataset } from '../helpers/dataset.js';
import { assertClose, type FixtureNumber, fixtureNumber, readFixture } from './helpers.js';

interface ExpectedColumn {
  readonly column: string;
  readonly column_type: ColumnType;
  readonly method: DriftMethod;
  readonly score: FixtureNumber;
  readonly threshold: number;
  readonly drifted: boolean;
}

interface HourRange {
  readonly start: string;
  readonly end: string;
}

interface DriftBikeCase {
  readonly id: string;
  readonly reference: HourRange;
  readonly current: HourRange;
  readonly n_reference: number;
  readonly n_current: number;
  readonly expected: { columns: readonly ExpectedColumn[]; drifted_count: number; share: number; dataset_drift: boolean };
  readonly target: ExpectedColumn;
}

interface DriftBikeFixture {
  readonly numerical_columns: readonly string[];
  readonly categorical_columns: readonly string[];
  readonly drift_share: number;
  readonly cases: readonly DriftBikeCase[];
}

const fixture = readFixture('drift-bike.json') as DriftBikeFixture;
const schema = { numerical: fixture.numerical_columns, categorical: fixture.categorical_columns };

let dataset: BikeDataset;
before(async () => {
  dataset = await testDataset();
});

function isFeature(column: string): column is FeatureName {
  return (FEATURES as readonly string[]).includes(column);
}

function toColumns(records: readonly HourRecord[]): DatasetColumns {
  const columns: Record<string, number[]> = { cnt: records.map((r) => r.cnt) };
  for (const column of [...schema.numerical, ...schema.categorical]) {
    assert.ok(isFeature(column), `${column} is a feature of the dataset`);
    columns[column] = records.map((r) => r[column]);
  }
  return columns;
}

function checkColumn(actual: ReturnType<typeof columnDrift>, expected: ExpectedColumn, where: string): number {
  assert.equal(actual.columnType, expected.column_type, `${where}: column type`);
  assert.equal(actual.method, expected.method, `${where}: method`);
  assert.equal(actual.threshold, expected.threshold, `${where}: threshold`);
  assert.equal(actual.drifted, expected.drifted, `${where}: drifted`);
  return assertClose(actual.score, fixtureNumber(expected.score), `${where}: score`);
}

it('matches Evidently on every case of drift-bike.json', (t) => {
  assert.ok(fixture.cases.length > 0, 'the fixture has cases');
  let worst = 0;
  let columnsChecked = 0;
  for (const c of fixture.cases) {
    const reference = toColumns(dataset.slice(c.reference.start, c.reference.end));
    const current = toColumns(dataset.slice(c.current.start, c.current.end));
    assert.equal(reference.cnt!.length, c.n_reference, `${c.id}: reference rows`);
    assert.equal(current.cnt!.length, c.n_current, `${c.id}: current rows`);

    const drift = compareToReference(prepareReference(schema, reference), current, { driftShare: fixture.drift_share });
    assert.equal(drift.columns.length, c.expected.columns.length, `${c.id}: columns tested`);
    for (const expected of c.expected.columns) {
      const actual = drift.columns.find((d) => d.column === expected.column);
      assert.ok(actual, `${c.id}: column ${expected.column} is tested`);
      worst = Math.max(worst, checkColumn(actual, expected, `${c.id}/${expected.column}`));
      columnsChecked++;
    }
    assert.equal(drift.driftedCount, c.expected.drifted_count, `${c.id}: drifted count`);
    assertClose(drift.share, c.expected.share, `${c.id}: share`);
    assert.equal(drift.datasetDrift, c.expected.dataset_drift, `${c.id}: dataset drift`);

    const target = columnDrift('cnt', c.target.column_type, reference.cnt!, current.cnt!);
    worst = Math.max(worst, checkColumn(target, c.target, `${c.id}/cnt`));
    columnsChecked++;
  }
  const summary = `drift-bike.json: ${fixture.cases.length} cases, ${columnsChecked} column verdicts checked, max relative score error ${worst}`;
  t.diagnostic(summary);
});

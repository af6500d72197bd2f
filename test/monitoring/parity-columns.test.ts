/**
 * Parity with Evidently 0.7.21 column by column: every case of drift-columns.json (generated
 * by scripts/oracle/generate_fixtures.py) must choose the same method and threshold, give the
 * same verdict, and a score within 1e-9 relative (1e-12 absolute near zero).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { columnDrift, type ColumnType, type DriftMethod } from '../../src/monitoring/index.js';
import { assertClose, type FixtureNumber, fixtureNumber, fixtureValue, readFixture } from './helpers.js';

interface DriftColumnCase {
  readonly id: string;
  readonly column_type: ColumnType;
  readonly reference: readonly (number | string | null)[];
  readonly current: readonly (number | string | null)[];
  readonly method: DriftMethod | null;
  readonly threshold: number | null;
  readonly expected: { method: DriftMethod; score: FixtureNumber; threshold: number; drifted: boolean };
}

const { cases } = readFixture('drift-columns.json') as { cases: readonly DriftColumnCase[] };

it(`matches Evidently on every case of drift-columns.json`, (t) => {
  assert.ok(cases.length > 0, 'the fixture has cases');
  let worst = 0;
  let exact = 0;
  // Every case is checked, and every failing one reported: one wrong case says less than the set.
  const failures: string[] = [];
  for (const c of cases) {
    try {
      const result = columnDrift('column', c.column_type, c.reference.map(fixtureValue), c.current.map(fixtureValue), {
        method: c.method ?? undefined,
        threshold: c.threshold ?? undefined,
      });
      assert.equal(result.method, c.expected.method, `${c.id}: method`);
      assert.equal(result.threshold, c.expected.threshold, `${c.id}: threshold`);
      assert.equal(result.drifted, c.expected.drifted, `${c.id}: drifted`);
      const error = assertClose(result.score, fixtureNumber(c.expected.score), `${c.id}: score`);
      worst = Math.max(worst, error);
      if (error === 0) exact++;
    } catch (error) {
      failures.push(error instanceof Error ? error.message.split('\n')[0] : `${c.id}: ${String(error)}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases differ from Evidently:\n${failures.join('\n')}`);
  const summary = `drift-columns.json: ${cases.length} cases checked, ${exact} bit-identical scores, max relative score error ${worst}`;
  t.diagnostic(summary);
});

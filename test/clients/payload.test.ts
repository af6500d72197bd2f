import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { evaluationBody, EVALUATION_COLUMNS, periodRows } from '../../src/clients/payload.js';
import { EVALUATION_PERIODS, PERIOD_NAMES, type PeriodName } from '../../src/clients/periods.js';
import type { BikeDataset } from '../../src/model/dataset.js';
import { parseDateTime } from '../../src/model/datetime.js';
import { testApp } from '../helpers/app.js';
import { ROOT, testDataset } from '../helpers/dataset.js';

/** What the brief's Python client sends, byte for byte (scripts/oracle/brief_client_payload.py). */
function pythonClientBody(period: PeriodName): Promise<string> {
  return readFile(join(ROOT, 'test/fixtures/brief-client', `${period}.json`), 'utf8');
}

/** Every `"key": value` of the records, in text order, as written (JSON.parse forgets 0 vs 0.0). */
function recordTokens(json: string): { key: string; token: string }[] {
  const columns = new Set<string>(EVALUATION_COLUMNS);
  return [...json.matchAll(/"(\w+)": ?(-?[\d.eE+-]+|"[^"]*")/g)].map(([, key, token]) => ({ key, token })).filter(({ key }) => columns.has(key));
}

/** The dataset's weather columns: pandas reads them as float64, so Python writes 0 as 0.0. */
const FLOAT_COLUMNS = new Set(['temp', 'atemp', 'hum', 'windspeed']);

describe('evaluation payload', () => {
  let dataset: BikeDataset;
  before(async () => {
    dataset = await testDataset();
  });

  it("slices the brief's weeks like pandas .loc, both ends included", () => {
    const expected: Record<PeriodName, number> = { week1_february: 235, week2_february: 163, week3_february: 165 };
    for (const name of PERIOD_NAMES) {
      const rows = periodRows(dataset, name);
      assert.equal(rows.length, expected[name], name);
      const { start, end } = EVALUATION_PERIODS[name];
      assert.equal(rows[0].time, parseDateTime(start));
      // The dataset has gaps (hours without rentals are missing), so the last row may be before `end`.
      assert.ok(rows[rows.length - 1].time <= parseDateTime(end)!);
    }
  });

  for (const name of PERIOD_NAMES) {
    it(`equals the brief's Python client's body for ${name}, field by field and in key order`, async () => {
      const python = await pythonClientBody(name);
      const typescript = JSON.stringify(evaluationBody(periodRows(dataset, name), name));
      const [fromPython, fromTypeScript] = [python, typescript].map((text) => JSON.parse(text) as { data: Record<string, unknown>[] });

      // deepEqual ignores key order: check it separately, for the body and every record.
      assert.deepEqual(Object.keys(fromTypeScript), Object.keys(fromPython));
      assert.deepEqual(Object.keys(fromTypeScript), ['data', 'evaluation_period_name']);
      assert.equal(fromTypeScript.data.length, fromPython.data.length);
      fromPython.data.forEach((record, i) => {
        assert.deepEqual(Object.keys(record), [...EVALUATION_COLUMNS], `Python record ${i}`);
        assert.deepEqual(Object.keys(fromTypeScript.data[i]), [...EVALUATION_COLUMNS], `TypeScript record ${i}`);
      });
      assert.deepEqual(fromTypeScript, fromPython);
    });

    it(`writes every number of ${name} as the Python client does, except whole floats (0.0, 1.0)`, async (t) => {
      const python = recordTokens(await pythonClientBody(name));
      const typescript = recordTokens(JSON.stringify(evaluationBody(periodRows(dataset, name), name)));
      assert.equal(typescript.length, python.length);
      const floatSpellings = new Map<string, number>();
      python.forEach(({ key, token }, i) => {
        assert.equal(typescript[i].key, key);
        if (typescript[i].token === token) return;
        // The only difference allowed: pandas holds the weather columns as float64 and Python
        // writes a whole float as "0.0"; JSON.stringify writes the same number as "0". JSON has
        // a single number type, and both bike-api (JSON.parse) and the brief's FastAPI (pydantic
        // float fields accept integers) read the two spellings as the same value.
        assert.ok(FLOAT_COLUMNS.has(key), `record field ${key}: Python ${token}, TypeScript ${typescript[i].token}`);
        assert.equal(token, `${typescript[i].token}.0`);
        floatSpellings.set(key, (floatSpellings.get(key) ?? 0) + 1);
      });
      t.diagnostic(`whole floats spelled x.0 by Python only: ${JSON.stringify(Object.fromEntries(floatSpellings))}`);
    });
  }

  it("is accepted by POST /evaluate as the Python client's exact bytes, with the same answer as the TypeScript body", async () => {
    const app = await testApp();
    try {
      const post = (payload: string) => app.inject({ method: 'POST', url: '/evaluate', headers: { 'content-type': 'application/json' }, payload });
      const fromPython = await post(await pythonClientBody('week1_february'));
      assert.equal(fromPython.statusCode, 200, fromPython.body);
      const answer = fromPython.json<{ evaluated_items: number; evaluation_period_name: string; rmse: number | null; drift_detected: number }>();
      assert.equal(answer.evaluated_items, 235);
      assert.equal(answer.evaluation_period_name, 'week1_february');
      assert.equal(typeof answer.rmse, 'number');
      assert.ok(answer.drift_detected === 0 || answer.drift_detected === 1);

      const fromTypeScript = await post(JSON.stringify(evaluationBody(periodRows(await testDataset(), 'week1_february'), 'week1_february')));
      assert.equal(fromTypeScript.statusCode, 200, fromTypeScript.body);
      // Each evaluation is stored under its own id; everything else must be the same answer.
      const { evaluation_id: secondId, report_url: secondUrl, ...second } = fromTypeScript.json<Record<string, unknown>>();
      const { evaluation_id: firstId, report_url: firstUrl, ...first } = answer as unknown as Record<string, unknown>;
      assert.deepEqual([firstId, secondId], [1, 2]);
      assert.deepEqual([firstUrl, secondUrl], ['http://localhost:8080/evaluations/1/report', 'http://localhost:8080/evaluations/2/report']);
      assert.deepEqual(second, first);
    } finally {
      await app.close();
    }
  });
});

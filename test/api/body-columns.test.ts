/**
 * The fast path of an /evaluate body (body-columns.ts) against the full one: on the bodies it
 * takes, the same columns (bit for bit) and name; every other body is left to the full path,
 * whose 4xx answers test/api/evaluate.test.ts and hostile.test.ts pin.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { readWellFormedBody, recordFields } from '../../src/api/evaluation/body-columns.js';
import { EvaluationRecord } from '../../src/api/schemas.js';
import { toLabelledColumns, type LabelledRecord } from '../../src/api/evaluation/evaluator.js';
import { evaluationRecord } from '../../src/clients/payload.js';
import type { BikeDataset } from '../../src/model/dataset.js';
import { testDataset } from '../helpers/dataset.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const FIELDS = recordFields(EvaluationRecord);
const ROW = { temp: 0.24, atemp: 0.2879, hum: 0.81, windspeed: 0, mnth: 1, hr: 0, weekday: 6, season: 1, holiday: 0, workingday: 0, weathersit: 1, cnt: 16, dteday: '2011-01-01' };
const twoRows = (row: string): string => `{"data":[${row},${row}]}`;

function assertSameColumns(body: string, maxRows = 10_000): void {
  const fast = readWellFormedBody(encode(body), maxRows, FIELDS);
  assert.ok(fast, 'the fast path takes the body');
  const parsed = JSON.parse(body) as { data: LabelledRecord[]; evaluation_period_name?: string };
  assert.equal(fast.periodName, parsed.evaluation_period_name ?? 'unknown_period');
  const expected = toLabelledColumns(parsed.data);
  for (const [name, column] of Object.entries(expected)) {
    const actual: Float64Array = fast.batch[name as keyof typeof expected];
    assert.equal(actual.length, column.length);
    for (let i = 0; i < column.length; i++) assert.ok(Object.is(actual[i], column[i]), `${name}[${i}]: ${actual[i]} read, ${column[i]} parsed`);
  }
}

describe('well-formed /evaluate bodies read straight into columns', () => {
  let dataset: BikeDataset;
  before(async () => {
    dataset = await testDataset();
  });

  it('reads 10,000 real rows as JSON.parse and the record schema would, bit for bit', () => {
    const rows = dataset.records.slice(0, 10_000).map(evaluationRecord);
    assertSameColumns(JSON.stringify({ data: rows, evaluation_period_name: 'week 1, "février" \u00e9\\' }));
  });

  it('reads every number spelling JSON allows: exponents, long fractions, -0, white space', () => {
    const values = ['0.1', '1e-1', '0.10000000000000001', '1E0', '-0', '0.0', '0.123456789012345678', '5e-324', '1.0e+0', '0.30000000000000004'];
    for (const value of values) assertSameColumns(twoRows(JSON.stringify({ ...ROW }).replace('"temp":0.24', `"temp":${value}`)));
    assertSameColumns(` \n{ "evaluation_period_name" : "w" ,\t"data" : [ ${JSON.stringify(ROW)} ,\r\n ${JSON.stringify({ ...ROW, hr: 3 })} ] } \n`);
  });

  it('reads a number of a million digits as JSON.parse does, and leaves a date of a million characters to the full path, without throwing', () => {
    const row = JSON.stringify(ROW);
    assertSameColumns(twoRows(row.replace('"temp":0.24', `"temp":0.${'1'.repeat(1_000_000)}`)));
    assert.equal(readWellFormedBody(encode(twoRows(row.replace('2011-01-01', '2'.repeat(1_000_000)))), 10_000, FIELDS), undefined);
  });

  it('reads fields in any order', () => {
    const reversed = Object.fromEntries(Object.entries(ROW).reverse());
    assertSameColumns(JSON.stringify({ data: [ROW, reversed, reversed] }));
  });

  it('leaves every other body to the full path', () => {
    const row = JSON.stringify(ROW);
    const others = [
      twoRows(row.replace('"cnt":16', '"cnt":16,"extra":1')),
      twoRows(row.replace('"cnt":16', '"cnt":16,"cnt":17')),
      twoRows(row.replace(',"cnt":16', '')),
      twoRows(row.replace('"hr":0', '"hr":24')),
      twoRows(row.replace('"hr":0', '"hr":1.5')),
      twoRows(row.replace('"temp":0.24', '"temp":"0.24"')),
      twoRows(row.replace('"temp":0.24', '"temp":NaN')),
      twoRows(row.replace('"temp":0.24', '"temp":01')),
      twoRows(row.replace('"temp":0.24', '"temp":1e400')),
      twoRows(row.replace('2011-01-01', '2011-02-30')),
      twoRows(row.replace('2011-01-01', '')),
      `{"data":[${row},${row.replace('2011-01-01', '')}]}`,
      twoRows(row.replace('"temp"', '"te\\u006dp"')),
      twoRows(row.replace('"temp"', '"__proto__"')),
      `{"data":[${row}]}`,
      `{"data":[${row},${row}],"other":1}`,
      `{"data":[${row},${row}],"data":[${row},${row}]}`,
      `{"data":[${row},${row}],"evaluation_period_name":null}`,
      `{"data":[${row},${row}],"evaluation_period_name":"${'x'.repeat(201)}"}`,
      `{"data":[${row},${row},]}`,
      `{"data":[${row},${row}]}x`,
      `\ufeff{"data":[${row},${row}]}`,
      '',
    ];
    for (const body of others) assert.equal(readWellFormedBody(encode(body), 10_000, FIELDS), undefined, body.slice(0, 120));
    assert.equal(readWellFormedBody(encode(`{"data":[${row},${row},${row}]}`), 2, FIELDS), undefined, 'more rows than allowed');
    const invalidUtf8 = Uint8Array.from([...encode('{"data":[' + row + ',' + row + '],"evaluation_period_name":"'), 0xff, ...encode('"}')]);
    assert.equal(readWellFormedBody(invalidUtf8, 10_000, FIELDS), undefined, 'invalid UTF-8 in the name');
  });
});

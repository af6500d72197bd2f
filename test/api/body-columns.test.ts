/**
 * The fast path of an /evaluate body (body-columns.ts) against the full one: on the bodies it
 * takes, the same columns (bit for bit) and name; every other body is left to the full path,
 * whose 4xx answers test/api/evaluate.test.ts and hostile.test.ts pin.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type BatchRead, cutBetweenRows, joinSides, readWellFormedBody, readWellFormedSide, recordFields } from '../../src/api/evaluation/body-columns.js';
import { EvaluationRecord } from '../../src/api/schemas.js';
import { toLabelledColumns, type LabelledRecord } from '../../src/api/evaluation/evaluator.js';
import { evaluationRecord } from '../../src/clients/payload.js';
import type { BikeDataset } from '../../src/model/dataset.js';
import { testDataset } from '../helpers/dataset.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const FIELDS = recordFields(EvaluationRecord);
const ROW = { temp: 0.24, atemp: 0.2879, hum: 0.81, windspeed: 0, mnth: 1, hr: 0, weekday: 6, season: 1, holiday: 0, workingday: 0, weathersit: 1, cnt: 16, dteday: '2011-01-01' };
const twoRows = (row: string): string => `{"data":[${row},${row}]}`;

/** The body cut at `cut`, each side read and the two joined, as the service does on two workers. */
function readSides(bytes: Uint8Array, cut: number, maxRows = 10_000): BatchRead | undefined {
  const head = readWellFormedSide(bytes.subarray(0, cut), 'head', maxRows, FIELDS);
  const tail = readWellFormedSide(bytes.subarray(cut), 'tail', maxRows, FIELDS);
  return head && tail ? joinSides(head, tail, maxRows) : undefined;
}

function assertSameBatch(actualRead: BatchRead | undefined, expectedRead: BatchRead | undefined): void {
  assert.ok(actualRead && expectedRead);
  assert.equal(actualRead.periodName, expectedRead.periodName);
  for (const [name, column] of Object.entries(expectedRead.batch)) {
    const actual: Float64Array = actualRead.batch[name as keyof typeof expectedRead.batch];
    assert.equal(actual.length, column.length, name);
    for (let i = 0; i < column.length; i++) assert.ok(Object.is(actual[i], column[i]), `${name}[${i}]`);
  }
}

function assertSameColumns(body: string, maxRows = 10_000): void {
  const fast = readWellFormedBody(encode(body), maxRows, FIELDS);
  assert.ok(fast, 'the fast path takes the body');
  const cut = cutBetweenRows(encode(body));
  if (cut !== undefined) assertSameBatch(readSides(encode(body), cut, maxRows), fast);
  const parsed = JSON.parse(body) as { data: LabelledRecord[]; evaluation_period_name?: string };
  assert.equal(fast.periodName, parsed.evaluation_period_name ?? 'unknown_period');
  const expected = toLabelledColumns(parsed.data);
  for (const [name, column] of Object.entries(expected)) {
    const actual: Float64Array = fast.batch[name as keyof typeof expected];
    assert.equal(actual.length, column.length);
    assert.equal(actual.buffer.byteLength, actual.byteLength, `${name}: a column owns exactly its buffer, which moves between threads`);
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

  it('reads a row written unlike the first key by key, and refuses it as it would the first', () => {
    const row = JSON.stringify(ROW);
    const afterFirst = (other: string): string => `{"data":[${row},${other},${row}]}`;
    // Other white space, another order, the date elsewhere: read, and read alike.
    for (const other of [JSON.stringify(ROW, null, 1), JSON.stringify(Object.fromEntries(Object.entries(ROW).reverse())), row.replace(',"dteday":"2011-01-01"', '').replace('{', '{"dteday":"2011-01-01",')]) {
      assertSameColumns(afterFirst(other));
    }
    const refused = [
      row.replace('"cnt":16', '"cnt":16,"extra":1'),
      row.replace('"cnt":16', '"cnt":16,"cnt":17'),
      row.replace(',"cnt":16', ''),
      row.replace('"temp"', '"tamp"'),
      row.replace('"hr":0', '"hr":24'),
      row.replace('2011-01-01', '2011-02-30'),
      row.replace('}', ',}'),
      `${row.slice(0, -1)} `,
    ];
    for (const other of refused) assert.equal(readWellFormedBody(encode(afterFirst(other)), 10_000, FIELDS), undefined, other);
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
    for (const body of others) {
      assert.equal(readWellFormedBody(encode(body), 10_000, FIELDS), undefined, body.slice(0, 120));
      const cut = cutBetweenRows(encode(body));
      if (cut !== undefined) assert.equal(readSides(encode(body), cut), undefined, body.slice(0, 120));
    }
    const threeRows = encode(`{"data":[${row},${row},${row}]}`);
    assert.equal(readWellFormedBody(threeRows, 2, FIELDS), undefined, 'more rows than allowed');
    assert.equal(readSides(threeRows, cutBetweenRows(threeRows) ?? 0, 2), undefined, 'more rows than allowed, counted over both sides');
    const namedTwice = encode(`{"evaluation_period_name":"a","data":[${row},${row},${row},${row}],"evaluation_period_name":"b"}`);
    assert.equal(readWellFormedBody(namedTwice, 10_000, FIELDS), undefined, 'a name given twice');
    assert.equal(readSides(namedTwice, cutBetweenRows(namedTwice) ?? 0), undefined, 'a name given on each side');
    const invalidUtf8 = Uint8Array.from([...encode('{"data":[' + row + ',' + row + '],"evaluation_period_name":"'), 0xff, ...encode('"}')]);
    assert.equal(readWellFormedBody(invalidUtf8, 10_000, FIELDS), undefined, 'invalid UTF-8 in the name');
  });

  it('reads a body cut between any two of its rows as it reads the whole body', () => {
    const rows = [0, 1, 2, 3, 4, 5].map((hr) => JSON.stringify({ ...ROW, hr }));
    const bodies = [
      `{"data":[${rows.join(',')}]}`,
      `{ "evaluation_period_name" : "w" , "data" : [ ${rows.join(' ,\n ')} ] }`,
      `{"data": [${rows.join(', ')}], "evaluation_period_name": "after"}`,
    ];
    for (const body of bodies) {
      const bytes = encode(body);
      const whole = readWellFormedBody(bytes, 10_000, FIELDS);
      const rowStarts = [...body.matchAll(/\{"temp"/g)].map((match) => match.index);
      for (const cut of rowStarts.slice(1)) assertSameBatch(readSides(bytes, cut), whole);
      assert.equal(readSides(bytes, rowStarts[0]), undefined, 'a head without rows');
      assert.equal(readSides(bytes, rowStarts[2] + 1), undefined, 'a cut inside a row');
    }
  });

  it('cuts near the middle, between rows, and a cut that falls inside the name leaves the fast path', () => {
    const rows = dataset.records.slice(0, 10_000).map(evaluationRecord);
    const bytes = encode(JSON.stringify({ data: rows }));
    const cut = cutBetweenRows(bytes);
    assert.ok(cut !== undefined && cut > bytes.length / 2 && cut < bytes.length / 2 + 300, `cut at ${cut} of ${bytes.length}`);
    assert.equal(new TextDecoder().decode(bytes.subarray(cut - 2, cut + 8)), '},{"temp":');
    const row = JSON.stringify(ROW);
    const trapText = `{"data":[${row},${row}],"evaluation_period_name":"${'x'.repeat(150)}}, {${'y'.repeat(40)}"}`;
    const trap = encode(trapText);
    const trapCut = cutBetweenRows(trap);
    assert.equal(trapCut, trapText.indexOf('}, {y') + 3, 'the only "}, {" after the middle is in the name');
    assert.equal(readSides(trap, trapCut), undefined);
    assert.ok(readWellFormedBody(trap, 10_000, FIELDS), 'the whole body is still read');
  });
});

/**
 * A hand-written hostile corpus, sent over a real socket: each request gets its answer within a
 * bound (generous: the machine may be shared; the figures are in the README), never a 5xx, and
 * /health still answers afterwards. The bounds catch a stall, they do not measure speed (that is
 * `npm run bench`).
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/api/app.js';
import { METRIC } from '../../src/telemetry/metric-names.js';
import { VALID_INPUT, testApp } from '../helpers/app.js';
import { sampleValue } from '../helpers/metrics.js';

/** Longest time to answer any request of the corpus. */
const ANSWER_BOUND_MS = 5_000;
/** The request timeout of this server: short, so that the stalled upload ends quickly. */
const REQUEST_TIMEOUT_MS = 1_000;
/** Node checks request timeouts once a second (app.ts): a stalled upload lives at most this long. */
const STALLED_UPLOAD_BOUND_MS = REQUEST_TIMEOUT_MS + 1_000 + 2_000;

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

const LABELLED = { ...VALID_INPUT, cnt: 16 };
const NUMERIC_FIELDS = Object.keys(LABELLED).filter((field) => field !== 'dteday');

describe('hostile input (hand-written corpus)', () => {
  let app: App;
  let url: string;
  before(async () => {
    app = await testApp({ env: { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(() => app.close());

  const send = async (path: string, body: string | Uint8Array): Promise<Answer> => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(4 * ANSWER_BOUND_MS),
    });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  };
  const healthAnswers = async (): Promise<void> => {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(ANSWER_BOUND_MS) });
    assert.equal(response.status, 200);
  };
  /** The answer came in time, is the expected 4xx, and the service still answers /health. */
  const refused = async (answer: Answer, status: number, detail: RegExp): Promise<void> => {
    assert.ok(answer.ms < ANSWER_BOUND_MS, `answered in ${Math.round(answer.ms)} ms`);
    assert.equal(answer.status, status, answer.body.slice(0, 500));
    assert.match(answer.body, detail);
    await healthAnswers();
  };
  const rows = (count: number, row: object = LABELLED): object[] => Array.from({ length: count }, () => row);

  it('an unterminated string of escaped quotes, up to the body limit, gets 400 in time', async () => {
    // 5 MB on /evaluate, 16 KB on /predict: each just under the route's body limit.
    await refused(await send('/evaluate', `"${'\\"'.repeat(2_500_000)}`), 400, /not valid JSON/);
    await refused(await send('/predict', `"${'\\"'.repeat(8_000)}`), 400, /not valid JSON/);
  });

  it('a value nested 5,000 deep inside a field gets 422 naming the field, not a 500', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const predict = await send('/predict', JSON.stringify(VALID_INPUT).replace('"temp":0.24', `"temp":${deep}`));
    await refused(predict, 422, /"loc":\["body","temp"\],"msg":"Input should be a valid number","input":"list of 1 items"/);
    const batch = JSON.stringify({ data: rows(3) }).replace('"hum":0.81', `"hum":${deep}`);
    await refused(await send('/evaluate', batch), 422, /"loc":\["body","data",0,"hum"\]/);
    const name = JSON.stringify({ data: rows(3), evaluation_period_name: 'x' }).replace('"x"', deep);
    await refused(await send('/evaluate', name), 422, /"loc":\["body","evaluation_period_name"\],"msg":"Input should be a valid string"/);
  });

  it('a date of a million characters gets 422 naming the field, not a 500', async () => {
    const batch = JSON.stringify({ data: rows(3) }).replace('"dteday":"2011-01-01"', `"dteday":"${'2'.repeat(1_000_000)}"`);
    await refused(await send('/evaluate', batch), 422, /"loc":\["body","data",0,"dteday"\]/);
  });

  it('5 MB of empty objects get 413 before they are parsed', async () => {
    const body = `{"data":[${'{},'.repeat(1_650_000)}{}]}`;
    await refused(await send('/evaluate', body), 413, /holds more than 250000 objects and lists/);
  });

  it('1,000,000 rows in a small body get 422 by the list length', async () => {
    const body = `{"data":[${Array.from({ length: 1_000_000 }, () => '0').join(',')}]}`;
    await refused(await send('/evaluate', body), 422, /"msg":"List should have at most 10000 items","input":"list of 1000000 items"/);
  });

  it('a stalled upload is closed within the request timeout, while /health answers', async () => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    const started = performance.now();
    const closed = new Promise<number>((resolve) => {
      socket.once('close', () => {
        resolve(performance.now() - started);
      });
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.write('POST /evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{"data":[');
    await healthAnswers();
    const bound = new Promise<number>((resolve) => {
      setTimeout(() => {
        resolve(Number.POSITIVE_INFINITY);
      }, 2 * STALLED_UPLOAD_BOUND_MS).unref();
    });
    const lived = await Promise.race([closed, bound]);
    socket.destroy();
    assert.ok(lived < STALLED_UPLOAD_BOUND_MS, `the stalled upload lived ${Math.round(lived)} ms`);
    assert.match(answer, /^HTTP\/1\.1 408/);
    await healthAnswers();
  });

  it('cnt = 1e308 gets 422 naming the field, and no gauge becomes NaN', async () => {
    const answer = await send('/evaluate', JSON.stringify({ data: rows(3) }).replace('"cnt":16', '"cnt":1e308'));
    await refused(answer, 422, /"loc":\["body","data",0,"cnt"\],"msg":"Input should be less than or equal to 100000"/);
    const exposition = await (await fetch(`${url}/metrics`)).text();
    assert.doesNotMatch(exposition, /^model_\w+ NaN$/m);
  });

  it('NaN, Infinity and -Infinity in every field get 422 naming each field', async () => {
    for (const literal of ['NaN', 'Infinity', '-Infinity']) {
      const everyField = (record: object): string => JSON.stringify(record).replace(/:(?:[\d.]+|"[\d-]+")/g, `:${literal}`);
      const predict = await send('/predict', everyField(VALID_INPUT));
      await refused(predict, 422, /"loc":\["body","temp"\],"msg":"Input should be a finite number"/);
      const named = (JSON.parse(predict.body) as { detail: { loc: string[] }[] }).detail.map(({ loc }) => loc[1]);
      assert.deepEqual(named.sort(), Object.keys(VALID_INPUT).sort());
      const evaluate = await send('/evaluate', `{"data":[${everyField(LABELLED)},${everyField(LABELLED)}]}`);
      await refused(evaluate, 422, /"loc":\["body","data",0,"cnt"\],"msg":"Input should be a finite number"/);
      assert.equal((JSON.parse(evaluate.body) as { detail: unknown[] }).detail.length, 2 * (NUMERIC_FIELDS.length + 1));
    }
  });

  it('a BOM is skipped; invalid UTF-8, __proto__ and constructor.prototype keys get 4xx; duplicate keys: the last wins', async () => {
    const bom = new TextEncoder().encode(`\uFEFF${JSON.stringify(VALID_INPUT)}`);
    const withBom = await send('/predict', bom);
    assert.equal(withBom.status, 200, withBom.body);
    assert.equal((await send('/evaluate', new TextEncoder().encode(`\uFEFF${JSON.stringify({ data: rows(3) })}`))).status, 200);

    const invalidUtf8 = (text: string): Uint8Array => {
      const bytes = new TextEncoder().encode(text.replace('2011-01-01', '2011-01-0\u00e9'));
      const at = bytes.indexOf(0xc3);
      bytes[at + 1] = 0x28; // "é" becomes a lead byte followed by "(": not UTF-8.
      return bytes;
    };
    await refused(await send('/predict', invalidUtf8(JSON.stringify(VALID_INPUT))), 422, /"loc":\["body","dteday"\]/);
    await refused(await send('/evaluate', invalidUtf8(JSON.stringify({ data: rows(3) }))), 400, /not valid UTF-8/);

    const proto = JSON.stringify(VALID_INPUT).replace('{', '{"__proto__":{"temp":1},');
    await refused(await send('/predict', proto), 400, /not valid JSON/);
    await refused(await send('/evaluate', `{"data":[${proto},${proto}]}`), 400, /not valid JSON/);
    const constructor = JSON.stringify(VALID_INPUT).replace('{', '{"constructor":{"prototype":{"temp":1}},');
    await refused(await send('/predict', constructor), 400, /not valid JSON/);

    const duplicate = JSON.stringify(VALID_INPUT).replace('{', '{"hr":99,');
    const last = await send('/predict', duplicate);
    assert.equal(last.status, 200, last.body);
    await refused(await send('/predict', duplicate.replace('"hr":0', '"hr":0,"hr":99')), 422, /"loc":\["body","hr"\]/);
  });

  it('answered every request of the corpus without a 5xx', async () => {
    const exposition = await (await fetch(`${url}/metrics`)).text();
    const serverErrors = [...exposition.matchAll(new RegExp(`^${METRIC.requestsTotal}\\{[^}]*status_code="5\\d\\d"[^}]*\\} (\\d+)`, 'gm'))];
    assert.deepEqual(serverErrors.map(([line]) => line), []);
    assert.ok((sampleValue(exposition, METRIC.requestsTotal, { endpoint: '/evaluate', method: 'POST', status_code: '422' }) ?? 0) > 0);
  });
});

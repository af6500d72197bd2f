import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { ROOT } from '../helpers/dataset.js';
import { freePort } from '../helpers/service.js';
import { runCli } from './cli-process.js';

/** A stand-in API on a loopback port: /health answers, POST /evaluate is recorded and answered by `reply`. */
class StubApi {
  readonly bodies: string[] = [];
  reply: (body: string, response: ServerResponse) => void = () => undefined;
  private readonly server: Server = createServer((request, response) => {
    this.handle(request, response);
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => { resolve(); }));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/evaluate' && request.method === 'POST') {
        this.bodies.push(body);
        this.reply(body, response);
      } else response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  }
}

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

describe('run-evaluation', () => {
  const stub = new StubApi();
  let url: string;
  before(async () => {
    url = await stub.start();
  });
  after(() => stub.stop());

  it("POSTs the brief client's body for each week and prints the answer", async () => {
    stub.bodies.length = 0;
    stub.reply = (body, response) => {
      const { evaluation_period_name: name, data } = JSON.parse(body) as { evaluation_period_name: string; data: unknown[] };
      json(response, 200, {
        message: `Evaluation for ${name} done`, rmse: 61.23456, mape: 38.1, mae: 40.5, r2score: 0.71,
        drift_detected: name === 'week3_february' ? 1 : 0, evaluated_items: data.length, drift_share: 0.5454, drifted_columns_count: 6,
        report_url: `http://bikes.example/evaluations/${name.length}/report`,
      });
    };
    const { code, stdout, stderr } = await runCli('run-evaluation', ['--api-url', url]);
    assert.equal(code, 0, stderr);
    assert.equal(stub.bodies.length, 3);
    for (const [i, name] of PERIOD_NAMES.entries()) {
      const python = await readFile(join(ROOT, 'test/fixtures/brief-client', `${name}.json`), 'utf8');
      assert.deepEqual(JSON.parse(stub.bodies[i]), JSON.parse(python), name);
    }
    assert.match(stdout, /week1_february \(2011-01-29 00:00:00 \.\. 2011-02-07 23:00:00\): sending 235 rows/);
    assert.match(stdout, /RMSE: +61\.2346\n +MAPE \(%\): +38\.1000\n +MAE: +40\.5000\n +R2: +0\.7100\n +Data drift: +No \(6 features drifted, share 0\.55\)\n +Evaluated items: +235/);
    assert.match(stdout, /Data drift: +Yes \(6 features drifted, share 0\.55\)\n +Evaluated items: +165\n +Report: +http:\/\/bikes\.example\/evaluations\/14\/report\n/);
  });

  it('prints the drift of each feature as a table, and the answers as JSON with --json', async () => {
    const columns = [
      { column: 'temp', type: 'num', test: 'ks', score: 1.234e-9, threshold: 0.05, drifted: true },
      { column: 'weathersit', type: 'cat', test: 'chisquare', score: 0.4321, threshold: 0.05, drifted: false },
      { column: 'hum', type: 'num', test: 'wasserstein', score: null, threshold: 0.1, drifted: false },
    ];
    const answer = { message: 'ok', rmse: 50, mape: 30, mae: 35, r2score: 0.8, drift_detected: 0, evaluated_items: 163, drift_share: 0.33, drifted_columns_count: 1, columns };
    stub.reply = (_body, response) => {
      json(response, 200, answer);
    };
    const text = await runCli('run-evaluation', ['--api-url', url, '--period', 'week2_february']);
    assert.equal(text.code, 0, text.stderr);
    const table = text.stdout.slice(text.stdout.indexOf('  Feature'));
    assert.equal(
      table,
      [
        '  Feature     Test           Score  Threshold  Drifted',
        '  temp        ks           1.23e-9       0.05  yes',
        '  weathersit  chisquare     0.4321       0.05  no',
        '  hum         wasserstein      N/A        0.1  no',
        '',
      ].join('\n'),
    );

    const asJson = await runCli('run-evaluation', ['--api-url', url, '--json']);
    assert.equal(asJson.code, 0, asJson.stderr);
    assert.deepEqual(JSON.parse(asJson.stdout), Object.fromEntries(PERIOD_NAMES.map((name) => [name, answer])));
    assert.match(asJson.stderr, /week1_february .*: sending 235 rows/, 'the progress goes to stderr');
  });

  it('prints N/A for null scores and the bare verdict without the extras', async () => {
    stub.reply = (_body, response) => {
      json(response, 200, { message: 'ok', rmse: null, mape: null, mae: null, r2score: null, drift_detected: 0, evaluated_items: 163 });
    };
    const { code, stdout } = await runCli('run-evaluation', ['--api-url', url, '--period', 'week2_february']);
    assert.equal(code, 0);
    assert.match(stdout, /RMSE: +N\/A\n +MAPE \(%\): +N\/A/);
    assert.match(stdout, /Data drift: +No\n/);
  });

  it("exits 1 with the API's validation detail on one line", async () => {
    stub.reply = (_body, response) => {
      json(response, 422, { detail: [{ type: 'less_than_equal', loc: ['body', 'data', 17, 'hum'], msg: 'Input should be less than or equal to 1' }] });
    };
    const { code, stdout, stderr } = await runCli('run-evaluation', ['--api-url', url, '--period', 'week1_february']);
    assert.equal(code, 1);
    assert.equal(stderr, `run-evaluation: POST ${url}/evaluate answered 422: body.data.17.hum: Input should be less than or equal to 1\n`);
    assert.doesNotMatch(stdout, /RMSE/);
  });

  it('exits 1 on a server error, quoting a body that is not JSON', async () => {
    stub.reply = (_body, response) => {
      response.writeHead(502).end('Bad Gateway');
    };
    const { code, stderr } = await runCli('run-evaluation', ['--api-url', url, '--period', 'week1_february']);
    assert.equal(code, 1);
    assert.equal(stderr, `run-evaluation: POST ${url}/evaluate answered 502: Bad Gateway\n`);
  });

  it('exits 1 with one line, no stack trace, when nothing listens, after a bounded retry', async () => {
    const port = await freePort();
    const startedAt = Date.now();
    const { code, stdout, stderr } = await runCli('run-evaluation', ['--api-url', `http://127.0.0.1:${port}`, '--attempts', '3', '--retry-delay', '0.1']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      `run-evaluation: cannot reach the API at http://127.0.0.1:${port} (ECONNREFUSED, 3 attempts). Is bike-api running? Set --api-url or API_URL.\n`,
    );
    assert.ok(Date.now() - startedAt < 20_000);
  });

  it('exits 2 on a bad command line, pointing to --help', async () => {
    const { code, stderr } = await runCli('run-evaluation', ['--period', 'march']);
    assert.equal(code, 2);
    assert.match(stderr, /^run-evaluation: --period must be one of .* got "march"\. Run with --help for usage\.\n$/);
  });

  it('prints its usage with --help', async () => {
    const { code, stdout } = await runCli('run-evaluation', ['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: run-evaluation/);
    assert.match(stdout, /--period NAME/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/command-line.js';
import { EVALUATION_USAGE, parseEvaluationArgs } from '../../src/clients/evaluation-args.js';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { parseTrafficArgs, TRAFFIC_USAGE } from '../../src/clients/traffic-args.js';
import { assertOptionsAligned } from '../helpers/usage.js';

const usageError = (message: RegExp) => (error: unknown) => error instanceof UsageError && message.test(error.message);

it('the --help of run-evaluation and of traffic starts every option description in one column', () => {
  assertOptionsAligned(EVALUATION_USAGE);
  assertOptionsAligned(TRAFFIC_USAGE);
});

describe('run-evaluation command line', () => {
  it('defaults to every brief week, localhost:8080, 3 attempts 2 s apart', () => {
    assert.deepEqual(parseEvaluationArgs([], {}), {
      apiUrl: 'http://localhost:8080',
      retry: { attempts: 3, delayMs: 2000 },
      periods: PERIOD_NAMES,
      timeoutMs: 300_000,
      json: false,
    });
    assert.equal(parseEvaluationArgs(['--json'], {})?.json, true);
  });

  it('reads API_URL, and --api-url wins over it', () => {
    assert.equal(parseEvaluationArgs([], { API_URL: 'http://bike-api:8080/' })?.apiUrl, 'http://bike-api:8080');
    assert.equal(parseEvaluationArgs(['--api-url', 'http://127.0.0.1:9000'], { API_URL: 'http://bike-api:8080' })?.apiUrl, 'http://127.0.0.1:9000');
  });

  it('takes one period, or all, and the connection settings', () => {
    const options = parseEvaluationArgs(['--period', 'week2_february', '--attempts', '1', '--retry-delay', '0.5', '--timeout', '30'], {});
    assert.ok(options);
    assert.deepEqual(options.periods, ['week2_february']);
    assert.deepEqual(options.retry, { attempts: 1, delayMs: 500 });
    assert.equal(options.timeoutMs, 30_000);
    assert.deepEqual(parseEvaluationArgs(['--period=all'], {})?.periods, PERIOD_NAMES);
  });

  it('returns nothing for --help', () => {
    assert.equal(parseEvaluationArgs(['--help'], {}), undefined);
    assert.equal(parseEvaluationArgs(['-h', '--period', 'nope'], {}), undefined);
  });

  const invalid: [string[], RegExp][] = [
    [['--period', 'week4_february'], /--period must be one of week1_february, week2_february, week3_february or all, got "week4_february"/],
    [['--api-url', 'bike-api'], /--api-url must be a URL/],
    [['--api-url', 'ftp://bike-api'], /--api-url must be http or https/],
    [['--attempts', '0'], /--attempts must be an integer in 1\.\.100, got "0"/],
    [['--attempts', '2.5'], /--attempts must be an integer/],
    [['--retry-delay', 'soon'], /--retry-delay must be a number/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['week1_february'], /Unexpected argument 'week1_february'/],
    [['--period'], /--period <value>' argument missing/],
  ];
  for (const [argv, message] of invalid) {
    it(`refuses ${argv.join(' ')}`, () => {
      assert.throws(() => parseEvaluationArgs(argv, {}), usageError(message));
    });
  }
});

describe('traffic command line', () => {
  it('defaults to 20 req/s for 30 s, 4 in flight, 10 % invalid, seed 42', () => {
    assert.deepEqual(parseTrafficArgs([], {}), {
      apiUrl: 'http://localhost:8080',
      retry: { attempts: 3, delayMs: 2000 },
      period: { name: 'reference', start: '2011-01-01 00:00:00', end: '2011-01-28 23:00:00' },
      rate: 20,
      stopAfter: { seconds: 30 },
      concurrency: 4,
      invalidShare: 0.1,
      seed: 42,
      timeoutMs: 10_000,
      json: false,
    });
  });

  it('stops after a count or a duration', () => {
    assert.deepEqual(parseTrafficArgs(['--count', '500'], {})?.stopAfter, { count: 500 });
    assert.deepEqual(parseTrafficArgs(['--duration', '2.5'], {})?.stopAfter, { seconds: 2.5 });
  });

  it('replays a named period or a range of days', () => {
    assert.deepEqual(parseTrafficArgs(['--period', 'july-2011'], {})?.period, { name: 'july-2011', start: '2011-07-01 00:00:00', end: '2011-07-31 23:00:00' });
    assert.deepEqual(parseTrafficArgs(['--period', '2012-03-01..2012-03-07'], {})?.period, { name: '2012-03-01..2012-03-07', start: '2012-03-01 00:00:00', end: '2012-03-07 23:00:00' });
  });

  it('takes every option', () => {
    const options = parseTrafficArgs(['--rate', '0.5', '--concurrency', '16', '--invalid-share', '1', '--seed', '0', '--timeout', '1', '--json'], {});
    assert.ok(options);
    assert.equal(options.rate, 0.5);
    assert.equal(options.concurrency, 16);
    assert.equal(options.invalidShare, 1);
    assert.equal(options.seed, 0);
    assert.equal(options.timeoutMs, 1000);
    assert.equal(options.json, true);
  });

  const invalid: [string[], RegExp][] = [
    [['--count', '10', '--duration', '5'], /give --count or --duration, not both/],
    [['--count', '0'], /--count must be an integer in 1\.\./],
    [['--duration=-1'], /--duration must be a number/],
    [['--rate', '0'], /--rate must be a number in 0\.1\.\./],
    [['--invalid-share', '1.5'], /--invalid-share must be a number in 0\.\.1, got "1\.5"/],
    [['--invalid-share', ''], /--invalid-share must be a number/],
    [['--concurrency', '1.5'], /--concurrency must be an integer/],
    [['--seed=-3'], /--seed must be an integer/],
    [['--period', 'august'], /--period must be one of reference, january, july-2011 or days START\.\.END/],
    [['--period', '2011-07-31..2011-07-01'], /--period must be one of/],
    [['--period', '2011-02-30..2011-03-01'], /--period must be one of/],
    [['--period', '2011-07-01..2011-07-02..2011-07-03'], /--period must be one of/],
  ];
  for (const [argv, message] of invalid) {
    it(`refuses ${argv.join(' ')}`, () => {
      assert.throws(() => parseTrafficArgs(argv, {}), usageError(message));
    });
  }
});

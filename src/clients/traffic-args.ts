/** The command line of traffic. */
import { UsageError } from '../command-line.js';
import { parseDateTime } from '../model/datetime.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, type ConnectionOptions, connectionOptions, numberOption, optionsHelp, parseCommandLine } from './cli.js';
import { DEFAULT_TRAFFIC_PROFILE, type Period, TRAFFIC_PROFILES } from './periods.js';
import type { StopAfter } from './traffic-progress.js';

export interface TrafficOptions extends ConnectionOptions {
  /** The hours replayed: a profile's or a range of days, both ends inclusive. */
  readonly period: Period & { readonly name: string };
  readonly rate: number;
  readonly stopAfter: StopAfter;
  readonly concurrency: number;
  readonly invalidShare: number;
  readonly seed: number;
  /** Bound on one request. */
  readonly timeoutMs: number;
  /** Print the summary as JSON instead of text. */
  readonly json: boolean;
}

const DEFAULT_DURATION_SECONDS = 30;

export const TRAFFIC_USAGE = `Usage: traffic [options]

Sends real hours of the dataset to POST /predict at a steady rate, mixed with a share of requests
the API must refuse (422: hour out of range, number as a string, missing field; 405: GET
/predict). Shows progress on stderr, stops by itself (Ctrl-C stops early), then prints a
summary: requests, answers by status code, connection errors, achieved rate, latency.

${optionsHelp([
  ['--period P', `hours replayed: ${Object.keys(TRAFFIC_PROFILES).join(', ')} or days YYYY-MM-DD..YYYY-MM-DD (default ${DEFAULT_TRAFFIC_PROFILE}; july-2011 raises live drift)`],
  ['--rate R', 'requests per second (default 20)'],
  ['--duration S', `stop after S seconds (default ${DEFAULT_DURATION_SECONDS})...`],
  ['--count N', '...or after N requests (not both)'],
  ['--concurrency N', 'requests in flight at most (default 4)'],
  ['--invalid-share X', 'share of invalid requests, 0..1 (default 0.1)'],
  ['--seed N', 'seed of the rows and of the invalid requests (default 42)'],
  ['--timeout S', 'seconds to wait for one answer (default 10)'],
  ['--json', 'print the summary as JSON'],
  ...CONNECTION_HELP,
])}

Exit status: 0 after a complete run, 1 when the API is unreachable at the start or requests
failed to connect, 2 for a bad command line, 130 when interrupted.

The dataset comes from BIKE_SHARING_ZIP, else the cache in DATA_DIR (default .cache/data),
else a download from DATASET_URL, as for the API.`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  period: { type: 'string', default: DEFAULT_TRAFFIC_PROFILE },
  rate: { type: 'string', default: '20' },
  duration: { type: 'string' },
  count: { type: 'string' },
  concurrency: { type: 'string', default: '4' },
  'invalid-share': { type: 'string', default: '0.1' },
  seed: { type: 'string', default: '42' },
  timeout: { type: 'string', default: '10' },
  json: { type: 'boolean', default: false },
} as const;

/** The options, or undefined when --help was asked for. */
export function parseTrafficArgs(argv: readonly string[], env: Readonly<Partial<Record<string, string>>>): TrafficOptions | undefined {
  const values = parseCommandLine(argv, OPTIONS);
  if (values.help) return undefined;
  return {
    ...connectionOptions(values, env),
    period: trafficPeriod(values.period),
    rate: numberOption('--rate', values.rate, { min: 0.1, max: 10_000 }),
    stopAfter: stopAfter(values.count, values.duration),
    concurrency: numberOption('--concurrency', values.concurrency, { min: 1, max: 256, integer: true }),
    invalidShare: numberOption('--invalid-share', values['invalid-share'], { min: 0, max: 1 }),
    seed: numberOption('--seed', values.seed, { min: 0, max: 0xffff_ffff, integer: true }),
    timeoutMs: numberOption('--timeout', values.timeout, { min: 0.1, max: 600 }) * 1000,
    json: values.json,
  };
}

function stopAfter(count: string | undefined, duration: string | undefined): StopAfter {
  if (count !== undefined && duration !== undefined) throw new UsageError('give --count or --duration, not both');
  if (count !== undefined) return { count: numberOption('--count', count, { min: 1, max: 10_000_000, integer: true }) };
  return { seconds: duration === undefined ? DEFAULT_DURATION_SECONDS : numberOption('--duration', duration, { min: 0.1, max: 86_400 }) };
}

function trafficPeriod(text: string): Period & { readonly name: string } {
  if (Object.hasOwn(TRAFFIC_PROFILES, text)) return { name: text, ...TRAFFIC_PROFILES[text as keyof typeof TRAFFIC_PROFILES] };
  const ends = text.split('..');
  const [start = '', end = ''] = ends;
  const [first, last] = [start, end].map((day) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? parseDateTime(day) : undefined));
  if (ends.length !== 2 || first === undefined || last === undefined || last < first) {
    throw new UsageError(`--period must be one of ${Object.keys(TRAFFIC_PROFILES).join(', ')} or days START..END (YYYY-MM-DD, START first), got "${text}"`);
  }
  return { name: text, start: `${start} 00:00:00`, end: `${end} 23:00:00` };
}

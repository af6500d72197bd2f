/**
 * Configuration from environment variables, checked once at start-up. Every value has a
 * documented default (README, "Configuration"); an invalid one stops the start with a message
 * that names the variable.
 */
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_MAX_ROWS, MAX_ROWS_CEILING, MIN_ROWS } from './api/evaluation/limits.js';
import { DEFAULT_DATASET_URL, type DataSource } from './model/dataset.js';
import { parseDateTime } from './model/datetime.js';
import type { TrainingWindow } from './model/metadata.js';
import { DEFAULT_FOREST_PARAMS, type ForestParams } from './model/random-forest.js';
import type { LiveMonitoringSettings } from './api/live/monitor.js';
import { LIVE_DEFAULTS } from './telemetry/alert-thresholds.js';
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './api/connection-limits.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly data: DataSource;
  readonly modelPath: string;
  readonly trainingWindow: TrainingWindow;
  readonly forest: ForestParams;
  /** Largest batch accepted by POST /evaluate. */
  readonly evaluateMaxRows: number;
  /** POST /trigger-drift exists only when the operator enables it (demo stacks). */
  readonly triggerDriftEnabled: boolean;
  /** Where evaluations are stored (DATABASE_URL). */
  readonly database: DatabaseLocation;
  /** Evaluations kept; the oldest are pruned first. */
  readonly evaluationHistoryLimit: number;
  /** Seconds between two reads of the newest stored evaluation (other replicas' evaluations). */
  readonly evaluationSyncSeconds: number;
  /** The API's address as its users reach it, for the links to reports (API_PUBLIC_URL). */
  readonly publicUrl: string;
  /** Label-free drift checks of the served predictions; undefined when LIVE_MONITORING is off. */
  readonly liveMonitoring: LiveMonitoringSettings | undefined;
  /** Timeouts and connection cap of the HTTP server. */
  readonly connections: ConnectionLimits;
  /** Bearer token of the write endpoints (API_TOKEN); undefined leaves them open. */
  readonly apiToken: string | undefined;
}

/** A database the evaluation store can open. */
export type DatabaseLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  /** Shared by every replica; `url` may carry a password, so it is never logged. */
  | { readonly kind: 'postgres'; readonly url: string };

/** The evaluation database's file name when DATABASE_URL is unset, beside the model artefact. */
export const DEFAULT_DATABASE_FILE = 'evaluations.sqlite';
export const DEFAULT_PUBLIC_URL = 'http://localhost:8080';
export const DEFAULT_EVALUATION_SYNC_SECONDS = 10;

/** A token shorter than this is refused: it could be guessed. */
export const MIN_API_TOKEN_LENGTH = 16;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Partial<Record<string, string>>>;

export function loadConfig(env: Env = process.env): Config {
  const read = reader(env);
  const trainingWindow = {
    start: dateTime(read, 'TRAIN_START', '2011-01-01 00:00'),
    end: dateTime(read, 'TRAIN_END', '2011-01-28 23:00'),
  };
  if (parseDateTime(trainingWindow.end)! < parseDateTime(trainingWindow.start)!) {
    throw new ConfigError(`TRAIN_END (${trainingWindow.end}) is before TRAIN_START (${trainingWindow.start})`);
  }
  const modelPath = resolve(read('MODEL_PATH') ?? 'artefacts/model.json');
  return {
    host: read('HOST') ?? '127.0.0.1',
    port: integer(read, 'PORT', 8080, 0, 65_535),
    logLevel: oneOf(read, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    data: loadDataSource(env),
    modelPath,
    trainingWindow,
    forest: {
      ...DEFAULT_FOREST_PARAMS,
      nEstimators: integer(read, 'N_ESTIMATORS', DEFAULT_FOREST_PARAMS.nEstimators, 1, 10_000),
      seed: integer(read, 'SEED', DEFAULT_FOREST_PARAMS.seed, 0, 0xffff_ffff),
    },
    evaluateMaxRows: integer(read, 'EVALUATE_MAX_ROWS', DEFAULT_MAX_ROWS, MIN_ROWS, MAX_ROWS_CEILING),
    triggerDriftEnabled: boolean(read, 'ENABLE_TRIGGER_DRIFT', false),
    database: databaseLocation(read('DATABASE_URL'), modelPath),
    evaluationHistoryLimit: integer(read, 'EVALUATION_HISTORY_LIMIT', 1_000, 1, 1_000_000),
    evaluationSyncSeconds: integer(read, 'EVALUATION_SYNC_SECONDS', DEFAULT_EVALUATION_SYNC_SECONDS, 1, 3_600),
    publicUrl: publicUrl(env),
    liveMonitoring: liveMonitoring(read),
    connections: {
      requestTimeoutMs: integer(read, 'REQUEST_TIMEOUT_MS', DEFAULT_CONNECTION_LIMITS.requestTimeoutMs, 100, 600_000),
      idleTimeoutMs: integer(read, 'IDLE_TIMEOUT_MS', DEFAULT_CONNECTION_LIMITS.idleTimeoutMs, 100, 600_000),
      keepAliveTimeoutMs: integer(read, 'KEEP_ALIVE_TIMEOUT_MS', DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs, 100, 600_000),
      maxConnections: integer(read, 'MAX_CONNECTIONS', DEFAULT_CONNECTION_LIMITS.maxConnections, 1, 100_000),
    },
    apiToken: apiToken(read),
  };
}

/**
 * DATABASE_URL: unset → the SQLite file beside the model artefact; `sqlite:///path` → that file;
 * `postgres://…` or `postgresql://…` → that PostgreSQL database (libpq's URL form).
 */
function databaseLocation(url: string | undefined, modelPath: string): DatabaseLocation {
  if (url === undefined) return { kind: 'sqlite', path: join(dirname(modelPath), DEFAULT_DATABASE_FILE) };
  const path = /^sqlite:\/\/(\/.+)$/.exec(url)?.[1];
  if (path !== undefined) return { kind: 'sqlite', path: resolve(path) };
  if (/^postgres(ql)?:\/\/[^/]/.test(url)) return { kind: 'postgres', url };
  // Only the scheme is echoed: a database URL may carry a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new ConfigError(
    `DATABASE_URL must be sqlite:///absolute/path/to/file.sqlite or postgres://user:password@host:port/database, got ${scheme ? `a ${scheme}: URL` : 'no URL'}`,
  );
}

/**
 * API_PUBLIC_URL: an http(s) address without a trailing slash. The service puts it in its report
 * links, and the generators (src/deployment) in the dashboards' and alerts' links.
 */
export function publicUrl(env: Env = process.env): string {
  const text = reader(env)('API_PUBLIC_URL') ?? DEFAULT_PUBLIC_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`API_PUBLIC_URL must be an http(s) URL, got "${text}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`API_PUBLIC_URL must be an http(s) URL without query, fragment or credentials, got "${text}"`);
  }
  return url.href.replace(/\/+$/, '');
}

function apiToken(read: Reader): string | undefined {
  const token = read('API_TOKEN');
  if (token !== undefined && (token.length < MIN_API_TOKEN_LENGTH || /\s/.test(token))) {
    throw new ConfigError(`API_TOKEN must be at least ${MIN_API_TOKEN_LENGTH} characters without spaces (e.g. openssl rand -hex 32)`);
  }
  return token;
}

/**
 * LIVE_MONITORING (on by default) and the live window's settings (defaults in the telemetry
 * contract, which calibrates the live alerts on them). A window holds at most
 * 100,000 rows (13 float64 columns: 10 MB); the check needs at least LIVE_MIN_ROWS of them.
 */
function liveMonitoring(read: Reader): LiveMonitoringSettings | undefined {
  const settings = {
    windowRows: integer(read, 'LIVE_WINDOW_ROWS', LIVE_DEFAULTS.windowRows, 2, 100_000),
    windowSeconds: integer(read, 'LIVE_WINDOW_SECONDS', LIVE_DEFAULTS.windowSeconds, 1, 7 * 86_400),
    checkSeconds: integer(read, 'LIVE_CHECK_SECONDS', LIVE_DEFAULTS.checkSeconds, 1, 86_400),
    minRows: integer(read, 'LIVE_MIN_ROWS', LIVE_DEFAULTS.minRows, 2, 100_000),
  };
  if (settings.minRows > settings.windowRows) {
    throw new ConfigError(`LIVE_MIN_ROWS (${settings.minRows}) is above LIVE_WINDOW_ROWS (${settings.windowRows}): no check would ever run`);
  }
  return boolean(read, 'LIVE_MONITORING', true) ? settings : undefined;
}

/**
 * Where the dataset comes from (BIKE_SHARING_ZIP, DATASET_URL, DATA_DIR). The service and its
 * command-line clients (src/clients) read it here, so they share one archive and one cache.
 */
export function loadDataSource(env: Env = process.env): DataSource {
  const read = reader(env);
  const zipPath = read('BIKE_SHARING_ZIP');
  return {
    zipPath: zipPath === undefined ? undefined : resolve(zipPath),
    url: read('DATASET_URL') ?? DEFAULT_DATASET_URL,
    cacheDir: resolve(read('DATA_DIR') ?? '.cache/data'),
  };
}

type Reader = (name: string) => string | undefined;

/** Reads a variable, trimmed; empty counts as unset. */
function reader(env: Env): Reader {
  return (name) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
}

/** An integer variable in min..max, `fallback` when unset; a ConfigError naming it otherwise. */
export function integerVariable(name: string, fallback: number, min: number, max: number, env: Env = process.env): number {
  return integer(reader(env), name, fallback, min, max);
}

function integer(read: Reader, name: string, fallback: number, min: number, max: number): number {
  const text = read(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new ConfigError(`${name} must be an integer in ${min}..${max}, got "${text}"`);
  return value;
}

function oneOf<T extends string>(read: Reader, name: string, allowed: readonly T[], fallback: T): T {
  const text = read(name);
  if (text === undefined) return fallback;
  const match = allowed.find((value) => value === text.toLowerCase());
  if (!match) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${text}"`);
  return match;
}

function boolean(read: Reader, name: string, fallback: boolean): boolean {
  const text = read(name)?.toLowerCase();
  if (text === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(`${name} must be true or false, got "${text}"`);
}

function dateTime(read: Reader, name: string, fallback: string): string {
  const text = read(name) ?? fallback;
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text) || parseDateTime(text) === undefined) {
    throw new ConfigError(`${name} must be a date-time "YYYY-MM-DD HH:MM", got "${text}"`);
  }
  return text;
}

/** The few calls of Prometheus's HTTP API the live end-to-end test reads, and a bounded poll. */
import { setTimeout as sleep } from 'node:timers/promises';
import { isObject } from '../../src/clients/api-client.js';

export interface Sample {
  readonly labels: Readonly<Partial<Record<string, string>>>;
  readonly value: number;
}

export interface Target {
  readonly job: string;
  readonly health: string;
  readonly lastError: string;
  /** When the last scrape started (ms since the epoch). */
  readonly lastScrapeMs: number;
}

export interface ActiveAlert {
  readonly name: string;
  /** pending or firing. */
  readonly state: string;
  readonly activeAt: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** GET `path` and return `data` of a `status: success` answer; throws otherwise. */
async function apiData(prometheusUrl: string, path: string): Promise<Readonly<Record<string, unknown>>> {
  const response = await fetch(`${prometheusUrl}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body: unknown = await response.json();
  if (!isObject(body) || body.status !== 'success' || !isObject(body.data)) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body.data;
}

function strings(value: unknown): Partial<Record<string, string>> {
  return isObject(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)])) : {};
}

function list(value: unknown): readonly Readonly<Record<string, unknown>>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** An instant query's vector (every dashboard and alert query gives one). */
export async function instantQuery(prometheusUrl: string, expr: string): Promise<Sample[]> {
  const data = await apiData(prometheusUrl, `/api/v1/query?query=${encodeURIComponent(expr)}`);
  if (data.resultType !== 'vector') throw new Error(`${expr}: expected a vector, got ${String(data.resultType)}`);
  return list(data.result).map((sample) => ({
    labels: strings(sample.metric),
    // [timestamp, "value"]; Prometheus writes NaN and ±Inf as strings too.
    value: Array.isArray(sample.value) ? Number(sample.value[1]) : Number.NaN,
  }));
}

export async function activeTargets(prometheusUrl: string): Promise<Target[]> {
  const data = await apiData(prometheusUrl, '/api/v1/targets?state=active');
  return list(data.activeTargets).map((target) => ({
    job: strings(target.labels).job ?? '',
    health: String(target.health),
    lastError: String(target.lastError),
    lastScrapeMs: Date.parse(String(target.lastScrape)),
  }));
}

/** Pending and firing alerts (resolved ones are not listed). */
export async function activeAlerts(prometheusUrl: string): Promise<ActiveAlert[]> {
  const data = await apiData(prometheusUrl, '/api/v1/alerts');
  return list(data.alerts).map((alert) => ({
    name: strings(alert.labels).alertname ?? '',
    state: String(alert.state),
    activeAt: String(alert.activeAt),
  }));
}

export interface PollBound {
  readonly timeoutMs: number;
  readonly pollMs?: number;
}

/**
 * Reads until `done` holds, at most `timeoutMs`; returns the last reading, which the caller
 * asserts on (so a timeout fails with what was last seen).
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, { timeoutMs, pollMs = 500 }: PollBound): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() + pollMs > deadline) return value;
    await sleep(pollMs);
  }
}

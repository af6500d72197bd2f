/**
 * The calls of Prometheus's HTTP API that this project reads: the alerting rules (make
 * fire-alert), instant queries, scrape targets and active alerts (the end-to-end test). Each call
 * is bounded in time, and fails with an ApiError that names the URL.
 */
import { ApiError, isObject, networkProblem, text } from './api-client.js';

/** Bound on each call, so that one hung request cannot outlive a caller's own time limit. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface Alert {
  readonly name: string;
  /** pending or firing. */
  readonly state: string;
  readonly activeAt: string;
  /** The value of the rule's expression when it was last evaluated, as Prometheus formats it. */
  readonly value: string;
  readonly labels: Readonly<Partial<Record<string, string>>>;
  readonly annotations: Readonly<Partial<Record<string, string>>>;
}

export interface AlertingRule {
  readonly name: string;
  readonly query: string;
  /** inactive, pending or firing. */
  readonly state: string;
  /** ok, err or unknown; `lastError` says why when err. */
  readonly health: string;
  readonly lastError: string;
  readonly alerts: readonly Alert[];
}

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

/** Every alerting rule Prometheus has loaded, with its alerts. */
export async function alertingRules(prometheusUrl: string): Promise<AlertingRule[]> {
  const data = await apiData(prometheusUrl, '/api/v1/rules?type=alert', 'the alert rules');
  if (!Array.isArray(data.groups)) throw new ApiError('Prometheus answered /api/v1/rules with an unexpected body');
  return list(data.groups).flatMap((group) =>
    list(group.rules)
      .filter((rule) => rule.type === 'alerting' && typeof rule.name === 'string')
      .map((rule) => ({
        name: text(rule.name),
        query: text(rule.query),
        state: text(rule.state) || 'unknown',
        health: text(rule.health),
        lastError: text(rule.lastError),
        alerts: list(rule.alerts).map(alert),
      })),
  );
}

/** Pending and firing alerts (resolved ones are not listed). */
export async function activeAlerts(prometheusUrl: string): Promise<Alert[]> {
  return list((await apiData(prometheusUrl, '/api/v1/alerts', 'the active alerts')).alerts).map(alert);
}

/** An instant query's vector (every dashboard and alert query gives one). */
export async function instantQuery(prometheusUrl: string, expr: string): Promise<Sample[]> {
  const data = await apiData(prometheusUrl, `/api/v1/query?query=${encodeURIComponent(expr)}`, 'a query');
  if (data.resultType !== 'vector') throw new ApiError(`${expr}: expected a vector, got ${String(data.resultType)}`);
  return list(data.result).map((sample) => ({
    labels: strings(sample.metric),
    // [timestamp, "value"]; Prometheus writes NaN and ±Inf as strings too.
    value: Array.isArray(sample.value) ? Number(sample.value[1]) : Number.NaN,
  }));
}

export async function activeTargets(prometheusUrl: string): Promise<Target[]> {
  const data = await apiData(prometheusUrl, '/api/v1/targets?state=active', 'the scrape targets');
  return list(data.activeTargets).map((target) => ({
    job: strings(target.labels).job ?? '',
    health: text(target.health),
    lastError: text(target.lastError),
    lastScrapeMs: Date.parse(text(target.lastScrape)),
  }));
}

/** GET `path` and return `data` of a `status: success` answer; an ApiError, saying `what` it read, otherwise. */
async function apiData(prometheusUrl: string, path: string, what: string): Promise<Readonly<Record<string, unknown>>> {
  const url = `${prometheusUrl}${path}`;
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    body = await response.json().catch(() => undefined);
  } catch (error) {
    throw new ApiError(`cannot read ${what} at ${url} (${networkProblem(error)}). Is Prometheus running? Set --prometheus-url or PROMETHEUS_URL.`);
  }
  if (!response.ok) throw new ApiError(`GET ${url} answered ${response.status}`);
  if (!isObject(body) || body.status !== 'success' || !isObject(body.data)) throw new ApiError(`GET ${url} answered with an unexpected body`);
  return body.data;
}

function alert(fields: Readonly<Record<string, unknown>>): Alert {
  const labels = strings(fields.labels);
  return {
    name: labels.alertname ?? '',
    state: text(fields.state),
    activeAt: text(fields.activeAt),
    value: text(fields.value),
    labels,
    annotations: strings(fields.annotations),
  };
}

function list(value: unknown): readonly Readonly<Record<string, unknown>>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function strings(value: unknown): Partial<Record<string, string>> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

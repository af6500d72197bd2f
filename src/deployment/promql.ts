/**
 * PromQL expressions shared by the Prometheus alert rules, the Grafana alert rules and the
 * dashboards, so an error ratio or a utilisation means the same thing on a panel and in the rule
 * that pages. Alerts pass a fixed window (`5m`); panels pass `$__rate_interval` and template
 * variable matchers (`scope`).
 */
import { JOB, METRIC } from '../telemetry/metric-names.js';

/**
 * Filesystem types that hold no user data (memory-backed, container layers, read-only images,
 * kernel views). node-exporter already skips most kernel views; tmpfs and overlay it keeps.
 */
const PSEUDO_FILESYSTEMS = 'tmpfs|ramfs|devtmpfs|overlay|squashfs|erofs|nsfs|autofs|proc|sysfs';

/** Extra label matchers, e.g. `instance=~"$instance"` on a dashboard with that variable. */
export type Scope = readonly string[];

export function selector(metric: string, matchers: readonly string[]): string {
  return `${metric}{${matchers.join(',')}}`;
}

/** A series of the service: `metric{job="bike-api",...}`. */
export function apiSeries(metric: string, matchers: readonly string[] = []): string {
  return selector(metric, [`job="${JOB.api}"`, ...matchers]);
}

/** A series of the host: `metric{job="node-exporter",...}`. */
export function nodeSeries(metric: string, matchers: Scope = []): string {
  return selector(metric, [`job="${JOB.node}"`, ...matchers]);
}

/**
 * A model gauge of the service, one series for all replicas. Every replica exports the newest
 * stored evaluation (src/api/evaluation-sync.ts), so the replicas agree within the sync bound;
 * `max by (job)` turns N identical series into one, so that a panel shows one line and an alert
 * fires once, not once per pod. `by` keeps extra labels (`feature`, `model_version`).
 */
export function modelSeries(metric: string, by: readonly string[] = []): string {
  return `max by (${['job', ...by].join(', ')}) (${apiSeries(metric)})`;
}

function sumBy(labels: readonly string[], expr: string): string {
  return labels.length === 0 ? `sum(${expr})` : `sum by (${labels.join(', ')}) (${expr})`;
}

/** Requests per second, optionally split by labels (`endpoint`, `status_code`...). */
export function requestRate(window: string, by: readonly string[] = []): string {
  return sumBy(by, `rate(${apiSeries(METRIC.requestsTotal)}[${window}])`);
}

/**
 * Share (0..1) of responses whose status starts with `statusClass` ('5' or '4'). 503 is left out
 * of the 5xx: the service answers it only when it sheds load (Retry-After, counted apart by
 * `api_shed_requests_total`) or while it stops, neither of which is the service being broken. The
 * numerator falls back to `0 * total` so that a healthy endpoint shows 0 instead of no series,
 * and the denominator is clamped so that zero traffic gives 0 instead of NaN.
 */
export function errorRatio(statusClass: '4' | '5', window: string, by: readonly string[] = []): string {
  const statuses = statusClass === '5' ? [`status_code=~"5.."`, `status_code!="${SHED_STATUS}"`] : [`status_code=~"4.."`];
  const errors = sumBy(by, `rate(${apiSeries(METRIC.requestsTotal, statuses)}[${window}])`);
  return ratioOfRequests(errors, window, by);
}

/** `part` (a request rate) over all requests, 0 rather than no series or NaN (see errorRatio). */
function ratioOfRequests(part: string, window: string, by: readonly string[]): string {
  const total = requestRate(window, by);
  return `(${part} or ${total} * 0) / clamp_min(${total}, 1e-9)`;
}

/** The status of a shed request: overload, not a failure. */
export const SHED_STATUS = '503';

/** Share (0..1) of the requests refused by load shedding (503 + Retry-After), optionally by label. */
export function shedRatio(window: string, by: readonly string[] = []): string {
  return ratioOfRequests(sumBy(by, `rate(${apiSeries(METRIC.shedRequestsTotal)}[${window}])`), window, by);
}

/** Request duration quantile (seconds), optionally for one route and split by labels. */
export function latencyQuantile(
  quantile: number,
  window: string,
  options: { by?: readonly string[]; endpoint?: string } = {},
): string {
  const matchers = options.endpoint === undefined ? [] : [`endpoint="${options.endpoint}"`];
  const buckets = `rate(${apiSeries(`${METRIC.requestDuration}_bucket`, matchers)}[${window}])`;
  return `histogram_quantile(${quantile}, ${sumBy(['le', ...(options.by ?? [])], buckets)})`;
}

/** Quantile of the live predictions (rentals per hour) served by `/predict`. */
export function predictionQuantile(quantile: number, window: string): string {
  const buckets = `rate(${apiSeries(`${METRIC.predictionRentals}_bucket`)}[${window}])`;
  return `histogram_quantile(${quantile}, ${sumBy(['le'], buckets)})`;
}

/**
 * Share (0..1) of the replicas whose 0/1 live verdict `metric` says drift, among those that have
 * checked. Each replica checks its own share of the traffic (src/api/live/); under an even load
 * balancer these are random samples of the same stream, so their votes can be pooled.
 */
export function replicaShare(metric: string): string {
  return `avg by (job) (${apiSeries(metric)})`;
}

/** Share (0..1) of CPU time not idle, per instance, averaged over all cores. */
export function cpuUtilisation(window: string, scope: Scope = []): string {
  const idle = nodeSeries('node_cpu_seconds_total', ['mode="idle"', ...scope]);
  return `1 - avg by (instance) (rate(${idle}[${window}]))`;
}

/** Share (0..1) of memory in use, from MemAvailable (MemFree would count caches as used). */
export function memoryUtilisation(scope: Scope = []): string {
  const available = nodeSeries('node_memory_MemAvailable_bytes', scope);
  const total = nodeSeries('node_memory_MemTotal_bytes', scope);
  return `1 - ${available} / ${total}`;
}

/** A filesystem series of the host, pseudo filesystems excluded. */
export function filesystemSeries(metric: string, scope: Scope = []): string {
  return nodeSeries(metric, [`fstype!~"${PSEUDO_FILESYSTEMS}"`, ...scope]);
}

/** Share (0..1) of each real filesystem still available to unprivileged users. */
export function filesystemAvailableRatio(scope: Scope = []): string {
  return `${filesystemSeries('node_filesystem_avail_bytes', scope)} / ${filesystemSeries('node_filesystem_size_bytes', scope)}`;
}

/** Keeps only writable filesystems: a full read-only image is not an incident. */
export function writableFilesystems(scope: Scope = []): string {
  return `${filesystemSeries('node_filesystem_readonly', scope)} == 0`;
}

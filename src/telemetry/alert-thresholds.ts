/**
 * Every alert of the stack: name, severity, pending period (`for:`), threshold and the one engine
 * that fires it. This record is the single source read by the Prometheus rules and the
 * Grafana-managed rules (both generated in `src/deployment/`), by the dashboards' threshold lines
 * and colours, and by the service's `/trigger-drift` response (the alerts it expects to fire).
 *
 * Each condition fires from exactly one engine, so nobody is paged twice:
 * - Prometheus: the API, the host and the model-health rules. `make fire-alert` and the live
 *   end-to-end test wait for these in Prometheus's own alert API.
 * - Grafana: the two ML rules the brief asks to see configured in Grafana (RMSE above threshold,
 *   data drift detected), and the live prediction drift, provisioned from files so they survive a
 *   lost volume.
 */
import { JOB } from './metric-names.js';

export type Severity = 'warning' | 'critical';
export type AlertEngine = 'prometheus' | 'grafana';

/** How an alert compares its value with its threshold (PromQL's operators). */
export type Comparison = '>' | '<' | '>=' | '==';

export interface AlertSpec {
  /** `alertname` in Prometheus, rule title in Grafana, and the heading of its runbook. */
  readonly name: string;
  readonly severity: Severity;
  /** Pending period before the alert fires, as a Prometheus duration. */
  readonly for: string;
  readonly engine: AlertEngine;
  /**
   * The scrape job whose metrics the expression reads, carried as the alert's `job` label: while
   * that job's target is down, Alertmanager inhibits the alert (`INHIBITIONS`).
   */
  readonly job: string;
  /** The value the expression compares against, in the unit of the metric. */
  readonly threshold: number;
  /** How the alert's value is compared with the threshold: the alert fires while this holds. */
  readonly comparison: Comparison;
}

/** Whether `value` meets the condition of an alert on one gauge (NaN never does, as in PromQL). */
export function meetsCondition({ comparison, threshold }: AlertSpec, value: number): boolean {
  switch (comparison) {
    case '>':
      return value > threshold;
    case '<':
      return value < threshold;
    case '>=':
      return value >= threshold;
    case '==':
      return value === threshold;
  }
}

/** Window of every `rate()` in the alert expressions. */
export const ALERT_RATE_WINDOW = '5m';

/** Route template whose latency carries the SLO: `/predict` is what users wait on. */
export const LATENCY_SLO_ENDPOINT = '/predict';

/** Evaluation runs are expected weekly (the brief evaluates one week of labelled data at a time). */
const EVALUATION_PERIOD_SECONDS = 7 * 24 * 3600;
/** One day of grace for a late weekly run before the evaluation counts as stale. */
const EVALUATION_GRACE_SECONDS = 24 * 3600;

/**
 * Model gauges change only when an evaluation completes, so a long pending period filters no
 * noise, it only delays the page. One minute lets an evaluation that is immediately corrected
 * (a wrong batch re-run) go by without paging.
 */
const MODEL_ALERT_FOR = '1m';

/**
 * The defaults of live monitoring (LIVE_WINDOW_ROWS, LIVE_WINDOW_SECONDS, LIVE_CHECK_SECONDS,
 * LIVE_MIN_ROWS in src/config.ts), on which the live alerts below are calibrated.
 */
export const LIVE_DEFAULTS = { windowRows: 1_000, windowSeconds: 3_600, checkSeconds: 30, minRows: 200 } as const;

/**
 * Live checks (src/api/live/) run every 30 s over the last 1,000 predictions of each replica. One
 * window can drift by chance (each of the 11 tests is at 5 %), and consecutive checks share most
 * of their rows, so a verdict must outlast the window itself: at 2 requests per second or more per
 * replica, ten minutes replace a whole window, so a drift that holds that long is seen in at least
 * two windows that share no row.
 */
const LIVE_DRIFT_FOR = '10m';

export const ALERTS = {
  /**
   * The highest `up` of the API's replicas: 0 when Prometheus can scrape none of them (with one
   * replica, when it is down), or when no replica is left to scrape.
   */
  apiDown: { name: 'BikeApiDown', severity: 'critical', for: '1m', engine: 'prometheus', threshold: 0, comparison: '==', job: JOB.api },
  /** `up` of one replica, while others still serve: capacity is reduced, nothing is lost yet. */
  apiReplicaDown: { name: 'BikeApiReplicaDown', severity: 'warning', for: '1m', engine: 'prometheus', threshold: 0, comparison: '==', job: JOB.api },
  /**
   * The lowest `evaluation_store_up` of the replicas: 0 when one of them could not read or write
   * the evaluation store. Evaluations are refused (503) there; predictions go on.
   */
  evaluationStoreDown: {
    name: 'EvaluationStoreDown',
    severity: 'critical',
    for: '1m',
    engine: 'prometheus',
    threshold: 0,
    comparison: '==',
    job: JOB.api,
  },
  /** Share of 5xx responses among all responses (0..1). */
  apiErrorRatioHigh: {
    name: 'BikeApiHighErrorRatio',
    severity: 'critical',
    for: '5m',
    engine: 'prometheus',
    job: JOB.api,
    threshold: 0.05,
    comparison: '>',
  },
  /**
   * Share (0..1) of all requests refused by load shedding (503 + Retry-After): more evaluations
   * arrive at once than the service runs. Not an outage (the error ratio leaves 503 out), but a
   * sustained share means callers are being turned away: a warning, after 15 minutes.
   */
  apiLoadShedding: {
    name: 'BikeApiLoadShedding',
    severity: 'warning',
    for: '15m',
    engine: 'prometheus',
    threshold: 0.1,
    comparison: '>',
    job: JOB.api,
  },
  /** P95 of `/predict` duration in seconds: an exact bucket boundary (see buckets.ts; tested). */
  apiLatencyHigh: {
    name: 'BikeApiPredictLatencyHigh',
    severity: 'warning',
    for: '5m',
    engine: 'prometheus',
    job: JOB.api,
    threshold: 0.25,
    comparison: '>',
  },
  /**
   * RMSE in rentals per hour. Calibrated on measured batches (default model, seed 42): the brief's
   * February weeks give 19.6, 20.0 and 37.1, the `/trigger-drift` batch 227. 60 sits 1.6 times
   * above the worst normal week and far below the drifted batch (test/api/evaluate.test.ts).
   */
  modelRmseHigh: {
    name: 'ModelRmseHigh',
    severity: 'warning',
    for: MODEL_ALERT_FOR,
    engine: 'grafana',
    job: JOB.api,
    threshold: 60,
    comparison: '>',
  },
  /** R2 below which the model explains too little of the demand to be trusted. */
  modelR2Low: {
    name: 'ModelR2Degraded',
    severity: 'warning',
    for: MODEL_ALERT_FOR,
    engine: 'prometheus',
    job: JOB.api,
    threshold: 0.5,
    comparison: '<',
  },
  /** `evidently_data_drift_detected_status` equals this value when the dataset drifted. */
  dataDriftDetected: {
    name: 'DataDriftDetected',
    severity: 'warning',
    for: MODEL_ALERT_FOR,
    engine: 'grafana',
    job: JOB.api,
    threshold: 1,
    comparison: '==',
  },
  /** Share (0..1) of the features that drifted, from which the drift is severe. */
  dataDriftSevere: {
    name: 'DataDriftSevere',
    severity: 'critical',
    for: MODEL_ALERT_FOR,
    engine: 'prometheus',
    job: JOB.api,
    threshold: 0.75,
    comparison: '>=',
  },
  /** Seconds without a successful evaluation (while the API has been up that long). */
  evaluationStale: {
    name: 'ModelEvaluationStale',
    severity: 'warning',
    for: '5m',
    engine: 'prometheus',
    job: JOB.api,
    threshold: EVALUATION_PERIOD_SECONDS + EVALUATION_GRACE_SECONDS,
    comparison: '>',
  },
  /**
   * Share (0..1) of the replicas whose last live check detected dataset drift. Under an even load
   * balancer every replica's window is a random sample of the same traffic, so a real drift shows
   * on all of them, while a chance verdict shows on one: half of them is a majority vote.
   */
  liveDataDrift: {
    name: 'LiveDataDrift',
    severity: 'warning',
    for: LIVE_DRIFT_FOR,
    engine: 'prometheus',
    threshold: 0.5,
    comparison: '>=',
    job: JOB.api,
  },
  /** Share (0..1) of the replicas whose last live check found the served predictions drifted. */
  livePredictionDrift: {
    name: 'LivePredictionDrift',
    severity: 'warning',
    for: LIVE_DRIFT_FOR,
    engine: 'grafana',
    threshold: 0.5,
    comparison: '>=',
    job: JOB.api,
  },
  /**
   * Seconds without a completed live check on a replica that served at least LIVE_MIN_ROWS
   * (default 200) predictions meanwhile: enough rows for a check, so checks have stopped (the
   * worker fails, or every check is skipped). Twenty default check intervals.
   */
  liveCheckStale: {
    name: 'LiveDriftCheckStale',
    severity: 'warning',
    for: '5m',
    engine: 'prometheus',
    threshold: 600,
    comparison: '>',
    job: JOB.api,
  },
  /** `up` of node-exporter's scrape target, as for the API. */
  nodeExporterDown: {
    name: 'NodeExporterDown',
    severity: 'warning',
    for: '1m',
    engine: 'prometheus',
    threshold: 0,
    comparison: '==',
    job: JOB.node,
  },
  /** Host CPU busy share (0..1). */
  hostCpuHigh: {
    name: 'HostHighCpuUtilisation',
    severity: 'warning',
    for: '15m',
    engine: 'prometheus',
    job: JOB.node,
    threshold: 0.9,
    comparison: '>',
  },
  /** Host memory in use share (0..1), from MemAvailable. */
  hostMemoryHigh: {
    name: 'HostHighMemoryUtilisation',
    severity: 'warning',
    for: '15m',
    engine: 'prometheus',
    job: JOB.node,
    threshold: 0.9,
    comparison: '>',
  },
  /** Free space share (0..1) below which a filesystem is almost full: warning... */
  filesystemAlmostFullWarning: {
    name: 'HostFilesystemAlmostFull',
    severity: 'warning',
    for: '30m',
    engine: 'prometheus',
    job: JOB.node,
    threshold: 0.05,
    comparison: '<',
  },
  /** ...and critical. Same alert name, so a critical notification supersedes the warning. */
  filesystemAlmostFullCritical: {
    name: 'HostFilesystemAlmostFull',
    severity: 'critical',
    for: '30m',
    engine: 'prometheus',
    job: JOB.node,
    threshold: 0.03,
    comparison: '<',
  },
  /** Free space share (0..1) under which a linear fill trend is worth a warning. */
  filesystemFillingUp: {
    name: 'HostFilesystemFillingUp',
    severity: 'warning',
    for: '1h',
    engine: 'prometheus',
    job: JOB.node,
    threshold: 0.4,
    comparison: '<',
  },
} as const satisfies Record<string, AlertSpec>;

/** Trend window and horizon of `HostFilesystemFillingUp`: 6h of history predicts the next 24h. */
export const FILESYSTEM_FILL_TREND = { window: '6h', horizonSeconds: 24 * 3600 } as const;


/**
 * How long a model alert keeps the last verdict of its gauge once the gauge is no longer scraped
 * (bike-api down or restarting). A model is not repaired by its API going away: without this
 * memory the model alerts would resolve at the first failed scrape and page again on recovery.
 * 15 minutes outlasts `BikeApiDown`'s pending period and Alertmanager's group wait, so the API
 * outage is announced while the model alerts are still active, and inhibits them.
 */
export const MODEL_VERDICT_MEMORY = '15m';

/**
 * A cause and the symptoms it explains: while `source` fires, Alertmanager holds back the
 * notifications of `targets` that share the `equal` labels. Generated into the `inhibit_rules`
 * of deployment/alertmanager/alertmanager.yml.
 */
export interface Inhibition {
  readonly source: AlertSpec;
  readonly targets: readonly AlertSpec[];
  /** Labels that must have the same value in the cause and the symptom. */
  readonly equal: readonly string[];
  /** Why the source explains the targets (a comment in the generated file). */
  readonly reason: string;
}

const CATALOGUE: readonly AlertSpec[] = Object.values(ALERTS);

/** A scrape target down explains every other alert that reads the metrics of its job. */
function targetDownInhibits(down: AlertSpec): Inhibition {
  return {
    source: down,
    targets: CATALOGUE.filter((alert) => alert.job === down.job && alert !== down),
    equal: ['job'],
    reason: `${down.job} is not scraped: alerts on its metrics describe the outage, not a new problem`,
  };
}

export const INHIBITIONS: readonly Inhibition[] = [
  targetDownInhibits(ALERTS.apiDown),
  targetDownInhibits(ALERTS.nodeExporterDown),
  {
    source: ALERTS.dataDriftSevere,
    targets: [ALERTS.dataDriftDetected],
    equal: ['job'],
    reason: 'a severe drift is also a detected drift: one notification, at the higher severity',
  },
  {
    source: ALERTS.filesystemAlmostFullCritical,
    targets: [ALERTS.filesystemAlmostFullWarning, ALERTS.filesystemFillingUp],
    equal: ['instance', 'mountpoint'],
    reason: 'an almost full filesystem is also nearly full and filling up: the critical alert says it all',
  },
];

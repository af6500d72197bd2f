/**
 * Every Prometheus metric the service exports, by name. This module is the contract between
 * the service (which declares the metrics), the Prometheus rules, the Grafana dashboards and
 * alerts, and their tests: a metric is renamed here or nowhere.
 *
 * Names marked "brief" are required by the exam brief and must not change.
 */
export const METRIC = {
  /** brief. Counter{endpoint, method, status_code}: every request except GET /metrics. */
  requestsTotal: 'api_requests_total',
  /** brief. Histogram{endpoint, method, status_code}: request duration in seconds. */
  requestDuration: 'api_request_duration_seconds',
  /**
   * Counter{endpoint}: requests refused with 503 + Retry-After because the service was at its
   * limit (load shedding). Also in `api_requests_total` as 503, which the error ratio leaves out.
   */
  shedRequestsTotal: 'api_shed_requests_total',

  /** Gauge = 1{model_version, train_start, train_end, n_estimators}: the model being served. */
  modelInfo: 'model_info',
  /** Counter: predictions served by POST /predict. */
  predictionsTotal: 'model_predictions_total',
  /** Histogram: predicted hourly rentals served by POST /predict (live output distribution). */
  predictionRentals: 'model_prediction_rentals',

  /** brief. Gauge: RMSE of the last evaluation (rentals). */
  rmse: 'model_rmse_score',
  /** brief. Gauge: MAE of the last evaluation (rentals). */
  mae: 'model_mae_score',
  /** brief. Gauge: R2 of the last evaluation. */
  r2: 'model_r2_score',
  /** Gauge: MAPE of the last evaluation, in percent (Evidently's definition). */
  mape: 'model_mape_score',
  /** brief (suggested). Gauge 0/1: dataset drift detected in the last evaluation. */
  driftDetected: 'evidently_data_drift_detected_status',
  /** Gauge: share (0..1) of the 11 features that drifted in the last evaluation. */
  driftedColumnsRatio: 'evidently_drifted_columns_ratio',
  /** Gauge: number of the 11 features that drifted in the last evaluation (no `_count` suffix: that is a histogram's). */
  driftedColumns: 'evidently_drifted_columns',
  /** Gauge{feature}: drift score of each feature (p-value or distance, see the test). */
  featureDriftScore: 'evidently_feature_drift_score',
  /** Gauge{feature} 0/1: drift verdict of each feature. */
  featureDriftDetected: 'evidently_feature_drift_detected',
  /** Gauge: drift score of the target (cnt) against the reference. */
  targetDriftScore: 'evidently_target_drift_score',
  /** Gauge 0/1: drift verdict of the target (cnt). */
  targetDriftDetected: 'evidently_target_drift_detected',
  /** Gauge: drift score of the model's predictions against the reference predictions. */
  predictionDriftScore: 'evidently_prediction_drift_score',
  /** Gauge 0/1: drift verdict of the model's predictions. */
  predictionDriftDetected: 'evidently_prediction_drift_detected',
  /** Gauge: Unix time (seconds) of the last successful evaluation. */
  lastEvaluationTimestamp: 'model_last_evaluation_timestamp_seconds',
  /** Gauge: rows in the last successful evaluation. */
  evaluationRows: 'model_evaluation_rows',
  /** Counter{outcome}: evaluations by outcome (drift, no_drift, invalid, error). */
  evaluationsTotal: 'model_evaluations_total',
  /** Gauge 0/1: whether the last use of the evaluation store (a read or a write) succeeded. */
  storeUp: 'evaluation_store_up',

  // Live monitoring (src/api/live/): the label-free check of the predictions this replica served
  // lately. Each replica checks its own window; dashboards and alerts aggregate across instances.
  /** Gauge{feature}: drift score of each feature in the last live check. */
  liveFeatureDriftScore: 'live_feature_drift_score',
  /** Gauge{feature} 0/1: drift verdict of each feature in the last live check. */
  liveFeatureDriftDetected: 'live_feature_drift_detected',
  /** Gauge: share (0..1) of the 11 features that drifted in the last live check. */
  liveDriftedColumnsRatio: 'live_drifted_columns_ratio',
  /** Gauge 0/1: dataset drift in the last live check (drifted share >= drift share). */
  liveDriftDetected: 'live_data_drift_detected_status',
  /** Gauge: drift score of the served predictions against the reference predictions. */
  livePredictionDriftScore: 'live_prediction_drift_score',
  /** Gauge 0/1: drift verdict of the served predictions. */
  livePredictionDriftDetected: 'live_prediction_drift_detected',
  /** Gauge: rows (served predictions) in the window of the last live check. */
  liveWindowRows: 'live_window_rows',
  /** Gauge: rows the live window holds at most (LIVE_WINDOW_ROWS); set at start when enabled. */
  liveWindowCapacity: 'live_window_capacity_rows',
  /** Gauge: Unix time (seconds) of the last completed live check. */
  liveLastCheckTimestamp: 'live_last_check_timestamp_seconds',
  /** Counter{outcome}: live checks by outcome (ok, skipped, error); absent when live monitoring is off. */
  liveChecksTotal: 'live_checks_total',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** prom-client's default process metrics, exported by the service beside its own (METRIC). */
export const PROCESS_METRIC = {
  startTime: 'process_start_time_seconds',
  cpuSeconds: 'process_cpu_seconds_total',
  residentMemory: 'process_resident_memory_bytes',
  eventLoopLag: 'nodejs_eventloop_lag_seconds',
  eventLoopLagP99: 'nodejs_eventloop_lag_p99_seconds',
  eventLoopLagMax: 'nodejs_eventloop_lag_max_seconds',
  heapUsed: 'nodejs_heap_size_used_bytes',
  heapTotal: 'nodejs_heap_size_total_bytes',
  heapSpaceTotal: 'nodejs_heap_space_size_total_bytes',
} as const;

/** Scrape job names, as declared in `deployment/prometheus/prometheus.yml` (checked by a test). */
export const JOB = { api: 'bike-api', node: 'node-exporter', prometheus: 'prometheus' } as const;

/** Label value of `endpoint` for requests that matched no route, so probes create no series. */
export const UNMATCHED_ENDPOINT = 'unmatched';

/** Outcomes counted by `model_evaluations_total`. */
export const EVALUATION_OUTCOMES = ['drift', 'no_drift', 'invalid', 'error'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

/**
 * Outcomes counted by `live_checks_total`: ok (gauges updated), skipped (the previous check was
 * still running when this one was due), error (the check failed; the gauges keep the last result).
 */
export const LIVE_CHECK_OUTCOMES = ['ok', 'skipped', 'error'] as const;
export type LiveCheckOutcome = (typeof LIVE_CHECK_OUTCOMES)[number];

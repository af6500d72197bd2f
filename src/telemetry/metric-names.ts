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
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** prom-client's default process metrics, exported by the service beside its own (METRIC). */
export const PROCESS_METRIC = {
  startTime: 'process_start_time_seconds',
  cpuSeconds: 'process_cpu_seconds_total',
  residentMemory: 'process_resident_memory_bytes',
  eventLoopLag: 'nodejs_eventloop_lag_seconds',
  eventLoopLagP99: 'nodejs_eventloop_lag_p99_seconds',
  heapUsed: 'nodejs_heap_size_used_bytes',
  heapTotal: 'nodejs_heap_size_total_bytes',
} as const;

/** Scrape job names, as declared in `deployment/prometheus/prometheus.yml` (checked by a test). */
export const JOB = { api: 'bike-api', node: 'node-exporter', prometheus: 'prometheus' } as const;

/** Label value of `endpoint` for requests that matched no route, so probes create no series. */
export const UNMATCHED_ENDPOINT = 'unmatched';

/** Outcomes counted by `model_evaluations_total`. */
export const EVALUATION_OUTCOMES = ['drift', 'no_drift', 'invalid', 'error'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

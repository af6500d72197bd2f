/**
 * Every metric the service exports, declared once on the service's own registry (names from
 * src/telemetry/metric-names.ts). The rest of the code calls the small `record*` functions.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ModelMetadata } from '../model/metadata.js';
import type { ReportColumnDrift, ReportNumber } from '../monitoring/index.js';
import { REQUEST_DURATION_BUCKETS_SECONDS } from '../telemetry/buckets.js';
import { EVALUATION_OUTCOMES, type EvaluationOutcome, METRIC } from '../telemetry/metric-names.js';
import type { Evaluation } from './evaluation/evaluator.js';

/** Predicted hourly rentals: the dataset's hours range from 1 to 977 rentals. */
const PREDICTION_BUCKETS = [5, 10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 650, 800, 1000];

export interface ServiceMetrics {
  readonly registry: Registry;
  /** One answered request; `endpoint` is the route template. */
  recordRequest(endpoint: string, method: string, statusCode: number, seconds: number): void;
  /** One prediction served by POST /predict. */
  recordPrediction(predictedCount: number): void;
  /** A completed evaluation: every model and drift gauge takes its values, and it is counted. */
  recordEvaluation(evaluation: Evaluation): void;
  /** An evaluation made before a restart (last-evaluation.ts): shown again, not counted again. */
  restoreEvaluation(evaluation: Evaluation): void;
  /** An evaluation request that was rejected (4xx) or failed (5xx); the gauges keep the last result. */
  recordEvaluationFailure(outcome: Extract<EvaluationOutcome, 'invalid' | 'error'>): void;
  /** Whether the last use of the evaluation store succeeded. */
  recordStoreUp(up: boolean): void;
}

export function createServiceMetrics(model: ModelMetadata): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client exports these three gauges with a counter's `_total` suffix, which promtool flags
  // as misnamed; the dashboards do not use them, so they are not exported.
  for (const misnamed of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(misnamed);
  }

  const requestLabels = ['endpoint', 'method', 'status_code'] as const;
  const requests = new Counter({
    name: METRIC.requestsTotal,
    help: 'HTTP requests answered, by route template, method and status code (GET /metrics excluded).',
    labelNames: requestLabels,
    registers: [registry],
  });
  const durations = new Histogram({
    name: METRIC.requestDuration,
    help: 'Time to answer an HTTP request, in seconds, by route template, method and status code.',
    labelNames: requestLabels,
    buckets: [...REQUEST_DURATION_BUCKETS_SECONDS],
    registers: [registry],
  });
  const info = new Gauge({
    name: METRIC.modelInfo,
    help: 'The model being served (always 1): version, training window and number of trees as labels.',
    labelNames: ['model_version', 'train_start', 'train_end', 'n_estimators'] as const,
    registers: [registry],
  });
  info.set(
    {
      model_version: model.modelVersion,
      train_start: model.trainingWindow.start,
      train_end: model.trainingWindow.end,
      n_estimators: String(model.hyperParameters.nEstimators),
    },
    1,
  );
  const predictions = new Counter({
    name: METRIC.predictionsTotal,
    help: 'Predictions served by POST /predict.',
    registers: [registry],
  });
  const predicted = new Histogram({
    name: METRIC.predictionRentals,
    help: 'Predicted hourly rentals served by POST /predict (the live output distribution).',
    buckets: PREDICTION_BUCKETS,
    registers: [registry],
  });

  const evaluation = createEvaluationMetrics(registry);
  const storeUp = new Gauge({
    name: METRIC.storeUp,
    help: '1 when the last read or write of the evaluation store succeeded, else 0 (no sample without a store).',
    registers: [registry],
  });
  storeUp.remove();

  // The labelled children, looked up once per label set (bounded: routes × methods × statuses).
  type Children = { readonly count: ReturnType<typeof requests.labels>; readonly duration: ReturnType<typeof durations.labels> };
  const children = new Map<string, Children>();
  const childrenOf = (endpoint: string, method: string, statusCode: number): Children => {
    const key = `${endpoint} ${method} ${statusCode}`;
    let found = children.get(key);
    if (!found) {
      const labels = { endpoint, method, status_code: String(statusCode) };
      found = { count: requests.labels(labels), duration: durations.labels(labels) };
      children.set(key, found);
    }
    return found;
  };

  return {
    registry,
    recordEvaluation: evaluation.record,
    restoreEvaluation: evaluation.show,
    recordEvaluationFailure: evaluation.recordFailure,
    recordStoreUp(up) {
      storeUp.set(up ? 1 : 0);
    },
    recordRequest(endpoint, method, statusCode, seconds) {
      const { count, duration } = childrenOf(endpoint, method, statusCode);
      count.inc();
      duration.observe(seconds);
    },
    recordPrediction(predictedCount) {
      predictions.inc();
      predicted.observe(predictedCount);
    },
  };
}

/**
 * The gauges of the last evaluation. They have no sample until the first evaluation (so that,
 * for instance, "R2 < 0.5" cannot fire at boot), then all take the new values in one synchronous
 * call: a scrape, which reads every metric within one turn of the event loop, never mixes two
 * evaluations. Scores that are undefined for a batch are exported as NaN.
 */
function createEvaluationMetrics(registry: Registry) {
  const gauge = (name: string, help: string) => {
    const metric = new Gauge({ name, help, registers: [registry] });
    metric.remove(); // An unlabelled gauge starts at 0; removing its series leaves it empty.
    return metric;
  };
  const featureGauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ['feature'] as const, registers: [registry] });

  const rmse = gauge(METRIC.rmse, 'RMSE of the last evaluation, in rentals per hour.');
  const mae = gauge(METRIC.mae, 'MAE of the last evaluation, in rentals per hour.');
  const r2 = gauge(METRIC.r2, 'R2 (coefficient of determination) of the last evaluation.');
  const mape = gauge(METRIC.mape, 'MAPE of the last evaluation, in percent (Evidently definition).');
  const driftDetected = gauge(METRIC.driftDetected, '1 when the last evaluation detected dataset drift (drifted feature share >= drift share), else 0.');
  const driftedRatio = gauge(METRIC.driftedColumnsRatio, 'Share (0..1) of the 11 features that drifted in the last evaluation.');
  const driftedCount = gauge(METRIC.driftedColumns, 'Number of the 11 features that drifted in the last evaluation.');
  const featureScore = featureGauge(METRIC.featureDriftScore, "Drift score of each feature in the last evaluation (p-value or distance, per Evidently's test).");
  const featureDrifted = featureGauge(METRIC.featureDriftDetected, '1 when the feature drifted in the last evaluation, else 0.');
  const targetScore = gauge(METRIC.targetDriftScore, 'Drift score of the target (cnt) against the reference in the last evaluation.');
  const targetDrifted = gauge(METRIC.targetDriftDetected, '1 when the target (cnt) drifted in the last evaluation, else 0.');
  const predictionScore = gauge(METRIC.predictionDriftScore, "Drift score of the model's predictions against the reference predictions in the last evaluation.");
  const predictionDrifted = gauge(METRIC.predictionDriftDetected, "1 when the model's predictions drifted in the last evaluation, else 0.");
  const timestamp = gauge(METRIC.lastEvaluationTimestamp, 'Unix time, in seconds, of the last successful evaluation.');
  const rows = gauge(METRIC.evaluationRows, 'Rows (hours) in the last successful evaluation.');
  const outcomes = new Counter({
    name: METRIC.evaluationsTotal,
    help: 'Evaluations requested, by outcome: drift, no_drift, invalid (4xx), error (5xx).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of EVALUATION_OUTCOMES) outcomes.inc({ outcome }, 0);

  const value = (number: ReportNumber): number => number ?? Number.NaN;
  const setColumn = (score: Gauge, drifted: Gauge, column: ReportColumnDrift) => {
    score.set(value(column.score));
    drifted.set(column.drifted ? 1 : 0);
  };

  const show = ({ evaluatedAt, evaluatedItems, report }: Evaluation): void => {
    const { regression, featureDrift } = report;
    rmse.set(value(regression.rmse));
    mae.set(value(regression.mae.mean));
    r2.set(value(regression.r2));
    mape.set(value(regression.mape.mean));
    driftDetected.set(featureDrift.datasetDrift ? 1 : 0);
    driftedRatio.set(featureDrift.share);
    driftedCount.set(featureDrift.driftedCount);
    // One series per feature of the report schema: a bounded label set.
    for (const column of featureDrift.columns) {
      featureScore.set({ feature: column.column }, value(column.score));
      featureDrifted.set({ feature: column.column }, column.drifted ? 1 : 0);
    }
    setColumn(targetScore, targetDrifted, report.targetDrift);
    setColumn(predictionScore, predictionDrifted, report.predictionDrift);
    timestamp.set(evaluatedAt);
    rows.set(evaluatedItems);
  };

  return {
    show,
    record: (evaluation: Evaluation): void => {
      show(evaluation);
      outcomes.inc({ outcome: evaluation.report.featureDrift.datasetDrift ? 'drift' : 'no_drift' });
    },
    recordFailure: (outcome: 'invalid' | 'error'): void => {
      outcomes.inc({ outcome });
    },
  };
}

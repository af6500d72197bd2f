/**
 * Every metric the service exports, declared once on the service's own registry (names from
 * src/telemetry/metric-names.ts). The rest of the code calls the small `record*` functions.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ModelMetadata } from '../model/metadata.js';
import type { LabelFreeReport, ReportColumnDrift, ReportNumber } from '../monitoring/index.js';
import { REQUEST_DURATION_BUCKETS_SECONDS } from '../telemetry/buckets.js';
import { EVALUATION_OUTCOMES, type EvaluationOutcome, LIVE_CHECK_OUTCOMES, type LiveCheckOutcome, METRIC } from '../telemetry/metric-names.js';
import type { EvaluationFacts } from './evaluation/evaluator.js';
import { BatchedObservations } from './batched-observations.js';
import { collectProcessMetrics } from './process-metrics.js';

/** Predicted hourly rentals: the dataset's hours range from 1 to 977 rentals. */
const PREDICTION_BUCKETS = [5, 10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 650, 800, 1000];

/** One answered request of a route (on every request's path: its series is found without building a key). */
export type RequestRecorder = (method: string, statusCode: number, seconds: number) => void;

export interface ServiceMetrics {
  readonly registry: Registry;
  /** The recorder of the requests one route answers; `endpoint` is its route template. */
  requestRecorder(endpoint: string): RequestRecorder;
  /** One request refused with 503 because the service was at its limit (load shedding). */
  recordShedRequest(endpoint: string): void;
  /** One prediction served by POST /predict. */
  recordPrediction(predictedCount: number): void;
  /** A completed evaluation: every model and drift gauge takes its values, and it is counted. */
  recordEvaluation(evaluation: EvaluationFacts): void;
  /** An evaluation made before a restart (last-evaluation.ts): shown again, not counted again. */
  restoreEvaluation(evaluation: EvaluationFacts): void;
  /** An evaluation request that was rejected (4xx) or failed (5xx); the gauges keep the last result. */
  recordEvaluationFailure(outcome: Extract<EvaluationOutcome, 'invalid' | 'error'>): void;
  /** Whether the last use of the evaluation store succeeded. */
  recordStoreUp(up: boolean): void;
}

/** The series of one route, method and status code. */
interface RequestSeries {
  readonly labels: Readonly<Record<'endpoint' | 'method' | 'status_code', string>>;
  /** Handed to the histogram when it is read (batched-observations.ts). */
  readonly duration: BatchedObservations;
  /** Requests answered since the counter was last read. */
  uncounted: number;
}

export function createServiceMetrics(model: ModelMetadata): ServiceMetrics {
  const registry = new Registry();
  collectProcessMetrics(registry);

  const requestLabels = ['endpoint', 'method', 'status_code'] as const;
  // Each series' requests are counted in a plain number and added to the counter when it is read
  // (prom-client builds a key from the labels at every increment, even on a labelled child).
  const series: RequestSeries[] = [];
  new Counter({
    name: METRIC.requestsTotal,
    help: 'HTTP requests answered, by route template, method and status code (GET /metrics excluded).',
    labelNames: requestLabels,
    registers: [registry],
    collect() {
      for (const one of series) {
        if (one.uncounted === 0) continue;
        this.inc(one.labels, one.uncounted);
        one.uncounted = 0;
      }
    },
  });
  const durations = new Histogram({
    name: METRIC.requestDuration,
    help: 'Time to answer an HTTP request, in seconds, by route template, method and status code.',
    labelNames: requestLabels,
    buckets: [...REQUEST_DURATION_BUCKETS_SECONDS],
    registers: [registry],
    collect() {
      for (const one of series) one.duration.flush();
    },
  });
  const shed = new Counter({
    name: METRIC.shedRequestsTotal,
    help: 'Requests refused with 503 and Retry-After because the service was at its limit (load shedding), by route template.',
    labelNames: ['endpoint'] as const,
    registers: [registry],
  });
  // A series from the start, so that rate() sees the first refusal of the route that sheds.
  shed.inc({ endpoint: '/evaluate' }, 0);
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
    collect() {
      pendingPredicted.flush();
    },
  });
  const pendingPredicted = new BatchedObservations((count) => {
    predicted.observe(count);
  });

  const evaluation = createEvaluationMetrics(registry);
  const storeUp = new Gauge({
    name: METRIC.storeUp,
    help: '1 when the last read or write of the evaluation store succeeded, else 0 (no sample without a store).',
    registers: [registry],
  });
  storeUp.remove();

  const requestRecorder = (endpoint: string): RequestRecorder => {
    // This route's series by method, then status code: made once each (bounded: methods × statuses).
    const byMethod = new Map<string, Map<number, RequestSeries>>();
    const seriesOf = (method: string, statusCode: number): RequestSeries => {
      let byStatus = byMethod.get(method);
      if (!byStatus) byMethod.set(method, (byStatus = new Map<number, RequestSeries>()));
      let found = byStatus.get(statusCode);
      if (!found) {
        const labels = { endpoint, method, status_code: String(statusCode) };
        const duration = durations.labels(labels);
        const batched = new BatchedObservations((seconds) => {
          duration.observe(seconds);
        });
        found = { labels, duration: batched, uncounted: 0 };
        byStatus.set(statusCode, found);
        series.push(found);
      }
      return found;
    };
    return (method, statusCode, seconds) => {
      const found = seriesOf(method, statusCode);
      found.uncounted++;
      found.duration.observe(seconds);
    };
  };

  return {
    registry,
    recordEvaluation: evaluation.record,
    restoreEvaluation: evaluation.show,
    recordEvaluationFailure: evaluation.recordFailure,
    recordStoreUp(up) {
      storeUp.set(up ? 1 : 0);
    },
    requestRecorder,
    recordShedRequest(endpoint) {
      shed.inc({ endpoint });
    },
    recordPrediction(predictedCount) {
      predictions.inc();
      pendingPredicted.observe(predictedCount);
    },
  };
}

/**
 * The gauges of the last evaluation. They have no sample until the first evaluation (so that,
 * for instance, "R2 < 0.5" cannot fire at boot), then all take the new values in one synchronous
 * call: a scrape, which reads every metric within one turn of the event loop, never mixes two
 * evaluations. A score that is undefined for a batch (R2 of a constant target) has no sample rather
 * than NaN: any comparison with NaN is false, so a NaN gauge would silently disable its alert.
 */
function createEvaluationMetrics(registry: Registry) {
  const gauge = emptyGauge(registry);
  const featureGauge = featureGaugeOf(registry);

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
  const outcomes = outcomeCounter(registry, METRIC.evaluationsTotal, 'Evaluations requested, by outcome: drift, no_drift, invalid (4xx), error (5xx).', EVALUATION_OUTCOMES);

  const show = ({ evaluatedAt, evaluatedItems, report }: EvaluationFacts): void => {
    const { regression, featureDrift } = report;
    setNumber(rmse, regression.rmse);
    setNumber(mae, regression.mae.mean);
    setNumber(r2, regression.r2);
    setNumber(mape, regression.mape.mean);
    driftDetected.set(featureDrift.datasetDrift ? 1 : 0);
    driftedRatio.set(featureDrift.share);
    driftedCount.set(featureDrift.driftedCount);
    setFeatures(featureScore, featureDrifted, featureDrift.columns);
    setColumn(targetScore, targetDrifted, report.targetDrift);
    setColumn(predictionScore, predictionDrifted, report.predictionDrift);
    timestamp.set(evaluatedAt);
    rows.set(evaluatedItems);
  };

  return {
    show,
    record: (evaluation: EvaluationFacts): void => {
      show(evaluation);
      outcomes.inc({ outcome: evaluation.report.featureDrift.datasetDrift ? 'drift' : 'no_drift' });
    },
    recordFailure: (outcome: 'invalid' | 'error'): void => {
      outcomes.inc({ outcome });
    },
  };
}

/** An unlabelled gauge without sample until it is first set (a new one starts at 0). */
function emptyGauge(registry: Registry) {
  return (name: string, help: string): Gauge => {
    const metric = new Gauge({ name, help, registers: [registry] });
    metric.remove();
    return metric;
  };
}

function featureGaugeOf(registry: Registry) {
  return (name: string, help: string) => new Gauge({ name, help, labelNames: ['feature'] as const, registers: [registry] });
}

/** A counter by outcome, every outcome at 0 from the start (so that rate() sees the first one). */
function outcomeCounter(registry: Registry, name: string, help: string, outcomes: readonly string[]): Counter<'outcome'> {
  const counter = new Counter({ name, help, labelNames: ['outcome'] as const, registers: [registry] });
  for (const outcome of outcomes) counter.inc({ outcome }, 0);
  return counter;
}

/** Sets the series, or removes it when the number is undefined (null or non-finite): never NaN. */
function setNumber<L extends string>(metric: Gauge<L>, number: ReportNumber, labels: Partial<Record<L, string>> = {}): void {
  if (number !== null && Number.isFinite(number)) metric.set(labels, number);
  else metric.remove(labels);
}

function setColumn(score: Gauge, drifted: Gauge, column: ReportColumnDrift): void {
  setNumber(score, column.score);
  drifted.set(column.drifted ? 1 : 0);
}

/** One series per feature of the report schema: a bounded label set. */
function setFeatures(score: Gauge<'feature'>, drifted: Gauge<'feature'>, columns: readonly ReportColumnDrift[]): void {
  for (const column of columns) {
    setNumber(score, column.score, { feature: column.column });
    drifted.set({ feature: column.column }, column.drifted ? 1 : 0);
  }
}

export interface LiveMetrics {
  /** A completed live check: every live gauge takes its values, and it is counted as ok. */
  recordCheck(report: LabelFreeReport, rows: number, checkedAt: number): void;
  /** A check that was skipped (the previous one still ran) or failed; the gauges keep the last result. */
  recordCheckFailure(outcome: Exclude<LiveCheckOutcome, 'ok'>): void;
}

/**
 * The gauges of the last live check (src/api/live/), declared only when live monitoring is on.
 * Like the evaluation gauges they have no sample until the first check, then all take the new
 * values in one synchronous call, so a scrape never mixes two checks.
 */
export function createLiveMetrics(registry: Registry, windowCapacity: number): LiveMetrics {
  const gauge = emptyGauge(registry);
  const featureGauge = featureGaugeOf(registry);
  const featureScore = featureGauge(METRIC.liveFeatureDriftScore, "Drift score of each feature in the last live check of this replica's served inputs (p-value or distance, per Evidently's test).");
  const featureDrifted = featureGauge(METRIC.liveFeatureDriftDetected, '1 when the feature drifted in the last live check, else 0.');
  const driftedRatio = gauge(METRIC.liveDriftedColumnsRatio, 'Share (0..1) of the 11 features that drifted in the last live check.');
  const driftDetected = gauge(METRIC.liveDriftDetected, '1 when the last live check detected dataset drift (drifted feature share >= drift share), else 0.');
  const predictionScore = gauge(METRIC.livePredictionDriftScore, 'Drift score of the served predictions against the reference predictions in the last live check.');
  const predictionDrifted = gauge(METRIC.livePredictionDriftDetected, '1 when the served predictions drifted in the last live check, else 0.');
  const rows = gauge(METRIC.liveWindowRows, 'Rows (served predictions) in the window of the last live check.');
  const timestamp = gauge(METRIC.liveLastCheckTimestamp, 'Unix time, in seconds, of the last completed live check.');
  const capacity = new Gauge({ name: METRIC.liveWindowCapacity, help: 'Rows the live window holds at most (LIVE_WINDOW_ROWS).', registers: [registry] });
  capacity.set(windowCapacity);
  const outcomes = outcomeCounter(registry, METRIC.liveChecksTotal, 'Live drift checks due, by outcome: ok, skipped (the previous check still ran), error.', LIVE_CHECK_OUTCOMES);

  return {
    recordCheck(report, windowRows, checkedAt) {
      setFeatures(featureScore, featureDrifted, report.featureDrift.columns);
      driftedRatio.set(report.featureDrift.share);
      driftDetected.set(report.featureDrift.datasetDrift ? 1 : 0);
      setColumn(predictionScore, predictionDrifted, report.predictionDrift);
      rows.set(windowRows);
      timestamp.set(checkedAt);
      outcomes.inc({ outcome: 'ok' });
    },
    recordCheckFailure(outcome) {
      outcomes.inc({ outcome });
    },
  };
}

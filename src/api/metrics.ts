/**
 * Every metric the service exports, declared once on the service's own registry (names from
 * src/telemetry/metric-names.ts). The rest of the code calls the small `record*` functions.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ModelMetadata } from '../model/artefact.js';
import { REQUEST_DURATION_BUCKETS_SECONDS } from '../telemetry/buckets.js';
import { METRIC } from '../telemetry/metric-names.js';

/** Predicted hourly rentals: the dataset's hours range from 1 to 977 rentals. */
const PREDICTION_BUCKETS = [5, 10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 650, 800, 1000];

export interface ServiceMetrics {
  readonly registry: Registry;
  /** One answered request; `endpoint` is the route template. */
  recordRequest(endpoint: string, method: string, statusCode: number, seconds: number): void;
  /** One prediction served by POST /predict. */
  recordPrediction(predictedCount: number): void;
}

export function createServiceMetrics(model: ModelMetadata): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

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

  return {
    registry,
    recordRequest(endpoint, method, statusCode, seconds) {
      const labels = { endpoint, method, status_code: String(statusCode) };
      requests.inc(labels);
      durations.observe(labels, seconds);
    },
    recordPrediction(predictedCount) {
      predictions.inc();
      predicted.observe(predictedCount);
    },
  };
}

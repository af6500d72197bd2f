/**
 * bike-api assembled from its configuration and its model: metrics, the evaluation workers, the
 * last evaluation shown again, /trigger-drift when enabled, and the HTTP app. The entry point
 * (server.ts) and the tests build the service here, so they serve the same thing.
 */
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { BikeDataset } from '../model/dataset.js';
import type { BikeDemandModel } from '../model/model.js';
import type { ReferenceData } from '../model/training.js';
import { type App, buildApp } from './app.js';
import { driftedBatch } from './evaluation/drift-incident.js';
import { LAST_EVALUATION_FILE, LastEvaluationStore } from './evaluation/last-evaluation.js';
import { EvaluationService } from './evaluation/service.js';
import { createServiceMetrics } from './metrics.js';

export type ServiceConfig = Pick<Config, 'modelPath' | 'evaluateMaxRows' | 'triggerDriftEnabled'>;

export interface ServiceParts {
  readonly dataset: BikeDataset;
  readonly model: BikeDemandModel;
  /** The model's predictions on its training window: the drift reference. */
  readonly reference: ReferenceData;
  /** Structured logger; none in tests. */
  readonly logger?: Logger | undefined;
}

export async function createService(config: ServiceConfig, { dataset, model, reference, logger }: ServiceParts): Promise<App> {
  const metrics = createServiceMetrics(model.metadata);
  // Kept beside the model artefact (the model volume in Docker).
  const lastEvaluation = new LastEvaluationStore(join(dirname(config.modelPath), LAST_EVALUATION_FILE), model.version);
  const restored = await lastEvaluation.load();
  if ('evaluation' in restored) {
    metrics.restoreEvaluation(restored.evaluation);
    const { periodName, evaluatedAt } = restored.evaluation;
    logger?.info({ period: periodName, evaluatedAt: new Date(evaluatedAt * 1000).toISOString() }, 'last evaluation restored');
  } else {
    logger?.info({ reason: restored.skipped }, 'no last evaluation to restore');
  }
  return buildApp({
    model,
    evaluations: new EvaluationService(model, reference),
    metrics,
    lastEvaluation,
    evaluateMaxRows: config.evaluateMaxRows,
    triggerDriftBatch: config.triggerDriftEnabled ? driftedBatch(dataset) : undefined,
    logger,
  });
}

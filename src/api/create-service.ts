/**
 * bike-api assembled from its configuration and its model: metrics, the evaluation workers, the
 * evaluation store (whose newest evaluation the gauges show), /trigger-drift when enabled, and
 * the HTTP app. The entry point (server.ts) and the tests build the service here, so they serve
 * the same thing.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { BikeDataset } from '../model/dataset.js';
import type { BikeDemandModel } from '../model/model.js';
import type { ReferenceData } from '../model/training.js';
import { type App, buildApp } from './app.js';
import { driftedBatch } from './evaluation/drift-incident.js';
import { EvaluationService } from './evaluation/service.js';
import { createServiceMetrics } from './metrics.js';
import type { EvaluationStore } from './store/evaluation-store.js';
import { openEvaluationStore } from './store/open-store.js';

export type ServiceConfig = Pick<Config, 'evaluateMaxRows' | 'triggerDriftEnabled' | 'database' | 'evaluationHistoryLimit' | 'evaluationSyncSeconds' | 'publicUrl'>;

export interface ServiceParts {
  readonly dataset: BikeDataset;
  readonly model: BikeDemandModel;
  /** The model's predictions on its training window: the drift reference. */
  readonly reference: ReferenceData;
  /** The evaluation store, when already open; else the one `config.database` names. */
  readonly store?: EvaluationStore | undefined;
  /** Structured logger; none in tests. */
  readonly logger?: Logger | undefined;
}

export async function createService(config: ServiceConfig, { dataset, model, reference, store, logger }: ServiceParts): Promise<App> {
  const evaluationStore = store ?? (await openEvaluationStore(config.database, config.evaluationHistoryLimit));
  const metrics = createServiceMetrics(model.metadata);
  return buildApp({
    model,
    evaluations: new EvaluationService(model, reference),
    metrics,
    store: evaluationStore,
    evaluationSyncSeconds: config.evaluationSyncSeconds,
    publicUrl: config.publicUrl,
    evaluateMaxRows: config.evaluateMaxRows,
    triggerDriftBatch: config.triggerDriftEnabled ? driftedBatch(dataset) : undefined,
    logger,
  });
}

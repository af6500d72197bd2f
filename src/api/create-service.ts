/**
 * bike-api assembled from its configuration and its model: metrics, the evaluation workers, the
 * evaluation store (whose newest evaluation the gauges show, whichever replica made it),
 * /trigger-drift when enabled, live monitoring unless it is off, and the HTTP app. The entry point
 * (server.ts) and the tests build the service here, so they serve the same thing.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { BikeDataset } from '../model/dataset.js';
import type { BikeDemandModel } from '../model/model.js';
import type { ReferenceData } from '../model/training.js';
import { type App, buildApp } from './app.js';
import { driftedBatch } from './evaluation/drift-incident.js';
import { EvaluationService } from './evaluation/service.js';
import { createLiveMonitor, type LiveMonitor } from './live/monitor.js';
import { createServiceMetrics } from './metrics.js';
import type { EvaluationStore } from './store/evaluation-store.js';
import { openEvaluationStore } from './store/open-store.js';

export type ServiceConfig = Pick<
  Config,
  'evaluateMaxRows' | 'triggerDriftEnabled' | 'database' | 'evaluationHistoryLimit' | 'evaluationSyncSeconds' | 'publicUrl' | 'liveMonitoring' | 'connections' | 'apiToken'
>;

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

export interface Service {
  readonly app: App;
  /** The live checks (started with the app); undefined when LIVE_MONITORING is off. */
  readonly live: LiveMonitor | undefined;
}

export async function createService(config: ServiceConfig, { dataset, model, reference, store, logger }: ServiceParts): Promise<Service> {
  const evaluationStore = store ?? (await openEvaluationStore(config.database, config.evaluationHistoryLimit));
  const metrics = createServiceMetrics(model.metadata);
  const evaluations = new EvaluationService(model, reference);
  const live = config.liveMonitoring && createLiveMonitor(config.liveMonitoring, evaluations, metrics.registry);
  logger?.info({ liveMonitoring: config.liveMonitoring ?? 'off' }, 'live monitoring');
  const app = await buildApp({
    model,
    evaluations,
    live,
    metrics,
    store: evaluationStore,
    evaluationSyncSeconds: config.evaluationSyncSeconds,
    publicUrl: config.publicUrl,
    evaluateMaxRows: config.evaluateMaxRows,
    triggerDriftBatch: config.triggerDriftEnabled ? driftedBatch(dataset) : undefined,
    logger,
    connections: config.connections,
    apiToken: config.apiToken,
  });
  return { app, live };
}

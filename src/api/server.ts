/**
 * Entry point of bike-api: reads the configuration, loads the dataset and the model (training
 * it when needed), then listens. SIGTERM and SIGINT stop accepting requests, let in-flight ones
 * finish, and exit.
 */
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig } from '../config.js';
import { loadDataset } from '../model/dataset.js';
import { provisionModel } from '../model/provision.js';
import { type App, buildApp } from './app.js';
import { EvaluationService } from './evaluation/service.js';
import { createLogger } from './logging.js';
import { LAST_EVALUATION_FILE, LastEvaluationStore } from './evaluation/last-evaluation.js';
import { createServiceMetrics } from './metrics.js';
import { driftedBatch } from './evaluation/drift-incident.js';

/** In-flight requests get this long to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const dataset = await loadDataset(config.data);
  const { model, reference, trainedBecause } = await provisionModel(config, dataset);
  const { metadata } = model;
  if (trainedBecause) log.info({ reason: trainedBecause, modelPath: config.modelPath, trainingMetrics: metadata.trainingMetrics }, 'model trained and saved');
  log.info({ modelVersion: model.version, trainingWindow: metadata.trainingWindow, trainingRows: metadata.trainingRows }, 'model loaded');
  if (config.triggerDriftEnabled) log.warn('POST /trigger-drift is enabled (ENABLE_TRIGGER_DRIFT): it overwrites the model gauges with a simulated incident');

  const metrics = createServiceMetrics(metadata);
  const lastEvaluation = new LastEvaluationStore(join(dirname(config.modelPath), LAST_EVALUATION_FILE), model.version);
  const restored = await lastEvaluation.load();
  if ('evaluation' in restored) {
    metrics.restoreEvaluation(restored.evaluation);
    log.info({ period: restored.evaluation.periodName, evaluatedAt: new Date(restored.evaluation.evaluatedAt * 1000).toISOString() }, 'last evaluation restored');
  } else {
    log.info({ reason: restored.skipped }, 'no last evaluation to restore');
  }
  const app = await buildApp({
    model,
    evaluations: new EvaluationService(model, reference),
    metrics,
    lastEvaluation,
    evaluateMaxRows: config.evaluateMaxRows,
    triggerDriftBatch: config.triggerDriftEnabled ? driftedBatch(dataset) : undefined,
    logger: log,
  });
  stopOnSignals(app, log);
  await app.listen({ host: config.host, port: config.port });
}

function stopOnSignals(app: App, log: Logger): void {
  const stop = (signal: NodeJS.Signals): void => {
    log.info({ signal }, 'stopping: finishing in-flight requests');
    setTimeout(() => {
      log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => {
        log.info('stopped');
      },
      (error: unknown) => {
        log.error({ err: error }, 'error while stopping');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  // Configuration, dataset and artefact errors say what to do: print them without a stack trace.
  const known = error instanceof Error && ['ConfigError', 'DatasetError', 'ModelArtefactError'].includes(error.name);
  console.error(known ? `bike-api: ${error.message}` : error);
  process.exitCode = 1;
});

/**
 * Entry point of bike-api: reads the configuration, loads the dataset and the model (training
 * it when needed), then listens. SIGTERM and SIGINT stop accepting requests, let in-flight ones
 * finish, and exit.
 */
// First: from here to `releaseYoungGeneration`, V8's young generation keeps its size (young-generation.ts).
import { releaseYoungGeneration } from './young-generation.js';
// Also first: the old generation's growth, for every thread (old-generation.ts).
import './old-generation.js';
// And before the start-up's full collections: the maps of nextTick's entries (next-tick-shape.ts).
import './next-tick-shape.js';
import type { Logger } from 'pino';
import { runCommand } from '../command-line.js';
import { ConfigError, loadConfig } from '../config.js';
import { ModelArtefactError } from '../model/artefact.js';
import { DatasetError, loadDataset } from '../model/dataset.js';
import { provisionModel } from '../model/provision.js';
import type { App } from './app.js';
import { createLogger } from './logging.js';
import { StoreError } from './store/evaluation-store.js';
import { describeLocation, openEvaluationStore } from './store/open-store.js';

/** In-flight requests get this long to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Resolves once listening: the process then lives until a stop signal. */
async function main(): Promise<number> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // First, so that an unusable database stops the start before minutes of training.
  const store = await openEvaluationStore(config.database, config.evaluationHistoryLimit);
  log.info({ database: describeLocation(config.database), historyLimit: config.evaluationHistoryLimit }, 'evaluation store opened');
  const dataset = await loadDataset(config.data);
  const { model, reference, trainedBecause } = await provisionModel(config, dataset);
  const { metadata } = model;
  if (trainedBecause) log.info({ reason: trainedBecause, modelPath: config.modelPath, trainingMetrics: metadata.trainingMetrics }, 'model trained and saved');
  log.info({ modelVersion: model.version, trainingWindow: metadata.trainingWindow, trainingRows: metadata.trainingRows }, 'model loaded');
  if (config.apiToken === undefined) log.info('API_TOKEN is not set: POST /evaluate and POST /trigger-drift are open to every client that reaches the port');
  if (config.triggerDriftEnabled) log.warn('POST /trigger-drift is enabled (ENABLE_TRIGGER_DRIFT): it overwrites the model gauges with a simulated incident');

  // Loaded now rather than with the imports above, so that its modules (Fastify, prom-client, the
  // routes) load while the young generation's size is held.
  const { createService } = await import('./create-service.js');
  const { app } = await createService(config, { dataset, model, reference, store, logger: log });
  stopOnSignals(app, log);
  await app.listen({ host: config.host, port: config.port });
  releaseYoungGeneration();
  return 0;
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

runCommand({ program: 'bike-api', main, expected: [ConfigError, DatasetError, ModelArtefactError, StoreError] });

/**
 * The HTTP service, built without listening (tests call `inject`, the entry point calls
 * `listen`). Data moves one way: request → schema → model / monitoring → metrics → response.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { BikeDemandModel } from '../model/model.js';
import { UNMATCHED_ENDPOINT } from '../telemetry/metric-names.js';
import { registerJsonBodyParser } from './json-body.js';
import { RequestLogController } from './logging.js';
import type { EvaluationService } from './evaluation/service.js';
import type { Evaluation, LabelledRecord } from './evaluation/evaluator.js';
import type { EvaluationStore } from './store/evaluation-store.js';
import { HttpError } from './http-error.js';
import type { ServiceMetrics } from './metrics.js';
import { evaluateRoutes, type Publish } from './routes/evaluate.js';
import { evaluationsRoutes, reportUrl } from './routes/evaluations.js';
import { reportsRoutes } from './routes/reports.js';
import { DEFAULT_EVALUATION_SYNC_SECONDS, DEFAULT_PUBLIC_URL } from '../config.js';
import { EvaluationSync } from './evaluation-sync.js';
import { triggerDriftRoutes } from './routes/trigger-drift.js';
import { infoRoutes } from './routes/info.js';
import { metricsRoute } from './routes/metrics.js';
import { predictRoutes } from './routes/predict.js';
import { toValidationDetails } from './validation-errors.js';

/** One /predict record is about 250 bytes; 16 KiB leaves room for clients that add fields. */

/**
 * Scrapes and probes are not traffic: counted, they would show Prometheus and the healthchecks
 * (every 10 s) as requests on the dashboards, and dilute the error ratio when traffic is low.
 */
const NOT_TRAFFIC: ReadonlySet<string> = new Set(['/metrics', '/health', '/ready']);

export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;
/** Retry-After of an evaluation refused while the store is down: a restart or fail-over takes seconds. */
const STORE_RETRY_AFTER_SECONDS = 10;

export interface AppDependencies {
  readonly model: BikeDemandModel;
  /** Runs evaluations off the request thread; closed with the app. */
  readonly evaluations: EvaluationService;
  readonly metrics: ServiceMetrics;
  /** Largest batch accepted by POST /evaluate. */
  readonly evaluateMaxRows: number;
  /** Where evaluations are stored (history, reports, gauges after a restart); none: not kept. */
  readonly store?: EvaluationStore | undefined;
  /** Seconds between two reads of the newest stored evaluation (EVALUATION_SYNC_SECONDS). */
  readonly evaluationSyncSeconds?: number | undefined;
  /** API_PUBLIC_URL, for the report links; the default when unset. */
  readonly publicUrl?: string | undefined;
  /** The batch of POST /trigger-drift; undefined keeps the endpoint disabled (403). */
  readonly triggerDriftBatch?: readonly LabelledRecord[] | undefined;
  /** Structured logger; none in tests. */
  readonly logger?: FastifyBaseLogger | undefined;
}

export type App = FastifyInstance;

export async function buildApp(deps: AppDependencies): Promise<App> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    logController: new RequestLogController(),
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    ajv: {
      // Strict types (no "0.24" → 0.24), every problem reported, with the offending value.
      customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false, verbose: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerJsonBodyParser(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return reply.code(422).send({ detail: toValidationDetails(error.validation, error.validationContext ?? 'body') });
    }
    const status = error.statusCode ?? 500;
    if (error instanceof HttpError && error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    if (status < 500 || error instanceof HttpError) return reply.code(status).send({ detail: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ detail: 'Internal Server Error' });
  });
  app.setNotFoundHandler((request, reply) => {
    const allowed = allowedMethods(app, request.url);
    if (allowed.length > 0) return reply.code(405).header('allow', allowed.join(', ')).send({ detail: 'Method Not Allowed' });
    return reply.code(404).send({ detail: 'Not Found' });
  });
  app.addHook('onResponse', (request, reply, done) => {
    const endpoint = request.routeOptions.url;
    if (endpoint === undefined || !NOT_TRAFFIC.has(endpoint)) {
      deps.metrics.recordRequest(endpoint ?? UNMATCHED_ENDPOINT, request.method, reply.statusCode, reply.elapsedTime / 1000);
    }
    done();
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Bike Sharing Predictor API',
        description: 'Predicts hourly bike rentals and reports model quality and data drift, with Prometheus metrics.',
        version: '1.0.0',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  const { store } = deps;
  // The gauges show the newest stored evaluation of the served model, whichever replica made it.
  const sync = store && new EvaluationSync(store, deps.metrics, deps.model.version, deps.logger);
  if (sync) {
    await sync.refresh();
    sync.start(deps.evaluationSyncSeconds ?? DEFAULT_EVALUATION_SYNC_SECONDS);
  }
  await app.register(infoRoutes, { model: deps.model, storeStatus: () => sync?.storeStatus ?? { up: true } });
  await app.register(predictRoutes, { model: deps.model, metrics: deps.metrics });
  const publicUrl = deps.publicUrl ?? DEFAULT_PUBLIC_URL;
  /**
   * Stores a completed evaluation, then shows it in the gauges. A store that fails leaves the
   * gauges and the history as they were (the insert is one transaction) and answers 503.
   */
  const publish: Publish = async (evaluation: Evaluation) => {
    if (!store || !sync) {
      deps.metrics.recordEvaluation(evaluation);
      return {};
    }
    let id: number;
    try {
      id = await store.add(deps.model.version, evaluation);
    } catch (error) {
      sync.storeFailed(error);
      throw new HttpError(503, 'The evaluation store is unavailable, so the evaluation was not stored; retry shortly', STORE_RETRY_AFTER_SECONDS);
    }
    sync.stored(id);
    deps.metrics.recordEvaluation(evaluation);
    return { evaluation_id: id, report_url: reportUrl(publicUrl, id) };
  };
  await app.register(evaluateRoutes, { evaluations: deps.evaluations, metrics: deps.metrics, publish, maxRows: deps.evaluateMaxRows });
  await app.register(triggerDriftRoutes, { evaluations: deps.evaluations, publish, batch: deps.triggerDriftBatch });
  if (store) {
    await app.register(evaluationsRoutes, { store, publicUrl });
    await app.register(reportsRoutes, { store, publicUrl });
  }
  app.addHook('onClose', async () => {
    sync?.stop();
    await deps.evaluations.close();
    await store?.close();
  });
  await app.register(metricsRoute, { registry: deps.metrics.registry });
  return app;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Methods that a route exists for at this path (for a 405 and its Allow header). */
function allowedMethods(app: FastifyInstance, url: string): string[] {
  const path = url.split('?')[0];
  return METHODS.filter((method) => app.hasRoute({ method, url: path }));
}

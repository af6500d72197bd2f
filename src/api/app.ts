/**
 * The HTTP service, built without listening (tests call `inject`, the entry point calls
 * `listen`). Data moves one way: request → schema → model / monitoring → metrics → response.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyPluginCallback, type FastifyReply, type onResponseHookHandler } from 'fastify';
import type { BikeDemandModel } from '../model/model.js';
import { UNMATCHED_ENDPOINT } from '../telemetry/metric-names.js';
import { registerJsonBodyParser } from './json-body.js';
import { RequestLogController, requestLoggerFactory } from './logging.js';
import type { EvaluationService } from './evaluation/service.js';
import type { LabelledRecord, NewEvaluation } from './evaluation/evaluator.js';
import type { EvaluationStore } from './store/evaluation-store.js';
import { HttpError, ShedRequestError } from './http-error.js';
import type { LiveMonitor } from './live/monitor.js';
import { requireBearerToken } from './bearer-token.js';
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection-limits.js';
import type { RequestRecorder, ServiceMetrics } from './metrics.js';
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

/**
 * Scrapes and probes are not traffic: counted, they would show Prometheus and the healthchecks
 * (every 10 s) as requests on the dashboards, and dilute the error ratio when traffic is low.
 */
const NOT_TRAFFIC: ReadonlySet<string> = new Set(['/metrics', '/health', '/ready']);

/** One /predict record is about 250 bytes; 16 KiB leaves room for clients that add fields. */
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
  /** Label-free drift checks of the served predictions; none when LIVE_MONITORING is off. */
  readonly live?: LiveMonitor | undefined;
  /** Structured logger; none in tests. */
  readonly logger?: FastifyBaseLogger | undefined;
  /** Timeouts and connection cap; DEFAULT_CONNECTION_LIMITS when absent. */
  readonly connections?: ConnectionLimits | undefined;
  /** Bearer token required by the write endpoints; none keeps them open (bearer-token.ts). */
  readonly apiToken?: string | undefined;
}

export type App = FastifyInstance;

export async function buildApp(deps: AppDependencies): Promise<App> {
  const limits = deps.connections ?? DEFAULT_CONNECTION_LIMITS;
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    logController: new RequestLogController(),
    childLoggerFactory: requestLoggerFactory,
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      // Node checks the request timeout every this often (30 s by default): a stalled upload lives
      // at most requestTimeout plus this.
      connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs),
      // Node enforces requestTimeout only when the headers' own timeout (60 s) is not above it.
      headersTimeout: limits.requestTimeoutMs,
    },
    ajv: {
      // Strict types (no "0.24" → 0.24), every problem reported, with the offending value.
      customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false, verbose: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.server.maxConnections = limits.maxConnections;

  registerJsonBodyParser(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return reply.code(422).send({ detail: toValidationDetails(error.validation, error.validationContext ?? 'body') });
    }
    if (error instanceof HttpError) {
      if (error instanceof ShedRequestError) deps.metrics.recordShedRequest(request.routeOptions.url ?? UNMATCHED_ENDPOINT);
      return reply.code(error.statusCode).headers(error.headers).send({ detail: error.detail });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ detail: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ detail: 'Internal Server Error' });
  });
  // Each route counts its own requests (a hook of its own, its series looked up once), so a
  // request runs one hook after its answer and none before.
  app.addHook('onRoute', (route) => {
    if (!NOT_TRAFFIC.has(route.url)) route.onResponse = [route.onResponse ?? [], recordingHook(deps.metrics.requestRecorder(route.url))].flat();
  });
  await app.register(notFoundHandler(app, deps.metrics));

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
  await app.register(predictRoutes, { model: deps.model, metrics: deps.metrics, live: deps.live });
  const publicUrl = deps.publicUrl ?? DEFAULT_PUBLIC_URL;
  /**
   * Stores a completed evaluation, then shows it in the gauges. A store that fails leaves the
   * gauges and the history as they were (the insert is one transaction) and answers 503.
   */
  const publish: Publish = async (evaluation: NewEvaluation) => {
    if (!store || !sync) {
      deps.metrics.recordEvaluation(evaluation);
      return {};
    }
    let id: number;
    try {
      id = await store.add(deps.model.version, evaluation);
    } catch (error) {
      sync.storeFailed(error);
      throw new HttpError(503, 'The evaluation store is unavailable, so the evaluation was not stored; retry shortly', { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) });
    }
    sync.stored(id);
    deps.metrics.recordEvaluation(evaluation);
    return { evaluation_id: id, report_url: reportUrl(publicUrl, id) };
  };
  // The write endpoints: they change the model gauges, so API_TOKEN guards them when set.
  await app.register(async (writes) => {
    const guard = requireBearerToken(deps.apiToken);
    if (guard) writes.addHook('onRequest', guard);
    await writes.register(evaluateRoutes, { evaluations: deps.evaluations, metrics: deps.metrics, publish, maxRows: deps.evaluateMaxRows });
    await writes.register(triggerDriftRoutes, { evaluations: deps.evaluations, publish, batch: deps.triggerDriftBatch });
  });
  if (store) {
    await app.register(evaluationsRoutes, { store, publicUrl });
    await app.register(reportsRoutes, { store, publicUrl });
  }
  const { live } = deps;
  if (live) {
    app.addHook('onReady', (done) => {
      live.start((error) => {
        app.log.error({ err: error }, 'live drift check failed');
      });
      done();
    });
  }
  // The live checks stop before the workers that run them.
  app.addHook('onClose', async () => {
    live?.stop();
    sync?.stop();
    await deps.evaluations.close();
    await store?.close();
  });
  await app.register(metricsRoute, { registry: deps.metrics.registry });
  return app;
}

/** An onResponse hook that records each answer with `record`. */
function recordingHook(record: RequestRecorder): onResponseHookHandler {
  return (request, reply, done) => {
    record(request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  };
}

/**
 * Requests that match no route: 405 with Allow when the path has routes for other methods, else
 * 404, answered before a body is read (a body method without a content type, QUERY, would
 * otherwise get the body parser's 400 instead of 405). Its hooks run for these requests only.
 */
function notFoundHandler(app: FastifyInstance, metrics: ServiceMetrics): FastifyPluginCallback {
  const notFound = (reply: FastifyReply): FastifyReply => reply.code(404).send({ detail: 'Not Found' });
  return (unmatched, _options, done) => {
    unmatched.addHook('onRequest', (request, reply) => {
      const allowed = allowedMethods(app, request.url);
      if (allowed.length > 0) reply.code(405).header('allow', allowed.join(', ')).send({ detail: 'Method Not Allowed' });
      else notFound(reply);
    });
    unmatched.addHook('onResponse', recordingHook(metrics.requestRecorder(UNMATCHED_ENDPOINT)));
    // Reached by no request (the hook above answers first); Fastify requires a handler.
    unmatched.setNotFoundHandler((_request, reply) => notFound(reply));
    done();
  };
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Methods that a route exists for at this path (for a 405 and its Allow header). */
function allowedMethods(app: FastifyInstance, url: string): string[] {
  const path = url.split('?')[0];
  return METHODS.filter((method) => app.hasRoute({ method, url: path }));
}

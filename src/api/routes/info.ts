/** What the service is, whether it is alive, and whether it can serve. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { BikeDemandModel } from '../../model/model.js';
import type { StoreStatus } from '../evaluation-sync.js';
import { ErrorOutput } from '../schemas.js';

export interface InfoOptions {
  readonly model: BikeDemandModel;
  /** Whether the evaluation store answered its last read or write. */
  readonly storeStatus: () => StoreStatus;
}

export const infoRoutes: FastifyPluginAsyncTypebox<InfoOptions> = async (app, { model, storeStatus }) => {
  app.get('/', { schema: { summary: 'What this service is and where its documentation is' } }, () => ({
    message: 'Welcome to the Bike Sharing Predictor API. Use /predict to get bike counts or /evaluate to run drift reports.',
    docs: '/docs',
    openapi: '/docs/json',
    metrics: '/metrics',
    model_version: model.version,
  }));

  app.get(
    '/health',
    { schema: { summary: 'Liveness: the process answers', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    () => ({ status: 'ok' as const }),
  );

  // The service listens only once its model is loaded, and Fastify answers 503 while it shuts down.
  // A store that does not answer is reported as 503 too: evaluations cannot be stored.
  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: the model is loaded, requests are served and the evaluation store answers',
        response: { 200: Type.Object({ status: Type.Literal('ready'), model_version: Type.String() }), 503: ErrorOutput },
      },
    },
    async (_request, reply) => {
      const status = storeStatus();
      if (!status.up) return reply.code(503).send({ detail: status.reason });
      return { status: 'ready' as const, model_version: model.version };
    },
  );
};

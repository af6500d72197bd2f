/** What the service is, whether it is alive, and whether it can serve. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { BikeDemandModel } from '../../model/model.js';

export const infoRoutes: FastifyPluginAsyncTypebox<{ model: BikeDemandModel }> = async (app, { model }) => {
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
  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: the model is loaded and requests are served',
        response: { 200: Type.Object({ status: Type.Literal('ready'), model_version: Type.String() }) },
      },
    },
    () => ({ status: 'ready' as const, model_version: model.version }),
  );
};

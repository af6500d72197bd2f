/** GET /metrics: the service's registry in Prometheus text format. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Registry } from 'prom-client';

export const metricsRoute: FastifyPluginAsyncTypebox<{ registry: Registry }> = async (app, { registry }) => {
  app.get('/metrics', { schema: { summary: 'Prometheus metrics' } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};

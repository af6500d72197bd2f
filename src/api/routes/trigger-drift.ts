/**
 * POST /trigger-drift: evaluates the documented drifted batch (see trigger-drift.ts) through
 * the same path as /evaluate, so that the real pipeline (model, drift, gauges, rules) fires the
 * alerts. Off unless the operator sets ENABLE_TRIGGER_DRIFT=true: it overwrites the model gauges
 * with a simulated incident, which a production stack must not allow.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { EvaluationService } from '../evaluation/service.js';
import { type LabelledRecord, toLabelledColumns } from '../evaluation/evaluator.js';
import { toEvaluationOutput } from '../evaluation-output.js';
import { ErrorOutput } from '../schemas.js';
import { EvaluateOutput, type Publish } from './evaluate.js';
import { alertsExpectedToFire, TRIGGER_DRIFT_PERIOD, TRIGGER_DRIFT_SOURCE } from '../evaluation/drift-incident.js';

export interface TriggerDriftOptions {
  readonly evaluations: EvaluationService;
  /** Shows the evaluation in the gauges and stores it (app.ts). */
  readonly publish: Publish;
  /** The drifted batch; undefined when the endpoint is disabled. */
  readonly batch: readonly LabelledRecord[] | undefined;
}

const TriggerDriftOutput = Type.Object({
  ...EvaluateOutput.properties,
  source: Type.String({ description: 'The real hours the batch was built from' }),
  expected_alerts: Type.Array(
    Type.Object({ alert: Type.String(), engine: Type.String(), severity: Type.String(), for: Type.String(), because: Type.String() }),
  ),
});

export const triggerDriftRoutes: FastifyPluginAsyncTypebox<TriggerDriftOptions> = async (app, { evaluations, publish, batch }) => {
  app.post(
    '/trigger-drift',
    {
      schema: {
        summary: 'Evaluate a deliberately drifted batch to fire the model alerts (demo stacks only)',
        response: { 200: TriggerDriftOutput, 401: ErrorOutput, 403: ErrorOutput, 503: ErrorOutput },
      },
    },
    async (_request, reply) => {
      if (!batch) {
        return reply.code(403).send({ detail: 'POST /trigger-drift is disabled: set ENABLE_TRIGGER_DRIFT=true to enable it (demo stacks only).' });
      }
      const evaluation = await evaluations.evaluate(toLabelledColumns(batch), TRIGGER_DRIFT_PERIOD);
      return {
        ...toEvaluationOutput(evaluation),
        ...(await publish(evaluation)),
        source: `${TRIGGER_DRIFT_SOURCE.start} .. ${TRIGGER_DRIFT_SOURCE.end}, corrupted (see README, "fire-alert")`,
        expected_alerts: alertsExpectedToFire(evaluation),
      };
    },
  );
};

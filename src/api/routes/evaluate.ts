/** POST /evaluate: drift and quality of a labelled batch against the January reference. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { EvaluationService } from '../evaluation/service.js';
import { BODY_BYTES_PER_ROW } from '../evaluation/limits.js';
import type { NewEvaluation } from '../evaluation/evaluator.js';
import { toEvaluationOutput } from '../evaluation-output.js';
import { StoredLinks } from '../history-schemas.js';
import type { ServiceMetrics } from '../metrics.js';
import { collectYoungGarbage } from '../young-garbage.js';
import { freeBuffers, spansItsBuffer } from '../free-buffers.js';
import { ErrorOutput, evaluationData, EvaluationReportOutput, ValidationErrorOutput } from '../schemas.js';

export interface EvaluateOptions {
  readonly evaluations: EvaluationService;
  readonly metrics: ServiceMetrics;
  /** Shows the evaluation in the gauges and stores it (app.ts): its id and report URL, if stored. */
  readonly publish: Publish;
  readonly maxRows: number;
}

/** What POST /evaluate and /trigger-drift add when the evaluation is stored. */
export interface StoredLinksOutput {
  readonly evaluation_id?: number;
  readonly report_url?: string;
}
export type Publish = (evaluation: NewEvaluation) => Promise<StoredLinksOutput>;

/** The brief's answer, with the links of the stored evaluation (absent when nothing is stored). */
export const EvaluateOutput = Type.Object({
  ...EvaluationReportOutput.properties,
  evaluation_id: Type.Optional(StoredLinks.evaluation_id),
  report_url: Type.Optional(StoredLinks.report_url),
});

export const evaluateRoutes: FastifyPluginAsyncTypebox<EvaluateOptions> = async (app, { evaluations, metrics, publish, maxRows }) => {
  // In this plugin only: the body stays raw bytes, read (decoded, parsed, validated) by an
  // evaluation worker, so that a 5 MB body never holds the thread that serves /predict.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  app.post(
    '/evaluate',
    {
      bodyLimit: maxRows * BODY_BYTES_PER_ROW,
      // The schema documents the body; the worker validates it (body-validation.ts).
      validatorCompiler: () => (body: unknown) => ({ value: body }),
      schema: {
        summary: 'Evaluate a labelled batch: data drift against the reference and regression quality',
        body: evaluationData(maxRows),
        response: {
          200: EvaluateOutput,
          400: ErrorOutput,
          401: { ...ErrorOutput, description: 'API_TOKEN is set and the request has not got it as a bearer token' },
          413: ErrorOutput,
          415: ErrorOutput,
          422: ValidationErrorOutput,
          503: { ...ErrorOutput, description: 'Evaluations in progress at the limit (load shedding): retry after the Retry-After seconds' },
        },
      },
      // A request that would be refused is refused before its body is read.
      onRequest: async () => {
        evaluations.checkCapacity();
      },
      onResponse: (_request, reply, done) => {
        // 503 is load shedding, counted by the shed-requests counter, not an evaluation error.
        if (reply.statusCode >= 400 && reply.statusCode !== 503) metrics.recordEvaluationFailure(reply.statusCode >= 500 ? 'error' : 'invalid');
        // The evaluation's buffers (its body, the columns back from the workers) are garbage now.
        collectYoungGarbage();
        done();
      },
    },
    async (request) => {
      // A request without a body (no Content-Type, no length) gets none from Fastify: it is read
      // as an empty body, which the worker refuses with 400 (a new one each time: it moves there).
      const body = (request.body as unknown as Buffer | null | undefined) ?? new Uint8Array(0);
      let evaluation: NewEvaluation;
      try {
        evaluation = await evaluations.evaluateBody(body, maxRows);
      } finally {
        // Read now, or moved to a worker (detached). A body under 4 KiB is a slice of Node's pool of
        // small buffers, shared with others: only a body that spans its buffer is freed.
        if (spansItsBuffer(body)) freeBuffers([body]);
      }
      return { ...toEvaluationOutput(evaluation), ...(await publish(evaluation)) };
    },
  );
};

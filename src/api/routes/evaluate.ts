/** POST /evaluate: drift and quality of a labelled batch against the January reference. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ReportColumnDrift } from '../../monitoring/index.js';
import type { EvaluationService } from '../evaluation/service.js';
import { evaluationBodyValidator } from '../evaluation/body-validation.js';
import { type Evaluation, toLabelledColumns } from '../evaluation/evaluator.js';
import type { ServiceMetrics } from '../metrics.js';
import { ErrorOutput, evaluationData, EvaluationReportOutput, ValidationErrorOutput } from '../schemas.js';

/** Body limit per accepted row: a brief record is about 200 bytes; clients may send extra fields. */
export const BODY_BYTES_PER_ROW = 512;

export interface EvaluateOptions {
  readonly evaluations: EvaluationService;
  readonly metrics: ServiceMetrics;
  /** Shows the evaluation in the gauges and keeps it (app.ts). */
  readonly publish: (evaluation: Evaluation) => void;
  readonly maxRows: number;
}

export const evaluateRoutes: FastifyPluginAsyncTypebox<EvaluateOptions> = async (app, { evaluations, metrics, publish, maxRows }) => {
  app.post(
    '/evaluate',
    {
      bodyLimit: maxRows * BODY_BYTES_PER_ROW,
      // The schema documents the body and types the handler; evaluation-validation.ts validates it.
      validatorCompiler: () => evaluationBodyValidator(maxRows),
      schema: {
        summary: 'Evaluate a labelled batch: data drift against the reference and regression quality',
        body: evaluationData(maxRows),
        response: { 200: EvaluationReportOutput, 400: ErrorOutput, 413: ErrorOutput, 415: ErrorOutput, 422: ValidationErrorOutput, 503: ErrorOutput },
      },
      onResponse: (_request, reply, done) => {
        if (reply.statusCode >= 400) metrics.recordEvaluationFailure(reply.statusCode >= 500 ? 'error' : 'invalid');
        done();
      },
    },
    async (request) => {
      const evaluation = await evaluations.evaluate(toLabelledColumns(request.body.data), request.body.evaluation_period_name);
      publish(evaluation);
      return toEvaluationOutput(evaluation);
    },
  );
};

/** The brief's EvaluationReportOutput fields first, then the report's details. */
export function toEvaluationOutput({ periodName, evaluatedItems, report }: Evaluation): EvaluationReportOutput {
  const { regression, featureDrift } = report;
  const drifted = `${featureDrift.driftedCount} of ${featureDrift.columns.length} features drifted`;
  const verdict = featureDrift.datasetDrift ? 'dataset drift detected' : 'no dataset drift';
  return {
    message: `Evaluated ${evaluatedItems} hours of ${periodName}: RMSE ${regression.rmse?.toFixed(2) ?? 'n/a'}, ${drifted} (${verdict}).`,
    rmse: regression.rmse,
    mape: regression.mape.mean,
    mae: regression.mae.mean,
    r2score: regression.r2,
    drift_detected: featureDrift.datasetDrift ? 1 : 0,
    evaluated_items: evaluatedItems,
    evaluation_period_name: periodName,
    drift_share: featureDrift.share,
    drifted_columns_count: featureDrift.driftedCount,
    mean_error: regression.meanError.mean,
    abs_max_error: regression.absMaxError,
    columns: featureDrift.columns.map(toColumnOutput),
    target_drift: toColumnOutput(report.targetDrift),
    prediction_drift: toColumnOutput(report.predictionDrift),
  };
}

function toColumnOutput(drift: ReportColumnDrift) {
  return { column: drift.column, type: drift.columnType, test: drift.method, score: drift.score, threshold: drift.threshold, drifted: drift.drifted };
}

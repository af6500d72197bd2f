/** Schemas of the evaluation history's routes (routes/evaluations.ts, routes/reports.ts). */
import { type Static, Type } from 'typebox';
import { EvaluationReportOutput } from './schemas.js';

/** Evaluation ids are positive integers; in a path they arrive as text. */
export const EvaluationIdParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'The evaluation id, as returned by POST /evaluate', examples: ['1'] }),
});

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const EvaluationPageQuery = Type.Object({
  limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: `Evaluations per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })),
  offset: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,8})$', description: 'Evaluations to skip, newest first (default 0)' })),
});

/** What POST /evaluate adds to the brief's answer when evaluations are stored. */
export const StoredLinks = {
  evaluation_id: Type.Integer({ minimum: 1, description: 'Id of the stored evaluation (GET /evaluations/{id})' }),
  report_url: Type.String({ description: "The evaluation's HTML report, at API_PUBLIC_URL" }),
};

export const EvaluationSummaryOutput = Type.Object({
  ...StoredLinks,
  evaluation_period_name: Type.String(),
  created_at: Type.String({ format: 'date-time', description: 'When the evaluation was made (UTC)' }),
  evaluated_items: Type.Integer({ description: 'Rows evaluated' }),
  rmse: EvaluationReportOutput.properties.rmse,
  mae: EvaluationReportOutput.properties.mae,
  r2score: EvaluationReportOutput.properties.r2score,
  mape: EvaluationReportOutput.properties.mape,
  drift_detected: EvaluationReportOutput.properties.drift_detected,
  drift_share: EvaluationReportOutput.properties.drift_share,
  model_version: Type.String(),
});
export type EvaluationSummaryOutput = Static<typeof EvaluationSummaryOutput>;

export const EvaluationPageOutput = Type.Object({
  total: Type.Integer({ description: 'Evaluations stored (at most EVALUATION_HISTORY_LIMIT)' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(EvaluationSummaryOutput, { description: 'Newest first' }),
});

const Counts = Type.Array(Type.Number());
const DistributionOutput = Type.Union([
  Type.Object({ type: Type.Literal('num'), edges: Counts, reference: Counts, current: Counts }, { description: 'Counts on shared bins [e_i, e_i+1)' }),
  Type.Object(
    { type: Type.Literal('cat'), categories: Type.Array(Type.Union([Type.Number(), Type.String()])), reference: Counts, current: Counts },
    { description: 'Counts per category' },
  ),
]);

/** GET /evaluations/{id}: the /evaluate answer, where it is kept, and the data of the report's charts. */
export const StoredEvaluationOutput = Type.Object({
  ...EvaluationReportOutput.properties,
  ...StoredLinks,
  created_at: Type.String({ format: 'date-time' }),
  model_version: Type.String(),
  charts: Type.Object(
    {
      distributions: Type.Record(Type.String(), DistributionOutput, { description: 'Reference and current distribution of each feature, the target and the prediction' }),
      regression: Type.Object({
        sample: Type.Object({ actual: Counts, predicted: Counts }, { description: 'Rows of the batch, at most 2,000, evenly spaced' }),
        errors: Type.Object({ edges: Counts, counts: Counts }, { description: 'Histogram of prediction − actual over all rows' }),
        byHour: Type.Array(Type.Object({ hour: Type.Integer(), rows: Type.Integer(), meanError: Type.Number(), meanAbsoluteError: Type.Number() })),
      }),
    },
    { description: 'What the HTML report draws' },
  ),
});

export type StoredEvaluationOutput = Static<typeof StoredEvaluationOutput>;

/** An HTML page, in the OpenAPI document. */
export const htmlResponse = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } });

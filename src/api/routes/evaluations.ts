/** GET /evaluations and GET /evaluations/{id}: the stored evaluations as JSON. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { reportPath } from '../../telemetry/report-links.js';
import { HttpError } from '../http-error.js';
import {
  DEFAULT_PAGE_SIZE,
  EvaluationIdParams,
  EvaluationPageOutput,
  EvaluationPageQuery,
  type EvaluationSummaryOutput,
  StoredEvaluationOutput,
  type StoredEvaluationOutput as StoredEvaluationBody,
} from '../history-schemas.js';
import { ErrorOutput, ValidationErrorOutput } from '../schemas.js';
import type { EvaluationStore, EvaluationSummary, StoredEvaluation } from '../store/evaluation-store.js';
import { toEvaluationOutput } from '../evaluation-output.js';

export interface HistoryOptions {
  readonly store: EvaluationStore;
  /** API_PUBLIC_URL, for the report links. */
  readonly publicUrl: string;
}

export const evaluationsRoutes: FastifyPluginAsyncTypebox<HistoryOptions> = async (app, { store, publicUrl }) => {
  app.get(
    '/evaluations',
    {
      schema: {
        summary: 'The stored evaluations, newest first, a page at a time',
        querystring: EvaluationPageQuery,
        response: { 200: EvaluationPageOutput, 422: ValidationErrorOutput },
      },
    },
    async (request) => {
      const limit = Number(request.query.limit ?? DEFAULT_PAGE_SIZE);
      const offset = Number(request.query.offset ?? 0);
      const page = await store.list(offset, limit);
      return { total: page.total, limit, offset, items: page.items.map((summary) => toSummaryOutput(summary, publicUrl)) };
    },
  );

  app.get(
    '/evaluations/:id',
    {
      schema: {
        summary: 'One stored evaluation: the /evaluate answer and the data of its charts',
        params: EvaluationIdParams,
        response: { 200: StoredEvaluationOutput, 404: ErrorOutput, 422: ValidationErrorOutput },
      },
    },
    async (request) => toStoredOutput(await storedEvaluation(store, request.params.id), publicUrl),
  );
};

/** The evaluation `id` names, or a 404. */
export async function storedEvaluation(store: EvaluationStore, id: string): Promise<StoredEvaluation> {
  const stored = await store.get(Number(id));
  if (!stored) throw new HttpError(404, `No evaluation ${id} is stored (it may have been pruned: see EVALUATION_HISTORY_LIMIT)`);
  return stored;
}

export function reportUrl(publicUrl: string, id: number): string {
  return `${publicUrl}${reportPath(id)}`;
}

function toSummaryOutput(summary: EvaluationSummary, publicUrl: string): EvaluationSummaryOutput {
  return {
    evaluation_id: summary.id,
    report_url: reportUrl(publicUrl, summary.id),
    evaluation_period_name: summary.periodName,
    created_at: summary.createdAt,
    evaluated_items: summary.rows,
    rmse: summary.rmse,
    mae: summary.mae,
    r2score: summary.r2score,
    mape: summary.mape,
    drift_detected: summary.driftDetected ? 1 : 0,
    drift_share: summary.driftShare,
    model_version: summary.modelVersion,
  };
}

function toStoredOutput({ id, createdAt, modelVersion, evaluation }: StoredEvaluation, publicUrl: string): StoredEvaluationBody {
  return {
    ...toEvaluationOutput(evaluation),
    evaluation_id: id,
    report_url: reportUrl(publicUrl, id),
    created_at: createdAt,
    model_version: modelVersion,
    // The stored charts are read-only; the schema's arrays are the same data.
    charts: evaluation.charts as StoredEvaluationBody['charts'],
  };
}

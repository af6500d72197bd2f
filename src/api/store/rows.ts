/**
 * The `evaluations` table's rows as both engines read and write them (migrations.ts): the
 * columns of an insert, the summary columns of the history, and the conversions.
 */
import type { Evaluation, NewEvaluation } from '../evaluation/evaluator.js';
import { type EvaluationSummary, type StoredEvaluation, summarise } from './evaluation-store.js';

export const INSERT_COLUMNS = 'created_at, model_version, period_name, rows, rmse, mae, r2score, mape, drift_detected, drift_share, features, evaluation';
export const SUMMARY_COLUMNS = 'id, created_at, model_version, period_name, rows, rmse, mae, r2score, mape, drift_detected, drift_share, features';
export const STORED_COLUMNS = 'id, created_at, model_version, evaluation';

/** The values of INSERT_COLUMNS, in order. */
export function insertValues(modelVersion: string, evaluation: NewEvaluation): (string | number | null)[] {
  const summary = summarise(0, new Date(evaluation.evaluatedAt * 1000).toISOString(), modelVersion, evaluation);
  return [
    summary.createdAt,
    modelVersion,
    summary.periodName,
    summary.rows,
    summary.rmse,
    summary.mae,
    summary.r2score,
    summary.mape,
    summary.driftDetected ? 1 : 0,
    summary.driftShare,
    JSON.stringify(summary.features),
    evaluationJson(evaluation),
  ];
}

/** The JSON kept of an evaluation: that of the Evaluation it stands for, its charts' JSON as the workers wrote it. */
export function evaluationJson({ periodName, evaluatedItems, evaluatedAt, report, chartsJson }: NewEvaluation): string {
  const facts = JSON.stringify({ periodName, evaluatedItems, evaluatedAt, report });
  return `${facts.slice(0, -1)},"charts":${chartsJson}}`;
}

/** PostgreSQL answers a BIGINT id as a string, SQLite as a number. */
type Id = number | string;

export interface SummaryRow {
  id: Id;
  created_at: string;
  model_version: string;
  period_name: string;
  rows: number;
  rmse: number | null;
  mae: number | null;
  r2score: number | null;
  mape: number | null;
  drift_detected: number;
  drift_share: number;
  features: string;
}

export interface StoredRow {
  id: Id;
  created_at: string;
  model_version: string;
  evaluation: string;
}

export function toSummary(row: SummaryRow): EvaluationSummary {
  return {
    id: Number(row.id),
    periodName: row.period_name,
    createdAt: row.created_at,
    rows: row.rows,
    rmse: row.rmse,
    mae: row.mae,
    r2score: row.r2score,
    mape: row.mape,
    driftDetected: row.drift_detected === 1,
    driftShare: row.drift_share,
    modelVersion: row.model_version,
    features: JSON.parse(row.features) as EvaluationSummary['features'],
  };
}

export function toStored(row: StoredRow): StoredEvaluation {
  return { id: Number(row.id), createdAt: row.created_at, modelVersion: row.model_version, evaluation: JSON.parse(row.evaluation) as Evaluation };
}

/**
 * The answer of POST /evaluate, in words. Fields are read defensively: the brief's
 * EvaluationReportOutput allows null scores, and the drift share and count are extras of this
 * project's API that another API may not send.
 */
import { ApiError, isObject } from './api-client.js';
import { alignedFields } from './cli.js';

export interface EvaluationResult {
  readonly message: string;
  readonly rmse: number | null;
  readonly mape: number | null;
  readonly mae: number | null;
  readonly r2score: number | null;
  readonly driftDetected: boolean;
  readonly evaluatedItems: number;
  readonly driftShare?: number | undefined;
  readonly driftedColumns?: number | undefined;
}

/** Reads the answer; throws ApiError when the brief's required fields are missing. */
export function readEvaluationResult(body: unknown): EvaluationResult {
  if (!isObject(body) || typeof body.evaluated_items !== 'number' || typeof body.drift_detected !== 'number') {
    throw new ApiError(`POST /evaluate answered without the brief's fields (evaluated_items, drift_detected): ${JSON.stringify(body).slice(0, 200)}`);
  }
  const score = (key: string): number | null => (typeof body[key] === 'number' ? body[key] : null);
  return {
    message: typeof body.message === 'string' ? body.message : '',
    rmse: score('rmse'),
    mape: score('mape'),
    mae: score('mae'),
    r2score: score('r2score'),
    driftDetected: body.drift_detected === 1,
    evaluatedItems: body.evaluated_items,
    driftShare: score('drift_share') ?? undefined,
    driftedColumns: score('drifted_columns_count') ?? undefined,
  };
}

/** One aligned line per value, the brief client's four decimals for the scores. */
export function formatEvaluationResult(result: EvaluationResult): string {
  const lines: [string, string][] = [
    ['Message', result.message || 'N/A'],
    ['RMSE', fixed(result.rmse)],
    ['MAPE (%)', fixed(result.mape)],
    ['MAE', fixed(result.mae)],
    ['R2', fixed(result.r2score)],
    ['Data drift', driftText(result)],
    ['Evaluated items', String(result.evaluatedItems)],
  ];
  return alignedFields(lines);
}

function fixed(value: number | null): string {
  return value === null ? 'N/A' : value.toFixed(4);
}

function driftText({ driftDetected, driftShare, driftedColumns }: EvaluationResult): string {
  const verdict = driftDetected ? 'Yes' : 'No';
  const details = [
    driftedColumns === undefined ? undefined : `${driftedColumns} features drifted`,
    driftShare === undefined ? undefined : `share ${driftShare.toFixed(2)}`,
  ].filter((part) => part !== undefined);
  return details.length > 0 ? `${verdict} (${details.join(', ')})` : verdict;
}

/**
 * The answer of POST /evaluate, in words. Fields are read defensively: the brief's
 * EvaluationReportOutput allows null scores, and the drift share and count are extras of this
 * project's API that another API may not send, as is the report URL.
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
  /** The drift of each feature; empty when the API does not send `columns`. */
  readonly features: readonly FeatureDrift[];
  /** The evaluation's HTML report, when the API stores evaluations. */
  readonly reportUrl?: string | undefined;
}

/** One feature's row of the drift report (this project's `columns`, Evidently's per-column result). */
export interface FeatureDrift {
  readonly column: string;
  readonly test: string;
  /** p-value or distance, depending on the test; null when the test could not run. */
  readonly score: number | null;
  readonly threshold: number | null;
  readonly drifted: boolean;
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
    features: Array.isArray(body.columns) ? (body.columns as unknown[]).filter(isObject).map(featureDrift) : [],
    reportUrl: typeof body.report_url === 'string' ? body.report_url : undefined,
  };
}

function featureDrift(column: Readonly<Record<string, unknown>>): FeatureDrift {
  const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  return {
    column: typeof column.column === 'string' ? column.column : '?',
    test: typeof column.test === 'string' ? column.test : '?',
    score: numberOrNull(column.score),
    threshold: numberOrNull(column.threshold),
    drifted: column.drifted === true,
  };
}

/**
 * One aligned line per value, the brief client's four decimals for the scores, then the table of
 * the features' drift when the API sent it.
 */
export function formatEvaluationResult(result: EvaluationResult): string {
  const lines: [string, string][] = [
    ['Message', result.message || 'N/A'],
    ['RMSE', fixed(result.rmse)],
    ['MAPE (%)', fixed(result.mape)],
    ['MAE', fixed(result.mae)],
    ['R2', fixed(result.r2score)],
    ['Data drift', driftText(result)],
    ['Evaluated items', String(result.evaluatedItems)],
    ...(result.reportUrl === undefined ? [] : [['Report', result.reportUrl] as [string, string]]),
  ];
  const summary = alignedFields(lines);
  return result.features.length === 0 ? summary : `${summary}\n\n${featureTable(result.features)}`;
}

/** Feature, test, score, threshold, drifted: a column per field, numbers right-aligned. */
export function featureTable(features: readonly FeatureDrift[]): string {
  const header = ['Feature', 'Test', 'Score', 'Threshold', 'Drifted'];
  const rows = features.map((feature) => [feature.column, feature.test, fixed(feature.score), feature.threshold === null ? 'N/A' : String(feature.threshold), feature.drifted ? 'yes' : 'no']);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const numeric = [false, false, true, true, false];
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The brief client's four decimals; a value too small for them (a p-value) in scientific notation. */
function fixed(value: number | null): string {
  if (value === null) return 'N/A';
  return value !== 0 && Math.abs(value) < 1e-4 ? value.toExponential(2) : value.toFixed(4);
}

function driftText({ driftDetected, driftShare, driftedColumns }: EvaluationResult): string {
  const verdict = driftDetected ? 'Yes' : 'No';
  const details = [
    driftedColumns === undefined ? undefined : `${driftedColumns} features drifted`,
    driftShare === undefined ? undefined : `share ${driftShare.toFixed(2)}`,
  ].filter((part) => part !== undefined);
  return details.length > 0 ? `${verdict} (${details.join(', ')})` : verdict;
}

/**
 * What the HTML report draws besides the numbers, computed with the evaluation on its worker
 * thread and stored with it: the distributions of every column (src/monitoring/distribution.ts)
 * and the regression's per-row data, capped so that a stored evaluation stays small whatever
 * the batch size.
 */
import { type ColumnDistribution, histogram } from '../../monitoring/index.js';

/** Rows kept for the predicted-against-actual scatter; larger batches keep an even spread. */
export const MAX_CHART_ROWS = 2_000;

export interface HourError {
  readonly hour: number;
  readonly rows: number;
  /** Mean of prediction − actual. */
  readonly meanError: number;
  readonly meanAbsoluteError: number;
}

export interface RegressionChartData {
  /** Rows of the batch: all of them up to MAX_CHART_ROWS, else every k-th. */
  readonly sample: { readonly actual: readonly number[]; readonly predicted: readonly number[] };
  /** Histogram of prediction − actual over every row. */
  readonly errors: { readonly edges: readonly number[]; readonly counts: readonly number[] };
  /** Error by hour of day over every row, hours without rows left out. */
  readonly byHour: readonly HourError[];
}

export interface EvaluationCharts {
  /** The 11 features, the target and the prediction, by column name. */
  readonly distributions: Readonly<Record<string, ColumnDistribution>>;
  readonly regression: RegressionChartData;
}

export function regressionChartData(actual: Float64Array, predicted: Float64Array, hours: Float64Array): RegressionChartData {
  const rows = actual.length;
  const errors = new Float64Array(rows);
  const sums = Array.from({ length: 24 }, () => ({ rows: 0, error: 0, absolute: 0 }));
  for (let i = 0; i < rows; i++) {
    const error = predicted[i] - actual[i];
    errors[i] = error;
    const hour = sums[hours[i]];
    hour.rows++;
    hour.error += error;
    hour.absolute += Math.abs(error);
  }
  const step = Math.max(1, Math.ceil(rows / MAX_CHART_ROWS));
  const kept = Array.from({ length: Math.ceil(rows / step) }, (_, k) => k * step);
  return {
    sample: { actual: kept.map((i) => actual[i]), predicted: kept.map((i) => predicted[i]) },
    errors: histogram(errors),
    byHour: sums.flatMap((sum, hour) => (sum.rows === 0 ? [] : [{ hour, rows: sum.rows, meanError: sum.error / sum.rows, meanAbsoluteError: sum.absolute / sum.rows }])),
  };
}

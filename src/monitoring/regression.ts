/**
 * Regression quality as Evidently 0.7.21's RegressionPreset computes it on the current data
 * (legacy `_calculate_quality_metrics`, scikit-learn's `r2_score` and RMSE): rows whose target
 * or prediction is missing or infinite are dropped first; error e = prediction − target.
 */
import { MonitoringInputError } from './errors.js';
import { pairwiseSum } from './math/pairwise-sum.js';
import { mean, standardDeviation, sumOfSquaredDeviations } from './math/moments.js';

/** float64 machine epsilon: Evidently's MAPE floor for the denominator and near-zero cut-off. */
const EPSILON = Number.EPSILON;
/** MAPE ratio used for rows with a near-zero target (0.7.21's default `replace_value`). */
const NEAR_ZERO_RATIO = 1;

export interface MeanStd {
  readonly mean: number;
  /** Sample standard deviation (ddof = 1); NaN for a single row. */
  readonly std: number;
}

export interface RegressionMetrics {
  /** Rows left after dropping those with a missing or infinite target or prediction. */
  readonly rows: number;
  /** sqrt(mean(e²)). */
  readonly rmse: number;
  /** Of |e|. */
  readonly mae: MeanStd;
  /** 1 − Σe²/Σ(y − ȳ)²; 1 for a perfect fit, 0 for a constant target otherwise; NaN below 2 rows. */
  readonly r2: number;
  /**
   * Of |e| / max(y, ε): mean in percent, std as a fraction (Evidently's units). Rows with
   * |y| <= ε count as ratio 1 (100%); negative targets are divided by ε, hence huge.
   */
  readonly mape: MeanStd;
  /** Of e: positive means over-prediction. */
  readonly meanError: MeanStd;
  /** max |e|. */
  readonly absMaxError: number;
}

/** Target and prediction row by row; NaN, null or ±Infinity on either side drops the row. */
export function regressionMetrics(target: ArrayLike<number | null>, prediction: ArrayLike<number | null>): RegressionMetrics {
  if (target.length !== prediction.length) {
    throw new MonitoringInputError(`Target and prediction differ in length (${target.length} and ${prediction.length}).`);
  }
  const { y, errors } = finiteRows(target, prediction);
  const n = y.length;
  if (n === 0) throw new MonitoringInputError('No row has both a finite target and a finite prediction.');

  // One loop, not three maps with callbacks: an evaluation's first calls run before the JIT has optimized them.
  const absoluteErrors = new Float64Array(n);
  const squaredErrors = new Float64Array(n);
  const percentageRatios = new Float64Array(n);
  let absMaxError = 0;
  for (let i = 0; i < n; i++) {
    const absolute = Math.abs(errors[i]);
    absoluteErrors[i] = absolute;
    absMaxError = Math.max(absMaxError, absolute);
    squaredErrors[i] = errors[i] * errors[i];
    percentageRatios[i] = Math.abs(y[i]) > EPSILON ? absolute / Math.max(y[i], EPSILON) : NEAR_ZERO_RATIO;
  }
  return {
    rows: n,
    rmse: Math.sqrt(mean(squaredErrors)),
    mae: meanStd(absoluteErrors),
    r2: r2Score(y, squaredErrors),
    mape: { mean: 100 * mean(percentageRatios), std: standardDeviation(percentageRatios, 1) },
    meanError: meanStd(errors),
    absMaxError,
  };
}

function finiteRows(
  target: ArrayLike<number | null>,
  prediction: ArrayLike<number | null>,
): { y: Float64Array; errors: Float64Array } {
  const y = new Float64Array(target.length);
  const errors = new Float64Array(target.length);
  let n = 0;
  for (let i = 0; i < target.length; i++) {
    const actual = target[i];
    const predicted = prediction[i];
    if (actual !== null && predicted !== null && Number.isFinite(actual) && Number.isFinite(predicted)) {
      y[n] = actual;
      errors[n] = predicted - actual;
      n++;
    }
  }
  return n === target.length ? { y, errors } : { y: y.slice(0, n), errors: errors.slice(0, n) };
}

function meanStd(values: Float64Array): MeanStd {
  return { mean: mean(values), std: standardDeviation(values, 1) };
}

/** scikit-learn's `r2_score` with `force_finite=True`. */
function r2Score(y: Float64Array, squaredErrors: Float64Array): number {
  if (y.length < 2) return Number.NaN;
  const residual = pairwiseSum(squaredErrors);
  const total = sumOfSquaredDeviations(y);
  if (residual === 0) return 1;
  if (total === 0) return 0;
  return 1 - residual / total;
}

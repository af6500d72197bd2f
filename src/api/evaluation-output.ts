/** An evaluation as POST /evaluate and POST /trigger-drift answer it. */
import type { ReportColumnDrift } from '../monitoring/index.js';
import type { EvaluationFacts } from './evaluation/evaluator.js';
import type { EvaluationReportOutput } from './schemas.js';

/** The brief's EvaluationReportOutput fields first, then the report's details. */
export function toEvaluationOutput({ periodName, evaluatedItems, report }: EvaluationFacts): EvaluationReportOutput {
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

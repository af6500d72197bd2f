/**
 * The evaluation path shared by POST /evaluate and POST /trigger-drift: predict a labelled
 * batch with the served model, then compare it with the reference (the training window and its
 * predictions, prepared once at start-up) as Evidently's DataDriftPreset and RegressionPreset do.
 */
import { CATEGORICAL_FEATURES, FEATURES, type Features, NUMERICAL_FEATURES, TARGET } from '../model/features.js';
import type { BikeDemandModel } from '../model/model.js';
import type { ReferenceData } from '../model/training.js';
import { buildReport, type MonitoringReport, type PreparedReportReference, prepareReportReference, type ReportSchema } from '../monitoring/index.js';

export const PREDICTION = 'prediction';

/** The 11 features are drift-tested together; target and prediction are reported beside them. */
export const REPORT_SCHEMA: ReportSchema = {
  numerical: NUMERICAL_FEATURES,
  categorical: CATEGORICAL_FEATURES,
  target: TARGET,
  prediction: PREDICTION,
};

/** One labelled hour: the features and the true rentals. */
export interface LabelledRecord extends Features {
  readonly cnt: number;
}

export interface Evaluation {
  readonly periodName: string;
  readonly evaluatedItems: number;
  /** Unix time in seconds. */
  readonly evaluatedAt: number;
  readonly report: MonitoringReport;
}

export class Evaluator {
  private readonly reference: PreparedReportReference;

  constructor(
    private readonly model: BikeDemandModel,
    reference: ReferenceData,
  ) {
    this.reference = prepareReportReference(REPORT_SCHEMA, toColumns(reference.rows, reference.predictions));
  }

  evaluate(records: readonly LabelledRecord[], periodName: string): Evaluation {
    const predictions = this.model.predictMany(records);
    return {
      periodName,
      evaluatedItems: records.length,
      evaluatedAt: Date.now() / 1000,
      report: buildReport(this.reference, toColumns(records, predictions)),
    };
  }
}

/** Rows to one typed column per feature, plus the target and the predictions. */
function toColumns(rows: readonly LabelledRecord[], predictions: Float64Array): Record<string, Float64Array> {
  const columns: Record<string, Float64Array> = {};
  for (const column of [...FEATURES, TARGET] as const) columns[column] = Float64Array.from(rows, (row) => row[column]);
  columns[PREDICTION] = predictions;
  return columns;
}

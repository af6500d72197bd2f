/**
 * One evaluation of a current batch against the reference, as plain JSON-ready data: drift of
 * the features (DataDriftPreset over the features only), drift of the target and of the
 * model's predictions reported beside it (not counted in the feature share), and regression
 * quality (RegressionPreset) on the current batch.
 *
 * JSON has no NaN or Infinity, so every number that can be undefined for some data (an R² or
 * std with fewer than two rows, a chi-square p-value with a single category) is `null` here
 * when it is not finite. `JSON.stringify(report)` therefore loses nothing.
 */
import { type ColumnDrift, sampleDrift } from './column-drift.js';
import { columnValues, numericalValues } from './dataset-columns.js';
import { type CurrentData, type CurrentSamples, currentSamples } from './current-samples.js';
import { compareToReference, type DatasetDriftOptions, type DriftSchema, type PreparedReference, prepareReference } from './dataset-drift.js';
import { MonitoringInputError } from './errors.js';
import { type MeanStd, regressionMetrics } from './regression.js';
import { type Sample, toSample } from './sample.js';
import type { DatasetColumns } from './types.js';

/** Feature columns by type, plus the numerical target and prediction columns. */
export interface ReportSchema extends DriftSchema {
  readonly target: string;
  readonly prediction: string;
}

/** A number, or null where it is NaN or ±Infinity. */
export type ReportNumber = number | null;

export interface ReportColumnDrift extends Omit<ColumnDrift, 'score'> {
  readonly score: ReportNumber;
}

export interface ReportFeatureDrift {
  readonly columns: readonly ReportColumnDrift[];
  readonly driftedCount: number;
  readonly share: number;
  readonly driftShare: number;
  readonly datasetDrift: boolean;
}

export interface ReportMeanStd {
  readonly mean: ReportNumber;
  readonly std: ReportNumber;
}

export interface ReportRegression {
  readonly rows: number;
  readonly rmse: ReportNumber;
  readonly mae: ReportMeanStd;
  readonly r2: ReportNumber;
  readonly mape: ReportMeanStd;
  readonly meanError: ReportMeanStd;
  readonly absMaxError: ReportNumber;
}

export interface MonitoringReport {
  readonly featureDrift: ReportFeatureDrift;
  readonly targetDrift: ReportColumnDrift;
  readonly predictionDrift: ReportColumnDrift;
  readonly regression: ReportRegression;
}

/** The reference side of a report: features, target and predictions, cleaned once. */
export interface PreparedReportReference {
  readonly schema: ReportSchema;
  readonly features: PreparedReference;
  readonly target: Sample;
  readonly prediction: Sample;
}

export function prepareReportReference(schema: ReportSchema, reference: DatasetColumns): PreparedReportReference {
  const features = [...schema.numerical, ...schema.categorical];
  for (const column of [schema.target, schema.prediction]) {
    if (features.includes(column)) throw new MonitoringInputError(`Column '${column}' is the target or prediction; do not list it as a feature.`);
  }
  const outputSample = (column: string): Sample =>
    toSample(column, 'num', columnValues(reference, column, 'reference'), 'reference');
  return {
    schema,
    features: prepareReference({ numerical: schema.numerical, categorical: schema.categorical }, reference),
    target: outputSample(schema.target),
    prediction: outputSample(schema.prediction),
  };
}

/**
 * What can be told without labels (live traffic: the served inputs and predictions, no `cnt`
 * yet): the drift of the features and of the predictions, computed exactly as in the full report.
 */
export type LabelFreeReport = Pick<MonitoringReport, 'featureDrift' | 'predictionDrift'>;

/** The half of a report that needs no prediction: drift of the features and of the target. */
export type InputReport = Pick<MonitoringReport, 'featureDrift' | 'targetDrift'>;
/** The half that needs the predictions: their drift and the regression quality. */
export type OutputReport = Pick<MonitoringReport, 'predictionDrift' | 'regression'>;

/**
 * The whole report. Its two halves can also be computed apart (in parallel, for instance: the
 * input half while the model predicts) and joined with a spread.
 */
export function buildReport(
  reference: PreparedReportReference,
  current: CurrentData,
  options: DatasetDriftOptions = {},
): MonitoringReport {
  const samples = currentSamples(current);
  return { ...buildInputReport(reference, samples, options), ...buildOutputReport(reference, samples, options) };
}

/** Drift of the features (the dataset share and verdict) and of the target, beside them. */
export function buildInputReport(reference: PreparedReportReference, current: CurrentData, options: DatasetDriftOptions = {}): InputReport {
  const samples = currentSamples(current);
  return {
    featureDrift: featureDriftReport(reference, samples, options),
    targetDrift: outputDrift(reference.schema.target, reference.target, samples, options),
  };
}

/** Drift of the features and of the predictions; `current` holds no target. */
export function buildLabelFreeReport(reference: PreparedReportReference, current: CurrentData, options: DatasetDriftOptions = {}): LabelFreeReport {
  const samples = currentSamples(current);
  return { featureDrift: featureDriftReport(reference, samples, options), predictionDrift: predictionDrift(reference, samples, options) };
}

/** Drift of the predictions and regression quality of the predictions against the target. */
export function buildOutputReport(reference: PreparedReportReference, current: CurrentData, options: DatasetDriftOptions = {}): OutputReport {
  const { schema } = reference;
  const samples = currentSamples(current);
  const { columns } = samples;
  const regression = regressionMetrics(numericalValues(columns, schema.target, 'current'), numericalValues(columns, schema.prediction, 'current'));
  return {
    predictionDrift: predictionDrift(reference, samples, options),
    regression: {
      rows: regression.rows,
      rmse: finiteOrNull(regression.rmse),
      mae: reportMeanStd(regression.mae),
      r2: finiteOrNull(regression.r2),
      mape: reportMeanStd(regression.mape),
      meanError: reportMeanStd(regression.meanError),
      absMaxError: finiteOrNull(regression.absMaxError),
    },
  };
}

function featureDriftReport(reference: PreparedReportReference, current: CurrentSamples, options: DatasetDriftOptions): ReportFeatureDrift {
  const featureDrift = compareToReference(reference.features, current, options);
  return { ...featureDrift, columns: featureDrift.columns.map(reportColumn) };
}

function predictionDrift(reference: PreparedReportReference, current: CurrentSamples, options: DatasetDriftOptions): ReportColumnDrift {
  return outputDrift(reference.schema.prediction, reference.prediction, current, options);
}

/** Drift of one numerical output column (target or prediction) against its reference sample. */
function outputDrift(column: string, referenceSample: Sample, current: CurrentSamples, options: DatasetDriftOptions): ReportColumnDrift {
  // toSample rejects strings in a numerical column, with the same message as numericalValues.
  return reportColumn(sampleDrift(column, referenceSample, current.sample(column, 'num'), options));
}

function reportColumn(drift: ColumnDrift): ReportColumnDrift {
  return { ...drift, score: finiteOrNull(drift.score) };
}

function reportMeanStd(value: MeanStd): ReportMeanStd {
  return { mean: finiteOrNull(value.mean), std: finiteOrNull(value.std) };
}

function finiteOrNull(value: number): ReportNumber {
  return Number.isFinite(value) ? value : null;
}

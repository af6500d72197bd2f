/**
 * Evidently-equivalent drift and regression monitoring (Evidently 0.7 DataDriftPreset and
 * RegressionPreset, number for number). Pure library code: no service, no metrics exporter.
 */
export { type CurrentData, CurrentSamples } from './current-samples.js';
export { columnDrift, type ColumnDrift, driftStrength, type DriftOptions } from './column-drift.js';
export {
  compareToReference,
  DEFAULT_DRIFT_SHARE,
  type DatasetDrift,
  type DatasetDriftOptions,
  type DriftSchema,
  type PreparedReference,
  prepareReference,
} from './dataset-drift.js';
export { type ColumnDistribution, histogram, inputDistributions, predictionDistribution, sampleDistribution } from './distribution.js';
export { MonitoringInputError } from './errors.js';
export { type MeanStd, type RegressionMetrics, regressionMetrics } from './regression.js';
export {
  buildInputReport,
  buildLabelFreeReport,
  buildOutputReport,
  buildReport,
  type InputReport,
  type LabelFreeReport,
  type OutputReport,
  type MonitoringReport,
  type PreparedReportReference,
  prepareReportReference,
  type ReportColumnDrift,
  type ReportFeatureDrift,
  type ReportMeanStd,
  type ReportNumber,
  type ReportRegression,
  type ReportSchema,
} from './report.js';
export { type CategoricalValue, type ColumnType, type ColumnValues, type DatasetColumns, DRIFT_METHODS, type DriftMethod } from './types.js';

/**
 * "Model Performance & Drift": the quality scores and drift verdicts of the last evaluation, their
 * history, the evaluations themselves, and the live predictions served by `/predict`.
 */
import type { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { ALERTS } from '../../telemetry/alert-thresholds.js';
import { METRIC } from '../../telemetry/metric-names.js';
import { buildDashboard, type DashboardModel } from './dashboard.js';
import {
  aboveIsBad,
  belowIsBad,
  binaryMappings,
  gaugePanel,
  statPanel,
  tablePanel,
  timeseriesPanel,
  type PanelSpec,
} from './panels.js';
import { apiSeries, modelSeries, predictionQuantile } from '../promql.js';
import { historyPageUrl, latestReportUrl } from '../report-links.js';

/** Panels that the Grafana-managed alert rules link to (their state shows on these panels). */
export const MODEL_PANEL = { rmse: 'RMSE over time', drift: 'Dataset drift' } as const;

const W = '$__rate_interval';
const { modelRmseHigh, modelR2Low, dataDriftDetected, dataDriftSevere } = ALERTS;
const DRIFT_VERDICT = binaryMappings(
  { text: 'No drift', color: 'green' },
  { text: 'Drift', color: 'red' },
);
const rmseThreshold = aboveIsBad(modelRmseHigh.threshold);
const r2Threshold = belowIsBad(modelR2Low.threshold);
const driftShareThreshold = aboveIsBad(dataDriftSevere.threshold);

/** Score of the last evaluation, with its trend as a sparkline. */
function scoreStat(
  spec: Pick<PanelSpec, 'title' | 'description' | 'unit' | 'thresholds' | 'decimals'> & {
    readonly metric: string;
  },
): StatPanelBuilder {
  return statPanel({
    ...spec,
    queries: [{ expr: modelSeries(spec.metric), legend: spec.title }],
    width: 6,
    height: 5,
    decimals: spec.decimals ?? 1,
    sparkline: true,
  });
}

export function modelPerformanceDashboard(): DashboardModel {
  return buildDashboard({
    uid: 'bike-model-performance',
    title: 'Model Performance & Drift',
    description:
      'Scores and drift of the bike demand model at its last evaluation (POST /evaluate), and the live predictions.',
    links: [
      {
        title: 'Latest evaluation report',
        url: latestReportUrl(),
        tooltip: 'The HTML report of the newest evaluation: which features drifted, how far, and the regression charts',
      },
      { title: 'Evaluation history', url: historyPageUrl(), tooltip: 'Every stored evaluation, with metrics and drift over time' },
    ],
    rows: [
      {
        title: 'Last evaluation',
        panels: [
          scoreStat({
            title: 'RMSE',
            metric: METRIC.rmse,
            unit: 'short',
            description: `Root mean squared error, in rentals per hour. Alert ${modelRmseHigh.name} (Grafana) above ${modelRmseHigh.threshold}.`,
            thresholds: rmseThreshold,
          }),
          scoreStat({
            title: 'MAE',
            metric: METRIC.mae,
            unit: 'short',
            description: 'Mean absolute error, in rentals per hour.',
          }),
          scoreStat({
            title: 'R2',
            metric: METRIC.r2,
            unit: 'none',
            description: `Coefficient of determination. Alert ${modelR2Low.name} below ${modelR2Low.threshold}.`,
            thresholds: r2Threshold,
            decimals: 2,
          }),
          scoreStat({
            title: 'MAPE',
            metric: METRIC.mape,
            unit: 'percent',
            description: 'Mean absolute percentage error (Evidently definition, in percent).',
          }),
        ],
      },
      {
        title: 'Quality over time',
        panels: [
          timeseriesPanel({
            title: MODEL_PANEL.rmse,
            description: `RMSE of each evaluation; the dashed line is the ${modelRmseHigh.name} threshold.`,
            queries: [{ expr: modelSeries(METRIC.rmse), legend: 'RMSE' }],
            unit: 'short',
            width: 6,
            min: 0,
            thresholds: rmseThreshold,
          }),
          timeseriesPanel({
            title: 'MAE over time',
            description: 'MAE of each evaluation, in rentals per hour.',
            queries: [{ expr: modelSeries(METRIC.mae), legend: 'MAE' }],
            unit: 'short',
            width: 6,
            min: 0,
          }),
          timeseriesPanel({
            title: 'R2 over time',
            description: `R2 of each evaluation; the dashed line is the ${modelR2Low.name} threshold.`,
            queries: [{ expr: modelSeries(METRIC.r2), legend: 'R2' }],
            unit: 'none',
            width: 6,
            thresholds: r2Threshold,
          }),
          timeseriesPanel({
            title: 'MAPE over time',
            description: 'MAPE of each evaluation, in percent.',
            queries: [{ expr: modelSeries(METRIC.mape), legend: 'MAPE' }],
            unit: 'percent',
            width: 6,
            min: 0,
          }),
        ],
      },
      {
        title: 'Data drift',
        panels: [
          statPanel({
            title: MODEL_PANEL.drift,
            description: `Dataset drift verdict of the last evaluation (Evidently DataDriftPreset). Alert ${dataDriftDetected.name} (Grafana) when it says drift.`,
            queries: [{ expr: modelSeries(METRIC.driftDetected), legend: 'dataset' }],
            unit: 'none',
            width: 6,
            height: 6,
            mappings: DRIFT_VERDICT,
          }),
          gaugePanel({
            title: 'Drifted features share',
            description: `Share of the features that drifted. Alert ${dataDriftSevere.name} from ${dataDriftSevere.threshold * 100}%.`,
            queries: [{ expr: modelSeries(METRIC.driftedColumnsRatio), legend: 'share' }],
            unit: 'percentunit',
            width: 6,
            height: 6,
            min: 0,
            max: 1,
            thresholds: driftShareThreshold,
          }),
          statPanel({
            title: 'Drifted features',
            description: 'Number of features that drifted in the last evaluation.',
            queries: [{ expr: modelSeries(METRIC.driftedColumns), legend: 'features' }],
            unit: 'short',
            width: 6,
            height: 6,
            decimals: 0,
          }),
          statPanel({
            title: 'Target and prediction drift',
            description: 'Drift verdict of the target (cnt) and of the model predictions against the reference month.',
            queries: [
              { expr: modelSeries(METRIC.targetDriftDetected), legend: 'Target (cnt)' },
              { expr: modelSeries(METRIC.predictionDriftDetected), legend: 'Predictions' },
            ],
            unit: 'none',
            width: 6,
            height: 6,
            mappings: DRIFT_VERDICT,
          }),
          tablePanel({
            title: 'Drift per feature',
            description: 'Drift score and verdict of each feature in the last evaluation. The score is the p-value or the distance of the test Evidently picked for the column.',
            // `max by (feature)` keeps only the feature label, so the two queries join on it.
            queries: [
              { expr: `max by (feature) (${apiSeries(METRIC.featureDriftScore)})` },
              { expr: `max by (feature) (${apiSeries(METRIC.featureDriftDetected)})` },
            ],
            unit: 'none',
            width: 12,
            height: 10,
            decimals: 3,
            transformations: [
              { id: 'merge', options: {} },
              {
                id: 'organize',
                options: {
                  excludeByName: { Time: true },
                  renameByName: { feature: 'Feature', 'Value #A': 'Drift score', 'Value #B': 'Drifted' },
                  indexByName: { feature: 0, 'Value #A': 1, 'Value #B': 2 },
                },
              },
            ],
            columns: {
              Drifted: [
                { id: 'mappings', value: DRIFT_VERDICT },
                { id: 'custom.cellOptions', value: { type: 'color-text' } },
              ],
            },
          }),
          timeseriesPanel({
            title: 'Drifted features share over time',
            description: `Share of drifted features at each evaluation; the dashed line is the ${dataDriftSevere.name} threshold.`,
            queries: [{ expr: modelSeries(METRIC.driftedColumnsRatio), legend: 'share' }],
            unit: 'percentunit',
            width: 12,
            height: 10,
            min: 0,
            max: 1,
            thresholds: driftShareThreshold,
          }),
        ],
      },
      {
        title: 'Evaluations',
        panels: [
          statPanel({
            title: 'Last evaluation',
            description: 'Time of the last successful evaluation.',
            queries: [{ expr: `${modelSeries(METRIC.lastEvaluationTimestamp)} * 1000`, legend: 'last evaluation' }],
            unit: 'dateTimeFromNow',
            width: 6,
            height: 5,
          }),
          statPanel({
            title: 'Rows evaluated',
            description: 'Rows in the last successful evaluation.',
            queries: [{ expr: modelSeries(METRIC.evaluationRows), legend: 'rows' }],
            unit: 'short',
            width: 6,
            height: 5,
            decimals: 0,
          }),
          statPanel({
            title: 'Evaluations by outcome',
            description: 'Evaluations over the dashboard time range, by outcome (drift, no_drift, invalid, error).',
            queries: [{
              expr: `sum by (outcome) (increase(${apiSeries(METRIC.evaluationsTotal)}[$__range]))`,
              legend: '{{outcome}}',
            }],
            unit: 'short',
            width: 6,
            height: 5,
            decimals: 0,
          }),
          statPanel({
            title: 'Model version',
            description: 'Version of the model being served (model_info labels).',
            queries: [{ expr: modelSeries(METRIC.modelInfo, ['model_version']), legend: '{{model_version}}' }],
            unit: 'none',
            width: 6,
            height: 5,
            showName: true,
          }),
        ],
      },
      {
        title: 'Live predictions',
        panels: [
          timeseriesPanel({
            title: 'Predictions per second',
            description: 'Predictions served by POST /predict.',
            queries: [{ expr: `sum(rate(${apiSeries(METRIC.predictionsTotal)}[${W}]))`, legend: 'predictions/s' }],
            unit: 'short',
            width: 12,
          }),
          timeseriesPanel({
            title: 'Predicted rentals distribution',
            description: 'P10, P50 and P90 of the rentals predicted by /predict: a shift here is prediction drift seen live, before any evaluation.',
            queries: [0.1, 0.5, 0.9].map((quantile) => ({
              expr: predictionQuantile(quantile, W),
              legend: `P${Math.round(quantile * 100)}`,
            })),
            unit: 'short',
            width: 12,
            min: 0,
          }),
        ],
      },
    ],
  });
}

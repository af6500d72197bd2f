/**
 * "Model Performance & Drift": the quality scores and drift verdicts of the last evaluation, their
 * history, the evaluations themselves, the live predictions served by `/predict`, and the drift
 * of live traffic found by the replicas' live checks.
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
import { apiSeries, modelSeries, predictionQuantile, replicaShare } from '../promql.js';
import { historyPageUrl, latestReportUrl } from '../report-links.js';
import { DEFAULT_DRIFT_SHARE } from '../../monitoring/index.js';

/** Panels that the Grafana-managed alert rules link to (their state shows on these panels). */
export const MODEL_PANEL = { rmse: 'RMSE over time', drift: 'Dataset drift', livePredictionDrift: 'Live prediction drift' } as const;

const W = '$__rate_interval';
const { modelRmseHigh, modelR2Low, dataDriftDetected, dataDriftSevere, liveDataDrift, livePredictionDrift, liveCheckStale } = ALERTS;
const DRIFT_VERDICT = binaryMappings(
  { text: 'No drift', color: 'green' },
  { text: 'Drift', color: 'red' },
);
const rmseThreshold = aboveIsBad(modelRmseHigh.threshold);
const r2Threshold = belowIsBad(modelR2Low.threshold);
const driftShareThreshold = aboveIsBad(dataDriftSevere.threshold);
/** Evidently's dataset-drift rule, which the live checks apply: drift from this share of drifted features. */
const liveShareThreshold = aboveIsBad(DEFAULT_DRIFT_SHARE);
const AGGREGATION_NOTE = 'Each replica checks the predictions it served; with an even load balancer their windows are random samples of the same traffic (README, "Live monitoring").';

/** The drift verdict table of one set of feature gauges: score and verdict, joined on the feature. */
function featureDriftTable(spec: { readonly title: string; readonly description: string; readonly score: string; readonly drifted: string; readonly scoreLabel: string }) {
  return tablePanel({
    title: spec.title,
    description: spec.description,
    // Aggregations keep only the feature label, so the two queries join on it.
    queries: [{ expr: spec.score }, { expr: spec.drifted }],
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
          renameByName: { feature: 'Feature', 'Value #A': spec.scoreLabel, 'Value #B': 'Drifted' },
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
  });
}

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
      'Scores and drift of the bike demand model at its last evaluation (POST /evaluate), the live predictions, and the label-free drift of live traffic.',
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
          featureDriftTable({
            title: 'Drift per feature',
            description: 'Drift score and verdict of each feature in the last evaluation. The score is the p-value or the distance of the test Evidently picked for the column.',
            score: `max by (feature) (${apiSeries(METRIC.featureDriftScore)})`,
            drifted: `max by (feature) (${apiSeries(METRIC.featureDriftDetected)})`,
            scoreLabel: 'Drift score',
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
      liveTrafficRow(),
    ],
  });
}

/** Label-free drift of the predictions served lately, checked by every replica (src/api/live/). */
function liveTrafficRow() {
  return {
    title: 'Live traffic',
    panels: [
      timeseriesPanel({
        title: 'Live drifted features share',
        description: `Share of the 11 features that drifted in the last live check: the worst replica and the mean of the replicas. The dashed line is the dataset-drift share (${DEFAULT_DRIFT_SHARE * 100}%). ${AGGREGATION_NOTE}`,
        queries: [
          { expr: `max(${apiSeries(METRIC.liveDriftedColumnsRatio)})`, legend: 'worst replica' },
          { expr: `avg(${apiSeries(METRIC.liveDriftedColumnsRatio)})`, legend: 'mean of replicas' },
        ],
        unit: 'percentunit',
        width: 12,
        min: 0,
        max: 1,
        thresholds: liveShareThreshold,
      }),
      statPanel({
        title: 'Replicas seeing live drift',
        description: `Share of the replicas whose last live check detected dataset drift. Alert ${liveDataDrift.name} from ${liveDataDrift.threshold * 100}% for ${liveDataDrift.for}.`,
        queries: [{ expr: replicaShare(METRIC.liveDriftDetected), legend: 'replicas' }],
        unit: 'percentunit',
        width: 6,
        decimals: 0,
        thresholds: aboveIsBad(liveDataDrift.threshold),
      }),
      statPanel({
        title: MODEL_PANEL.livePredictionDrift,
        description: `Share of the replicas whose last live check found the served predictions drifted from the reference predictions. Alert ${livePredictionDrift.name} (Grafana) from ${livePredictionDrift.threshold * 100}% for ${livePredictionDrift.for}.`,
        queries: [{ expr: replicaShare(METRIC.livePredictionDriftDetected), legend: 'replicas' }],
        unit: 'percentunit',
        width: 6,
        decimals: 0,
        thresholds: aboveIsBad(livePredictionDrift.threshold),
      }),
      featureDriftTable({
        title: 'Live drift per feature',
        description: `Each feature in the last live check: its lowest score across replicas (with the default reference every test gives a p-value, so the lowest is the worst) and whether it drifted on any replica. ${AGGREGATION_NOTE}`,
        score: `min by (feature) (${apiSeries(METRIC.liveFeatureDriftScore)})`,
        drifted: `max by (feature) (${apiSeries(METRIC.liveFeatureDriftDetected)})`,
        scoreLabel: 'Lowest p-value',
      }),
      timeseriesPanel({
        title: 'Live drift scores per feature',
        description: 'Lowest live drift score of each feature across replicas, over time: a p-value, so low is drift (5% is the default threshold).',
        queries: [{ expr: `min by (feature) (${apiSeries(METRIC.liveFeatureDriftScore)})`, legend: '{{feature}}' }],
        unit: 'none',
        width: 12,
        height: 10,
        min: 0,
        max: 1,
      }),
      timeseriesPanel({
        title: 'Live prediction drift score',
        description: 'Drift score of the predictions each replica served against the reference predictions (a p-value with the default reference: low is drift).',
        queries: [{ expr: apiSeries(METRIC.livePredictionDriftScore), legend: '{{instance}}' }],
        unit: 'none',
        width: 12,
        min: 0,
        max: 1,
      }),
      gaugePanel({
        title: 'Live window fill',
        description: 'Rows of the last live check against the window size (LIVE_WINDOW_ROWS), per replica. A check needs LIVE_MIN_ROWS rows; rows older than LIVE_WINDOW_SECONDS leave the window.',
        queries: [{ expr: `${apiSeries(METRIC.liveWindowRows)} / ${apiSeries(METRIC.liveWindowCapacity)}`, legend: '{{instance}}' }],
        unit: 'percentunit',
        width: 6,
        min: 0,
        max: 1,
      }),
      statPanel({
        title: 'Time since the last live check',
        description: `Age of the oldest last check across replicas. Alert ${liveCheckStale.name} when a replica with traffic has not checked for ${liveCheckStale.threshold / 60} minutes.`,
        queries: [{ expr: `time() - min(${apiSeries(METRIC.liveLastCheckTimestamp)})`, legend: 'oldest' }],
        unit: 's',
        width: 6,
        decimals: 0,
        thresholds: aboveIsBad(liveCheckStale.threshold),
      }),
    ],
  };
}

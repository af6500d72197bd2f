/**
 * The Grafana-managed alert rules (the ML alerts of `ALERTS` whose engine is Grafana), built with
 * the SDK's alerting builders and written in Grafana's provisioning FILE format to
 * `deployment/grafana/provisioning/alerting/alert-rules.yaml`.
 *
 * The SDK emits the shape of the provisioning HTTP API (`folderUID`, `ruleGroup`, `orgID` on each
 * rule); the file format groups rules under `groups[]` with `orgId`, `name`, `folder` and
 * `interval`, and links a rule to its panel with `dashboardUid`/`panelId`. `toFileRule` does that
 * mapping, and drops the SDK's runtime-only members from the query models.
 */
import type * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import { QueryBuilder, RuleBuilder } from '@grafana/grafana-foundation-sdk/alerting';
import { TypeReduceBuilder, TypeThresholdBuilder } from '@grafana/grafana-foundation-sdk/expr';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { ALERTS, type AlertSpec, type Comparison } from '../../telemetry/alert-thresholds.js';
import { METRIC } from '../../telemetry/metric-names.js';
import { alertAnnotations, modelAlertAnnotations, type AlertText } from './alert-text.js';
import { panelIdByTitle, type DashboardModel } from '../dashboards/dashboard.js';
import { EXPRESSION_DATASOURCE, PROMETHEUS_DATASOURCE } from '../datasource.js';
import { MODEL_PANEL, modelPerformanceDashboard } from '../dashboards/model-performance.js';
import { modelSeries, replicaShare } from '../promql.js';

/** Folder of the rules; the dashboards provider puts the dashboards in the same folder. */
export const GRAFANA_FOLDER = 'Bike demand monitoring';
const RULE_GROUP = { name: 'bike-model-quality', interval: '1m' } as const;

/**
 * No data = OK: before the first evaluation the model gauges have no sample, and a fresh stack
 * must not page (a missing evaluation is ModelEvaluationStale's job, in Prometheus).
 * Error = Error: a failing query (Prometheus down, broken expression) raises Grafana's own
 * DatasourceError alert instead of silently passing or pretending the model is bad.
 */
const NO_DATA_STATE = 'OK';
const EXEC_ERROR_STATE = 'Error';

/** Grafana's threshold evaluator for each comparison of the catalogue. */
const GRAFANA_EVALUATOR = { '>': 'gt', '<': 'lt', '>=': 'gte', '==': 'eq' } as const satisfies Record<Comparison, string>;

interface GrafanaRuleSpec {
  readonly alert: AlertSpec & { readonly engine: 'grafana' };
  /** Rule uid: at most 40 letters, digits, `-` or `_`. */
  readonly uid: string;
  readonly expr: string;
  readonly dashboard: DashboardModel;
  readonly panelTitle: string;
  readonly text: AlertText;
  /** Whether the alert links the latest evaluation's report: the model alerts do, the live ones not. */
  readonly linksReport: boolean;
}

/** A query model as plain JSON, the way Grafana stores it. */
type QueryModel = Readonly<Record<string, unknown>>;

export interface GrafanaRuleQuery {
  readonly refId: string;
  readonly relativeTimeRange: { readonly from: number; readonly to: number };
  readonly datasourceUid: string;
  readonly model: QueryModel;
}

export interface GrafanaFileRule {
  readonly uid: string;
  readonly title: string;
  readonly condition: string;
  readonly data: readonly GrafanaRuleQuery[];
  readonly dashboardUid: string;
  readonly panelId: number;
  readonly noDataState: string;
  readonly execErrState: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly isPaused: boolean;
}

export interface GrafanaAlertRulesFile {
  readonly apiVersion: 1;
  readonly groups: readonly {
    readonly orgId: number;
    readonly name: string;
    readonly folder: string;
    readonly interval: string;
    readonly rules: readonly GrafanaFileRule[];
  }[];
}

/** Query window: the gauges are instant values, ten minutes covers any scrape gap. */
const LAST_TEN_MINUTES = { from: 600, to: 0 };

/** A: the instant PromQL query; B: its last value per series; C: B compared to the threshold. */
function ruleBuilder(spec: GrafanaRuleSpec): RuleBuilder {
  const { alert } = spec;
  return new RuleBuilder(alert.name)
    .uid(spec.uid)
    .orgID(1)
    .ruleGroup(RULE_GROUP.name)
    .condition('C')
    .queries([
      new QueryBuilder('A')
        .datasourceUid(PROMETHEUS_DATASOURCE.uid)
        .relativeTimeRange(LAST_TEN_MINUTES)
        .model(
          new DataqueryBuilder()
            .refId('A')
            .datasource(PROMETHEUS_DATASOURCE)
            .expr(spec.expr)
            .instant()
            .legendFormat('__auto'),
        ),
      new QueryBuilder('B')
        .datasourceUid(EXPRESSION_DATASOURCE.uid)
        .relativeTimeRange(LAST_TEN_MINUTES)
        .model(
          new TypeReduceBuilder()
            .refId('B')
            .datasource(EXPRESSION_DATASOURCE)
            .expression('A')
            .reducer('last')
            .settings({ mode: 'dropNN' }),
        ),
      new QueryBuilder('C')
        .datasourceUid(EXPRESSION_DATASOURCE.uid)
        .relativeTimeRange(LAST_TEN_MINUTES)
        .model(
          new TypeThresholdBuilder()
            .refId('C')
            .datasource(EXPRESSION_DATASOURCE)
            .expression('B')
            .conditions([{ evaluator: { type: GRAFANA_EVALUATOR[alert.comparison], params: [alert.threshold] } }]),
        ),
    ])
    .forDuration(alert.for)
    .noDataState(NO_DATA_STATE)
    .execErrState(EXEC_ERROR_STATE)
    .labels({ severity: alert.severity, job: alert.job })
    .annotations({ ...(spec.linksReport ? modelAlertAnnotations : alertAnnotations)(alert, spec.text) })
    .isPaused(false);
}

/** JSON round trip: keeps what Grafana reads, drops the SDK's marker methods. */
function plainModel(model: alerting.Query['model']): QueryModel {
  return JSON.parse(JSON.stringify(model ?? {})) as QueryModel;
}

function toFileRule(rule: alerting.Rule, spec: GrafanaRuleSpec): GrafanaFileRule {
  return {
    uid: rule.uid ?? '',
    title: rule.title,
    condition: rule.condition,
    data: rule.data.map((query) => ({
      refId: query.refId ?? '',
      relativeTimeRange: { from: query.relativeTimeRange?.from ?? 0, to: query.relativeTimeRange?.to ?? 0 },
      datasourceUid: query.datasourceUid ?? '',
      model: plainModel(query.model),
    })),
    dashboardUid: spec.dashboard.uid ?? '',
    panelId: panelIdByTitle(spec.dashboard, spec.panelTitle),
    noDataState: rule.noDataState,
    execErrState: rule.execErrState,
    for: rule.for,
    labels: rule.labels ?? {},
    annotations: rule.annotations ?? {},
    isPaused: rule.isPaused ?? false,
  };
}

function grafanaRuleSpecs(): GrafanaRuleSpec[] {
  const dashboard = modelPerformanceDashboard();
  const { modelRmseHigh, dataDriftDetected, livePredictionDrift } = ALERTS;
  return [
    {
      alert: modelRmseHigh,
      uid: 'bike-model-rmse-high',
      expr: modelSeries(METRIC.rmse),
      dashboard,
      panelTitle: MODEL_PANEL.rmse,
      linksReport: true,
      text: {
        summary: 'Model error is above its calibrated level',
        description: `RMSE of the last evaluation is {{ printf "%.1f" $values.B.Value }} rentals per hour (threshold ${modelRmseHigh.threshold}).`,
      },
    },
    {
      alert: dataDriftDetected,
      uid: 'bike-model-data-drift',
      expr: modelSeries(METRIC.driftDetected),
      dashboard,
      panelTitle: MODEL_PANEL.drift,
      linksReport: true,
      text: {
        summary: 'The last evaluation detected dataset drift',
        description: 'Evidently found that the evaluated data no longer follow the reference month (dataset drift verdict = 1).',
      },
    },
    {
      alert: livePredictionDrift,
      uid: 'bike-live-prediction-drift',
      expr: replicaShare(METRIC.livePredictionDriftDetected),
      dashboard,
      panelTitle: MODEL_PANEL.livePredictionDrift,
      linksReport: false,
      text: {
        summary: 'The predictions served live drifted from the reference predictions',
        description: `The last live check of {{ humanizePercentage $values.B.Value }} of the replicas found the served predictions drifted (threshold ${livePredictionDrift.threshold * 100}% of the replicas): the model now answers a different demand than in its reference month.`,
      },
    },
  ];
}

export function grafanaAlertRulesFile(): GrafanaAlertRulesFile {
  return {
    apiVersion: 1,
    groups: [
      {
        orgId: 1,
        name: RULE_GROUP.name,
        folder: GRAFANA_FOLDER,
        interval: RULE_GROUP.interval,
        rules: grafanaRuleSpecs().map((spec) => toFileRule(ruleBuilder(spec).build(), spec)),
      },
    ],
  };
}

/**
 * The Prometheus alert rules, as one configuration object rendered to
 * `deployment/prometheus/rules/alert_rules.yml`. Names, thresholds, severities and pending
 * periods come from `ALERTS`; the expressions from `promql.ts`, shared with the dashboards.
 */
import {
  ALERT_RATE_WINDOW,
  ALERTS,
  FILESYSTEM_FILL_TREND,
  LATENCY_SLO_ENDPOINT,
  MODEL_VERDICT_MEMORY,
  LIVE_DEFAULTS,
  type AlertSpec,
  type Comparison,
} from '../../telemetry/alert-thresholds.js';
import { JOB, METRIC, PROCESS_METRIC } from '../../telemetry/metric-names.js';
import { alertAnnotations, type AlertAnnotations, type AlertText, modelAlertAnnotations } from './alert-text.js';
import {
  apiSeries,
  cpuUtilisation,
  errorRatio,
  filesystemAvailableRatio,
  filesystemSeries,
  latencyQuantile,
  memoryUtilisation,
  replicaShare,
  modelSeries,
  selector,
  SHED_STATUS,
  shedRatio,
  writableFilesystems,
} from '../promql.js';

export interface PrometheusAlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: string; readonly job: string };
  readonly annotations: AlertAnnotations;
}

export interface PrometheusRuleGroup {
  readonly name: string;
  readonly rules: readonly PrometheusAlertRule[];
}

/** Only alerts assigned to Prometheus in `ALERTS` type-check here. */
type PrometheusAlertSpec = AlertSpec & { readonly engine: 'prometheus' };

/** `value` compared with the alert's threshold, by the alert's comparison. */
function breaches(value: string, { comparison, threshold }: AlertSpec): string {
  return `${value} ${comparison} ${threshold}`;
}

/** The opposite condition: `value` within the alert's threshold. */
function within(value: string, { comparison, threshold }: AlertSpec): string {
  return `${value} ${NEGATION[comparison]} ${threshold}`;
}

const NEGATION: Readonly<Record<Comparison, string>> = { '>': '<=', '<': '>=', '>=': '<', '==': '!=' };

function alertRule(spec: PrometheusAlertSpec, expr: string, text: AlertText): PrometheusAlertRule {
  return {
    alert: spec.name,
    expr,
    for: spec.for,
    // `job` also on aggregated expressions, so that a target-down alert can inhibit this one.
    labels: { severity: spec.severity, job: spec.job },
    annotations: alertAnnotations(spec, text),
  };
}

/** An alert on the model's quality or drift: it links to the latest evaluation's report too. */
function modelAlertRule(spec: PrometheusAlertSpec, expr: string, text: AlertText): PrometheusAlertRule {
  return { ...alertRule(spec, expr, text), annotations: modelAlertAnnotations(spec, text) };
}

function targetDown(spec: PrometheusAlertSpec, job: string, role: string): PrometheusAlertRule {
  return alertRule(spec, breaches(selector('up', [`job="${job}"`]), spec), {
    summary: `${job} is down`,
    description: `Prometheus cannot scrape ${job} at {{ $labels.instance }}: ${role}.`,
  });
}

function filesystemAlmostFull(spec: PrometheusAlertSpec): PrometheusAlertRule {
  return alertRule(
    spec,
    `(${breaches(filesystemAvailableRatio(), spec)}) and (${writableFilesystems()})`,
    {
      summary: `Filesystem {{ $labels.mountpoint }} has less than ${spec.threshold * 100}% space left`,
      description:
        'Only {{ $value | humanizePercentage }} of {{ $labels.mountpoint }} ({{ $labels.device }}) is free on {{ $labels.instance }}.',
    },
  );
}

const { apiDown, apiReplicaDown, apiErrorRatioHigh, apiLoadShedding, apiLatencyHigh, evaluationStoreDown } = ALERTS;
const { modelR2Low, dataDriftSevere, evaluationStale } = ALERTS;

const apiUp = selector('up', [`job="${JOB.api}"`]);
/** Every replica of the API down: one alert for the job, also when no target is left at all. */
const allReplicasDown = `${breaches(`max by (job) (${apiUp})`, apiDown)} or absent(${apiUp})`;
const { nodeExporterDown, hostCpuHigh, hostMemoryHigh, filesystemFillingUp } = ALERTS;

const apiRules: PrometheusRuleGroup = {
  name: 'bike-api',
  rules: [
    alertRule(apiDown, allReplicasDown, {
      summary: `${JOB.api} is down`,
      description: 'Prometheus can scrape no replica of bike-api: predictions and evaluations are unavailable.',
    }),
    // Silent when all are down: BikeApiDown (critical) says it once.
    alertRule(apiReplicaDown, `${breaches(apiUp, apiReplicaDown)} unless on (job) (${breaches(`max by (job) (${apiUp})`, apiDown)})`, {
      summary: `A replica of ${JOB.api} is down`,
      description: 'Prometheus cannot scrape {{ $labels.instance }}; the other replicas still serve, with less capacity.',
    }),
    alertRule(evaluationStoreDown, breaches(`min by (job) (${apiSeries(METRIC.storeUp)})`, evaluationStoreDown), {
      summary: 'The evaluation store is unavailable',
      description: 'At least one replica of bike-api cannot read or write the evaluation store: evaluations are refused (503) and the model gauges stop following new evaluations; predictions go on.',
    }),
    alertRule(apiErrorRatioHigh, breaches(errorRatio('5', ALERT_RATE_WINDOW), apiErrorRatioHigh), {
      summary: 'bike-api answers too many requests with a server error',
      description: `{{ $value | humanizePercentage }} of the requests of the last ${ALERT_RATE_WINDOW} failed with a 5xx status other than ${SHED_STATUS} (threshold ${apiErrorRatioHigh.threshold * 100}%).`,
    }),
    alertRule(apiLoadShedding, breaches(shedRatio(ALERT_RATE_WINDOW), apiLoadShedding), {
      summary: 'bike-api turns requests away: more evaluations arrive at once than it runs',
      description: `{{ $value | humanizePercentage }} of the requests of the last ${ALERT_RATE_WINDOW} were shed with ${SHED_STATUS} and Retry-After (threshold ${apiLoadShedding.threshold * 100}%).`,
    }),
    alertRule(
      apiLatencyHigh,
      breaches(latencyQuantile(0.95, ALERT_RATE_WINDOW, { endpoint: LATENCY_SLO_ENDPOINT }), apiLatencyHigh),
      {
        summary: `${LATENCY_SLO_ENDPOINT} is slow`,
        description: `The P95 duration of ${LATENCY_SLO_ENDPOINT} over the last ${ALERT_RATE_WINDOW} is {{ $value | humanizeDuration }} (threshold ${apiLatencyHigh.threshold}s).`,
      },
    ),
  ],
};

/**
 * Stale evaluation: the API has been up longer than the threshold and has not evaluated within
 * it. Anchoring on the process start keeps a freshly booted stack (no evaluation yet, gauge
 * without sample) quiet, and still pages when evaluations never come; a NaN gauge fails the
 * `<=` test like a missing one. One alert for all replicas: the longest-running one, the newest
 * evaluation.
 */
const staleEvaluationExpr =
  `(${breaches(`max by (job) (time() - ${apiSeries(PROCESS_METRIC.startTime)})`, evaluationStale)})` +
  ` unless on (job) ` +
  `(${within(`time() - ${modelSeries(METRIC.lastEvaluationTimestamp)}`, evaluationStale)})`;

/**
 * A model gauge, one series for all replicas (modelSeries); when no replica is scraped any more,
 * its last value, remembered for MODEL_VERDICT_MEMORY. The memory serves only then: a replica
 * that stopped must not hold a verdict that the live replicas have since revised.
 */
function modelVerdict(metric: string): string {
  return `(${modelSeries(metric)} or max by (job) (last_over_time(${apiSeries(metric)}[${MODEL_VERDICT_MEMORY}])))`;
}

const modelRules: PrometheusRuleGroup = {
  name: 'bike-model',
  rules: [
    modelAlertRule(modelR2Low, breaches(modelVerdict(METRIC.r2), modelR2Low), {
      summary: 'The model explains too little of the demand',
      description: `R2 of the last evaluation is {{ $value | printf "%.2f" }} (threshold ${modelR2Low.threshold}).`,
    }),
    modelAlertRule(dataDriftSevere, breaches(modelVerdict(METRIC.driftedColumnsRatio), dataDriftSevere), {
      summary: 'Most features drifted in the last evaluation',
      description: `{{ $value | humanizePercentage }} of the features drifted (threshold ${dataDriftSevere.threshold * 100}%): the data no longer look like the training month.`,
    }),
    modelAlertRule(evaluationStale, staleEvaluationExpr, {
      summary: 'The model has not been evaluated recently',
      description: `No successful evaluation in the last ${evaluationStale.threshold / 86400} days while bike-api has been up for {{ $value | humanizeDuration }}.`,
    }),
  ],
};

const { liveDataDrift, liveCheckStale } = ALERTS;

/**
 * Stale live checks, per replica: it served enough predictions for a check within the threshold
 * (LIVE_MIN_ROWS, default), and its last check is older than the threshold, or it never completed
 * one although live monitoring is on (its check counter exists). A replica without traffic, or
 * with live monitoring off, is quiet.
 */
const lastLiveCheck = apiSeries(METRIC.liveLastCheckTimestamp);
const staleLiveCheckExpr =
  `(increase(${apiSeries(METRIC.predictionsTotal)}[${liveCheckStale.threshold}s]) >= ${LIVE_DEFAULTS.minRows})` +
  ` and on (job, instance) ((${breaches(`time() - ${lastLiveCheck}`, liveCheckStale)})` +
  ` or (${apiSeries(METRIC.liveChecksTotal, ['outcome="ok"'])} unless on (job, instance) ${lastLiveCheck}))`;

const liveRules: PrometheusRuleGroup = {
  name: 'bike-live',
  rules: [
    alertRule(liveDataDrift, breaches(replicaShare(METRIC.liveDriftDetected), liveDataDrift), {
      summary: 'Live traffic drifted from the reference month',
      description: `The last live check of {{ $value | humanizePercentage }} of the replicas found dataset drift in the predictions they served (threshold ${liveDataDrift.threshold * 100}% of the replicas), for ${liveDataDrift.for}.`,
    }),
    alertRule(liveCheckStale, staleLiveCheckExpr, {
      summary: 'Live drift checks have stopped on {{ $labels.instance }}',
      description: `{{ $labels.instance }} served {{ $value | printf "%.0f" }} predictions in the last ${liveCheckStale.threshold / 60} minutes, enough for a live check, but none completed.`,
    }),
  ],
};

const fillTrend = `predict_linear(${filesystemSeries('node_filesystem_avail_bytes')}[${FILESYSTEM_FILL_TREND.window}], ${FILESYSTEM_FILL_TREND.horizonSeconds}) < 0`;

const hostRules: PrometheusRuleGroup = {
  name: 'host',
  rules: [
    targetDown(nodeExporterDown, JOB.node, 'host metrics and host alerts are blind'),
    alertRule(hostCpuHigh, breaches(cpuUtilisation(ALERT_RATE_WINDOW), hostCpuHigh), {
      summary: 'Host CPU is saturated',
      description: `CPU of {{ $labels.instance }} is {{ $value | humanizePercentage }} busy (threshold ${hostCpuHigh.threshold * 100}%).`,
    }),
    alertRule(hostMemoryHigh, breaches(memoryUtilisation(), hostMemoryHigh), {
      summary: 'Host memory is almost exhausted',
      description: `{{ $value | humanizePercentage }} of the memory of {{ $labels.instance }} is in use (threshold ${hostMemoryHigh.threshold * 100}%).`,
    }),
    filesystemAlmostFull(ALERTS.filesystemAlmostFullWarning),
    filesystemAlmostFull(ALERTS.filesystemAlmostFullCritical),
    alertRule(
      filesystemFillingUp,
      `(${breaches(filesystemAvailableRatio(), filesystemFillingUp)}) and ${fillTrend} and (${writableFilesystems()})`,
      {
        summary: 'Filesystem {{ $labels.mountpoint }} will be full within a day',
        description: `{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} free and, at the trend of the last ${FILESYSTEM_FILL_TREND.window}, runs out within ${FILESYSTEM_FILL_TREND.horizonSeconds / 3600}h.`,
      },
    ),
  ],
};

export const PROMETHEUS_RULE_GROUPS: readonly PrometheusRuleGroup[] = [apiRules, modelRules, liveRules, hostRules];

/**
 * promtool unit tests of the live alerts (`deployment/prometheus/tests/live_alerts_test.yml`),
 * generated from the catalogue like the rules they test: each alert is checked one evaluation
 * before its `for:` has elapsed (pending, so absent from the result) and at it (firing), whatever
 * `for:` the catalogue gives, and against input that must never fire (one noisy window, a
 * minority of replicas, no traffic, live monitoring off).
 */
import { ALERTS, LIVE_DEFAULTS } from '../../telemetry/alert-thresholds.js';
import { JOB, METRIC } from '../../telemetry/metric-names.js';
import { PROMETHEUS_RULE_GROUPS, type PrometheusAlertRule } from './prometheus-rules.js';

interface ExpectedAlert {
  readonly exp_labels: Readonly<Record<string, string>>;
  readonly exp_annotations: Readonly<Record<string, string>>;
}

interface RuleTestGroup {
  readonly interval: string;
  readonly input_series: readonly { readonly series: string; readonly values: string }[];
  readonly alert_rule_test: readonly { readonly eval_time: string; readonly alertname: string; readonly exp_alerts: readonly ExpectedAlert[] }[];
}

export interface RuleTestFile {
  readonly rule_files: readonly string[];
  readonly evaluation_interval: string;
  readonly tests: readonly RuleTestGroup[];
}

/** Test time advances and rules are evaluated once a minute. */
const STEP_MINUTES = 1;
const replica = (n: number): string => `bike-api-${n}:8080`;

/** A duration of the catalogue (`30s`, `10m`, `1h`) in whole minutes. */
function minutes(duration: string): number {
  const match = /^(\d+)([smh])$/.exec(duration);
  if (!match) throw new Error(`unexpected duration "${duration}"`);
  const value = Number(match[1]) * { s: 1 / 60, m: 1, h: 60 }[match[2] as 's' | 'm' | 'h'];
  if (!Number.isInteger(value / STEP_MINUTES)) throw new Error(`${duration} is not a whole number of test steps`);
  return value;
}

function rule(name: string): PrometheusAlertRule {
  const found = PROMETHEUS_RULE_GROUPS.flatMap((group) => group.rules).find((candidate) => candidate.alert === name);
  if (!found) throw new Error(`no Prometheus rule ${name}`);
  return found;
}

/** A series of the service on one replica. */
function series(metric: string, instance: string, labels: Readonly<Record<string, string>> = {}): string {
  const pairs = Object.entries({ job: JOB.api, instance, ...labels }).map(([key, value]) => `${key}="${value}"`);
  return `${metric}{${pairs.join(', ')}}`;
}

/** promtool's value list: one value per step from t=0. */
const values = (list: readonly (number | '_')[]): string => list.join(' ');

/** The firing alert: its labels, and its annotations with the templates filled in. */
function firing(alert: PrometheusAlertRule, labels: Readonly<Record<string, string>>, filled: Readonly<Record<string, string>>): ExpectedAlert {
  const fill = (text: string): string => Object.entries(filled).reduce((result, [template, value]) => result.replaceAll(template, value), text);
  const annotations: Readonly<Record<string, string>> = { ...alert.annotations };
  return {
    exp_labels: { ...alert.labels, ...labels },
    exp_annotations: Object.fromEntries(Object.entries(annotations).map(([key, text]) => [key, fill(text)])),
  };
}

/** Both sides of `for:`: quiet until `activeAt`, pending until `activeAt + for`, then firing. */
function aroundFor(alert: PrometheusAlertRule, activeAt: number, fired: ExpectedAlert) {
  const pending = minutes(alert.for);
  return [
    { eval_time: `${activeAt - STEP_MINUTES}m`, alertname: alert.alert, exp_alerts: [] },
    { eval_time: `${activeAt + pending - STEP_MINUTES}m`, alertname: alert.alert, exp_alerts: [] },
    { eval_time: `${activeAt + pending}m`, alertname: alert.alert, exp_alerts: [fired] },
  ];
}

const quiet = (alert: PrometheusAlertRule, at: number) => ({ eval_time: `${at}m`, alertname: alert.alert, exp_alerts: [] });

function liveDataDriftTests(): RuleTestGroup[] {
  const alert = rule(ALERTS.liveDataDrift.name);
  const pending = minutes(alert.for);
  const steps = pending + 5;
  const drifted = (from: number, until = steps): number[] => Array.from({ length: steps + 1 }, (_, t) => (t >= from && t < until ? 1 : 0));
  const status = (instance: string, list: readonly number[]) => ({ series: series(METRIC.liveDriftDetected, instance), values: values(list) });
  return [
    // Both replicas see drift from t=2m on: pending for `for:`, then firing.
    {
      interval: `${STEP_MINUTES}m`,
      input_series: [status(replica(1), drifted(2)), status(replica(2), drifted(2))],
      alert_rule_test: aroundFor(alert, 2, firing(alert, { job: JOB.api }, { '{{ $value | humanizePercentage }}': '100%' })),
    },
    // One noisy window: drift for less than `for:`, then none. Never fires.
    {
      interval: `${STEP_MINUTES}m`,
      input_series: [status(replica(1), drifted(2, 2 + pending - STEP_MINUTES)), status(replica(2), drifted(2, 2 + pending - STEP_MINUTES))],
      alert_rule_test: [quiet(alert, 2 + pending - STEP_MINUTES), quiet(alert, 2 + pending), quiet(alert, steps)],
    },
    // One replica of three sees drift all along: a minority, quiet.
    {
      interval: `${STEP_MINUTES}m`,
      input_series: [status(replica(1), drifted(0)), status(replica(2), drifted(steps + 1)), status(replica(3), drifted(steps + 1))],
      alert_rule_test: [quiet(alert, pending + 1), quiet(alert, steps)],
    },
  ];
}

function liveCheckStaleTests(): RuleTestGroup[] {
  const alert = rule(ALERTS.liveCheckStale.name);
  const { threshold } = ALERTS.liveCheckStale;
  const staleMinutes = threshold / 60;
  // Checks complete every minute until t=lastCheck; from then on none does.
  const lastCheck = 5;
  // The first evaluation where time() - lastCheck·60 > threshold.
  const activeAt = lastCheck + staleMinutes + STEP_MINUTES;
  const steps = activeAt + minutes(alert.for) + 5;
  const range = Array.from({ length: steps + 1 }, (_, t) => t);
  const perMinute = 10 * LIVE_DEFAULTS.minRows / staleMinutes;
  const instance = replica(1);
  const traffic = { series: series(METRIC.predictionsTotal, instance), values: values(range.map((t) => t * perMinute)) };
  const noTraffic = { series: series(METRIC.predictionsTotal, instance), values: values(range.map(() => 5_000)) };
  const checksOn = { series: series(METRIC.liveChecksTotal, instance, { outcome: 'ok' }), values: values(range.map((t) => Math.min(t, lastCheck))) };
  const lastCheckTime = { series: series(METRIC.liveLastCheckTimestamp, instance), values: values(range.map((t) => Math.min(t, lastCheck) * 60)) };
  const fired = firing(alert, { job: JOB.api, instance }, {
    '{{ $labels.instance }}': instance,
    '{{ $value | printf "%.0f" }}': String(perMinute * staleMinutes),
  });
  return [
    // Traffic goes on, checks stop at t=5m.
    { interval: `${STEP_MINUTES}m`, input_series: [traffic, checksOn, lastCheckTime], alert_rule_test: aroundFor(alert, activeAt, fired) },
    // Checks stop because traffic stopped (no rows to check): quiet.
    { interval: `${STEP_MINUTES}m`, input_series: [noTraffic, checksOn, lastCheckTime], alert_rule_test: [quiet(alert, steps)] },
    // Live monitoring off (no check counter, no check ever) with traffic: quiet.
    { interval: `${STEP_MINUTES}m`, input_series: [traffic], alert_rule_test: [quiet(alert, steps)] },
    // Checks go on: quiet.
    {
      interval: `${STEP_MINUTES}m`,
      input_series: [traffic, { ...checksOn, values: values(range) }, { ...lastCheckTime, values: values(range.map((t) => t * 60)) }],
      alert_rule_test: [quiet(alert, steps)],
    },
  ];
}

export function liveRuleTests(): RuleTestFile {
  return {
    rule_files: ['../rules/alert_rules.yml'],
    evaluation_interval: `${STEP_MINUTES}m`,
    tests: [...liveDataDriftTests(), ...liveCheckStaleTests()],
  };
}

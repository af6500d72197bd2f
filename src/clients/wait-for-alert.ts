/**
 * wait-for-alert (`make fire-alert`): drives the real alert path end to end and waits until
 * Prometheus says the expected alert is firing.
 *
 * 1. POST /trigger-drift: bike-api evaluates a deliberately drifted labelled batch through the
 *    same path as POST /evaluate (model, drift tests, regression metrics), which sets the gauges.
 * 2. Prometheus scrapes the gauges, evaluates its rules, holds the alert pending for its `for:`
 *    period, then fires it. This script polls Prometheus's rule API (bounded), prints each state
 *    change, and prints the alert once it fires.
 *
 * The alert waited for is named in exactly one place, `src/telemetry/alert-thresholds.ts`, from
 * which the Prometheus rule itself is generated: the Makefile and this script never spell it.
 *
 *   node dist/clients/wait-for-alert.js [options]      (in the evaluation container)
 *   npx tsx src/clients/wait-for-alert.ts [options]    (from a checkout)
 *
 * Exit code 0 when the alert fires, 1 when it does not within the time limit or a service cannot
 * be reached, 2 for a bad command line.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ALERTS } from '../telemetry/alert-thresholds.js';
import { triggerSummary, formatNumber } from './alert-report.js';
import { ApiError, authorization, networkProblem, parseJson, waitForApi } from './api-client.js';
import { type Alert, type AlertingRule, alertingRules } from './prometheus-api.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connectionOptions, httpUrl, numberOption, optionsHelp, parseCommandLine, runClient } from './cli.js';

/**
 * The alert `make fire-alert` proves. DataDriftSevere (critical) is the Prometheus rule on the
 * drift path that /trigger-drift exercises: its gauge (share of drifted features) only moves when
 * a real drift report ran on the batch, so a firing alert shows that the payload, the model, the
 * drift tests, the metrics, the scrape and the rule all work. The two Grafana-managed rules
 * (ModelRmseHigh, DataDriftDetected) fire from the same evaluation, in Grafana.
 */
const FIRE_ALERT = ALERTS.dataDriftSevere;

const DEFAULT_PROMETHEUS_URL = 'http://localhost:9090';
/** Scrape (15s) + rule evaluation (15s) + `for: 1m` + one more evaluation, with a margin. */
const DEFAULT_TIMEOUT_SECONDS = 240;
const DEFAULT_POLL_SECONDS = 5;

const USAGE = `Usage: wait-for-alert [options]

Calls POST /trigger-drift on bike-api, then waits until Prometheus reports the alert
${FIRE_ALERT.name} (${FIRE_ALERT.severity}) firing, and prints it.

${optionsHelp([
  ['--alert NAME', `the Prometheus alert to wait for (default ${FIRE_ALERT.name})`],
  ['--no-trigger', 'only wait: do not call /trigger-drift'],
  ['--prometheus-url URL', `Prometheus (default: $PROMETHEUS_URL, else ${DEFAULT_PROMETHEUS_URL})`],
  ['--timeout S', `seconds to wait for the alert to fire (default ${DEFAULT_TIMEOUT_SECONDS})`],
  ['--poll-interval S', `seconds between two looks at Prometheus (default ${DEFAULT_POLL_SECONDS})`],
  ...CONNECTION_HELP,
])}`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  alert: { type: 'string', default: FIRE_ALERT.name },
  'no-trigger': { type: 'boolean', default: false },
  'prometheus-url': { type: 'string' },
  timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_SECONDS) },
  'poll-interval': { type: 'string', default: String(DEFAULT_POLL_SECONDS) },
} as const;

async function main(argv: readonly string[]): Promise<number> {
  const values = parseCommandLine(argv, OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const connection = connectionOptions(values, process.env);
  const prometheusUrl = httpUrl('--prometheus-url', values['prometheus-url'] ?? (process.env.PROMETHEUS_URL?.trim() || DEFAULT_PROMETHEUS_URL), DEFAULT_PROMETHEUS_URL);
  const timeoutMs = numberOption('--timeout', values.timeout, { min: 1, max: 3600 }) * 1000;
  const pollMs = numberOption('--poll-interval', values['poll-interval'], { min: 0.05, max: 60 }) * 1000;
  const alertName = values.alert;

  // Fail before triggering anything when Prometheus has no such rule (wrong name, rules not loaded).
  const initial = await findRule(prometheusUrl, alertName);
  const triggeredAt = Date.now();
  if (!values['no-trigger']) {
    await waitForApi(connection.apiUrl, connection.retry);
    await triggerDrift(connection.apiUrl);
  }
  console.log(`Waiting up to ${timeoutMs / 1000}s for ${alertName} to fire in Prometheus (${prometheusUrl}).`);
  console.log(`  rule: ${initial.query}`);
  return waitUntilFiring(prometheusUrl, alertName, { timeoutMs, pollMs, triggeredAt });
}

async function triggerDrift(apiUrl: string): Promise<void> {
  const url = `${apiUrl}/trigger-drift`;
  // The line is finished by the answer: the evaluation behind it can take a few seconds.
  process.stdout.write(`POST ${url} `);
  let response: Response;
  let body: string;
  try {
    // No body: the service builds the drifted batch itself.
    response = await fetch(url, { method: 'POST', headers: authorization(), signal: AbortSignal.timeout(5 * 60_000) });
    body = await response.text();
  } catch (error) {
    process.stdout.write('failed\n');
    throw new ApiError(`POST ${url} failed: ${networkProblem(error)}`);
  }
  console.log(triggerSummary(`-> ${response.status}`, response.ok ? parseJson(body) : undefined));
  // bike-api answers 403 while ENABLE_TRIGGER_DRIFT is off (src/api/routes/trigger-drift.ts).
  if (response.status === 403) {
    throw new ApiError(`POST ${url} answered 403: /trigger-drift is disabled. Start bike-api with ENABLE_TRIGGER_DRIFT=true (docker-compose.yml sets it).`);
  }
  if (response.status === 401) throw new ApiError(`POST ${url} answered 401: bike-api requires API_TOKEN; set the same API_TOKEN here.`);
  if (!response.ok) throw new ApiError(`POST ${url} answered ${response.status}: ${body.slice(0, 500)}`);
}

interface WaitOptions {
  readonly timeoutMs: number;
  readonly pollMs: number;
  /** When the trigger was sent (ms): an alert active since before then was raised by an earlier run. */
  readonly triggeredAt: number;
}

async function waitUntilFiring(prometheusUrl: string, alertName: string, { timeoutMs, pollMs, triggeredAt }: WaitOptions): Promise<number> {
  const started = Date.now();
  let lastStatus = '';
  for (;;) {
    const rule = await findRule(prometheusUrl, alertName);
    const elapsed = Math.round((Date.now() - started) / 1000);
    const status = rule.health === 'err' ? `${rule.state} (rule error: ${rule.lastError})` : rule.state;
    // Progress: one line per state change, and a dot per poll in between.
    if (status !== lastStatus) {
      process.stdout.write(`${lastStatus === '' ? '' : '\n'}  [${elapsed}s] ${alertName}: ${status}`);
      lastStatus = status;
    } else {
      process.stdout.write('.');
    }
    const firing = rule.alerts.filter((alert) => alert.state === 'firing');
    if (firing.length > 0) {
      process.stdout.write('\n');
      for (const alert of firing) printAlert(alert, triggeredAt);
      return 0;
    }
    if (Date.now() - started + pollMs > timeoutMs) {
      process.stdout.write('\n');
      console.error(
        `wait-for-alert: ${alertName} did not fire within ${timeoutMs / 1000}s (last state: ${status}). ` +
          `Check the rule and the targets in Prometheus's alerts and targets pages (${prometheusUrl}/alerts and /targets; /classic/alerts and /classic/targets on builds without the new UI, such as Debian's).`,
      );
      return 1;
    }
    await sleep(pollMs);
  }
}

/** One line for the firing alert, its summary on a second; a note when an earlier run raised it. */
function printAlert(alert: Alert, triggeredAt: number): void {
  const { alertname, severity } = alert.labels;
  console.log(`FIRING ${alertname ?? '?'} (${severity ?? '?'}): value ${formatNumber(alert.value)}, active since ${alert.activeAt}`);
  if (alert.annotations.summary !== undefined) console.log(`  ${alert.annotations.summary}`);
  const activeAt = Date.parse(alert.activeAt);
  if (Number.isFinite(activeAt) && activeAt < triggeredAt) {
    console.log('  (already active before this trigger: an earlier drifted evaluation raised it, and no normal one has cleared it since)');
  }
}

/** The alerting rule named `alertName`; throws ApiError when Prometheus has none. */
async function findRule(prometheusUrl: string, alertName: string): Promise<AlertingRule> {
  const rules = await alertingRules(prometheusUrl);
  // One name may carry several rules (a warning and a critical threshold): report them together.
  const named = rules.filter((rule) => rule.name === alertName);
  const [first, ...others] = named;
  if (named.length === 0) {
    const known = [...new Set(rules.map((rule) => rule.name))].sort().join(', ');
    throw new ApiError(`Prometheus has no alerting rule named ${alertName} (it has: ${known || 'none'}). Are the rule files loaded?`);
  }
  return mergeRules([first, ...others]);
}

const STATE_ORDER = ['inactive', 'pending', 'firing'];

function mergeRules([first, ...others]: readonly [AlertingRule, ...AlertingRule[]]): AlertingRule {
  if (others.length === 0) return first;
  const rules = [first, ...others];
  const state = rules.map((rule) => rule.state).reduce((a, b) => (STATE_ORDER.indexOf(b) > STATE_ORDER.indexOf(a) ? b : a));
  const broken = rules.find((rule) => rule.health === 'err');
  return {
    name: first.name,
    query: rules.map((rule) => rule.query).join('  |  '),
    state,
    health: broken ? 'err' : first.health,
    lastError: broken?.lastError ?? '',
    alerts: rules.flatMap((rule) => rule.alerts),
  };
}

runClient('wait-for-alert', main);

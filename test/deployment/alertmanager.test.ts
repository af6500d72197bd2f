/**
 * The generated Alertmanager configuration: amtool accepts it, every alert of the catalogue
 * reaches the receiver its severity promises, the webhooks and timings come from the environment
 * (and a bad value is refused, naming its variable), and every inhibition of the catalogue holds
 * in a real Alertmanager (Debian's prometheus-alertmanager), for the same labels only.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { RECEIVERS, renderAlertmanagerConfig, TIMING_VARIABLES } from '../../src/alertmanager/receivers.js';
import { ConfigError } from '../../src/config.js';
import { expectedReceivers } from '../../src/deployment/alerting/alertmanager.js';
import { ALERTMANAGER_CONFIG_PATH } from '../../src/deployment/outputs.js';
import { isRunning, startDetached, stopProcess, type ProcessRecord } from '../../src/local/processes.js';
import { alertmanagerArgv } from '../../src/local/stack.js';
import { REPOSITORY_ROOT } from '../../src/paths.js';
import { type AlertSpec, INHIBITIONS } from '../../src/telemetry/alert-thresholds.js';
import { pollUntil } from '../e2e/poll.js';
import { type AlertmanagerAlert, listAlerts, postAlerts } from '../helpers/alertmanager-api.js';
import { freePort } from '../helpers/service.js';
import { announceSkip } from '../helpers/skip.js';
import { temporaryDirectory } from '../helpers/temporary.js';
import { amtool, skipWithoutAmtool } from './debian-tools.js';
import { readRepositoryFile } from './files.js';

const TEMPLATE: unknown = parse(readRepositoryFile(ALERTMANAGER_CONFIG_PATH));

interface Receiver {
  readonly name: string;
  readonly webhook_configs?: readonly { readonly url: string; readonly send_resolved: boolean }[];
}
interface Route {
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
  readonly routes?: readonly Route[];
}
interface Rendered {
  readonly route: Route;
  readonly receivers: readonly Receiver[];
}

const WEBHOOKS = { ALERT_WEBHOOK_URL_CRITICAL: 'https://pager.example.org/hook?key=a&b=c', ALERT_WEBHOOK_URL_WARNING: 'http://127.0.0.1:9/tickets' };

function checkConfig(config: unknown): ReturnType<typeof amtool> {
  const path = join(temporaryDirectory('bike-alertmanager-config-'), 'alertmanager.yml');
  writeFileSync(path, JSON.stringify(config));
  return amtool(['check-config', path]);
}

describe('the Alertmanager configuration', () => {
  it('amtool check-config accepts the generated file', { skip: skipWithoutAmtool }, () => {
    const result = amtool(['check-config', ALERTMANAGER_CONFIG_PATH]);
    assert.ok(result.ok, result.output);
  });

  it('routes every alert of the catalogue to the receiver of its severity (amtool config routes test)', { skip: skipWithoutAmtool }, () => {
    for (const { alert, receiver } of expectedReceivers()) {
      const labels = [`alertname=${alert.name}`, `severity=${alert.severity}`, `job=${alert.job}`];
      const result = amtool(['config', 'routes', 'test', `--config.file=${ALERTMANAGER_CONFIG_PATH}`, `--verify.receivers=${receiver}`, ...labels]);
      assert.ok(result.ok, `${alert.name} (${alert.severity}) does not reach ${receiver}: ${result.output}`);
    }
    // critical pages, warning opens a ticket: two different receivers.
    assert.notEqual(RECEIVERS.critical.name, RECEIVERS.warning.name);
  });

  it('has receivers without a destination until the environment names one', () => {
    const rendered = renderAlertmanagerConfig(TEMPLATE, {}) as unknown as Rendered;
    assert.deepEqual(rendered.receivers, Object.values(RECEIVERS).map(({ name }) => ({ name })));
  });

  it('gives each receiver the webhook of its variable, accepted by amtool', { skip: skipWithoutAmtool }, () => {
    const rendered = renderAlertmanagerConfig(TEMPLATE, WEBHOOKS) as unknown as Rendered;
    for (const { name, urlVariable } of Object.values(RECEIVERS)) {
      const receiver = rendered.receivers.find((candidate) => candidate.name === name);
      assert.deepEqual(receiver?.webhook_configs, [{ url: WEBHOOKS[urlVariable], send_resolved: true }], name);
    }
    const result = checkConfig(rendered);
    assert.ok(result.ok, result.output);
  });

  it('sets one receiver only when only its variable is set', () => {
    const rendered = renderAlertmanagerConfig(TEMPLATE, { ALERT_WEBHOOK_URL_CRITICAL: WEBHOOKS.ALERT_WEBHOOK_URL_CRITICAL, ALERT_WEBHOOK_URL_WARNING: ' ' }) as unknown as Rendered;
    assert.equal(rendered.receivers.find(({ name }) => name === RECEIVERS.critical.name)?.webhook_configs?.length, 1);
    assert.equal(rendered.receivers.find(({ name }) => name === RECEIVERS.warning.name)?.webhook_configs, undefined);
  });

  it('refuses a webhook that is not an http(s) URL, and a timing that is not a duration, naming the variable', () => {
    assert.throws(() => renderAlertmanagerConfig(TEMPLATE, { ALERT_WEBHOOK_URL_WARNING: 'hooks.example.org' }), (error) => error instanceof ConfigError && /ALERT_WEBHOOK_URL_WARNING/.test(error.message));
    assert.throws(() => renderAlertmanagerConfig(TEMPLATE, { ALERT_WEBHOOK_URL_CRITICAL: 'file:///etc/passwd' }), /ALERT_WEBHOOK_URL_CRITICAL must be an http\(s\) URL/);
    assert.throws(() => renderAlertmanagerConfig(TEMPLATE, { ALERTMANAGER_GROUP_WAIT: 'soon' }), /ALERTMANAGER_GROUP_WAIT must be a duration/);
  });

  it('overrides the timings at the root, and in a child route only those it sets itself', () => {
    const rendered = renderAlertmanagerConfig(TEMPLATE, { [TIMING_VARIABLES.group_wait]: '1s', [TIMING_VARIABLES.group_interval]: '2s', [TIMING_VARIABLES.repeat_interval]: '3s' }) as unknown as Rendered;
    assert.deepEqual([rendered.route.group_wait, rendered.route.group_interval, rendered.route.repeat_interval], ['1s', '2s', '3s']);
    const template = TEMPLATE as Rendered;
    assert.ok((template.route.routes ?? []).length > 0);
    (rendered.route.routes ?? []).forEach((route, index) => {
      const original = template.route.routes?.[index] ?? {};
      for (const key of ['group_wait', 'group_interval', 'repeat_interval'] as const) {
        assert.equal(route[key], original[key] === undefined ? undefined : { group_wait: '1s', group_interval: '2s', repeat_interval: '3s' }[key], `route ${index} ${key}`);
      }
    });
  });
});

const alertmanagerBinary = ['prometheus-alertmanager', 'alertmanager'].find((name) => spawnSync(name, ['--version']).status === 0);
const skipWithoutAlertmanager = alertmanagerBinary === undefined ? 'prometheus-alertmanager not found: apt-get install -y prometheus-alertmanager' : false;
if (skipWithoutAlertmanager !== false) announceSkip('the inhibition test needs a real Alertmanager.', skipWithoutAlertmanager);

/**
 * The labels of an alert of the catalogue as its rule sends them, in test case `index`: each case
 * has its own job, instance and mount point values, so that the cases cannot inhibit each other.
 */
function labelsOf(alert: AlertSpec, index: number | string): Record<string, string> {
  return { alertname: alert.name, severity: alert.severity, job: `${alert.job}-${index}`, instance: `host-${index}:9100`, mountpoint: `/data-${index}` };
}

describe('inhibition in a running Alertmanager', { skip: skipWithoutAlertmanager, timeout: 60_000 }, () => {
  let url = '';
  let record: ProcessRecord | undefined;

  before(async () => {
    const dir = temporaryDirectory('bike-alertmanager-');
    const config = join(dir, 'alertmanager.yml');
    writeFileSync(config, JSON.stringify(renderAlertmanagerConfig(TEMPLATE, {})));
    url = `http://127.0.0.1:${await freePort()}`;
    record = startDetached({
      name: 'alertmanager',
      argv: alertmanagerArgv(alertmanagerBinary ?? '', { config, storage: join(dir, 'data'), url }),
      cwd: REPOSITORY_ROOT,
      env: process.env,
      logFile: join(dir, 'alertmanager.log'),
    });
    const started = record;
    const ready = await pollUntil(
      async () => isRunning(started) && (await fetch(`${url}/-/ready`).then((response) => response.ok, () => false)),
      (up) => up || !isRunning(started),
      { timeoutMs: 20_000, pollMs: 200 },
    );
    assert.ok(ready, `Alertmanager did not start: ${readFileSync(join(dir, 'alertmanager.log'), 'utf8')}`);
  });

  after(async () => {
    if (record !== undefined) await stopProcess(record);
  });

  for (const [index, { source, targets, equal }] of INHIBITIONS.entries()) {
    it(`${source.name} (${source.severity}) inhibits ${targets.map((target) => `${target.name} (${target.severity})`).join(', ')} with the same ${equal.join(', ')} only`, async () => {
      const sourceLabels = labelsOf(source, index);
      const inhibited = targets.map((target) => labelsOf(target, index));
      // The same symptoms elsewhere (other equal labels; each its own, so that they cannot inhibit one another either).
      const unrelated = targets.map((target, position) => labelsOf(target, `${index}-elsewhere-${position}`));
      await postAlerts(url, [sourceLabels, ...inhibited, ...unrelated].map((labels) => ({ labels })));

      const find = (alerts: readonly AlertmanagerAlert[], labels: Readonly<Record<string, string>>): AlertmanagerAlert | undefined =>
        alerts.find((alert) => Object.entries(labels).every(([key, value]) => alert.labels[key] === value) && Object.keys(alert.labels).length === Object.keys(labels).length);
      const alerts = await pollUntil(
        () => listAlerts(url),
        (list) => inhibited.every((labels) => find(list, labels)?.state === 'suppressed') && [sourceLabels, ...unrelated].every((labels) => find(list, labels)?.state === 'active'),
        { timeoutMs: 15_000, pollMs: 250 },
      );
      const cause = find(alerts, sourceLabels);
      assert.equal(cause?.state, 'active', `the cause is not inhibited: ${JSON.stringify(cause)}`);
      for (const labels of inhibited) {
        const symptom = find(alerts, labels);
        assert.equal(symptom?.state, 'suppressed', `${labels.alertname}: ${JSON.stringify(symptom)}`);
        assert.deepEqual(symptom.inhibitedBy, [cause.fingerprint], labels.alertname);
      }
      for (const labels of unrelated) assert.equal(find(alerts, labels)?.state, 'active', `${labels.alertname} with other ${equal.join(', ')} must stay active`);
    });
  }
});

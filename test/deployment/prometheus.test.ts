/**
 * Prometheus configuration and alert rules: promtool accepts them, the unit tests pass and cover
 * every alert on both sides, and the scrape jobs are the ones the queries select.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROMETHEUS_ALERT_RULES_PATH } from '../../src/deployment/outputs.js';
import { PROMETHEUS_RULE_GROUPS } from '../../src/deployment/alerting/prometheus-rules.js';
import { JOB } from '../../src/telemetry/metric-names.js';
import { listFiles, readStructured } from './files.js';
import { promtool, skipWithoutPromtool } from './debian-tools.js';

const CONFIG_PATH = 'deployment/prometheus/prometheus.yml';
const TESTS_DIRECTORY = 'deployment/prometheus/tests';

interface PrometheusConfig {
  readonly global?: { readonly scrape_interval?: string; readonly evaluation_interval?: string };
  readonly rule_files?: readonly string[];
  readonly scrape_configs?: readonly {
    readonly job_name: string;
    readonly static_configs?: readonly { readonly targets: readonly string[] }[];
  }[];
}

interface RuleUnitTests {
  readonly rule_files?: readonly string[];
  readonly tests?: readonly {
    readonly interval?: string;
    readonly alert_rule_test?: readonly { readonly alertname: string; readonly exp_alerts?: readonly unknown[] }[];
  }[];
}

test('promtool check config accepts prometheus.yml and the rule files it loads', { skip: skipWithoutPromtool }, () => {
  const result = promtool(['check', 'config', CONFIG_PATH]);
  assert.ok(result.ok, result.output);
});

test('promtool check rules accepts the alert rules', { skip: skipWithoutPromtool }, () => {
  const result = promtool(['check', 'rules', PROMETHEUS_ALERT_RULES_PATH]);
  assert.ok(result.ok, result.output);
});

test('promtool test rules: every unit test passes', { skip: skipWithoutPromtool }, () => {
  const files = listFiles(TESTS_DIRECTORY, '.yml');
  assert.ok(files.length > 0, `no unit test files in ${TESTS_DIRECTORY}`);
  const result = promtool(['test', 'rules', ...files]);
  assert.ok(result.ok, result.output);
});

test('every Prometheus alert has unit tests where it fires and where it stays quiet', () => {
  const cases = new Map<string, { fires: boolean; quiet: boolean }>();
  for (const path of listFiles(TESTS_DIRECTORY, '.yml')) {
    const file = readStructured(path) as RuleUnitTests;
    assert.deepEqual(file.rule_files, ['../rules/alert_rules.yml'], `${path} must test the committed rules`);
    for (const group of file.tests ?? []) {
      // promtool 2.42 evaluates nothing in a group without an explicit interval.
      assert.ok(group.interval !== undefined, `${path}: every test group needs an explicit interval`);
      for (const { alertname, exp_alerts: expected = [] } of group.alert_rule_test ?? []) {
        const seen = cases.get(alertname) ?? { fires: false, quiet: false };
        cases.set(alertname, {
          fires: seen.fires || expected.length > 0,
          quiet: seen.quiet || expected.length === 0,
        });
      }
    }
  }
  for (const { rules } of PROMETHEUS_RULE_GROUPS) {
    for (const { alert } of rules) {
      assert.deepEqual(cases.get(alert), { fires: true, quiet: true }, `${alert} needs a firing and a quiet case`);
    }
  }
});

test('prometheus.yml scrapes bike-api, node-exporter and itself, and loads the alert rules', () => {
  const config = readStructured(CONFIG_PATH) as PrometheusConfig;
  assert.equal(config.global?.scrape_interval, '15s');
  assert.equal(config.global.evaluation_interval, '15s');
  assert.deepEqual(config.rule_files, ['rules/alert_rules.yml']);
  const targets = Object.fromEntries(
    (config.scrape_configs ?? []).map((job) => [job.job_name, job.static_configs?.flatMap((c) => c.targets)]),
  );
  assert.deepEqual(targets, {
    [JOB.api]: ['bike-api:8080'],
    [JOB.node]: ['node-exporter:9100'],
    [JOB.prometheus]: ['localhost:9090'],
  });
});

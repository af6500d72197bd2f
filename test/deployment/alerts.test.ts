/**
 * The alert catalogue (`ALERTS`) against the generated rules of both engines: each alert fires
 * from exactly one place, with its severity, pending period, annotations and a runbook section.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RUNBOOKS_DOCUMENT, runbookAnchor, runbookBaseUrl } from '../../src/deployment/alerting/alert-text.js';
import { grafanaAlertRulesFile } from '../../src/deployment/alerting/grafana-alert-rules.js';
import { PROMETHEUS_RULE_GROUPS } from '../../src/deployment/alerting/prometheus-rules.js';
import { ALERTS, type AlertEngine } from '../../src/telemetry/alert-thresholds.js';
import { REQUEST_DURATION_BUCKETS_SECONDS } from '../../src/telemetry/buckets.js';
import { readRepositoryFile } from './files.js';

interface FiredRule {
  readonly engine: AlertEngine;
  readonly name: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

const firedRules: readonly FiredRule[] = [
  ...PROMETHEUS_RULE_GROUPS.flatMap(({ rules }) =>
    rules.map((rule) => ({
      engine: 'prometheus' as const,
      name: rule.alert,
      for: rule.for,
      labels: { ...rule.labels },
      annotations: { ...rule.annotations },
    })),
  ),
  ...grafanaAlertRulesFile().groups.flatMap(({ rules }) =>
    rules.map((rule) => ({
      engine: 'grafana' as const,
      name: rule.title,
      for: rule.for,
      labels: rule.labels,
      annotations: rule.annotations,
    })),
  ),
];

test('the latency threshold is an exact bucket boundary of api_request_duration_seconds', () => {
  assert.ok(REQUEST_DURATION_BUCKETS_SECONDS.includes(ALERTS.apiLatencyHigh.threshold));
});

test('each alert fires from exactly one rule, in the engine the catalogue names', () => {
  for (const [key, spec] of Object.entries(ALERTS)) {
    const rules = firedRules.filter(
      (rule) => rule.name === spec.name && rule.labels.severity === spec.severity,
    );
    assert.equal(rules.length, 1, `${key}: ${String(rules.length)} rules fire ${spec.name}/${spec.severity}`);
    assert.equal(rules[0]?.engine, spec.engine, `${key} fires from the wrong engine`);
    assert.equal(rules[0]?.for, spec.for, `${key}: pending period`);
  }
  assert.equal(firedRules.length, Object.keys(ALERTS).length, 'a rule has no entry in ALERTS');
});

test('the brief gets at least one Prometheus alert and one Grafana alert on an ML metric', () => {
  const engines = new Set(firedRules.map((rule) => rule.engine));
  assert.deepEqual([...engines].sort(), ['grafana', 'prometheus']);
});

test('every rule carries the scrape job of its metrics as its job label, so that inhibition by a target down applies', () => {
  for (const spec of Object.values(ALERTS)) {
    const rule = firedRules.find((candidate) => candidate.name === spec.name && candidate.labels.severity === spec.severity);
    assert.equal(rule?.labels.job, spec.job, spec.name);
  }
});

test('runbookBaseUrl refuses a relative base, and drops a trailing slash', () => {
  assert.throws(() => runbookBaseUrl({ RUNBOOK_BASE_URL: 'docs' }), /absolute http\(s\) URL/);
  assert.equal(runbookBaseUrl({ RUNBOOK_BASE_URL: 'https://wiki.example.org/runbooks/' }), 'https://wiki.example.org/runbooks');
});

test('every rule has a severity, a summary, a description and a runbook link; model alerts link the latest report', () => {
  for (const rule of firedRules) {
    assert.match(rule.labels.severity, /^(warning|critical)$/, rule.name);
    const modelAlert = /^(Model|DataDrift)/.test(rule.name);
    const expected = modelAlert ? ['description', 'report_url', 'runbook_url', 'summary'] : ['description', 'runbook_url', 'summary'];
    assert.deepEqual(Object.keys(rule.annotations).sort(), expected, rule.name);
    if (modelAlert) assert.equal(rule.annotations.report_url, 'http://localhost:8080/evaluations/latest/report', rule.name);
    for (const text of Object.values(rule.annotations)) assert.ok(text.trim().length > 0, rule.name);
  }
});

test(`every runbook link is absolute and points to a section of ${RUNBOOKS_DOCUMENT}`, () => {
  const headings = new Set(
    readRepositoryFile(RUNBOOKS_DOCUMENT)
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => runbookAnchor(line.replace(/^#+\s*/, '').trim())),
  );
  for (const rule of firedRules) {
    const [document = '', anchor] = rule.annotations.runbook_url.split('#');
    // Absolute: Grafana and the receivers render it outside the repository, where a relative path is a 404.
    assert.match(document, /^https?:\/\//, rule.name);
    assert.equal(document, `${runbookBaseUrl()}/${RUNBOOKS_DOCUMENT.split('/').at(-1) ?? ''}`, rule.name);
    assert.ok(headings.has(anchor), `${RUNBOOKS_DOCUMENT} has no section "${rule.name}"`);
  }
});

test(`the summary table of ${RUNBOOKS_DOCUMENT} agrees with the catalogue`, () => {
  const rows = new Map(
    readRepositoryFile(RUNBOOKS_DOCUMENT)
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
      .map((cells) => [cells[0] ?? '', cells] as const),
  );
  for (const spec of Object.values(ALERTS)) {
    const [, severity = '', , pending = '', engine = ''] = rows.get(spec.name) ?? [];
    assert.ok(severity.includes(spec.severity), `${spec.name}: severity`);
    assert.equal(pending, spec.for, `${spec.name}: for`);
    assert.equal(engine.toLowerCase(), spec.engine, `${spec.name}: engine`);
  }
});

test("each Prometheus rule compares with its alert's threshold by the catalogue's comparison", () => {
  for (const spec of Object.values(ALERTS).filter((alert) => alert.engine === 'prometheus')) {
    const rule = PROMETHEUS_RULE_GROUPS.flatMap(({ rules }) => rules).find((candidate) => candidate.alert === spec.name && candidate.labels.severity === spec.severity);
    assert.ok(rule, spec.name);
    assert.ok(rule.expr.includes(` ${spec.comparison} ${spec.threshold}`), `${spec.name}: ${rule.expr}`);
  }
});

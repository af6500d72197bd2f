/**
 * Every PromQL query of the dashboards and of the Grafana alert rules parses once Grafana's
 * variables are substituted. promtool parses them (and type-checks them, e.g. a `rate()` over an
 * instant vector) as recording rules of a temporary rule file, one group per panel query, so a
 * failure names the dashboard and the panel.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { DASHBOARD_FILES } from '../../src/deployment/dashboards/all-dashboards.js';
import { dashboardQueries, GRAFANA_ALERT_RULES } from '../helpers/dashboard-queries.js';
import { promtool, skipWithoutPromtool } from './debian-tools.js';

const queries = dashboardQueries();

test('every dashboard and the Grafana alert rules have queries', () => {
  const sources = new Set(queries.map((query) => query.dashboard));
  for (const { build } of DASHBOARD_FILES) assert.ok(sources.has(build().title ?? ''));
  assert.ok(sources.has(GRAFANA_ALERT_RULES));
});

test('no Grafana variable is left unsubstituted', () => {
  for (const query of queries) {
    assert.doesNotMatch(query.expr, /\$/, `${query.dashboard} / ${query.panel}: ${query.expr}`);
  }
});

test('every query parses as PromQL (promtool)', { skip: skipWithoutPromtool }, () => {
  const directory = mkdtempSync(join(tmpdir(), 'dashboard-queries-'));
  try {
    const file = join(directory, 'queries.yml');
    const groups = queries.map((query, index) => ({
      name: `${index + 1}. ${query.dashboard} / ${query.panel} / ${query.refId}`,
      rules: [{ record: 'dashboard_query', expr: query.expr }],
    }));
    writeFileSync(file, stringify({ groups }, { lineWidth: 0 }));
    const result = promtool(['check', 'rules', file]);
    assert.ok(result.ok, result.output);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

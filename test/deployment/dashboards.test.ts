/**
 * The committed dashboards, as Grafana's file provisioning loads them: classic JSON, unique uids
 * and panel ids, every query on the provisioned data source, legends, reducers and units set,
 * and the panels the brief requires.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DashboardLinkType } from '@grafana/grafana-foundation-sdk/dashboard';
import { DASHBOARD_FILES, DASHBOARDS_DIRECTORY } from '../../src/deployment/dashboards/all-dashboards.js';
import { modelPerformanceDashboard } from '../../src/deployment/dashboards/model-performance.js';
import { PROMETHEUS_DATASOURCE } from '../../src/deployment/datasource.js';
import { METRIC } from '../../src/telemetry/metric-names.js';
import { listFiles, readStructured } from './files.js';

interface DataSourceJson {
  readonly type?: string;
  readonly uid?: string;
}

interface PanelJson {
  readonly id?: number;
  readonly type: string;
  readonly title?: string;
  readonly datasource?: DataSourceJson;
  readonly gridPos?: { readonly x: number; readonly w: number };
  readonly targets?: readonly { readonly refId?: string; readonly expr?: string; readonly datasource?: DataSourceJson }[];
  readonly options?: {
    readonly legend?: { readonly showLegend?: boolean };
    readonly reduceOptions?: { readonly calcs?: readonly string[] };
  };
  readonly fieldConfig?: { readonly defaults?: { readonly unit?: string } };
}

interface DashboardJson {
  readonly uid?: string;
  readonly title?: string;
  readonly schemaVersion?: number;
  readonly panels?: readonly PanelJson[];
  readonly templating?: { readonly list?: readonly { readonly name: string; readonly datasource?: DataSourceJson }[] };
}

const dashboards = listFiles(DASHBOARDS_DIRECTORY, '.json').map((path) => ({
  path,
  json: readStructured(path) as DashboardJson,
}));

const byTitle = (title: string): DashboardJson => {
  const found = dashboards.find(({ json }) => json.title === title);
  assert.ok(found, `no dashboard titled "${title}"`);
  return found.json;
};

const exprs = (dashboard: DashboardJson): string[] =>
  (dashboard.panels ?? []).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? ''));

test('the dashboards directory holds exactly the generated dashboards', () => {
  assert.deepEqual(
    dashboards.map(({ path }) => path),
    DASHBOARD_FILES.map(({ file }) => `${DASHBOARDS_DIRECTORY}/${file}`).sort(),
  );
});

test('dashboard uids are fixed, unique and at most 40 characters', () => {
  const uids = dashboards.map(({ json }) => json.uid ?? '');
  assert.equal(new Set(uids).size, uids.length);
  for (const uid of uids) assert.match(uid, /^[A-Za-z0-9_-]{1,40}$/);
});

test('dashboards are classic JSON, which file provisioning loads (not the v2 schema)', () => {
  for (const { path, json } of dashboards) {
    assert.equal(typeof json.schemaVersion, 'number', path);
    assert.ok(Array.isArray(json.panels), path);
    for (const v2Key of ['apiVersion', 'kind', 'spec', 'elements', 'layout']) {
      assert.ok(!(v2Key in json), `${path} has the v2 key ${v2Key}`);
    }
  }
});

test('panel ids are unique within each dashboard and panels fit the 24-column grid', () => {
  for (const { path, json } of dashboards) {
    const ids = (json.panels ?? []).map((panel) => panel.id);
    assert.ok(ids.every((id) => typeof id === 'number' && id > 0), path);
    assert.equal(new Set(ids).size, ids.length, path);
    for (const panel of json.panels ?? []) {
      assert.ok((panel.gridPos?.x ?? 0) + (panel.gridPos?.w ?? 0) <= 24, `${path}: ${panel.title ?? ''}`);
    }
  }
});

test('every panel, query and variable uses the provisioned Prometheus data source uid', () => {
  for (const { path, json } of dashboards) {
    for (const panel of (json.panels ?? []).filter((candidate) => candidate.type !== 'row')) {
      const where = `${path}: ${panel.title ?? ''}`;
      assert.equal(panel.datasource?.uid, PROMETHEUS_DATASOURCE.uid, where);
      assert.ok((panel.targets ?? []).length > 0, `${where} has no query`);
      const refIds = (panel.targets ?? []).map((target) => target.refId);
      assert.equal(new Set(refIds).size, refIds.length, `${where}: duplicate refId`);
      for (const target of panel.targets ?? []) {
        assert.equal(target.datasource?.uid, PROMETHEUS_DATASOURCE.uid, where);
        assert.ok((target.expr ?? '').length > 0, `${where}: empty query`);
      }
    }
    for (const variable of json.templating?.list ?? []) {
      assert.equal(variable.datasource?.uid, PROMETHEUS_DATASOURCE.uid, `${path}: $${variable.name}`);
    }
  }
});

test('time series show their legend, stats and gauges reduce with lastNotNull, every panel has a unit', () => {
  for (const { path, json } of dashboards) {
    for (const panel of (json.panels ?? []).filter((candidate) => candidate.type !== 'row')) {
      const where = `${path}: ${panel.title ?? ''}`;
      assert.ok((panel.fieldConfig?.defaults?.unit ?? '').length > 0, `${where} has no unit`);
      if (panel.type === 'timeseries') assert.equal(panel.options?.legend?.showLegend, true, where);
      if (panel.type === 'stat' || panel.type === 'gauge') {
        assert.deepEqual(panel.options?.reduceOptions?.calcs, ['lastNotNull'], where);
      }
    }
  }
});

test('API Performance has request rate, P95 latency and error ratio panels', () => {
  const queries = exprs(byTitle('API Performance'));
  const has = (pattern: RegExp): boolean => queries.some((expr) => pattern.test(expr));
  assert.ok(has(new RegExp(`^sum(?: by \\([^)]*\\))? \\(rate\\(${METRIC.requestsTotal}\\{job="bike-api"\\}\\[`)), 'request rate');
  assert.ok(has(new RegExp(`^histogram_quantile\\(0\\.95, .*${METRIC.requestDuration}_bucket`)), 'P95 latency');
  assert.ok(has(/status_code=~"5\.\.".*\/ clamp_min\(/), 'error ratio (5xx / all, zero-traffic guard)');
});

test('Model Performance & Drift has RMSE, MAE, R2 and the drift metric', () => {
  const queries = exprs(byTitle('Model Performance & Drift')).join('\n');
  for (const metric of [METRIC.rmse, METRIC.mae, METRIC.r2, METRIC.driftDetected]) {
    assert.ok(queries.includes(`${metric}{`), metric);
  }
});

test('Infrastructure Overview has CPU, memory (MemAvailable) and disk space panels', () => {
  const queries = exprs(byTitle('Infrastructure Overview')).join('\n');
  for (const metric of ['node_cpu_seconds_total', 'node_memory_MemAvailable_bytes', 'node_filesystem_avail_bytes']) {
    assert.ok(queries.includes(`${metric}{`), metric);
  }
  assert.ok(!queries.includes('MemFree'), 'memory must come from MemAvailable, not MemFree');
});

test('"Model Performance & Drift" links the latest evaluation report and the history page, at the API public URL', () => {
  const links = (modelPerformanceDashboard().links ?? []).filter((link) => link.type === DashboardLinkType.Link).map((link) => [link.title, link.url]);
  assert.deepEqual(links, [
    ['Latest evaluation report', 'http://localhost:8080/evaluations/latest/report'],
    ['Evaluation history', 'http://localhost:8080/reports'],
  ]);
});

/**
 * Grafana provisioning files: the data source every query names, the dashboards provider, and
 * the alerting files (rules, contact point, policy) as Grafana's file format expects them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DASHBOARD_FILES, DASHBOARDS_DIRECTORY } from '../../src/deployment/dashboards/all-dashboards.js';
import { EXPRESSION_DATASOURCE, PROMETHEUS_DATASOURCE } from '../../src/deployment/datasource.js';
import { GRAFANA_FOLDER } from '../../src/deployment/alerting/grafana-alert-rules.js';
import { ALERTMANAGER_URL } from '../../src/deployment/alerting/notification.js';
import { GRAFANA_ALERT_RULES_PATH, GRAFANA_NOTIFICATION_PATH } from '../../src/deployment/outputs.js';
import { listFiles, readStructured } from './files.js';

const PROVISIONING = 'deployment/grafana/provisioning';
/** Where Docker Compose mounts deployment/grafana/dashboards in the Grafana container. */
const DASHBOARDS_MOUNT = '/var/lib/grafana/dashboards';

interface DatasourcesFile {
  readonly apiVersion?: number;
  readonly datasources?: readonly {
    readonly uid?: string;
    readonly type?: string;
    readonly url?: string;
    readonly jsonData?: { readonly timeInterval?: string; readonly implementation?: string; readonly handleGrafanaManagedAlerts?: boolean };
  }[];
}

interface DashboardProvidersFile {
  readonly apiVersion?: number;
  readonly providers?: readonly {
    readonly type?: string;
    readonly folder?: string;
    readonly disableDeletion?: boolean;
    readonly allowUiUpdates?: boolean;
    readonly updateIntervalSeconds?: number;
    readonly options?: { readonly path?: string; readonly foldersFromFilesStructure?: boolean };
  }[];
}

interface AlertRulesFile {
  readonly apiVersion?: number;
  readonly groups?: readonly {
    readonly orgId?: number;
    readonly name?: string;
    readonly folder?: string;
    readonly interval?: string;
    readonly rules?: readonly {
      readonly uid?: string;
      readonly title?: string;
      readonly condition?: string;
      readonly for?: string;
      readonly noDataState?: string;
      readonly execErrState?: string;
      readonly dashboardUid?: string;
      readonly panelId?: number;
      readonly labels?: Readonly<Record<string, string>>;
      readonly data?: readonly {
        readonly refId?: string;
        readonly datasourceUid?: string;
        readonly relativeTimeRange?: { readonly from?: number; readonly to?: number };
        readonly model?: { readonly refId?: string; readonly expression?: string; readonly expr?: string };
      }[];
    }[];
  }[];
}

interface NotificationFile {
  readonly apiVersion?: number;
  readonly contactPoints?: readonly {
    readonly name?: string;
    readonly receivers?: readonly { readonly uid?: string; readonly type?: string; readonly settings?: { readonly url?: string } }[];
  }[];
  readonly policies?: readonly { readonly receiver?: string }[];
}

interface PrometheusConfig {
  readonly global?: { readonly scrape_interval?: string };
}

/** Dashboard uid -> ids of its panels, from the committed JSON. */
const panelIds = new Map(
  DASHBOARD_FILES.map(({ file }) => {
    const json = readStructured(`${DASHBOARDS_DIRECTORY}/${file}`) as { uid: string; panels: { id: number }[] };
    return [json.uid, new Set(json.panels.map((panel) => panel.id))] as const;
  }),
);

test('every provisioning folder Grafana scans exists (a missing one is an error at each start), and every file declares apiVersion 1', () => {
  for (const directory of ['datasources', 'dashboards', 'alerting', 'plugins']) {
    const files = listFiles(`${PROVISIONING}/${directory}`, '.yaml');
    assert.ok(files.length > 0, directory);
    for (const path of files) assert.equal((readStructured(path) as { apiVersion?: number }).apiVersion, 1, path);
  }
});

test('the Prometheus data source has the uid the dashboards use and the scrape interval', () => {
  const datasources = (readStructured(`${PROVISIONING}/datasources/prometheus.yaml`) as DatasourcesFile).datasources ?? [];
  assert.equal(datasources.length, 1);
  const [datasource] = datasources;
  assert.equal(datasource.uid, PROMETHEUS_DATASOURCE.uid);
  assert.equal(datasource.type, PROMETHEUS_DATASOURCE.type);
  assert.equal(datasource.url, 'http://prometheus:9090');
  const config = readStructured('deployment/prometheus/prometheus.yml') as PrometheusConfig;
  assert.equal(datasource.jsonData?.timeInterval, config.global?.scrape_interval, '$__rate_interval needs the scrape interval');
});

test('the Alertmanager data source lists the stack\'s alerts, without a second delivery path for Grafana\'s', () => {
  const datasources = (readStructured(`${PROVISIONING}/datasources/alertmanager.yaml`) as DatasourcesFile).datasources ?? [];
  assert.equal(datasources.length, 1);
  const [datasource] = datasources;
  assert.equal(datasource.type, 'alertmanager');
  assert.equal(datasource.url, ALERTMANAGER_URL);
  assert.equal(datasource.jsonData?.implementation, 'prometheus');
  assert.equal(datasource.jsonData.handleGrafanaManagedAlerts, false);
});

test('the dashboards provider loads the mounted dashboards read-only, into the alert rules folder', () => {
  const providers = (readStructured(`${PROVISIONING}/dashboards/dashboards.yaml`) as DashboardProvidersFile).providers ?? [];
  assert.equal(providers.length, 1);
  const [provider] = providers;
  assert.equal(provider.type, 'file');
  assert.equal(provider.options?.path, DASHBOARDS_MOUNT);
  assert.equal(provider.allowUiUpdates, false);
  assert.equal(typeof provider.disableDeletion, 'boolean');
  assert.ok((provider.updateIntervalSeconds ?? 0) > 0);
  assert.equal(provider.folder, GRAFANA_FOLDER);
  // foldersFromFilesStructure only makes sense without a fixed folder.
  assert.equal(provider.options.foldersFromFilesStructure, false);
});

test('Grafana alert rules are valid provisioning file rules linked to their panels', () => {
  const file = readStructured(GRAFANA_ALERT_RULES_PATH) as AlertRulesFile;
  const uids: string[] = [];
  for (const group of file.groups ?? []) {
    assert.equal(group.orgId, 1);
    assert.ok((group.name ?? '').length > 0 && group.folder === GRAFANA_FOLDER);
    assert.match(group.interval ?? '', /^\d+[smh]$/);
    for (const rule of group.rules ?? []) {
      const where = rule.title ?? '?';
      uids.push(rule.uid ?? '');
      assert.match(rule.uid ?? '', /^[A-Za-z0-9_-]{1,40}$/, `${where}: uid`);
      // Grafana expands $VAR in titles and labels (not in annotations or query models).
      assert.doesNotMatch(`${where}${JSON.stringify(rule.labels)}`, /\$/, `${where}: $ in title or labels`);
      assert.ok(['OK', 'NoData', 'Alerting', 'KeepLast'].includes(rule.noDataState ?? ''), `${where}: noDataState`);
      assert.ok(['OK', 'Error', 'Alerting', 'KeepLast'].includes(rule.execErrState ?? ''), `${where}: execErrState`);
      assert.match(rule.for ?? '', /^\d+[smh]$/, `${where}: for`);
      const refIds = (rule.data ?? []).map((query) => query.refId ?? '');
      assert.equal(new Set(refIds).size, refIds.length, `${where}: duplicate refId`);
      assert.ok(refIds.includes(rule.condition ?? ''), `${where}: condition ${rule.condition ?? ''} is no query`);
      for (const query of rule.data ?? []) {
        assert.equal(query.model?.refId, query.refId, `${where}: model refId`);
        assert.ok((query.relativeTimeRange?.from ?? 0) > 0, `${where}: relativeTimeRange`);
        if (query.datasourceUid === EXPRESSION_DATASOURCE.uid) {
          assert.ok(refIds.includes(query.model?.expression ?? ''), `${where}: ${query.refId ?? ''} reads no query`);
        } else {
          assert.equal(query.datasourceUid, PROMETHEUS_DATASOURCE.uid, `${where}: data source`);
          assert.ok((query.model?.expr ?? '').length > 0, `${where}: empty query`);
        }
      }
      assert.ok(panelIds.get(rule.dashboardUid ?? '')?.has(rule.panelId ?? -1), `${where}: linked panel does not exist`);
    }
  }
  assert.ok(uids.length > 0);
  assert.equal(new Set(uids).size, uids.length, 'duplicate rule uid');
});

test('the notification policy forwards every Grafana alert to the stack\'s Alertmanager, which routes both engines\' alerts', () => {
  const file = readStructured(GRAFANA_NOTIFICATION_PATH) as NotificationFile;
  const contactPoints = new Set((file.contactPoints ?? []).map((point) => point.name));
  const policies = file.policies ?? [];
  assert.equal(policies.length, 1, 'one policy tree per organisation');
  assert.ok(contactPoints.has(policies[0].receiver), 'the policy receiver is no contact point');
  const receivers = (file.contactPoints ?? []).flatMap((point) => point.receivers ?? []);
  assert.deepEqual(receivers.map((receiver) => [receiver.type, receiver.settings?.url]), [['prometheus-alertmanager', ALERTMANAGER_URL]]);
});

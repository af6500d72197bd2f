/**
 * The dashboards and the Grafana alert rules as ConfigMaps that kube-prometheus-stack's Grafana
 * sidecars load: the label `grafana_dashboard: "1"` (dashboards) and `grafana_alert: "1"`
 * (alerting provisioning, the grafana chart's `sidecar.alerts`). Their content is the very text
 * of deployment/grafana/. Panels and rules name the data source by the uid `prometheus`, which is
 * the uid kube-prometheus-stack gives its Prometheus data source (`grafana.sidecar.datasources.uid`).
 */
import { ConfigMap } from 'kubernetes-models/v1';
import { stringify } from 'yaml';
import { GRAFANA_FOLDER, grafanaAlertRulesFile } from '../alerting/grafana-alert-rules.js';
import { DASHBOARD_FILES, dashboardJson } from '../dashboards/all-dashboards.js';
import { appLabels, NAMESPACE } from './names.js';

export const SIDECAR_LABEL = { dashboard: 'grafana_dashboard', alert: 'grafana_alert' } as const;
/** Read by the dashboard sidecar when `grafana.sidecar.dashboards.folderAnnotation` names it. */
export const FOLDER_ANNOTATION = 'grafana_folder';

export function dashboardConfigMaps(): ConfigMap[] {
  return DASHBOARD_FILES.map(
    (dashboard) =>
      new ConfigMap({
        metadata: {
          name: `bike-dashboard-${dashboard.file.replace(/\.json$/, '')}`,
          namespace: NAMESPACE,
          labels: { ...appLabels('bike-dashboards', 'grafana'), [SIDECAR_LABEL.dashboard]: '1' },
          annotations: { [FOLDER_ANNOTATION]: GRAFANA_FOLDER },
        },
        data: { [dashboard.file]: dashboardJson(dashboard) },
      }),
  );
}

export function alertRulesConfigMap(): ConfigMap {
  return new ConfigMap({
    metadata: {
      name: 'bike-grafana-alert-rules',
      namespace: NAMESPACE,
      labels: { ...appLabels('bike-grafana-alert-rules', 'grafana'), [SIDECAR_LABEL.alert]: '1' },
    },
    data: { 'bike-demand-alert-rules.yaml': stringify(grafanaAlertRulesFile(), { lineWidth: 0 }) },
  });
}

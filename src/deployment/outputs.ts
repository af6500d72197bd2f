/**
 * Every file generated from this folder, with its content: the three dashboards, the Prometheus
 * alert rules (and the promtool tests of the live ones), the Alertmanager configuration, the Grafana
 * alerting provisioning, the Kubernetes manifests and the random forest's WebAssembly kernel.
 * `generate.ts` writes them; a test compares them with the committed files.
 */
import { DASHBOARD_FILES, DASHBOARDS_DIRECTORY, dashboardJson } from './dashboards/all-dashboards.js';
import { alertmanagerYaml } from './alerting/alertmanager.js';
import { grafanaAlertRulesFile } from './alerting/grafana-alert-rules.js';
import { notificationFile } from './alerting/notification.js';
import { PROMETHEUS_RULE_GROUPS } from './alerting/prometheus-rules.js';
import { KUBERNETES_DIRECTORY, kubernetesFiles, kustomization } from './kubernetes/manifests.js';
import { liveRuleTests } from './alerting/live-rule-tests.js';
import { generatedYaml } from './yaml-file.js';
import { FOREST_KERNEL_MODULE, forestKernelModule } from './forest-kernel.js';

export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly content: string;
}

export const PROMETHEUS_ALERT_RULES_PATH = 'deployment/prometheus/rules/alert_rules.yml';
export const LIVE_RULE_TESTS_PATH = 'deployment/prometheus/tests/live_alerts_test.yml';
export const GRAFANA_ALERT_RULES_PATH = 'deployment/grafana/provisioning/alerting/alert-rules.yaml';
export const ALERTMANAGER_CONFIG_PATH = 'deployment/alertmanager/alertmanager.yml';
export const GRAFANA_NOTIFICATION_PATH = 'deployment/grafana/provisioning/alerting/notification.yaml';

const KUBERNETES_SOURCE = 'src/deployment/kubernetes/';

function kubernetesOutputs(): GeneratedFile[] {
  const files = kubernetesFiles();
  return [
    ...files.map(({ file, object }) => ({ path: `${KUBERNETES_DIRECTORY}/${file}`, content: generatedYaml(object.toJSON(), KUBERNETES_SOURCE) })),
    { path: `${KUBERNETES_DIRECTORY}/kustomization.yaml`, content: generatedYaml(kustomization(files), KUBERNETES_SOURCE) },
  ];
}

export function generatedFiles(): GeneratedFile[] {
  return [
    ...DASHBOARD_FILES.map((dashboard) => ({ path: `${DASHBOARDS_DIRECTORY}/${dashboard.file}`, content: dashboardJson(dashboard) })),
    {
      path: PROMETHEUS_ALERT_RULES_PATH,
      content: generatedYaml(
        { groups: PROMETHEUS_RULE_GROUPS },
        'src/deployment/alerting/prometheus-rules.ts (thresholds: src/telemetry/alert-thresholds.ts)',
      ),
    },
    {
      path: LIVE_RULE_TESTS_PATH,
      content: generatedYaml(liveRuleTests(), 'src/deployment/alerting/live-rule-tests.ts (alerts: src/telemetry/alert-thresholds.ts)'),
    },
    {
      path: GRAFANA_ALERT_RULES_PATH,
      content: generatedYaml(
        grafanaAlertRulesFile(),
        'src/deployment/alerting/grafana-alert-rules.ts (thresholds: src/telemetry/alert-thresholds.ts)',
      ),
    },
    { path: ALERTMANAGER_CONFIG_PATH, content: alertmanagerYaml() },
    {
      path: GRAFANA_NOTIFICATION_PATH,
      content: generatedYaml(notificationFile(), 'src/deployment/alerting/notification.ts'),
    },
    ...kubernetesOutputs(),
    { path: FOREST_KERNEL_MODULE, content: forestKernelModule() },
  ];
}

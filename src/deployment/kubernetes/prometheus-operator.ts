/**
 * The Prometheus Operator's objects: the ServiceMonitor that scrapes bike-api, and the
 * PrometheusRule holding the very groups of `deployment/prometheus/rules/alert_rules.yml`.
 */
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { IRelabelConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RelabelConfig';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { JOB } from '../../telemetry/metric-names.js';
import { PROMETHEUS_RULE_GROUPS } from '../alerting/prometheus-rules.js';
import { API_NAME, API_PORT, appLabels, NAMESPACE, PROMETHEUS_RELEASE_LABEL, selectorLabels } from './names.js';

/** Every 15 s, as in deployment/prometheus/prometheus.yml (the dashboards' $__rate_interval assumes it). */
const SCRAPE_INTERVAL = '15s';

/**
 * Target relabellings, applied after the operator's own, so every dashboard and rule query of
 * the contract (src/telemetry/metric-names.ts) keeps matching:
 * - the operator labels each target `endpoint=<port name>`, which clashes with the service's own
 *   `endpoint` label (the route of api_requests_total): Prometheus would rename the service's to
 *   `exported_endpoint`. Dropping the target label keeps the route where the queries look for it;
 * - the operator names the job after the Service; the queries select `job="bike-api"` (JOB.api),
 *   set here whatever the Service is called.
 * Exported: the end-to-end test scrapes bike-api with exactly these rules.
 */
export const API_RELABELINGS: readonly IRelabelConfig[] = [
  { action: 'labeldrop', regex: 'endpoint' },
  { action: 'replace', targetLabel: 'job', replacement: JOB.api },
];

export function apiServiceMonitor(): ServiceMonitor {
  return new ServiceMonitor({
    metadata: { name: API_NAME, namespace: NAMESPACE, labels: { ...appLabels(API_NAME, 'api'), ...PROMETHEUS_RELEASE_LABEL } },
    spec: {
      selector: { matchLabels: selectorLabels(API_NAME) },
      namespaceSelector: { matchNames: [NAMESPACE] },
      endpoints: [
        {
          port: API_PORT.name,
          path: '/metrics',
          scheme: 'http',
          interval: SCRAPE_INTERVAL,
          relabelings: [...API_RELABELINGS],
        },
      ],
    },
  });
}

export function alertRules(): PrometheusRule {
  return new PrometheusRule({
    metadata: { name: 'bike-demand-alerts', namespace: NAMESPACE, labels: { ...appLabels('bike-demand-alerts', 'alerting'), ...PROMETHEUS_RELEASE_LABEL } },
    spec: {
      groups: PROMETHEUS_RULE_GROUPS.map((group) => ({
        name: group.name,
        rules: group.rules.map((rule) => ({ ...rule, labels: { ...rule.labels }, annotations: { ...rule.annotations } })),
      })),
    },
  });
}

/**
 * Names shared by the Kubernetes objects (src/deployment/kubernetes/), so that a selector, a
 * Service port and the ServiceMonitor that scrapes it cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../../paths.js';
import { JOB } from '../../telemetry/metric-names.js';

export const NAMESPACE = 'bike-demand';

/** The Deployment, its Service and its pods are all called after the scrape job of the contract. */
export const API_NAME = JOB.api;
export const API_PORT = { name: 'http', number: 8080 } as const;

export const EVALUATION_NAME = 'bike-evaluation';

/** Built images, tagged with package.json's version like in docker-compose.yml; `kustomize edit set image` points them at a registry. */
const VERSION = (JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const IMAGE = {
  api: `bike-demand-monitoring/bike-api:${VERSION}`,
  evaluation: `bike-demand-monitoring/evaluation:${VERSION}`,
} as const;

/** The Secret the operator creates (docs/kubernetes.md): never generated, so no value is ever committed. */
export const DATABASE_SECRET = { name: 'bike-api-database', key: 'DATABASE_URL' } as const;

/**
 * kube-prometheus-stack's Prometheus selects ServiceMonitors and PrometheusRules by its Helm
 * release label unless told otherwise (docs/kubernetes.md); this is the chart's documented release name.
 */
export const PROMETHEUS_RELEASE_LABEL = { release: 'kube-prometheus-stack' } as const;

export function appLabels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'bike-demand-monitoring',
  };
}

/** The labels a selector matches: the stable subset of `appLabels`. */
export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}

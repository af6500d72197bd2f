/**
 * Every Kubernetes file under deployment/kubernetes/, one object per file, and the
 * kustomization.yaml that lists the ones `kubectl apply -k deployment/kubernetes` applies. The
 * one-off evaluation Job sits beside them, outside the kustomization (it is created, not applied).
 */
import type { Model } from '@kubernetes-models/base';
import { apiAutoscaler, apiDeployment, apiDisruptionBudget, apiService, namespace } from './api-workload.js';
import { evaluationCronJob, evaluationJob } from './evaluation-jobs.js';
import { alertRulesConfigMap, dashboardConfigMaps } from './grafana-sidecar.js';
import { alertRules, apiServiceMonitor } from './prometheus-operator.js';

export const KUBERNETES_DIRECTORY = 'deployment/kubernetes';

export interface KubernetesFile {
  /** Relative to KUBERNETES_DIRECTORY. */
  readonly file: string;
  readonly object: Model<unknown>;
  /** Listed in kustomization.yaml. */
  readonly applied: boolean;
}

export function kubernetesFiles(): KubernetesFile[] {
  const applied = (file: string, object: Model<unknown>): KubernetesFile => ({ file, object, applied: true });
  return [
    applied('namespace.yaml', namespace()),
    applied('bike-api-deployment.yaml', apiDeployment()),
    applied('bike-api-service.yaml', apiService()),
    applied('bike-api-pdb.yaml', apiDisruptionBudget()),
    applied('bike-api-hpa.yaml', apiAutoscaler()),
    applied('bike-api-servicemonitor.yaml', apiServiceMonitor()),
    applied('bike-demand-prometheusrule.yaml', alertRules()),
    applied('evaluation-cronjob.yaml', evaluationCronJob()),
    ...dashboardConfigMaps().map((configMap) => applied(`${configMap.metadata?.name ?? ''}-configmap.yaml`, configMap)),
    applied('grafana-alert-rules-configmap.yaml', alertRulesConfigMap()),
    { file: 'one-off/evaluation-job.yaml', object: evaluationJob(), applied: false },
  ];
}

export function kustomization(files: readonly KubernetesFile[]): object {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: files.filter(({ applied }) => applied).map(({ file }) => file),
  };
}


/**
 * bike-api on Kubernetes: the Namespace, the Deployment, its Service, PodDisruptionBudget and
 * HorizontalPodAutoscaler. docs/kubernetes.md explains the choices; the resource figures come
 * from `npm run bench:capacity`.
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Namespace, Service } from 'kubernetes-models/v1';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { API_NAME, API_PORT, appLabels, DATABASE_SECRET, IMAGE, NAMESPACE, selectorLabels } from './names.js';
import { hardenedPodSpec, type WritablePath } from './pod-security.js';

export const API_REPLICAS = { min: 3, max: 10 } as const;

/**
 * Per pod, from `npm run bench:capacity` (docs/kubernetes.md, "Resources and capacity"): the CPU
 * limit is the one CPU at which about 5,000 /predict req/s were measured; the memory request
 * covers the measured peak (about 240 MiB with 10,000-row evaluations, 172 MiB under /predict
 * load), the limit is twice that peak.
 */
export const API_RESOURCES = {
  requests: { cpu: '500m', memory: '256Mi' },
  limits: { cpu: '1', memory: '512Mi' },
} as const;

/** The HPA adds pods when the average CPU of the pods passes this share of their request. */
export const HPA_CPU_UTILISATION_PERCENT = 70;

const MODEL_DIRECTORY = '/app/artefacts';
const DATA_DIRECTORY = '/app/.cache/data';

/** The model artefact and last-evaluation.json, the dataset cache, and Node's temporary files. */
const WRITABLE: readonly WritablePath[] = [
  { name: 'model', mountPath: MODEL_DIRECTORY, sizeLimit: '64Mi' },
  { name: 'dataset', mountPath: DATA_DIRECTORY, sizeLimit: '64Mi' },
  { name: 'tmp', mountPath: '/tmp', sizeLimit: '16Mi' },
];

const labels = appLabels(API_NAME, 'api');

function httpProbe(path: string, periodSeconds: number, failureThreshold: number): IProbe {
  return { httpGet: { path, port: API_PORT.name }, periodSeconds, timeoutSeconds: 3, failureThreshold };
}

export function namespace(): Namespace {
  return new Namespace({
    metadata: {
      name: NAMESPACE,
      labels: {
        // Pod Security Admission: the strictest profile, which every pod here satisfies.
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
    },
  });
}

export function apiDeployment(): Deployment {
  return new Deployment({
    metadata: { name: API_NAME, namespace: NAMESPACE, labels },
    spec: {
      replicas: API_REPLICAS.min,
      selector: { matchLabels: selectorLabels(API_NAME) },
      // One new pod at a time, never below the wanted count: a model rollout keeps full capacity.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: hardenedPodSpec({
          // Longer than the service's own 10 s drain after SIGTERM (src/api/server.ts) plus preStop.
          terminationGracePeriodSeconds: 30,
          topologySpreadConstraints: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
            topologyKey,
            maxSkew: 1,
            // Soft: a one-node or one-zone cluster still schedules every replica.
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: selectorLabels(API_NAME) },
            // Spread each ReplicaSet on its own, so a rollout does not count the old pods.
            matchLabelKeys: ['pod-template-hash'],
          })),
          containers: [
            {
              name: API_NAME,
              image: IMAGE.api,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: API_PORT.name, containerPort: API_PORT.number, protocol: 'TCP' }],
              env: [
                { name: 'HOST', value: '0.0.0.0' },
                { name: 'PORT', value: String(API_PORT.number) },
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'MODEL_PATH', value: `${MODEL_DIRECTORY}/model.json` },
                { name: 'DATA_DIR', value: DATA_DIRECTORY },
                // Production: no simulated incidents.
                { name: 'ENABLE_TRIGGER_DRIFT', value: 'false' },
                { name: DATABASE_SECRET.key, valueFrom: { secretKeyRef: { name: DATABASE_SECRET.name, key: DATABASE_SECRET.key } } },
              ],
              resources: API_RESOURCES,
              // The service listens once the dataset is downloaded and the model trained:
              // up to 5 minutes before liveness takes over.
              startupProbe: httpProbe('/health', 5, 60),
              livenessProbe: httpProbe('/health', 10, 3),
              readinessProbe: httpProbe('/ready', 5, 2),
              // The Service stops routing here before the process stops accepting connections.
              lifecycle: { preStop: { sleep: { seconds: 5 } } },
            },
          ],
        }, WRITABLE),
      },
    },
  });
}

export function apiService(): Service {
  return new Service({
    metadata: { name: API_NAME, namespace: NAMESPACE, labels },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(API_NAME),
      ports: [{ name: API_PORT.name, port: API_PORT.number, targetPort: API_PORT.name, protocol: 'TCP' }],
    },
  });
}

export function apiDisruptionBudget(): PodDisruptionBudget {
  return new PodDisruptionBudget({
    metadata: { name: API_NAME, namespace: NAMESPACE, labels },
    // One pod at a time may be evicted (node drains), whatever the HPA's count.
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(API_NAME) } },
  });
}

export function apiAutoscaler(): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler({
    metadata: { name: API_NAME, namespace: NAMESPACE, labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: API_NAME },
      minReplicas: API_REPLICAS.min,
      maxReplicas: API_REPLICAS.max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: HPA_CPU_UTILISATION_PERCENT } } }],
    },
  });
}

/**
 * The evaluation client (src/clients/run-evaluation.ts, image src/clients/Dockerfile) on
 * Kubernetes: weekly as a CronJob, and as a Job template for one-off runs (`kubectl create`, a new
 * name each time thanks to generateName; docs/kubernetes.md).
 */
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import type { IJobSpec } from 'kubernetes-models/batch/v1/JobSpec';
import { API_NAME, API_PORT, appLabels, EVALUATION_NAME, IMAGE, NAMESPACE } from './names.js';
import { hardenedPodSpec, type WritablePath } from './pod-security.js';

/** Mondays at 06:00 UTC. */
export const EVALUATION_SCHEDULE = { cron: '0 6 * * 1', timeZone: 'Etc/UTC' } as const;

const DATA_DIRECTORY = '/app/.cache/data';
const WRITABLE: readonly WritablePath[] = [
  { name: 'dataset', mountPath: DATA_DIRECTORY, sizeLimit: '64Mi' },
  { name: 'tmp', mountPath: '/tmp', sizeLimit: '16Mi' },
];

const labels = appLabels(EVALUATION_NAME, 'evaluation');

function evaluationJobSpec(): IJobSpec {
  return {
    // A failed run is retried twice, and no run lasts more than 15 minutes.
    backoffLimit: 2,
    activeDeadlineSeconds: 900,
    // Finished runs (and their logs) are kept a week, then removed.
    ttlSecondsAfterFinished: 7 * 86_400,
    template: {
      metadata: { labels },
      spec: hardenedPodSpec({
        restartPolicy: 'Never',
        containers: [
          {
            name: EVALUATION_NAME,
            image: IMAGE.evaluation,
            imagePullPolicy: 'IfNotPresent',
            command: ['node', 'dist/clients/run-evaluation.js'],
            env: [
              { name: 'API_URL', value: `http://${API_NAME}.${NAMESPACE}.svc:${API_PORT.number}` },
              { name: 'DATA_DIR', value: DATA_DIRECTORY },
            ],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
          },
        ],
      }, WRITABLE),
    },
  };
}

export function evaluationCronJob(): CronJob {
  return new CronJob({
    metadata: { name: EVALUATION_NAME, namespace: NAMESPACE, labels },
    spec: {
      schedule: EVALUATION_SCHEDULE.cron,
      timeZone: EVALUATION_SCHEDULE.timeZone,
      // Never two evaluations at once; a run missed by more than an hour waits for next week.
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3_600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: { metadata: { labels }, spec: evaluationJobSpec() },
    },
  });
}

/** Not in kustomization.yaml: applying it would start a run; `kubectl create -f` starts one. */
export function evaluationJob(): Job {
  return new Job({
    metadata: { generateName: `${EVALUATION_NAME}-`, namespace: NAMESPACE, labels },
    spec: evaluationJobSpec(),
  });
}

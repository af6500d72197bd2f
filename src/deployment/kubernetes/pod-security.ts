/**
 * What every pod of the stack runs with: the images' unprivileged `node` user (uid/gid 1000, see
 * src/api/Dockerfile), a read-only root filesystem with no privilege escalation and no
 * capabilities, and an emptyDir for each path the process writes.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';

const NODE_USER = 1000;

const POD_SECURITY_CONTEXT: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: NODE_USER,
  runAsGroup: NODE_USER,
  // emptyDir volumes are made writable for this group.
  fsGroup: NODE_USER,
  seccompProfile: { type: 'RuntimeDefault' },
};

const CONTAINER_SECURITY_CONTEXT: ISecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  privileged: false,
  capabilities: { drop: ['ALL'] },
};

export interface WritablePath {
  /** Volume name: lower-case letters, digits and `-`. */
  readonly name: string;
  readonly mountPath: string;
  /** emptyDir size limit, e.g. `64Mi`: a runaway write evicts the pod instead of filling the node. */
  readonly sizeLimit: string;
}

/**
 * `spec` with the security settings above on the pod and every container, the `writable` paths
 * mounted in every container, and neither a service-account token nor service environment
 * variables (the pods call no Kubernetes API and find services by DNS).
 */
export function hardenedPodSpec(spec: IPodSpec & { containers: IContainer[] }, writable: readonly WritablePath[]): IPodSpec {
  return {
    ...spec,
    securityContext: POD_SECURITY_CONTEXT,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    containers: spec.containers.map((container) => ({
      ...container,
      securityContext: CONTAINER_SECURITY_CONTEXT,
      volumeMounts: writable.map(({ name, mountPath }) => ({ name, mountPath })),
    })),
    volumes: writable.map(({ name, sizeLimit }) => ({ name, emptyDir: { sizeLimit } })),
  };
}

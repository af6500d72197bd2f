/**
 * What every pod of the stack runs with: the images' unprivileged `node` user (uid/gid 1000, see
 * src/api/Dockerfile), a read-only root filesystem with no privilege escalation and no
 * capabilities, and an emptyDir for each path the process writes.
 */
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';

const NODE_USER = 1000;

export const POD_SECURITY_CONTEXT: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: NODE_USER,
  runAsGroup: NODE_USER,
  // emptyDir volumes are made writable for this group.
  fsGroup: NODE_USER,
  seccompProfile: { type: 'RuntimeDefault' },
};

export const CONTAINER_SECURITY_CONTEXT: ISecurityContext = {
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

export function writableVolumes(paths: readonly WritablePath[]): { volumes: IVolume[]; volumeMounts: IVolumeMount[] } {
  return {
    volumes: paths.map(({ name, sizeLimit }) => ({ name, emptyDir: { sizeLimit } })),
    volumeMounts: paths.map(({ name, mountPath }) => ({ name, mountPath })),
  };
}

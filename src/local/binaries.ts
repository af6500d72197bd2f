/**
 * The two binaries the local stack runs besides Node: Prometheus and node-exporter, found on the
 * PATH. Debian names node-exporter `prometheus-node-exporter`; upstream tarballs and Homebrew
 * name it `node_exporter`.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface StackBinaries {
  readonly prometheus: string;
  readonly nodeExporter: string;
}

const CANDIDATES = {
  prometheus: ['prometheus'],
  nodeExporter: ['prometheus-node-exporter', 'node_exporter'],
} as const;

export const INSTALL_HINT = 'sudo apt-get install -y prometheus prometheus-node-exporter';

/** The absolute path of the first executable named `name` on `path`, or undefined. */
export function onPath(name: string, path: string): string | undefined {
  for (const directory of path.split(delimiter).filter(Boolean)) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: try the next directory.
    }
  }
  return undefined;
}

export type BinarySearch = { readonly found: StackBinaries } | { readonly missing: string };

/** Both binaries, or a message naming the missing ones and how to install them. */
export function findBinaries(path = process.env.PATH ?? ''): BinarySearch {
  const prometheus = CANDIDATES.prometheus.map((name) => onPath(name, path)).find(Boolean);
  const nodeExporter = CANDIDATES.nodeExporter.map((name) => onPath(name, path)).find(Boolean);
  if (prometheus !== undefined && nodeExporter !== undefined) return { found: { prometheus, nodeExporter } };
  const missing = [...(prometheus === undefined ? ['prometheus'] : []), ...(nodeExporter === undefined ? ['prometheus-node-exporter (or node_exporter)'] : [])];
  return { missing: `not found on the PATH: ${missing.join(', ')}. Install them with: ${INSTALL_HINT}` };
}

/**
 * The binaries the local stack runs besides Node: Prometheus, node-exporter and Alertmanager,
 * found on the PATH. Debian prefixes the last two with `prometheus-`; upstream tarballs and
 * Homebrew name them `node_exporter` and `alertmanager`.
 */
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface StackBinaries {
  readonly prometheus: string;
  readonly nodeExporter: string;
  readonly alertmanager: string;
}

const CANDIDATES = {
  prometheus: ['prometheus'],
  nodeExporter: ['prometheus-node-exporter', 'node_exporter'],
  alertmanager: ['prometheus-alertmanager', 'alertmanager'],
} as const satisfies Record<keyof StackBinaries, readonly string[]>;

/** What to name when a binary is missing. */
const SHOWN_AS: Readonly<Record<keyof StackBinaries, string>> = {
  prometheus: 'prometheus',
  nodeExporter: 'prometheus-node-exporter (or node_exporter)',
  alertmanager: 'prometheus-alertmanager (or alertmanager)',
};

export const INSTALL_HINT = 'sudo apt-get install -y prometheus prometheus-node-exporter prometheus-alertmanager';

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

/** Every binary, or a message naming the missing ones and how to install them. */
export function findBinaries(path = process.env.PATH ?? ''): BinarySearch {
  const entries = Object.entries(CANDIDATES).map(([key, names]) => [key as keyof StackBinaries, names.map((name) => onPath(name, path)).find(Boolean)] as const);
  const missing = entries.filter(([, found]) => found === undefined).map(([key]) => SHOWN_AS[key]);
  if (missing.length > 0) return { missing: `not found on the PATH: ${missing.join(', ')}. Install them with: ${INSTALL_HINT}` };
  return { found: Object.fromEntries(entries) as unknown as StackBinaries };
}

const POSTGRES_VERSIONS = '/usr/lib/postgresql';

/**
 * The bin directory of the newest PostgreSQL server installed the Debian way
 * (`/usr/lib/postgresql/<version>/bin`, off the PATH), or undefined. Tests start throwaway
 * servers from it.
 */
export function postgresBinaries(): string | undefined {
  if (!existsSync(POSTGRES_VERSIONS)) return undefined;
  const versions = readdirSync(POSTGRES_VERSIONS).filter((version) => existsSync(join(POSTGRES_VERSIONS, version, 'bin', 'pg_ctl')));
  const newest = versions.sort((a, b) => Number(b) - Number(a)).at(0);
  return newest === undefined ? undefined : join(POSTGRES_VERSIONS, newest, 'bin');
}

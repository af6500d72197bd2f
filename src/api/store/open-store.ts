/** The evaluation store that DATABASE_URL names (config.ts). A new database is one more case here. */
import type { DatabaseLocation } from '../../config.js';
import type { EvaluationStore } from './evaluation-store.js';

type Opener<K extends DatabaseLocation['kind']> = (location: Extract<DatabaseLocation, { kind: K }>, historyLimit: number) => Promise<EvaluationStore>;

/**
 * One opener per kind of DatabaseLocation: the compiler requires a new kind to have one. Each
 * loads its driver when its kind is opened: a replica holds one (pg alone takes about 10 MB).
 */
const OPENERS: { readonly [K in DatabaseLocation['kind']]: Opener<K> } = {
  sqlite: async (location, historyLimit) => (await import('./sqlite-store.js')).SqliteEvaluationStore.open(location.path, historyLimit),
  postgres: async (location, historyLimit) => (await import('./postgres-store.js')).PostgresEvaluationStore.open(location.url, historyLimit),
};

export function openEvaluationStore(location: DatabaseLocation, historyLimit: number): Promise<EvaluationStore> {
  // Each opener takes its own kind; TypeScript cannot correlate the lookup with `location`.
  const open = OPENERS[location.kind] as (location: DatabaseLocation, historyLimit: number) => Promise<EvaluationStore>;
  return open(location, historyLimit);
}

/** Where the store is, for the logs: the SQLite path, or only the kind (a URL may carry a password). */
export function describeLocation(location: DatabaseLocation): string {
  return location.kind === 'sqlite' ? location.path : location.kind;
}

/** The evaluation store that DATABASE_URL names (config.ts). A new database is one more case here. */
import type { DatabaseLocation } from '../../config.js';
import type { EvaluationStore } from './evaluation-store.js';
import { SqliteEvaluationStore } from './sqlite-store.js';

type Opener<K extends DatabaseLocation['kind']> = (location: Extract<DatabaseLocation, { kind: K }>, historyLimit: number) => EvaluationStore;

/** One opener per kind of DatabaseLocation: the compiler requires a new kind to have one. */
const OPENERS: { readonly [K in DatabaseLocation['kind']]: Opener<K> } = {
  sqlite: (location, historyLimit) => SqliteEvaluationStore.open(location.path, historyLimit),
};

export function openEvaluationStore(location: DatabaseLocation, historyLimit: number): EvaluationStore {
  return OPENERS[location.kind](location, historyLimit);
}

/** The evaluation store that DATABASE_URL names (config.ts). A new database is one more case here. */
import type { DatabaseLocation } from '../../config.js';
import type { EvaluationStore } from './evaluation-store.js';
import { SqliteEvaluationStore } from './sqlite-store.js';

export function openEvaluationStore(location: DatabaseLocation, historyLimit: number): EvaluationStore {
  switch (location.kind) {
    case 'sqlite':
      return SqliteEvaluationStore.open(location.path, historyLimit);
  }
}

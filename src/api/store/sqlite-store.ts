/**
 * The evaluation store in one SQLite file, through Node's built-in node:sqlite (no native addon
 * to build; see README, "Evaluation history"). SQLite is synchronous and in-process: each call
 * is one short statement, well under a millisecond for a summary page and about one for a
 * stored evaluation. WAL with synchronous=FULL makes every stored evaluation durable when add()
 * returns.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Evaluation } from '../evaluation/evaluator.js';
import { type EvaluationPage, type EvaluationStore, type EvaluationSummary, type StoredEvaluation, StoreError, summarise } from './evaluation-store.js';
import { MIGRATIONS } from './sqlite-migrations.js';

const SUMMARY_COLUMNS = 'id, created_at, model_version, period_name, rows, rmse, mae, r2score, mape, drift_detected, drift_share, features';

export class SqliteEvaluationStore implements EvaluationStore {
  private constructor(
    private readonly db: DatabaseSync,
    private readonly historyLimit: number,
  ) {}

  /**
   * Opens (or creates) the database at `path` (`:memory:` for a throwaway one) and brings its
   * schema up to date. A file that is not a readable database, or that a newer version of the
   * service migrated, throws a StoreError: the service must not start with an empty history.
   */
  static open(path: string, historyLimit: number): SqliteEvaluationStore {
    let db: DatabaseSync | undefined;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new DatabaseSync(path);
      db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
      migrate(db, path);
      return new SqliteEvaluationStore(db, historyLimit);
    } catch (error) {
      db?.close();
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        `the evaluation database ${path} cannot be opened (${(error as Error).message}). ` +
          'Restore it from a backup, or move it away to start a new history; the service does not start without its history.',
      );
    }
  }

  add(modelVersion: string, evaluation: Evaluation): Promise<number> {
    const summary = summarise(0, new Date(evaluation.evaluatedAt * 1000).toISOString(), modelVersion, evaluation);
    const insert = this.db.prepare(
      `INSERT INTO evaluations (created_at, model_version, period_name, rows, rmse, mae, r2score, mape, drift_detected, drift_share, features, evaluation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const values: SQLInputValue[] = [
      summary.createdAt,
      modelVersion,
      summary.periodName,
      summary.rows,
      summary.rmse,
      summary.mae,
      summary.r2score,
      summary.mape,
      summary.driftDetected ? 1 : 0,
      summary.driftShare,
      JSON.stringify(summary.features),
      JSON.stringify(evaluation),
    ];
    const id = this.transaction(() => {
      const { lastInsertRowid } = insert.run(...values);
      this.deleteBeyond(this.historyLimit);
      return Number(lastInsertRowid);
    });
    return Promise.resolve(id);
  }

  list(offset: number, limit: number): Promise<EvaluationPage> {
    const { total } = this.db.prepare('SELECT count(*) AS total FROM evaluations').get() as { total: number };
    const rows = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM evaluations ORDER BY id DESC LIMIT ? OFFSET ?`).all(limit, offset);
    return Promise.resolve({ total, items: (rows as unknown as SummaryRow[]).map(toSummary) });
  }

  get(id: number): Promise<StoredEvaluation | undefined> {
    return Promise.resolve(this.fetch('WHERE id = ?', id));
  }

  latest(): Promise<StoredEvaluation | undefined> {
    return Promise.resolve(this.fetch('ORDER BY id DESC LIMIT 1'));
  }

  prune(keep: number): Promise<number> {
    return Promise.resolve(this.transaction(() => this.deleteBeyond(keep)));
  }

  close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
    return Promise.resolve();
  }

  private fetch(clause: string, ...parameters: SQLInputValue[]): StoredEvaluation | undefined {
    const row = this.db.prepare(`SELECT id, created_at, model_version, evaluation FROM evaluations ${clause}`).get(...parameters) as
      | { id: number; created_at: string; model_version: string; evaluation: string }
      | undefined;
    if (!row) return undefined;
    return { id: row.id, createdAt: row.created_at, modelVersion: row.model_version, evaluation: JSON.parse(row.evaluation) as Evaluation };
  }

  private deleteBeyond(keep: number): number {
    const { changes } = this.db.prepare('DELETE FROM evaluations WHERE id NOT IN (SELECT id FROM evaluations ORDER BY id DESC LIMIT ?)').run(keep);
    return Number(changes);
  }

  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

interface SummaryRow {
  id: number;
  created_at: string;
  model_version: string;
  period_name: string;
  rows: number;
  rmse: number | null;
  mae: number | null;
  r2score: number | null;
  mape: number | null;
  drift_detected: number;
  drift_share: number;
  features: string;
}

function toSummary(row: SummaryRow): EvaluationSummary {
  return {
    id: row.id,
    periodName: row.period_name,
    createdAt: row.created_at,
    rows: row.rows,
    rmse: row.rmse,
    mae: row.mae,
    r2score: row.r2score,
    mape: row.mape,
    driftDetected: row.drift_detected === 1,
    driftShare: row.drift_share,
    modelVersion: row.model_version,
    features: JSON.parse(row.features) as EvaluationSummary['features'],
  };
}

/** Applies the migrations not yet applied, each in its own transaction; refuses a newer schema. */
function migrate(db: DatabaseSync, path: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const { applied } = db.prepare('SELECT max(version) AS applied FROM schema_migrations').get() as { applied: number | null };
  const known = MIGRATIONS[MIGRATIONS.length - 1].version;
  if (applied !== null && applied > known) {
    throw new StoreError(
      `the evaluation database ${path} has schema version ${applied}, newer than this service knows (${known}): ` +
        'it was written by a newer release. Run that release, or point DATABASE_URL at another file.',
    );
  }
  for (const migration of MIGRATIONS.filter(({ version }) => version > (applied ?? 0))) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

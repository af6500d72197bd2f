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
import type { NewEvaluation } from '../evaluation/evaluator.js';
import { type EvaluationPage, type EvaluationStore, type StoredEvaluation, StoreError } from './evaluation-store.js';
import { INSERT_COLUMNS, insertValues, STORED_COLUMNS, type StoredRow, SUMMARY_COLUMNS, type SummaryRow, toStored, toSummary } from './rows.js';
import { KNOWN_SCHEMA_VERSION, newerSchemaMessage, pendingMigrations, SCHEMA_MIGRATIONS_TABLE, SQLITE_DIALECT } from './migrations.js';

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

  add(modelVersion: string, evaluation: NewEvaluation): Promise<number> {
    const insert = this.db.prepare(`INSERT INTO evaluations (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const values = insertValues(modelVersion, evaluation);
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
    const row = this.db.prepare(`SELECT ${STORED_COLUMNS} FROM evaluations ${clause}`).get(...parameters) as StoredRow | undefined;
    return row && toStored(row);
  }

  /** Deletes all but the newest `keep` evaluations: ids up to the (keep+1)-th newest, found in the keys' index (migrations.ts). */
  private deleteBeyond(keep: number): number {
    const { changes } = this.db.prepare('DELETE FROM evaluations WHERE id <= (SELECT id FROM evaluations ORDER BY id DESC LIMIT 1 OFFSET ?)').run(keep);
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

/** Applies the migrations not yet applied, each in its own transaction; refuses a newer schema. */
function migrate(db: DatabaseSync, path: string): void {
  db.exec(SCHEMA_MIGRATIONS_TABLE);
  const { applied } = db.prepare('SELECT max(version) AS applied FROM schema_migrations').get() as { applied: number | null };
  if (applied !== null && applied > KNOWN_SCHEMA_VERSION) throw new StoreError(newerSchemaMessage(path, applied));
  for (const migration of pendingMigrations(applied)) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql(SQLITE_DIALECT));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

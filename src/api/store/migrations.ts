/**
 * The evaluation store's schema, as numbered migrations applied in order, each once:
 * `schema_migrations` records those applied. SQLite and PostgreSQL run the same list; the few
 * words their dialects spell differently come from `Dialect`. Append new migrations; never edit
 * one that has shipped.
 */
export interface Dialect {
  /** An auto-incremented integer primary key. */
  readonly serialKey: string;
  /** A 64-bit float (PostgreSQL's REAL is 32 bits). */
  readonly double: string;
  /**
   * An index of the evaluations' keys alone, for the walks from the newest: pruning (the
   * `keep`-th newest key) and counting the history. SQLite keeps a table's rows in its key's
   * b-tree, where an evaluation's JSON (17 to 28 kB) spreads them over pages of their own: the
   * walk over the newest 1,000 read about a thousand pages, and `store.add` took 1.86 ms at that
   * limit against 0.82 with the index. PostgreSQL's primary key is such an index already: an
   * empty statement.
   */
  readonly keyIndex: string;
}

export const SQLITE_DIALECT: Dialect = {
  serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  double: 'REAL',
  keyIndex: 'CREATE INDEX evaluations_by_id ON evaluations (id)',
};
export const POSTGRES_DIALECT: Dialect = { serialKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', double: 'DOUBLE PRECISION', keyIndex: '' };

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (dialect: Dialect) => string;
}

/** Records the migrations applied; created before any of them, in both engines. */
export const SCHEMA_MIGRATIONS_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'evaluations',
    // Summary columns for the history without parsing reports; the whole evaluation as JSON.
    sql: ({ serialKey, double }) => `
      CREATE TABLE evaluations (
        id ${serialKey},
        created_at TEXT NOT NULL,
        model_version TEXT NOT NULL,
        period_name TEXT NOT NULL,
        rows INTEGER NOT NULL,
        rmse ${double},
        mae ${double},
        r2score ${double},
        mape ${double},
        drift_detected INTEGER NOT NULL,
        drift_share ${double} NOT NULL,
        features TEXT NOT NULL,
        evaluation TEXT NOT NULL
      );`,
  },
  { version: 2, name: 'evaluations key index', sql: ({ keyIndex }) => keyIndex },
];

/** The newest schema version this release knows. */
export const KNOWN_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Migrations still to apply on a database at schema `applied` (null: none yet). */
export function pendingMigrations(applied: number | null): readonly Migration[] {
  return MIGRATIONS.filter(({ version }) => version > (applied ?? 0));
}

/** The message when a newer release migrated the database. */
export function newerSchemaMessage(where: string, applied: number): string {
  return (
    `the evaluation database ${where} has schema version ${applied}, newer than this service knows (${KNOWN_SCHEMA_VERSION}): ` +
    'it was written by a newer release. Run that release, or point DATABASE_URL at another database.'
  );
}

/**
 * The SQLite schema, as numbered migrations applied in order, each once: `schema_migrations`
 * records those applied. Append new ones; never edit one that has shipped.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'evaluations',
    // Summary columns for the history without parsing reports; the whole evaluation as JSON.
    sql: `
      CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        model_version TEXT NOT NULL,
        period_name TEXT NOT NULL,
        rows INTEGER NOT NULL,
        rmse REAL,
        mae REAL,
        r2score REAL,
        mape REAL,
        drift_detected INTEGER NOT NULL,
        drift_share REAL NOT NULL,
        features TEXT NOT NULL,
        evaluation TEXT NOT NULL
      );`,
  },
];

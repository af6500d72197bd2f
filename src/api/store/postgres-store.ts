/**
 * The evaluation store in PostgreSQL (DATABASE_URL=postgres://…), through `pg`, for several
 * replicas sharing one history. The schema comes from the same migrations as SQLite's
 * (migrations.ts). Every insert commits in one transaction with its pruning and a NOTIFY, so
 * the other replicas learn of it at once (watch) and never see half of it.
 *
 * The pool reconnects by itself: while the database is down each call fails fast (the
 * connection timeout), and works again when it is back, without a restart.
 */
import pg from 'pg';
import type { NewEvaluation } from '../evaluation/evaluator.js';
import { type EvaluationPage, type EvaluationStore, type StoredEvaluation, StoreError } from './evaluation-store.js';
import { KNOWN_SCHEMA_VERSION, newerSchemaMessage, pendingMigrations, POSTGRES_DIALECT, SCHEMA_MIGRATIONS_TABLE } from './migrations.js';
import { INSERT_COLUMNS, insertValues, STORED_COLUMNS, type StoredRow, SUMMARY_COLUMNS, type SummaryRow, toStored, toSummary } from './rows.js';

/** The channel of the NOTIFY sent by each insert. */
const CHANNEL = 'bike_evaluations';
/** Serialises the migrations of replicas that start together (an arbitrary constant key). */
const MIGRATION_LOCK_KEY = 720_513;
/** A call waits this long for a connection before failing: a down database answers quickly. */
const CONNECT_TIMEOUT_MS = 3_000;
/** Each statement's limit, so a hung database cannot hold a request forever. */
const STATEMENT_TIMEOUT_MS = 10_000;
/** Connections per replica: evaluations are few, reads are one short statement. */
const POOL_SIZE = 4;
/** Delay before the listening connection tries again after losing the database. */
const RELISTEN_DELAY_MS = 1_000;

export class PostgresEvaluationStore implements EvaluationStore {
  private listener: pg.Client | undefined;
  private closed = false;

  private constructor(
    private readonly config: pg.ClientConfig,
    private readonly pool: pg.Pool,
    private readonly historyLimit: number,
  ) {}

  /**
   * Connects and brings the schema up to date. An unreachable database or a schema from a newer
   * release throws a StoreError. The URL is not echoed: it may carry a password.
   */
  static async open(url: string, historyLimit: number): Promise<PostgresEvaluationStore> {
    const config: pg.ClientConfig = { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, statement_timeout: STATEMENT_TIMEOUT_MS };
    const pool = new pg.Pool({ ...config, max: POOL_SIZE });
    // An idle connection that the server drops emits here; the next call reconnects.
    pool.on('error', () => undefined);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      if (error instanceof StoreError) throw error;
      throw new StoreError(`the PostgreSQL evaluation database cannot be used (${(error as Error).message}); the service does not start without its history.`);
    }
    return new PostgresEvaluationStore(config, pool, historyLimit);
  }

  async add(modelVersion: string, evaluation: NewEvaluation): Promise<number> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO evaluations (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        insertValues(modelVersion, evaluation),
      );
      await deleteBeyond(client, this.historyLimit);
      // Delivered to the listeners when, and only if, the transaction commits.
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, rows[0].id]);
      return Number(rows[0].id);
    });
  }

  async list(offset: number, limit: number): Promise<EvaluationPage> {
    return withClient(this.pool, async (client) => {
      const { rows: counted } = await client.query<{ total: string }>('SELECT count(*) AS total FROM evaluations');
      const { rows } = await client.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM evaluations ORDER BY id DESC LIMIT $1 OFFSET $2`, [limit, offset]);
      return { total: Number(counted[0].total), items: rows.map(toSummary) };
    });
  }

  get(id: number): Promise<StoredEvaluation | undefined> {
    return this.fetch('WHERE id = $1', [id]);
  }

  latest(): Promise<StoredEvaluation | undefined> {
    return this.fetch('ORDER BY id DESC LIMIT 1', []);
  }

  prune(keep: number): Promise<number> {
    return this.transaction((client) => deleteBeyond(client, keep));
  }

  /**
   * Calls `onChange` after each insert by any replica, and after each (re)connection, when
   * notifications may have been missed. The listening connection comes back by itself.
   */
  watch(onChange: () => void): void {
    const listen = async (): Promise<void> => {
      if (this.closed) return;
      const client = new pg.Client(this.config);
      let retried = false;
      // Called on an error and on the end of the connection, whichever comes first, once.
      const retry = (): void => {
        if (retried) return;
        retried = true;
        if (this.listener === client) this.listener = undefined;
        client.removeAllListeners();
        client.on('error', () => undefined);
        void client.end().catch(() => undefined);
        if (!this.closed) setTimeout(() => void listen(), RELISTEN_DELAY_MS).unref();
      };
      client.on('error', retry);
      client.on('notification', onChange);
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
      } catch {
        retry();
        return;
      }
      if (this.isClosed()) {
        await client.end();
        return;
      }
      this.listener = client;
      client.on('end', retry);
      onChange();
    };
    void listen();
  }

  /** A method, not the field: close() may run while watch() awaits. */
  private isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    listener?.removeAllListeners();
    listener?.on('error', () => undefined);
    await Promise.all([listener?.end().catch(() => undefined), this.pool.ended ? undefined : this.pool.end()]);
  }

  private async fetch(clause: string, parameters: unknown[]): Promise<StoredEvaluation | undefined> {
    const { rows } = await withClient(this.pool, (client) => client.query<StoredRow>(`SELECT ${STORED_COLUMNS} FROM evaluations ${clause}`, parameters));
    return rows[0] && toStored(rows[0]);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withClient(this.pool, async (client) => {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }
}

/**
 * Runs `work` on a live client of the pool. A connection that the server closed while it was idle
 * in the pool (a database restart) fails its first statement: the client is then destroyed and
 * another taken, so the first call after a restart works. A connection lost during `work` fails
 * its query and also emits `error` on the client, which is handled here rather than crashing the
 * process; the broken client is destroyed, not returned to the pool.
 */
async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let lost: Error | undefined;
    const onError = (error: Error): void => {
      lost = error;
    };
    client.on('error', onError);
    try {
      try {
        await client.query('SELECT 1');
      } catch (error) {
        lost ??= error as Error;
        if (attempt <= POOL_SIZE) continue;
        throw error;
      }
      try {
        return await work(client);
      } catch (error) {
        if (!(error instanceof pg.DatabaseError) && !(error instanceof StoreError)) lost ??= error as Error;
        throw error;
      }
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }
}

/** Deletes all but the newest `keep` evaluations: ids up to the (keep+1)-th newest, found by the key's index, not a scan. */
async function deleteBeyond(client: pg.PoolClient, keep: number): Promise<number> {
  const { rowCount } = await client.query('DELETE FROM evaluations WHERE id <= (SELECT id FROM evaluations ORDER BY id DESC LIMIT 1 OFFSET $1)', [keep]);
  return rowCount ?? 0;
}

/** Applies the pending migrations in one transaction, under a lock that replicas share. */
async function migrate(pool: pg.Pool): Promise<void> {
  await withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(SCHEMA_MIGRATIONS_TABLE);
      const { rows } = await client.query<{ applied: number | null }>('SELECT max(version) AS applied FROM schema_migrations');
      const applied = rows[0].applied;
      if (applied !== null && applied > KNOWN_SCHEMA_VERSION) throw new StoreError(newerSchemaMessage('(PostgreSQL)', applied));
      for (const migration of pendingMigrations(applied)) {
        await client.query(migration.sql(POSTGRES_DIALECT));
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, new Date().toISOString()]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * PostgresEvaluationStore on a real PostgreSQL server started by the test: the same behaviour as
 * the SQLite store, the same migrations, notifications between processes, and no restart needed
 * after the database comes back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { NewEvaluation } from '../../src/api/evaluation/evaluator.js';
import { StoreError } from '../../src/api/store/evaluation-store.js';
import { MIGRATIONS } from '../../src/api/store/migrations.js';
import { PostgresEvaluationStore } from '../../src/api/store/postgres-store.js';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { pollUntil } from '../e2e/poll.js';
import { postgresBinaries } from '../../src/local/binaries.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { announceSkip } from '../helpers/skip.js';
import { asStored, weekEvaluations } from '../helpers/week-evaluations.js';

const bin = postgresBinaries();
const skip = bin === undefined ? 'PostgreSQL is not installed (apt-get install postgresql)' : false;
if (skip !== false) announceSkip('the PostgreSQL store tests', skip);

describe('PostgresEvaluationStore, on a real PostgreSQL server', { skip, timeout: 120_000 }, () => {
  let server: TestPostgres;
  let evaluations: NewEvaluation[];
  let modelVersion: string;
  before(async () => {
    server = await startTestPostgres(bin!);
    ({ modelVersion, evaluations } = await weekEvaluations());
  });
  after(() => {
    server.remove();
  });

  it('migrates once when two replicas open it together, and stores, lists, gets and prunes like SQLite', async () => {
    const [a, b] = await Promise.all([PostgresEvaluationStore.open(server.url, 4), PostgresEvaluationStore.open(server.url, 4)]);
    const client = new pg.Client(server.url);
    await client.connect();
    const { rows: applied } = await client.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations');
    assert.deepEqual(applied.map((row) => ({ ...row })), MIGRATIONS.map(({ version, name }) => ({ version, name })));

    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await (i % 2 === 0 ? a : b).add(modelVersion, evaluations[i % 3]));
    const page = await b.list(0, 10);
    assert.equal(page.total, 4);
    assert.deepEqual(page.items.map((summary) => summary.id), ids.slice(-4).reverse());
    const [newest] = page.items;
    const week3 = evaluations[2];
    assert.equal(newest.periodName, PERIOD_NAMES[2]);
    assert.equal(newest.rmse, week3.report.regression.rmse);
    assert.equal(newest.r2score, week3.report.regression.r2);
    assert.equal(newest.driftShare, week3.report.featureDrift.share);
    assert.equal(newest.driftDetected, week3.report.featureDrift.datasetDrift);
    assert.equal(newest.features.length, 11);
    const stored = (await a.get(ids[5]))!;
    assert.deepEqual(stored.evaluation, asStored(week3));
    assert.equal(stored.createdAt, new Date(week3.evaluatedAt * 1000).toISOString());
    assert.equal((await b.latest())?.id, ids[5]);
    assert.equal(await a.get(ids[0]), undefined);
    assert.equal(await a.prune(2), 2);
    assert.deepEqual((await b.list(0, 10)).items.map((summary) => summary.id), ids.slice(-2).reverse());

    await client.query("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01')");
    await assert.rejects(PostgresEvaluationStore.open(server.url, 4), (error: unknown) => error instanceof StoreError && /schema version 99, newer than this service knows/.test(error.message));
    await client.query('DELETE FROM schema_migrations WHERE version = 99');
    await client.end();
    await Promise.all([a.close(), b.close()]);
  });

  it('notifies the other replicas of an insert, fails while the server is down, and works again once it is back', async () => {
    const [writer, reader] = await Promise.all([PostgresEvaluationStore.open(server.url, 10), PostgresEvaluationStore.open(server.url, 10)]);
    let notified = 0;
    reader.watch(() => notified++);
    await pollUntil(() => Promise.resolve(notified), (count) => count >= 1, { timeoutMs: 5_000, pollMs: 50 }); // the first LISTEN
    const before = notified;
    await writer.add(modelVersion, evaluations[0]);
    assert.ok((await pollUntil(() => Promise.resolve(notified), (count) => count > before, { timeoutMs: 5_000, pollMs: 50 })) > before, 'no notification');

    server.stop();
    await assert.rejects(writer.add(modelVersion, evaluations[1]));
    await assert.rejects(reader.latest());
    server.start();
    const id = await writer.add(modelVersion, evaluations[1]);
    assert.equal((await reader.latest())?.id, id);
    // The listening connection came back too: a later insert is notified again.
    const seen = notified;
    await pollUntil(async () => (await writer.add(modelVersion, evaluations[2]), notified), (count) => count > seen, { timeoutMs: 10_000, pollMs: 1_000 });
    assert.ok(notified > seen, 'no notification after the restart');
    await Promise.all([writer.close(), reader.close()]);
  });

  it('refuses an unreachable database at start-up without echoing the URL', async () => {
    await assert.rejects(PostgresEvaluationStore.open('postgres://bike:secret@127.0.0.1:1/bike', 4), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.doesNotMatch(error.message, /secret/);
      assert.match(error.message, /^the PostgreSQL evaluation database cannot be used \(.*ECONNREFUSED.*\)/);
      return true;
    });
  });
});

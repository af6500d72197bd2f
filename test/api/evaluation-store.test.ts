import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { before, describe, it } from 'node:test';
import type { NewEvaluation } from '../../src/api/evaluation/evaluator.js';
import { StoreError } from '../../src/api/store/evaluation-store.js';
import { KNOWN_SCHEMA_VERSION, MIGRATIONS } from '../../src/api/store/migrations.js';
import { evaluationJson } from '../../src/api/store/rows.js';
import { SqliteEvaluationStore } from '../../src/api/store/sqlite-store.js';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { ROOT } from '../helpers/dataset.js';
import { temporaryDirectory } from '../helpers/temporary.js';
import { asStored, weekEvaluations } from '../helpers/week-evaluations.js';

describe('SqliteEvaluationStore, on a real SQLite file', () => {
  let evaluations: NewEvaluation[];
  let modelVersion: string;
  before(async () => {
    ({ modelVersion, evaluations } = await weekEvaluations());
  });

  it('keeps every evaluation across a restart: summaries newest first, the whole evaluation by id', async () => {
    const path = join(temporaryDirectory('bike-store-'), 'deep', 'evaluations.sqlite');
    const first = SqliteEvaluationStore.open(path, 10);
    const ids = [];
    for (const evaluation of evaluations) ids.push(await first.add(modelVersion, evaluation));
    await first.close();

    const reopened = SqliteEvaluationStore.open(path, 10);
    const page = await reopened.list(0, 10);
    assert.equal(page.total, 3);
    assert.deepEqual(page.items.map((summary) => summary.id), [...ids].reverse());
    assert.deepEqual(page.items.map((summary) => summary.periodName), [...PERIOD_NAMES].reverse());
    const [newest] = page.items;
    const week3 = evaluations[2];
    assert.equal(newest.rows, week3.evaluatedItems);
    assert.equal(newest.rmse, week3.report.regression.rmse);
    assert.equal(newest.mae, week3.report.regression.mae.mean);
    assert.equal(newest.r2score, week3.report.regression.r2);
    assert.equal(newest.mape, week3.report.regression.mape.mean);
    assert.equal(newest.driftDetected, week3.report.featureDrift.datasetDrift);
    assert.equal(newest.driftShare, week3.report.featureDrift.share);
    assert.equal(newest.modelVersion, modelVersion);
    assert.equal(newest.features.length, 11);
    assert.deepEqual((await reopened.list(1, 1)).items.map((summary) => summary.periodName), [PERIOD_NAMES[1]]);

    const stored = (await reopened.get(ids[0]))!;
    assert.deepEqual(stored.evaluation, asStored(evaluations[0]));
    // What is kept is the text JSON.stringify writes of the evaluation, its charts' data included.
    assert.equal(evaluationJson(evaluations[0]), JSON.stringify(asStored(evaluations[0])));
    assert.equal(stored.createdAt, new Date(evaluations[0].evaluatedAt * 1000).toISOString());
    assert.equal((await reopened.latest())?.id, ids[2]);
    assert.equal(await reopened.get(ids[2] + 1), undefined);
    // What the charts need is stored: every feature, the target and the prediction.
    assert.equal(Object.keys(stored.evaluation.charts.distributions).length, 13);
    await reopened.close();
  });

  it('prunes the oldest first, keeping exactly the history limit', async () => {
    const path = join(temporaryDirectory('bike-store-'), 'evaluations.sqlite');
    const store = SqliteEvaluationStore.open(path, 4);
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push(await store.add(modelVersion, evaluations[i % 3]));
    const page = await store.list(0, 100);
    assert.equal(page.total, 4);
    assert.deepEqual(page.items.map((summary) => summary.id), ids.slice(-4).reverse());
    assert.equal(await store.get(ids[2]), undefined);
    assert.equal(await store.prune(2), 2);
    assert.deepEqual((await store.list(0, 100)).items.map((summary) => summary.id), ids.slice(-2).reverse());
    await store.close();
  });

  it('refuses a file that is not a database, and leaves it as it was', () => {
    const path = join(temporaryDirectory('bike-store-'), 'evaluations.sqlite');
    const garbage = Buffer.from('this is not an SQLite database, but someone may still need it '.repeat(100));
    writeFileSync(path, garbage);
    assert.throws(() => SqliteEvaluationStore.open(path, 10), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.match(error.message, new RegExp(`^the evaluation database ${path} cannot be opened \\(file is not a database\\)`));
      assert.match(error.message, /does not start without its history/);
      return true;
    });
    assert.deepEqual(readFileSync(path), garbage);
  });

  it('refuses a path it cannot open', () => {
    const path = join(temporaryDirectory('bike-store-'), 'a-directory');
    mkdirSync(path);
    assert.throws(() => SqliteEvaluationStore.open(path, 10), /^StoreError: the evaluation database .* cannot be opened \(unable to open database file\)/);
  });

  it('refuses a database migrated by a newer release', async () => {
    const path = join(temporaryDirectory('bike-store-'), 'evaluations.sqlite');
    await SqliteEvaluationStore.open(path, 10).close();
    const db = new DatabaseSync(path);
    assert.deepEqual(
      db.prepare('SELECT version, name FROM schema_migrations').all().map((row) => ({ ...row })),
      MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
    const future = KNOWN_SCHEMA_VERSION + 1;
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', '2030-01-01')").run(future);
    db.close();
    assert.throws(
      () => SqliteEvaluationStore.open(path, 10),
      new RegExp(`has schema version ${future}, newer than this service knows \\(${KNOWN_SCHEMA_VERSION}\\): it was written by a newer release`),
    );
  });

  it('brings a database of the first schema up to date: its evaluations kept, their keys indexed for pruning and counting', async () => {
    const path = join(temporaryDirectory('bike-store-'), 'evaluations.sqlite');
    const first = SqliteEvaluationStore.open(path, 10);
    for (const evaluation of evaluations) await first.add(modelVersion, evaluation);
    await first.close();
    // Back to the first schema: the evaluations, without the keys' index nor its migration's record.
    const db = new DatabaseSync(path);
    db.exec('DROP INDEX evaluations_by_id; DELETE FROM schema_migrations WHERE version > 1');
    db.close();

    const store = SqliteEvaluationStore.open(path, 2);
    assert.deepEqual((await store.list(0, 10)).items.map((summary) => summary.periodName), [...PERIOD_NAMES].reverse());
    const id = await store.add(modelVersion, evaluations[0]);
    assert.deepEqual((await store.list(0, 10)).items.map((summary) => summary.id), [id, id - 1]);
    await store.close();

    const upgraded = new DatabaseSync(path);
    assert.deepEqual(upgraded.prepare('SELECT version FROM schema_migrations ORDER BY version').all().map(({ version }) => version), [1, 2]);
    const plan = (sql: string) => upgraded.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map(({ detail }) => detail);
    assert.deepEqual(plan('SELECT id FROM evaluations ORDER BY id DESC LIMIT 1 OFFSET 1000'), ['SCAN evaluations USING COVERING INDEX evaluations_by_id']);
    assert.deepEqual(plan('SELECT count(*) FROM evaluations'), ['SCAN evaluations USING COVERING INDEX evaluations_by_id']);
    upgraded.close();
  });

  it('stops bike-api at start-up with a clear message when its database is unusable', async () => {
    const dir = temporaryDirectory('bike-store-');
    const path = join(dir, 'evaluations.sqlite');
    writeFileSync(path, 'not a database');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/api/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite://${path}`, MODEL_PATH: join(dir, 'model.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr.trim(), new RegExp(`^bike-api: the evaluation database ${path} cannot be opened \\(file is not a database\\)`));
  });
});

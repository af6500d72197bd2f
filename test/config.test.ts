import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.logLevel, 'info');
    assert.deepEqual(config.trainingWindow, { start: '2011-01-01 00:00', end: '2011-01-28 23:00' });
    assert.equal(config.forest.nEstimators, 100);
    assert.equal(config.forest.seed, 42);
    assert.equal(config.data.zipPath, undefined);
    assert.equal(config.data.cacheDir, resolve('.cache/data'));
    assert.equal(config.modelPath, resolve('artefacts/model.json'));
    assert.equal(config.evaluateMaxRows, 10_000);
    assert.equal(config.triggerDriftEnabled, false);
    assert.deepEqual(config.database, { kind: 'sqlite', path: resolve('artefacts/evaluations.sqlite') });
    assert.equal(config.evaluationHistoryLimit, 1000);
    assert.equal(config.publicUrl, 'http://localhost:8080');
    assert.deepEqual(config.liveMonitoring, { windowRows: 1_000, windowSeconds: 3_600, checkSeconds: 30, minRows: 200 });
    assert.deepEqual(config.connections, { requestTimeoutMs: 30_000, idleTimeoutMs: 60_000, keepAliveTimeoutMs: 5_000, maxConnections: 256 });
    assert.equal(config.apiToken, undefined);
  });

  it('reads the live monitoring variables, and LIVE_MONITORING=off turns it off', () => {
    const env = { LIVE_WINDOW_ROWS: '500', LIVE_WINDOW_SECONDS: '600', LIVE_CHECK_SECONDS: '2', LIVE_MIN_ROWS: '500' };
    assert.deepEqual(loadConfig(env).liveMonitoring, { windowRows: 500, windowSeconds: 600, checkSeconds: 2, minRows: 500 });
    assert.equal(loadConfig({ ...env, LIVE_MONITORING: 'off' }).liveMonitoring, undefined);
    assert.equal(loadConfig({ LIVE_MONITORING: 'on' }).liveMonitoring?.windowRows, 1_000);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000', HOST: '0.0.0.0', LOG_LEVEL: 'DEBUG', BIKE_SHARING_ZIP: 'data.zip', DATA_DIR: '/tmp/data',
      DATASET_URL: 'http://mirror/bikes.zip', MODEL_PATH: '/tmp/m.json', TRAIN_START: '2011-01-02 00:00',
      TRAIN_END: '2011-01-20 12:00', N_ESTIMATORS: '50', SEED: '0', EVALUATE_MAX_ROWS: '500', ENABLE_TRIGGER_DRIFT: 'true',
      DATABASE_URL: 'sqlite:///var/lib/bike/history.db', EVALUATION_HISTORY_LIMIT: '12', API_PUBLIC_URL: 'https://bikes.example.org/api/',
      REQUEST_TIMEOUT_MS: '5000', IDLE_TIMEOUT_MS: '7000', KEEP_ALIVE_TIMEOUT_MS: '1000', MAX_CONNECTIONS: '32', API_TOKEN: 'a'.repeat(32),
    });
    assert.equal(config.port, 9000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.data.zipPath, resolve('data.zip'));
    assert.equal(config.data.url, 'http://mirror/bikes.zip');
    assert.equal(config.data.cacheDir, '/tmp/data');
    assert.equal(config.modelPath, '/tmp/m.json');
    assert.deepEqual(config.trainingWindow, { start: '2011-01-02 00:00', end: '2011-01-20 12:00' });
    assert.equal(config.forest.nEstimators, 50);
    assert.equal(config.forest.seed, 0);
    assert.equal(config.evaluateMaxRows, 500);
    assert.equal(config.triggerDriftEnabled, true);
    assert.deepEqual(config.database, { kind: 'sqlite', path: '/var/lib/bike/history.db' });
    assert.equal(config.evaluationHistoryLimit, 12);
    assert.equal(config.publicUrl, 'https://bikes.example.org/api');
    assert.deepEqual(config.connections, { requestTimeoutMs: 5_000, idleTimeoutMs: 7_000, keepAliveTimeoutMs: 1_000, maxConnections: 32 });
    assert.equal(config.apiToken, 'a'.repeat(32));
  });

  it('keeps the evaluation database beside the model artefact when DATABASE_URL is unset', () => {
    assert.deepEqual(loadConfig({ MODEL_PATH: '/models/model.json' }).database, { kind: 'sqlite', path: '/models/evaluations.sqlite' });
  });

  it('selects PostgreSQL for postgres:// and postgresql:// URLs, and syncs every 10 s by default', () => {
    for (const url of ['postgres://bike:secret@db:5432/bike', 'postgresql://db/bike?sslmode=require']) {
      assert.deepEqual(loadConfig({ DATABASE_URL: url }).database, { kind: 'postgres', url });
    }
    assert.equal(loadConfig({}).evaluationSyncSeconds, 10);
    assert.equal(loadConfig({ EVALUATION_SYNC_SECONDS: '2' }).evaluationSyncSeconds, 2);
  });

  const invalid: [Record<string, string>, RegExp][] = [
    [{ PORT: '80a' }, /^PORT must be an integer in 0\.\.65535, got "80a"$/],
    [{ PORT: '70000' }, /^PORT/],
    [{ N_ESTIMATORS: '0' }, /^N_ESTIMATORS/],
    [{ N_ESTIMATORS: '2.5' }, /^N_ESTIMATORS/],
    [{ SEED: '-1' }, /^SEED/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ TRAIN_START: '2011-01-01' }, /^TRAIN_START must be a date-time "YYYY-MM-DD HH:MM"/],
    [{ TRAIN_END: '2011-02-30 00:00' }, /^TRAIN_END/],
    [{ TRAIN_START: '2011-02-01 00:00', TRAIN_END: '2011-01-01 00:00' }, /^TRAIN_END \(2011-01-01 00:00\) is before TRAIN_START/],
    [{ EVALUATE_MAX_ROWS: '1' }, /^EVALUATE_MAX_ROWS/],
    [{ ENABLE_TRIGGER_DRIFT: 'maybe' }, /^ENABLE_TRIGGER_DRIFT must be true or false/],
    // The URL is not echoed: it may carry a password.
    [{ DATABASE_URL: 'mysql://bike:secret@db/bike' }, /^DATABASE_URL must be sqlite:\/\/\/absolute\/path\/to\/file\.sqlite or postgres:\/\/.*, got a mysql: URL$/],
    [{ DATABASE_URL: 'postgres:///nohost' }, /^DATABASE_URL must be sqlite:.*, got a postgres: URL$/],
    [{ DATABASE_URL: 'sqlite://relative.db' }, /^DATABASE_URL must be sqlite:/],
    [{ DATABASE_URL: 'evaluations.sqlite' }, /^DATABASE_URL must be sqlite:.*, got no URL$/],
    [{ EVALUATION_HISTORY_LIMIT: '0' }, /^EVALUATION_HISTORY_LIMIT must be an integer in 1\.\.1000000/],
    [{ EVALUATION_SYNC_SECONDS: '0' }, /^EVALUATION_SYNC_SECONDS must be an integer in 1\.\.3600, got "0"$/],
    [{ API_PUBLIC_URL: 'localhost:8080' }, /^API_PUBLIC_URL must be an http\(s\) URL/],
    [{ API_PUBLIC_URL: 'http://x/?a=1' }, /^API_PUBLIC_URL must be an http\(s\) URL without query/],
    [{ LIVE_MONITORING: 'sometimes' }, /^LIVE_MONITORING must be true or false/],
    [{ LIVE_WINDOW_ROWS: '1' }, /^LIVE_WINDOW_ROWS must be an integer in 2\.\.100000/],
    [{ LIVE_WINDOW_ROWS: '1e3' }, /^LIVE_WINDOW_ROWS/],
    [{ LIVE_WINDOW_SECONDS: '0' }, /^LIVE_WINDOW_SECONDS/],
    [{ LIVE_CHECK_SECONDS: '0.5' }, /^LIVE_CHECK_SECONDS/],
    [{ LIVE_MIN_ROWS: '1' }, /^LIVE_MIN_ROWS/],
    [{ LIVE_WINDOW_ROWS: '100', LIVE_MIN_ROWS: '200' }, /^LIVE_MIN_ROWS \(200\) is above LIVE_WINDOW_ROWS \(100\)/],
    // Checked even when live monitoring is off: a typo must not wait for the day it is turned on.
    [{ LIVE_MONITORING: 'off', LIVE_CHECK_SECONDS: 'often' }, /^LIVE_CHECK_SECONDS/],
    [{ REQUEST_TIMEOUT_MS: '0' }, /^REQUEST_TIMEOUT_MS must be an integer in 100\.\.600000/],
    [{ IDLE_TIMEOUT_MS: 'forever' }, /^IDLE_TIMEOUT_MS/],
    [{ KEEP_ALIVE_TIMEOUT_MS: '1e9' }, /^KEEP_ALIVE_TIMEOUT_MS/],
    [{ MAX_CONNECTIONS: '0' }, /^MAX_CONNECTIONS/],
    [{ API_TOKEN: 'short' }, /^API_TOKEN must be at least 16 characters/],
    [{ API_TOKEN: 'sixteen chars and a space' }, /^API_TOKEN/],
  ];
  for (const [env, message] of invalid) {
    it(`rejects ${JSON.stringify(env)} naming the variable`, () => {
      assert.throws(() => loadConfig(env), (error: Error) => error instanceof ConfigError && message.test(error.message));
    });
  }
});

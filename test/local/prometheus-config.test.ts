/**
 * The local stack's Prometheus configuration is the committed one with local targets: same
 * global settings, jobs and rule files, and promtool accepts it. A job without a local process
 * (or the reverse) stops `make local` instead of silently scraping less.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from '../../src/paths.js';
import { localPrometheusConfig } from '../../src/local/prometheus-config.js';
import { promtool, skipWithoutPromtool } from '../deployment/debian-tools.js';

const SOURCE = resolve(REPOSITORY_ROOT, 'deployment/prometheus/prometheus.yml');
const TARGETS = { 'bike-api': '127.0.0.1:18080', 'node-exporter': '127.0.0.1:19100', prometheus: '127.0.0.1:19090' };
const ALERTMANAGER = '127.0.0.1:19093';
const LOCAL = { targets: TARGETS, alertmanager: ALERTMANAGER };

interface Job {
  readonly job_name: string;
  readonly static_configs: readonly Readonly<Record<string, unknown>>[];
}

interface Config {
  readonly global: Readonly<Record<string, string>>;
  readonly rule_files: readonly string[];
  readonly scrape_configs: readonly Job[];
  readonly alerting: { readonly alertmanagers: readonly { readonly static_configs: readonly { readonly targets: readonly string[] }[] }[] };
}

const committed = async (): Promise<Config> => parse(await readFile(SOURCE, 'utf8')) as Config;
const derived = async (overrides: Partial<Parameters<typeof localPrometheusConfig>[1]> = {}): Promise<Config> =>
  parse(await localPrometheusConfig(SOURCE, { ...LOCAL, ...overrides })) as Config;

describe('the local Prometheus configuration', () => {
  it('keeps the committed global settings, jobs and rule files (made absolute), with each target local', async () => {
    const [source, local] = await Promise.all([committed(), derived()]);
    assert.deepEqual(local.global, source.global);
    assert.deepEqual(local.rule_files, source.rule_files.map((file) => resolve(dirname(SOURCE), file)));
    assert.deepEqual(
      local.scrape_configs,
      source.scrape_configs.map((job) => ({
        ...job,
        static_configs: job.static_configs.map((config) => ({ ...config, targets: [TARGETS[job.job_name as keyof typeof TARGETS]] })),
      })),
    );
  });

  it('sends the alerts to the local Alertmanager, as the committed configuration sends them to its own', async () => {
    const [source, local] = await Promise.all([committed(), derived()]);
    assert.equal(source.alerting.alertmanagers.length, 1);
    assert.deepEqual(local.alerting.alertmanagers, [{ static_configs: [{ targets: [ALERTMANAGER] }] }]);
  });

  it('overrides the scrape and rule evaluation intervals when asked', async () => {
    const local = await derived({ scrapeInterval: '1s', evaluationInterval: '2s' });
    assert.equal(local.global.scrape_interval, '1s');
    assert.equal(local.global.evaluation_interval, '2s');
  });

  it('refuses a job without a local process, and a local process without a job', async () => {
    await assert.rejects(localPrometheusConfig(SOURCE, { ...LOCAL, targets: { ...TARGETS, prometheus: undefined } }), /job "prometheus" has no local process/);
    await assert.rejects(localPrometheusConfig(SOURCE, { ...LOCAL, targets: { ...TARGETS, grafana: '127.0.0.1:3000' } }), /has no job for grafana/);
  });

  it('is accepted by promtool check config, with 1s intervals too', { skip: skipWithoutPromtool }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bike-local-config-'));
    try {
      const path = join(dir, 'prometheus.yml');
      await writeFile(path, await localPrometheusConfig(SOURCE, { ...LOCAL, scrapeInterval: '1s', evaluationInterval: '1s' }));
      const result = promtool(['check', 'config', path]);
      assert.ok(result.ok, result.output);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

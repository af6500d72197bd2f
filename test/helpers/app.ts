/** A service built for tests: the real model trained on the real January window, no sockets. */
import { join } from 'node:path';
import type { App } from '../../src/api/app.js';
import { createService, type Service } from '../../src/api/create-service.js';
import type { LiveMonitor, LiveMonitoringSettings } from '../../src/api/live/monitor.js';
import { loadConfig } from '../../src/config.js';
import type { BikeDemandModel } from '../../src/model/model.js';
import { DEFAULT_FOREST_PARAMS } from '../../src/model/random-forest.js';
import { type ReferenceData, trainAndPredictReferenceModel } from '../../src/model/training.js';
import { DEFAULT_TRAINING_WINDOW, testDataset } from './dataset.js';
import { temporaryDirectory } from './temporary.js';

export interface TestModel {
  readonly model: BikeDemandModel;
  readonly reference: ReferenceData;
}

let cached: Promise<TestModel> | undefined;

/** The default model (100 trees, seed 42), trained once per test process. */
export function testModel(): Promise<TestModel> {
  cached ??= testDataset().then((dataset) => trainAndPredictReferenceModel(dataset, DEFAULT_TRAINING_WINDOW, DEFAULT_FOREST_PARAMS));
  return cached;
}

/**
 * The service as server.ts builds it, with the default configuration: /trigger-drift off unless
 * asked, and the evaluations stored in a directory of its own (SQLite beside MODEL_PATH). `env`
 * adds variables of loadConfig (timeouts, connection cap, API_TOKEN).
 */
/** What a test service may change: /trigger-drift, and variables of loadConfig. */
interface TestOptions {
  readonly triggerDrift?: boolean;
  readonly env?: Readonly<Record<string, string>>;
}

export async function testApp(options: TestOptions = {}): Promise<App> {
  return (await testService(options)).app;
}

/** The service with live monitoring on, and its monitor (tests may run a check with `checkNow`). */
export async function liveTestApp(settings: LiveMonitoringSettings, options: TestOptions = {}): Promise<{ app: App; live: LiveMonitor }> {
  const { app, live } = await testService(options, settings);
  if (!live) throw new Error('no live monitor was built');
  return { app, live };
}

/** Live monitoring is off unless settings are given: its timer must not run under other tests. */
async function testService({ triggerDrift = false, env = {} }: TestOptions, liveMonitoring?: LiveMonitoringSettings): Promise<Service> {
  const { model, reference } = await testModel();
  const config = loadConfig({
    MODEL_PATH: join(temporaryDirectory('bike-app-'), 'model.json'),
    ENABLE_TRIGGER_DRIFT: String(triggerDrift),
    ...env,
  });
  return createService({ ...config, liveMonitoring }, { dataset: await testDataset(), model, reference });
}


/** One valid /predict body: the first hour of the dataset. */
export const VALID_INPUT = {
  temp: 0.24,
  atemp: 0.2879,
  hum: 0.81,
  windspeed: 0,
  mnth: 1,
  hr: 0,
  weekday: 6,
  season: 1,
  holiday: 0,
  workingday: 0,
  weathersit: 1,
  dteday: '2011-01-01',
} as const;

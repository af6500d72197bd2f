/**
 * `make fire-alert`'s client (src/clients/wait-for-alert.ts), run through its real command
 * line against a stub of bike-api and of Prometheus's rule API on 127.0.0.1: it triggers the drift,
 * follows the rule from inactive to pending to firing, prints the alert, and stops with a clear
 * message (bounded) when the alert does not come, the rule does not exist or the trigger is off.
 * The live path against a real Prometheus is the end-to-end test's.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ALERTS } from '../../src/telemetry/alert-thresholds.js';
import { assertOptionsAligned } from '../helpers/usage.js';

const SCRIPT = fileURLToPath(new URL('../../src/clients/wait-for-alert.ts', import.meta.url));
/** The alert `make fire-alert` waits for by default: the critical drift rule of Prometheus. */
const EXPECTED = ALERTS.dataDriftSevere;

interface Scenario {
  /** Status of POST /trigger-drift. */
  triggerStatus: number;
  /** Whether Prometheus knows the rule at all. */
  ruleLoaded: boolean;
  /** States the rule goes through after the trigger, one per look; the last one stays. */
  statesAfterTrigger: string[];
  triggered: number;
  looks: number;
}

/** The fields of bike-api's /trigger-drift answer that wait-for-alert reads (src/api/routes/trigger-drift.ts). */
const TRIGGER_ANSWER = {
  message: 'Evaluation for trigger-drift done',
  rmse: 187.123456,
  evaluated_items: 168,
  drift_detected: 1,
  drifted_columns_count: 10,
  columns: Array.from({ length: 11 }, (_, i) => ({ column: `f${i}`, drifted: i < 10 })),
  expected_alerts: [
    { alert: EXPECTED.name, engine: 'prometheus', severity: EXPECTED.severity, for: '1m', because: 'most features drifted' },
    { alert: 'ModelRmseHigh', engine: 'grafana', severity: 'warning', for: '5m', because: 'RMSE above its threshold' },
  ],
};

let scenario: Scenario;
let server: Server;
let baseUrl = '';

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function rule(state: string): unknown {
  const firingOrPending = state === 'inactive' ? [] : [
    {
      labels: { alertname: EXPECTED.name, severity: EXPECTED.severity, job: 'bike-api', instance: 'bike-api:8080' },
      annotations: { summary: 'Most features drifted in the last evaluation' },
      state,
      activeAt: new Date().toISOString(),
      value: '9.1e-01',
    },
  ];
  return { type: 'alerting', name: EXPECTED.name, query: 'evidently_drifted_columns_ratio{job="bike-api"} >= 0.75', state, health: 'ok', lastError: '', alerts: firingOrPending };
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? '';
  if (request.method === 'GET' && path === '/health') {
    reply(response, 200, { status: 'ok' });
    return;
  }
  if (request.method === 'POST' && path === '/trigger-drift') {
    scenario.triggered++;
    reply(response, scenario.triggerStatus, scenario.triggerStatus === 200 ? TRIGGER_ANSWER : { detail: 'Not Found' });
    return;
  }
  if (request.method === 'GET' && path.startsWith('/api/v1/rules')) {
    let state = 'inactive';
    if (scenario.triggered > 0) {
      state = scenario.statesAfterTrigger[Math.min(scenario.looks, scenario.statesAfterTrigger.length - 1)] ?? 'inactive';
      scenario.looks++;
    }
    const rules = [{ type: 'alerting', name: 'BikeApiDown', query: 'up == 0', state: 'inactive', health: 'ok', lastError: '', alerts: [] }];
    if (scenario.ruleLoaded) rules.push(rule(state) as (typeof rules)[number]);
    reply(response, 200, { status: 'success', data: { groups: [{ name: 'bike-model', rules }] } });
    return;
  }
  reply(response, 404, { detail: 'Not Found' });
}

before(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the script as `make fire-alert` does (its own process), killed if it outlives `limitMs`. */
function run(args: readonly string[], limitMs = 20_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--api-url', baseUrl, '--prometheus-url', baseUrl, '--poll-interval', '0.05', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function setScenario(changes: Partial<Scenario>): void {
  scenario = { triggerStatus: 200, ruleLoaded: true, statesAfterTrigger: ['inactive', 'pending', 'pending', 'firing'], triggered: 0, looks: 0, ...changes };
}

describe('wait-for-alert (make fire-alert)', () => {
  it('triggers the drift, follows the rule to firing and prints the alert', async () => {
    setScenario({});
    const result = await run([]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(scenario.triggered, 1, 'POST /trigger-drift once');
    // The trigger's answer in two short lines, not its JSON.
    assert.match(result.stdout, /^POST http:\S+\/trigger-drift -> 200: 168 drifted rows evaluated, 10 of 11 features drifted, RMSE 187$/m);
    assert.match(result.stdout, new RegExp(`^  expected to fire: ${EXPECTED.name} \\(prometheus, for 1m\\), ModelRmseHigh \\(grafana, for 5m\\)$`, 'm'));
    assert.match(result.stdout, new RegExp(`${EXPECTED.name}: inactive[\\s\\S]*${EXPECTED.name}: pending[\\s\\S]*${EXPECTED.name}: firing`));
    // The alert in one line, its value formatted (Prometheus sends "9.1e-01"), then its summary.
    assert.match(result.stdout, new RegExp(`^FIRING ${EXPECTED.name} \\(${EXPECTED.severity}\\): value 0\\.91, active since \\S+\\n  Most features drifted in the last evaluation\\n$`, 'm'));
    assert.ok(result.stdout.trimEnd().split('\n').length <= 9, `a few lines, not a dump:\n${result.stdout}`);
  });

  it('prints --help with every option description in one column', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0, result.stderr);
    assertOptionsAligned(result.stdout);
  });

  it('gives up after --timeout with the last state when the alert does not fire', async () => {
    setScenario({ statesAfterTrigger: ['pending'] });
    const started = Date.now();
    const result = await run(['--timeout', '1']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, new RegExp(`${EXPECTED.name} did not fire within 1s \\(last state: pending\\)`));
    assert.ok(Date.now() - started < 15_000, 'bounded');
  });

  it('stops before triggering anything when Prometheus has no such rule', async () => {
    setScenario({ ruleLoaded: false });
    const result = await run([]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`no alerting rule named ${EXPECTED.name} \\(it has: BikeApiDown\\)`));
    assert.equal(scenario.triggered, 0);
  });

  it('says how to enable /trigger-drift when the service answers 403 (disabled)', async () => {
    setScenario({ triggerStatus: 403 });
    const result = await run([]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /ENABLE_TRIGGER_DRIFT=true/);
  });

  it('can only wait (--no-trigger) for another alert (--alert)', async () => {
    setScenario({ ruleLoaded: false });
    const result = await run(['--no-trigger', '--alert', 'BikeApiDown', '--timeout', '1']);
    assert.equal(scenario.triggered, 0);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /BikeApiDown did not fire within 1s \(last state: inactive\)/);
  });

  it('refuses a bad command line with exit code 2', async () => {
    setScenario({});
    const result = await run(['--timeout', 'soon']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--timeout must be a number/);
  });
});

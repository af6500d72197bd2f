/**
 * `make local`, `make local-stop` and `make local-status`: the stack of stack.ts under `.local/`,
 * on the ports of LOCAL_API_PORT, LOCAL_PROMETHEUS_PORT, LOCAL_NODE_EXPORTER_PORT and
 * LOCAL_ALERTMANAGER_PORT (defaults 8080, 9090, 9100, 9093, the Docker stack's). The webhooks of
 * ALERT_WEBHOOK_URL_CRITICAL and ALERT_WEBHOOK_URL_WARNING receive the notifications.
 *
 *   node --import tsx src/local/cli.ts start|stop|status|client-env
 *
 * `client-env` prints the environment (API_URL, PROMETHEUS_URL) under which the clients of
 * `make evaluation`, `make traffic` and `make fire-alert` reach the running local stack.
 *
 * Exit code 0 on success (also when the stack already runs, or nothing is left to stop), 1 when
 * a binary is missing, a port is taken, a process does not start or stop, or (client-env) the
 * stack does not run, 2 for a bad command line (src/command-line.ts).
 */
import { relative, resolve } from 'node:path';
import { runCommand, UsageError } from '../command-line.js';
import { ConfigError, integerVariable, loadDataSource } from '../config.js';
import { cacheArchive, DatasetError } from '../model/dataset.js';
import { findBinaries } from './binaries.js';
import { isRunning } from './processes.js';
import { PortsInUseError, readStack, type Stack, type StackPorts, startStack, stopStack } from './stack.js';
import { stackSummary } from './summary.js';

const DIR = resolve(import.meta.dirname, '../../.local');

const PORT_VARIABLES: Readonly<Record<keyof StackPorts, readonly [string, number]>> = {
  api: ['LOCAL_API_PORT', 8080],
  prometheus: ['LOCAL_PROMETHEUS_PORT', 9090],
  nodeExporter: ['LOCAL_NODE_EXPORTER_PORT', 9100],
  alertmanager: ['LOCAL_ALERTMANAGER_PORT', 9093],
};

function port(name: string, fallback: number): number {
  return integerVariable(name, fallback, 1, 65_535);
}

function printUrls(stack: Stack): void {
  console.log(stackSummary(stack, DIR));
}

/** Each recorded process with its state; `running` tells whether all of them run. */
function describeState(stack: Stack): { lines: string; running: 'all' | 'some' | 'none' } {
  const states = stack.processes.map((record) => ({ record, up: isRunning(record) }));
  const lines = states.map(({ record, up }) => `  ${record.name.padEnd(14)} ${up ? `running (pid ${record.pid})` : 'not running'}   log ${record.logFile}`).join('\n');
  const upCount = states.filter(({ up }) => up).length;
  return { lines, running: upCount === states.length ? 'all' : upCount > 0 ? 'some' : 'none' };
}

async function start(): Promise<number> {
  const existing = await readStack(DIR);
  if (existing) {
    const { lines, running } = describeState(existing);
    if (running === 'all') {
      console.log(`The local stack already runs (${DIR}/stack.json); not starting a second one.\n${lines}`);
      printUrls(existing);
      return 0;
    }
    if (running === 'some') {
      console.error(`Part of the local stack runs:\n${lines}\nStop it first: make local-stop, then make local.`);
      return 1;
    }
    await stopStack(DIR); // nothing runs: forget the stale record
  }

  const binaries = findBinaries();
  if ('missing' in binaries) {
    console.error(`make local: ${binaries.missing}`);
    return 1;
  }
  const ports: StackPorts = {
    api: port(...PORT_VARIABLES.api),
    prometheus: port(...PORT_VARIABLES.prometheus),
    nodeExporter: port(...PORT_VARIABLES.nodeExporter),
    alertmanager: port(...PORT_VARIABLES.alertmanager),
  };
  // bike-api and the clients share one dataset cache: an archive named once is found by every later command.
  const source = loadDataSource();
  let cached: string | undefined;
  try {
    cached = await cacheArchive(source);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    console.error(`make local: ${error.message}`);
    return 1;
  }
  if (cached !== undefined) console.log(`Copied BIKE_SHARING_ZIP to ${relative(process.cwd(), cached)}: later commands find it there, without the variable.`);
  console.log(`Starting bike-api, node-exporter, Alertmanager and Prometheus (${Object.values(binaries.found).join(', ')}) under ${DIR} ...`);
  console.log('The first start downloads the dataset (unless BIKE_SHARING_ZIP names a copy or it is cached) and trains the model.');
  let stack: Stack;
  try {
    stack = await startStack({ dir: DIR, ports, binaries: binaries.found, dataDir: source.cacheDir });
  } catch (error) {
    console.error(`make local: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof PortsInUseError) {
      const variables = Object.values(PORT_VARIABLES).map(([name]) => name).join(', ');
      console.error(`Choose other ports with ${variables} (e.g. LOCAL_PROMETHEUS_PORT=9091 make local). Debian's packages start their own prometheus, prometheus-node-exporter and prometheus-alertmanager services on 9090, 9100 and 9093: sudo systemctl disable --now prometheus prometheus-node-exporter prometheus-alertmanager frees them.`);
    }
    return 1;
  }
  console.log('Local stack running.');
  printUrls(stack);
  return 0;
}

async function stop(): Promise<number> {
  const results = await stopStack(DIR);
  if (results.length === 0) console.log('No local stack recorded: nothing to stop.');
  for (const { name, result } of results) console.log(`  ${name.padEnd(14)} ${result}`);
  const survivors = results.filter(({ result }) => result === 'still running after SIGKILL');
  if (survivors.length === 0) return 0;
  console.error(`Still running, and kept in ${DIR}/stack.json: ${survivors.map(({ name }) => name).join(', ')}. Stop them by hand (see the pids above), then run make local-stop again.`);
  return 1;
}

async function status(): Promise<number> {
  const stack = await readStack(DIR);
  if (!stack) {
    console.log('No local stack recorded (make local starts one).');
    return 0;
  }
  const { lines, running } = describeState(stack);
  console.log(lines);
  if (running !== 'none') printUrls(stack);
  return 0;
}

/** `API_URL=... PROMETHEUS_URL=...` of the running stack, for `env` in the Makefile; 1 with a message when it does not run. */
async function clientEnv(): Promise<number> {
  const stack = await readStack(DIR);
  const running = stack === undefined ? 'none' : describeState(stack).running;
  if (stack === undefined || running !== 'all') {
    const why = stack === undefined ? 'no local stack is recorded' : `the local stack recorded in ${DIR}/stack.json does not run (make local-status shows which part)`;
    console.error(`No stack to run against: ${why}, and no Docker engine answers. Start one with make (or make local).`);
    return 1;
  }
  console.log(`API_URL=${stack.urls.api} PROMETHEUS_URL=${stack.urls.prometheus}`);
  return 0;
}

const COMMANDS: ReadonlyMap<string, () => Promise<number>> = new Map([
  ['start', start],
  ['stop', stop],
  ['status', status],
  ['client-env', clientEnv],
]);

const USAGE = `Usage: local-stack ${[...COMMANDS.keys()].join('|')} [--verbose]`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    console.log(USAGE);
    return 0;
  }
  const command = argv.length === 1 ? COMMANDS.get(argv[0]) : undefined;
  if (command === undefined) throw new UsageError(`expected one command of ${[...COMMANDS.keys()].join(', ')}, got "${argv.join(' ')}"`);
  return command();
}

runCommand({ program: 'local-stack', main, expected: [ConfigError] });

/**
 * `make doctor`: the Node that make and npm run use, and every prerequisite of the targets, each
 * with the fix when it is missing. Exit code 1 only when something `make test` needs is missing:
 * the rest (Docker, the local stack's binaries, promtool, Chromium, kubernetes-validate) only
 * narrows what can run.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, realpathSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { runCommand } from './command-line.js';
import { ConfigError, loadDataSource } from './config.js';
import { INSTALL_HINT, onPath, postgresBinaries } from './local/binaries.js';
import { ARCHIVE_NAME, cachedArchivePath, DEFAULT_DATASET_URL } from './model/dataset.js';
import { KUBERNETES_VALIDATE, REPOSITORY_ROOT } from './paths.js';
import { datasetZip, missingDatasetProblem } from './test-dataset.js';

type Outcome = { readonly ok: true; readonly detail: string } | { readonly ok: false; readonly detail: string; readonly fix: string };

interface Check {
  readonly name: string;
  /** Which targets cannot run without it. */
  readonly neededBy: string;
  /** Whether `make test` fails without it (then doctor exits 1). */
  readonly requiredByTest: boolean;
  readonly run: () => Outcome | Promise<Outcome>;
}

const MANIFEST = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
  readonly engines: { readonly node: string };
  readonly devDependencies: Readonly<Record<string, string>>;
};
const MIN_NODE_MAJOR = Number(/\d+/.exec(MANIFEST.engines.node)?.[0]);
const PROVISIONED_NODE = join(REPOSITORY_ROOT, 'node_modules/.bin/node');

/** The first line a command prints with `args` (build details dropped), or undefined when it cannot run or fails. */
function firstLine(command: string, args: readonly string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.status !== 0) return undefined;
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0]?.replace(/ \(.*$/, '');
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where this Node comes from: the pinned npm package, or the system's Node. */
function nodeOrigin(): string {
  const provisioned = readable(PROVISIONED_NODE) && realpathSync(PROVISIONED_NODE) === process.execPath;
  const path = (process.env.PATH ?? '').split(delimiter).filter((directory) => !directory.endsWith(join('node_modules', '.bin'))).join(delimiter);
  const system = onPath('node', path);
  const other = system === undefined ? '' : `; the system Node ${firstLine(system, ['--version']) ?? '(version unknown)'} at ${system}${provisioned ? ' is not used' : ''}`;
  return provisioned ? `the pinned npm package node@${MANIFEST.devDependencies.node} (make deps), first on the PATH${other}` : `not the pinned one (run make deps)${other}`;
}

function binary(names: readonly string[], versionArgs: readonly string[], fix: string): Outcome {
  for (const name of names) {
    const path = onPath(name, process.env.PATH ?? '');
    if (path !== undefined) return { ok: true, detail: `${path} (${firstLine(path, versionArgs) ?? 'version unknown'})` };
  }
  return { ok: false, detail: `${names.join(' or ')} not found on the PATH`, fix };
}

async function reachable(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return response.ok ? undefined : `answered ${response.status}`;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return error instanceof Error && error.name === 'TimeoutError' ? 'no answer within 5 s' : cause;
  }
}

const CHECKS: readonly Check[] = [
  {
    name: `Node >= ${MIN_NODE_MAJOR}`,
    neededBy: 'every target',
    requiredByTest: true,
    run: () => {
      const major = Number(process.versions.node.split('.')[0]);
      if (major >= MIN_NODE_MAJOR) return { ok: true, detail: `${process.version} at ${process.execPath}` };
      return { ok: false, detail: `${process.version} at ${process.execPath}`, fix: 'run make deps, then make targets or npm run scripts (they put node_modules/.bin first on the PATH)' };
    },
  },
  {
    name: 'dataset for make test',
    neededBy: 'make test',
    requiredByTest: true,
    run: () => {
      const problem = missingDatasetProblem();
      if (problem === undefined) return { ok: true, detail: datasetZip() };
      return { ok: false, detail: problem.replace(/\. Download .*$/, ''), fix: `download ${DEFAULT_DATASET_URL} and set BIKE_SHARING_ZIP=/path/to/${ARCHIVE_NAME}` };
    },
  },
  {
    name: 'dataset for the service',
    neededBy: 'make, make local, the clients',
    requiredByTest: false,
    run: async () => {
      const source = loadDataSource();
      if (source.zipPath !== undefined) {
        return readable(source.zipPath) ? { ok: true, detail: `BIKE_SHARING_ZIP=${source.zipPath}` } : { ok: false, detail: `BIKE_SHARING_ZIP=${source.zipPath} is not readable`, fix: 'point BIKE_SHARING_ZIP at a copy of the UCI archive' };
      }
      const cached = cachedArchivePath(source);
      if (readable(cached)) return { ok: true, detail: `cached at ${relative(process.cwd(), cached) || cached}` };
      const problem = await reachable(source.url);
      if (problem === undefined) return { ok: true, detail: `downloadable from ${source.url}` };
      return { ok: false, detail: `not cached, and ${source.url}: ${problem}`, fix: 'set BIKE_SHARING_ZIP=/path/to/bike-sharing-dataset.zip, or allow the download' };
    },
  },
  {
    name: 'promtool',
    neededBy: 'the rule, configuration and metrics checks of make test (skipped without it)',
    requiredByTest: false,
    run: () => binary(['promtool'], ['--version'], 'sudo apt-get install -y prometheus'),
  },
  {
    name: 'kubernetes-validate',
    neededBy: 'the Kubernetes manifest validation of make test (skipped without it)',
    requiredByTest: false,
    run: () => {
      const version = firstLine(KUBERNETES_VALIDATE, ['--version']);
      if (version !== undefined) return { ok: true, detail: `${relative(REPOSITORY_ROOT, KUBERNETES_VALIDATE)} (${version})` };
      return { ok: false, detail: `${relative(REPOSITORY_ROOT, KUBERNETES_VALIDATE)} not found`, fix: 'make python-tools (a venv with the pinned kubernetes-validate from PyPI)' };
    },
  },
  {
    name: 'prometheus',
    neededBy: 'make local, the end-to-end test of make test (skipped without it)',
    requiredByTest: false,
    run: () => binary(['prometheus'], ['--version'], INSTALL_HINT),
  },
  {
    name: 'chromium',
    neededBy: 'the browser tests of the HTML reports in make test (skipped without it)',
    requiredByTest: false,
    run: () => binary(['chromium'], ['--version'], 'sudo apt-get install -y chromium'),
  },
  {
    name: 'PostgreSQL server',
    neededBy: 'the PostgreSQL store and multi-replica tests of make test (skipped without it)',
    requiredByTest: false,
    run: () => {
      const bin = postgresBinaries();
      return bin === undefined
        ? { ok: false, detail: 'no /usr/lib/postgresql/<version>/bin/pg_ctl', fix: 'sudo apt-get install -y postgresql' }
        : { ok: true, detail: bin };
    },
  },
  {
    name: 'node-exporter',
    neededBy: 'make local, the end-to-end test of make test (skipped without it)',
    requiredByTest: false,
    run: () => binary(['prometheus-node-exporter', 'node_exporter'], ['--version'], INSTALL_HINT),
  },
  {
    name: 'alertmanager',
    neededBy: 'make local, the inhibition and end-to-end tests of make test (skipped without it)',
    requiredByTest: false,
    run: () => binary(['prometheus-alertmanager', 'alertmanager'], ['--version'], INSTALL_HINT),
  },
  {
    name: 'amtool',
    neededBy: 'the Alertmanager configuration and routing checks of make test (skipped without it)',
    requiredByTest: false,
    run: () => binary(['amtool'], ['--version'], 'sudo apt-get install -y prometheus-alertmanager'),
  },
  {
    name: 'Docker engine with Compose',
    neededBy: 'make (the Docker stack), make evaluation, traffic, fire-alert, train',
    requiredByTest: false,
    run: () => {
      const fix = 'install Docker Engine and its Compose plugin (https://docs.docker.com/engine/install/) and start it; without Docker, make local runs the stack';
      if (onPath('docker', process.env.PATH ?? '') === undefined) return { ok: false, detail: 'no docker command', fix };
      const engine = firstLine('docker', ['info', '--format', '{{.ServerVersion}}']);
      if (engine === undefined) return { ok: false, detail: 'a docker client, but no engine answers', fix };
      const compose = firstLine('docker', ['compose', 'version']) ?? firstLine('docker-compose', ['version']);
      if (compose === undefined) return { ok: false, detail: `engine ${engine}, but neither docker compose nor docker-compose`, fix };
      return { ok: true, detail: `engine ${engine}, ${compose}` };
    },
  },
];

async function main(): Promise<number> {
  console.log(`Node of this check, the one make targets and npm run scripts use: ${process.version} (${process.execPath})`);
  console.log(`  ${nodeOrigin()}\n`);
  let blocking = 0;
  for (const check of CHECKS) {
    const outcome = await check.run();
    console.log(`  ${outcome.ok ? 'ok     ' : 'MISSING'}  ${check.name.padEnd(28)} ${outcome.detail}`);
    if (outcome.ok) continue;
    console.log(`  ${' '.repeat(9)}${' '.repeat(28)} needed by ${check.neededBy}\n  ${' '.repeat(9)}${' '.repeat(28)} fix: ${outcome.fix}`);
    if (check.requiredByTest) blocking++;
  }
  console.log(blocking === 0 ? '\nmake test has what it needs.' : `\nmake test cannot run: ${blocking} of its prerequisites missing (above).`);
  return blocking === 0 ? 0 : 1;
}

runCommand({ program: 'doctor', main, expected: [ConfigError] });

/** make doctor, run as a user runs it: its own process, with what the machine has and lacks. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { onPath } from '../src/local/binaries.js';
import { DATASET_ZIP, ROOT } from './helpers/dataset.js';
import { temporaryDirectory } from './helpers/temporary.js';

/** Runs src/doctor.ts on `node`; the service's dataset is neither cached nor downloadable. */
function doctor(env: Readonly<Record<string, string>>, node = process.execPath): { code: number | null; stdout: string } {
  const result = spawnSync(node, ['--import', 'tsx', 'src/doctor.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATA_DIR: temporaryDirectory('bike-doctor-'), DATASET_URL: 'http://127.0.0.1:9/archive.zip', ...env },
  });
  return { code: result.status, stdout: result.stdout };
}

/** The line of a check, and the two lines of its reason and fix when it is missing. */
function report(stdout: string, check: string): string {
  const lines = stdout.split('\n');
  const index = lines.findIndex((line) => line.includes(` ${check} `));
  assert.ok(index >= 0, `${check} is not reported:\n${stdout}`);
  return lines.slice(index, index + 3).join('\n');
}

describe('make doctor', () => {
  it('prints the Node it runs on, and passes when what make test needs is there, whatever else is missing', () => {
    // An empty PATH: no promtool, prometheus, node-exporter, alertmanager, amtool or docker.
    const { code, stdout } = doctor({ BIKE_SHARING_ZIP: DATASET_ZIP, PATH: temporaryDirectory('bike-doctor-path-') });
    assert.equal(code, 0, stdout);
    assert.match(stdout.split('\n')[0] ?? '', new RegExp(`^Node of this check.*: ${process.version.replaceAll('.', '\\.')} `));
    assert.match(report(stdout, 'Node >= 24'), /^ {2}ok/);
    assert.match(report(stdout, 'dataset for make test'), new RegExp(`^ {2}ok .*${DATASET_ZIP}`));
    assert.match(report(stdout, 'promtool'), /^ {2}MISSING .*\n.*needed by .*make test \(skipped without it\)\n.*fix: sudo apt-get install -y prometheus$/);
    assert.match(report(stdout, 'node-exporter'), /fix: sudo apt-get install -y prometheus prometheus-node-exporter/);
    assert.match(report(stdout, 'alertmanager'), /^ {2}MISSING .*\n.*needed by make local, the inhibition .*\n.*fix: sudo apt-get install -y .*prometheus-alertmanager$/);
    assert.match(report(stdout, 'amtool'), /^ {2}MISSING .*\n.*needed by the Alertmanager configuration .*\n.*fix: sudo apt-get install -y prometheus-alertmanager$/);
    assert.match(report(stdout, 'Docker engine with Compose'), /MISSING +Docker engine with Compose +no docker command\n.*\n.*fix: install Docker Engine .*make local runs the stack/);
    assert.match(report(stdout, 'dataset for the service'), /^ {2}ok .*BIKE_SHARING_ZIP=/);
    assert.match(stdout, /make test has what it needs\.\n$/);
  });

  it('fails, with the fix, when the archive of make test is missing', () => {
    const { code, stdout } = doctor({ BIKE_SHARING_ZIP: '/nonexistent/archive.zip' });
    assert.equal(code, 1, stdout);
    assert.match(report(stdout, 'dataset for make test'), /MISSING .*BIKE_SHARING_ZIP names \/nonexistent\/archive\.zip, which does not exist\n.*needed by make test\n.*fix: download .* and set BIKE_SHARING_ZIP=/);
    assert.match(report(stdout, 'dataset for the service'), /MISSING .*not readable\n.*needed by make, make local, the clients\n/);
    assert.match(stdout, /make test cannot run: 1 of its prerequisites missing/);
  });

  const path = (process.env.PATH ?? '').split(delimiter).filter((directory) => !directory.endsWith(join('node_modules', '.bin'))).join(delimiter);
  const systemNode = onPath('node', path);
  const version = systemNode === undefined ? undefined : spawnSync(systemNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const old = version !== undefined && Number(/^v(\d+)/.exec(version)?.[1]) < 24;
  it('fails on an older Node, and says how to get the pinned one', { skip: old ? false : `no system Node older than 24 (${version ?? 'none'})` }, () => {
    const { code, stdout } = doctor({ BIKE_SHARING_ZIP: DATASET_ZIP }, systemNode);
    assert.equal(code, 1, stdout);
    assert.match(report(stdout, 'Node >= 24'), /MISSING +Node >= 24 +v\d+.*\n.*\n.*fix: run make deps/);
  });
});

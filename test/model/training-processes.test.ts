/**
 * Every replica serves the same model (docs/kubernetes.md, "Model versions"): each pod trains at
 * start, and training is deterministic across processes and machines. The forest uses only a
 * seeded integer PRNG, IEEE-754 basic arithmetic (exactly rounded on every CPU) and sorts with a
 * total order (ties broken by row index), no transcendental Math function, no clock, no
 * iteration over unordered state; the version is a hash of the trees and the training inputs.
 *
 * Proven here with `make train`'s own command line (src/model/train-cli.ts) run as separate
 * processes: same configuration, same version and byte-identical trees; the version is also the
 * one pinned below, computed on another machine, so CI (a different host) checks machine
 * independence. Another seed gives another version: the hash does see the trees.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { DATASET_ZIP, ROOT } from '../helpers/dataset.js';

/**
 * The default configuration's model version (100 trees, seed 42, 2011-01-01 .. 2011-01-28 23:00),
 * the same under Node 24.21 and Node 20.20. It changes only with a deliberate change of the training.
 */
const DEFAULT_MODEL_VERSION = 'rf-1c4599feda00';

const run = promisify(execFile);

interface Trained {
  readonly version: string;
  readonly nodes: unknown;
}

async function trainInNewProcess(dir: string, name: string, env: Readonly<Record<string, string>> = {}): Promise<Trained> {
  const modelPath = join(dir, `${name}.json`);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/model/train-cli.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, MODEL_PATH: modelPath, BIKE_SHARING_ZIP: DATASET_ZIP },
    timeout: 120_000,
  });
  const version = /model version\s+(\S+)/.exec(stdout)?.[1];
  assert.ok(version !== undefined, stdout);
  const artefact = JSON.parse(await readFile(modelPath, 'utf8')) as { metadata: { modelVersion: string }; nodes: unknown };
  assert.equal(artefact.metadata.modelVersion, version);
  return { version, nodes: artefact.nodes };
}

describe('training in separate processes', () => {
  let dir = '';
  let runs: Trained[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bike-training-'));
    runs = await Promise.all([trainInNewProcess(dir, 'a'), trainInNewProcess(dir, 'b'), trainInNewProcess(dir, 'other-seed', { SEED: '7' })]);
  });

  after(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('gives the same version and byte-identical trees in every process', () => {
    const [a, b] = runs;
    assert.equal(a.version, b.version);
    assert.deepEqual(a.nodes, b.nodes);
  });

  it('gives the version pinned for the default configuration, whatever the machine', () => {
    assert.equal(runs[0].version, DEFAULT_MODEL_VERSION);
  });

  it('gives another version for another seed', () => {
    assert.notEqual(runs[2].version, runs[0].version);
  });
});

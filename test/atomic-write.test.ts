import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { writeFileAtomically } from '../src/atomic-write.js';
import { temporaryDirectory } from './helpers/temporary.js';

describe('writeFileAtomically', () => {
  it('creates the directory, replaces the file and leaves no temporary file', async () => {
    const dir = join(temporaryDirectory('bike-atomic-'), 'deep');
    const path = join(dir, 'state.json');
    await writeFileAtomically(path, 'first');
    await writeFileAtomically(path, new TextEncoder().encode('second'));
    assert.equal(await readFile(path, 'utf8'), 'second');
    assert.deepEqual(await readdir(dir), ['state.json']);
  });

  it('flushes the file before the rename and the directory after it', async () => {
    const path = join(temporaryDirectory('bike-atomic-'), 'state.json');
    const probe = await open(join(path, '..'), 'r');
    const prototype = Object.getPrototypeOf(probe) as { sync: (this: unknown) => Promise<void> };
    await probe.close();
    const { sync } = prototype;
    // What each flush sees: whether the target exists yet, and what it holds.
    const seen: string[] = [];
    const spy = mock.method(prototype, 'sync', async function (this: typeof prototype) {
      seen.push(existsSync(path) ? await readFile(path, 'utf8') : 'absent');
      return sync.call(this);
    });
    try {
      await writeFileAtomically(path, 'content');
    } finally {
      spy.mock.restore();
    }
    assert.deepEqual(seen, ['absent', 'content']);
  });

  it('leaves what was at the path, and no temporary file, when the rename fails', async () => {
    const dir = temporaryDirectory('bike-atomic-');
    // A non-empty directory where the file should go: rename(2) refuses to replace it.
    const path = join(dir, 'state.json');
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'kept');
    await assert.rejects(writeFileAtomically(path, 'new'), /ENOTEMPTY|EISDIR|EEXIST/);
    assert.deepEqual(await readdir(dir), ['state.json']);
    assert.equal(await readFile(join(path, 'inside'), 'utf8'), 'kept');
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/dataset.js';
import { temporaryDirectory } from '../helpers/temporary.js';

/**
 * A process of its own (V8's natives syntax, forced collections) that calls nextTick across
 * full collections, then prints the state of the inline caches of nextTick's entry literal, one
 * per property, from V8's debug print of the function's feedback (Node is pinned: should another
 * V8 print it otherwise, this test fails rather than passes).
 */
const CHECK = `
if (process.env.KEEP_TICK_ENTRY === 'yes') await import(${JSON.stringify(join(ROOT, 'src/api/next-tick-shape.ts'))});
for (let i = 0; i < 8; i++) {
  process.nextTick(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 1));
  globalThis.gc({ type: 'major' });
}
// Enough calls for V8 to give nextTick its feedback vector, in turns of the event loop.
for (let i = 0; i < 3000; i++) {
  process.nextTick(() => undefined);
  if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
}
new Function('f', '%DebugPrint(f)')(process.nextTick);
`;

function literalCaches(keepTickEntry: boolean): string[] {
  const dir = temporaryDirectory('bike-tick-');
  const [script, printed] = [join(dir, 'check.mjs'), join(dir, 'printed.txt')];
  writeFileSync(script, CHECK);
  // Into a file: V8 prints through C's stdio, which can lose the end of its output on a pipe.
  const out = openSync(printed, 'w');
  const { status } = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, KEEP_TICK_ENTRY: keepTickEntry ? 'yes' : 'no' },
    stdio: ['ignore', out, 'inherit'],
  });
  closeSync(out);
  assert.equal(status, 0);
  return [...readFileSync(printed, 'utf8').matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map(([, state]) => state);
}

describe("process.nextTick's entry literal across full collections", () => {
  it('goes megamorphic after full collections, and stays monomorphic with one entry kept alive', () => {
    assert.deepEqual(literalCaches(false), ['MONOMORPHIC', 'MEGAMORPHIC', 'MEGAMORPHIC', 'MEGAMORPHIC', 'MEGAMORPHIC']);
    assert.deepEqual(literalCaches(true), ['MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC']);
  });
});

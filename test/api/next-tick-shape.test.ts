import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../helpers/dataset.js';
import { temporaryDirectory } from '../helpers/temporary.js';

// Run in a process of its own: V8's natives syntax (%HaveSameMap) and forced full collections.
const CHECK = `
const { keptTickEntry, newTickEntry } = await import(${JSON.stringify(join(ROOT, 'src/api/next-tick-shape.ts'))});
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)');
for (let i = 0; i < 3; i++) {
  await new Promise((resolve) => setTimeout(resolve, 1));
  globalThis.gc({ type: 'major' });
}
console.log(JSON.stringify({ callback: typeof keptTickEntry?.callback, sameMap: haveSameMap(keptTickEntry, newTickEntry()) }));
`;

describe("process.nextTick's entries keep their maps", () => {
  it('keeps one entry alive, whose map a new entry still has after full collections', async () => {
    const script = join(temporaryDirectory('bike-tick-'), 'check.mjs');
    writeFileSync(script, CHECK);
    const { stdout } = await promisify(execFile)(process.execPath, ['--allow-natives-syntax', '--expose-gc', '--import', 'tsx', script], { cwd: ROOT });
    assert.deepEqual(JSON.parse(stdout), { callback: 'function', sameMap: true });
  });
});

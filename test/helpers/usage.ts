/** Checks of a command-line client's --help text. */
import assert from 'node:assert/strict';

/** Every option line (`  --flag ARG   description`) starts its description in the same column. */
export function assertOptionsAligned(usage: string): void {
  const columns = usage
    .split('\n')
    .filter((line) => /^ {2}-/.test(line))
    .map((line) => /^ {2}\S+(?: \S+)*? {2,}/.exec(line)?.[0].length);
  assert.ok(columns.length >= 4, `no options in:\n${usage}`);
  assert.equal(new Set(columns).size, 1, `option descriptions start in columns ${columns.join(', ')}:\n${usage}`);
}

/** A check skipped for a missing tool must be seen: a banner on stderr, beside the runner's own "skipped". */
export function announceSkip(what: string, reason: string): void {
  console.warn(['', '!'.repeat(78), `!! SKIPPED: ${what}`, `!! ${reason}`, '!'.repeat(78), ''].join('\n'));
}

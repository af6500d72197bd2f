/** Temporary directories for tests, removed when the test process exits, failed tests included. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => {
    rmSync(directory, { recursive: true, force: true });
  });
  return directory;
}

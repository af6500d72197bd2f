/** Reads committed deployment files for the tests, from the repository root. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from '../../src/paths.js';

export function readRepositoryFile(path: string): string {
  return readFileSync(join(REPOSITORY_ROOT, path), 'utf8');
}

/**
 * Parses a committed YAML or JSON file. Callers cast the result to the shape they expect: the
 * cast is the test's hypothesis, the assertions that follow check it.
 */
export function readStructured(path: string): unknown {
  return parse(readRepositoryFile(path));
}

/** Paths (from the repository root) of the files of a directory whose names end with `suffix`. */
export function listFiles(directory: string, suffix: string): string[] {
  return readdirSync(join(REPOSITORY_ROOT, directory))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => `${directory}/${name}`);
}

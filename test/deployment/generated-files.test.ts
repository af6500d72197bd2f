/** The committed dashboards and alerting files are exactly what the TypeScript generates. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatedFiles } from '../../src/deployment/outputs.js';
import { GENERATOR_COMMAND } from '../../src/deployment/yaml-file.js';
import { readRepositoryFile } from './files.js';

for (const { path, content } of generatedFiles()) {
  test(`${path} is up to date with its TypeScript source`, () => {
    assert.equal(
      readRepositoryFile(path),
      content,
      `${path} differs from what src/deployment generates: run \`${GENERATOR_COMMAND}\` and commit, never edit it by hand`,
    );
  });
}

/**
 * Writes every generated file (dashboards JSON, Prometheus alert rules, Grafana alerting
 * provisioning, the forest's WebAssembly kernel: outputs.ts) from their sources: `npm run
 * generate`. Paths resolve from the repository root, whatever the working directory. The files are
 * committed; a test fails when they differ from this output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPOSITORY_ROOT } from '../paths.js';
import { generatedFiles } from './outputs.js';

for (const { path, content } of generatedFiles()) {
  const target = join(REPOSITORY_ROOT, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${path}`);
}

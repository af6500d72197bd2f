/**
 * Runs Debian's `promtool` (package `prometheus`) for the deployment tests. When it is missing,
 * the tests that need it are skipped with a loud message instead of failing: CI installs it
 * (`.ci/run`), a developer machine may not have it.
 */
import { spawnSync } from 'node:child_process';
import { REPOSITORY_ROOT } from '../../src/paths.js';
import { announceSkip } from '../helpers/skip.js';

export interface PromtoolResult {
  readonly ok: boolean;
  /** stdout and stderr together, for assertion messages. */
  readonly output: string;
}

/** Runs promtool with `args`, feeding `input` on stdin (e.g. a metrics exposition for `check metrics`). */
export function promtool(args: readonly string[], input?: string): PromtoolResult {
  const result = spawnSync('promtool', args, { cwd: REPOSITORY_ROOT, encoding: 'utf8', input });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

const available = spawnSync('promtool', ['--version']).status === 0;

/** `false` when promtool runs, else the reason to give `test(..., { skip })`. */
export const skipWithoutPromtool: string | false = available
  ? false
  : 'promtool not found: install Debian package "prometheus" (apt-get install -y prometheus)';

if (skipWithoutPromtool !== false) announceSkip('the Prometheus configuration, rule and PromQL checks need promtool.', skipWithoutPromtool);

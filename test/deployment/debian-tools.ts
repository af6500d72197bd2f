/**
 * Runs Debian's `promtool` (package `prometheus`) and `amtool` (package `prometheus-alertmanager`)
 * for the deployment tests. When one is missing, the tests that need it are skipped with a loud
 * message instead of failing: CI installs both (`.ci/run`), a developer machine may not have them.
 */
import { spawnSync } from 'node:child_process';
import { REPOSITORY_ROOT } from '../../src/paths.js';
import { announceSkip } from '../helpers/skip.js';

export interface ToolResult {
  readonly ok: boolean;
  /** stdout and stderr together, for assertion messages. */
  readonly output: string;
}

interface DebianTool {
  /** Runs the tool with `args`, feeding `input` on stdin (e.g. a metrics exposition for `promtool check metrics`). */
  readonly run: (args: readonly string[], input?: string) => ToolResult;
  /** `false` when the tool runs, else the reason to give `test(..., { skip })`. */
  readonly skip: string | false;
}

function debianTool(command: string, debianPackage: string, needs: string): DebianTool {
  const available = spawnSync(command, ['--version']).status === 0;
  const skip = available ? false : `${command} not found: install Debian package "${debianPackage}" (apt-get install -y ${debianPackage})`;
  if (skip !== false) announceSkip(`${needs} need ${command}.`, skip);
  return {
    run: (args, input) => {
      const result = spawnSync(command, args, { cwd: REPOSITORY_ROOT, encoding: 'utf8', input });
      return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
    },
    skip,
  };
}

const PROMTOOL = debianTool('promtool', 'prometheus', 'the Prometheus configuration, rule and PromQL checks');
export const promtool = PROMTOOL.run;
export const skipWithoutPromtool = PROMTOOL.skip;

const AMTOOL = debianTool('amtool', 'prometheus-alertmanager', 'the Alertmanager configuration and routing checks');
export const amtool = AMTOOL.run;
export const skipWithoutAmtool = AMTOOL.skip;

/** Runs a command-line client of src/clients as users do, as its own process, bounded in time. */
import { spawn } from 'node:child_process';
import { DATASET_ZIP, ROOT } from '../helpers/dataset.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRun {
  /** Resolves once `text` appears on stderr (or the process ended). */
  stderrIncludes(text: string): Promise<void>;
  interrupt(): void;
  readonly result: Promise<CliResult>;
}

const TIMEOUT_MS = 60_000;

export type CliScript = 'run-evaluation' | 'traffic' | 'wait-for-alert';

/** `node --import tsx src/clients/<script>.ts ...args`, reading the test copy of the dataset; killed after `timeoutMs`. */
export function startCli(script: CliScript, args: readonly string[], env: Readonly<Record<string, string>> = {}, timeoutMs = TIMEOUT_MS): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/clients/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, BIKE_SHARING_ZIP: DATASET_ZIP, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let closed = false;
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    waiters.forEach((wake) => {
      wake();
    });
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const result = new Promise<CliResult>((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      closed = true;
      waiters.forEach((wake) => {
        wake();
      });
      resolve({ code, stdout, stderr });
    }),
  );
  return {
    result,
    interrupt: () => child.kill('SIGINT'),
    stderrIncludes: (text) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (stderr.includes(text) || closed) resolve();
        };
        waiters.push(check);
        check();
      }),
  };
}

export function runCli(script: CliScript, args: readonly string[], env?: Readonly<Record<string, string>>, timeoutMs?: number): Promise<CliResult> {
  return startCli(script, args, env, timeoutMs).result;
}

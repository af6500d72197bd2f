/**
 * Background processes of the local stack: started detached (their own session and process
 * group, output written to a log file) so that they outlive `make local`; recognised later by
 * pid AND command line, so that a recycled pid is never taken for ours; stopped by process
 * group, so that helpers they spawn (tsx's esbuild service) go with them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** What is recorded about a started process (in the stack's state file). */
export interface ProcessRecord {
  readonly name: string;
  readonly pid: number;
  /** The command line it was started with, absolute executable first. */
  readonly argv: readonly string[];
  readonly logFile: string;
}

export interface StartRequest {
  readonly name: string;
  readonly argv: readonly [string, ...string[]];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
}

export function startDetached({ name, argv, cwd, env, logFile }: StartRequest): ProcessRecord {
  const [command, ...args] = argv;
  // A fresh log per start: a failed start's tail then shows only this attempt.
  const log = openSync(logFile, 'w');
  try {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', log, log] });
    if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
    child.unref();
    return { name, pid: child.pid, argv, logFile };
  } finally {
    closeSync(log);
  }
}

/** The command line of a live pid, or undefined when no such process exists. */
function commandLine(pid: number): string[] | undefined {
  const procFile = `/proc/${pid}/cmdline`;
  if (existsSync('/proc/self/cmdline')) {
    try {
      return readFileSync(procFile, 'utf8').split('\0').filter(Boolean);
    } catch {
      return undefined;
    }
  }
  // No /proc (macOS): ps prints the arguments joined by spaces.
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(' ');
  } catch {
    return undefined;
  }
}

/** True when the recorded process still runs: same pid and same command line. */
export function isRunning(record: ProcessRecord): boolean {
  const current = commandLine(record.pid);
  return current !== undefined && current.join(' ') === record.argv.join(' ');
}

/** True while `target` (a pid, or minus a process group id) exists, ours to signal or not. */
function exists(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True while any process of the group led by `pid` exists (the leader or what it spawned). */
function groupExists(pid: number): boolean {
  return exists(-pid);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

const STOP_POLL_MS = 100;

/**
 * SIGTERM to the process group, then SIGKILL after `graceMs` for whatever remains. Does nothing
 * when the recorded process is no longer ours. Resolves once the group is gone (bounded).
 */
export type StopOutcome = 'stopped' | 'not running' | 'still running after SIGKILL';

export async function stopProcess(record: ProcessRecord, graceMs = 15_000): Promise<StopOutcome> {
  if (!isRunning(record)) {
    // The leader is gone, but helpers of its group may linger. The kernel does not reuse a pid
    // while a group of that id exists, so such a group without its leader can only be ours.
    if (!exists(record.pid) && groupExists(record.pid)) signalGroup(record.pid, 'SIGKILL');
    return 'not running';
  }
  signalGroup(record.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupExists(record.pid) && Date.now() < deadline) await sleep(STOP_POLL_MS);
  if (groupExists(record.pid)) {
    signalGroup(record.pid, 'SIGKILL');
    const killDeadline = Date.now() + 5_000;
    while (groupExists(record.pid) && Date.now() < killDeadline) await sleep(STOP_POLL_MS);
  }
  return groupExists(record.pid) ? 'still running after SIGKILL' : 'stopped';
}

/** SIGKILL to the group at once, synchronously: for exit handlers, where nothing can be awaited. */
export function killNow(record: ProcessRecord): void {
  if (isRunning(record)) signalGroup(record.pid, 'SIGKILL');
}

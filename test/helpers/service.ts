/** Node servers started as their own processes (bike-api as users start it; the benchmark's ceiling). */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ROOT } from './dataset.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  stdout(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Resident memory of the process now (VmRSS), in MB. */
  rssMb(): number;
}

export interface ServerOptions {
  /** Entry point relative to the repository root: TypeScript (run through tsx) or compiled JavaScript. */
  readonly entry: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Polled until it answers below 500. */
  readonly readyPath: string;
  readonly readyMethod?: 'GET' | 'POST';
  readonly timeoutMs?: number;
}

/** Starts `entry` on a free loopback port and waits, bounded, until it is ready. */
export async function startNodeServer({ entry, env = {}, readyPath, readyMethod = 'GET', timeoutMs = 60_000 }: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    port,
    url,
    child,
    exited,
    stdout: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    peakRssMb: () => statusMb(child, 'VmHWM'),
    rssMb: () => statusMb(child, 'VmRSS'),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    const ready = await fetch(`${url}${readyPath}`, { method: readyMethod }).then((response) => response.status < 500, () => false);
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${entry} did not become ready within ${timeoutMs} ms (exit code ${child.exitCode}):\n${output}`);
}

/** A memory figure of /proc/<pid>/status, in MB. */
function statusMb(child: ChildProcess, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
}

/** bike-api with `env`, ready when /ready answers: from source by default, or the compiled `dist/api/server.js`. */
export function startService(env: Readonly<Record<string, string>>, entry = 'src/api/server.ts'): Promise<RunningServer> {
  return startNodeServer({ entry, env: { LOG_LEVEL: 'info', ...env }, readyPath: '/ready' });
}

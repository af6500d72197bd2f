/**
 * A throwaway PostgreSQL server for tests: Debian's binaries (`apt-get install postgresql`), a
 * cluster in a temporary directory, listening on a free loopback port, its socket in that
 * directory. As root, the server runs as the `postgres` user (it refuses root).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service.js';


export interface TestPostgres {
  /** postgres://… of the `postgres` database, trust authentication. */
  readonly url: string;
  start(): void;
  /** Fast shutdown: open connections are cut, as in a crash or fail-over. */
  stop(): void;
  /** Stops the server if running and removes its directory. */
  remove(): void;
}

export async function startTestPostgres(bin: string): Promise<TestPostgres> {
  const directory = mkdtempSync(join(tmpdir(), 'bike-postgres-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(directory, uid, gid);
  }
  const run = (program: string, args: string[]): void => {
    const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    // No pipes: the server it starts would inherit them and hold them open.
    execFileSync(command, commandArgs, { stdio: 'ignore', timeout: 60_000 });
  };
  const data = join(directory, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const server: TestPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(directory, 'server.log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      running = false;
    },
    remove() {
      if (running) server.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  server.start();
  return server;
}

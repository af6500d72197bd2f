/**
 * The client that times POST /evaluate for `npm run bench`, in a process of its own, run by Node
 * without a loader (its own type stripping): `node bench/evaluation-client.ts <url> <body file>
 * <warm-ups> <calls>`. It posts the body `warm-ups` times untimed, then `calls` times, one call
 * after the other on one kept-alive connection (node:http), and prints the client-side times in
 * ms and its own CPU per timed call as JSON. A lean process: the bench's own holds the dataset and
 * the trained models, and `fetch` there took 1.9 to 2.2 ms of CPU per 1,000-row call against this
 * client's 1.3 to 1.4, on the two vCPUs that the service's threads need at that moment, and its
 * calls measured about 1 ms longer (docs/benchmarks.md).
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ClientTimes {
  readonly times: number[];
  readonly cpuMsPerCall: number;
}

const [url, bodyFile, warmups, calls] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One call, resolved once the whole answer has arrived (a 200, or it rejects). */
function post(): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (response) => {
      response.resume();
      response.once('end', () => {
        if (response.statusCode === 200) resolve();
        else reject(new Error(`/evaluate answered ${response.statusCode}`));
      });
    });
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

for (let i = 0; i < Number(warmups); i++) await post();
const times: number[] = [];
const cpuBefore = process.cpuUsage();
for (let i = 0; i < Number(calls); i++) {
  const started = performance.now();
  await post();
  times.push(performance.now() - started);
}
const cpu = process.cpuUsage(cpuBefore);
agent.destroy();
const result: ClientTimes = { times, cpuMsPerCall: (cpu.user + cpu.system) / 1000 / times.length };
process.stdout.write(JSON.stringify(result));

/**
 * A young-generation collection (a scavenge, about a millisecond), run by an evaluation worker
 * after an evaluation's last job on it (worker.ts) and by the serving thread after each /evaluate
 * answer. An evaluation leaves megabytes of array buffers behind (the body, the columns read and
 * sorted, the batches moved between threads) but few small objects, so V8 would scavenge only
 * several evaluations later, and each of those buffers (allocated outside V8's heap) stays
 * resident until then. Measured side by side (docs/benchmarks.md): 20 to 25 MB less peak RSS
 * during back-to-back 10,000-row evaluations from the workers' collections (with their small
 * young generation, worker-client.ts), and 3 to 18 MB less from the serving thread's. Buffers
 * known to be garbage are freed before (free-buffers.ts): a worker's job's, as soon as it answers
 * (worker.ts), an evaluation's body and the two sides read from it, on the serving thread. The
 * collection takes the rest.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' }) => void;

// V8 gives a context created after this flag a `gc` function; the flag is process-wide.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as Collect;

export function collectYoungGarbage(): void {
  collect({ type: 'minor' });
}

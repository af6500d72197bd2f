/**
 * A young-generation collection (a scavenge, about a millisecond) that an evaluation worker runs
 * after each job. A job leaves megabytes of array buffers behind (the body it read, the columns
 * it sorted, the batches it was sent) but few small objects, so V8 would scavenge only several
 * evaluations later, and each of those buffers (allocated outside V8's heap) stays resident until
 * then. Measured side by side (docs/benchmarks.md): with the workers' small young generation
 * (worker-client.ts), 20 to 25 MB less peak RSS during back-to-back 10,000-row evaluations.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' }) => void;

// V8 gives a context created after this flag a `gc` function; the flag is process-wide, and this
// module is loaded by the worker threads only.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as Collect;

export function collectYoungGarbage(): void {
  collect({ type: 'minor' });
}

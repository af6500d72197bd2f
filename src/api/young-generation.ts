/**
 * The size of V8's young generation while bike-api starts. Start-up (the modules, the dataset's
 * CSV, the model) makes about 100 MB of short-lived objects; V8 answers such a burst by doubling
 * its young generation up to 64 MB, and keeps that memory afterwards: bike-api idled at 158 MB.
 * Imported first by the entry point, this module holds the young generation at its initial size;
 * `releaseYoungGeneration` gives V8 back its own rule (grow when many objects survive) once the
 * service listens. Serving /predict, it then stays at a few MB: measured side by side, no more
 * CPU per request than with 64 MB (docs/benchmarks.md).
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default growth factor of the young generation. */
const DEFAULT_GROWTH_FACTOR = 2;

setFlagsFromString('--semi-space-growth-factor=1');

export function releaseYoungGeneration(): void {
  setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
}

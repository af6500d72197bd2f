/**
 * The size of V8's young generation while bike-api starts. Start-up (the modules, the dataset's
 * CSV, the model) makes about 100 MB of short-lived objects; V8 answers such a burst by doubling
 * its young generation up to 64 MB, and keeps that memory afterwards: bike-api would idle at about
 * 160 MB, a third of it empty young-generation pages. Imported first by the entry point, this
 * module holds the young generation at its initial size; `releaseYoungGeneration` lets it grow
 * again (V8's default) once the service serves, where a larger one means fewer collections.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default growth factor of the young generation. */
const DEFAULT_GROWTH_FACTOR = 2;

setFlagsFromString('--semi-space-growth-factor=1');

export function releaseYoungGeneration(): void {
  setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
}

/**
 * Keeps one entry of `process.nextTick`'s queue alive for the life of the process, and with it
 * the hidden classes (V8's maps) that every entry shares. Node makes each entry with an object
 * literal whose first keys are computed (three symbols); V8 reaches its maps by transitions from
 * the empty object's, and a full collection drops maps that no live object has, as between two
 * requests no entry is alive. The next entry then gets new maps, and once the literal's inline
 * caches have seen several, they are megamorphic for good: every `nextTick` (six per HTTP
 * request, in Node's streams and HTTP server) then defines its properties through V8's runtime.
 * A bare Fastify process stays clear of it only because it starts with almost no full
 * collection. Measured on `/predict` (docs/benchmarks.md): `nextTick` 12.8 → 2.1 µs a request
 * under `perf`, and the serving thread's CPU 114 to 118 → 99 to 110 µs a request (three processes
 * of each, side by side). Imported first by the entry point, before the start-up's full
 * collections.
 */
import { createHook } from 'node:async_hooks';

/** A new entry of the queue: an async hook's init sees it as its resource, the only handle on one. */
function newTickEntry(): object | undefined {
  let entry: object | undefined;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') entry ??= resource;
    },
  });
  hook.enable();
  process.nextTick(() => undefined);
  hook.disable();
  return entry;
}

/** The entry kept alive: exported, so that the module's record holds it for good. */
export const keptTickEntry = newTickEntry();

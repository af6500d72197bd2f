/**
 * Gives back at once the memory of typed arrays that are garbage: a detached buffer
 * (ArrayBuffer.prototype.transfer) frees its memory now, where a collection would free it later,
 * and only a full collection if its array has outlived a scavenge (megabytes for a 10,000-row
 * batch). Nothing may read the arrays afterwards, nor any other view of their buffers.
 */
export function freeBuffers(arrays: Iterable<ArrayBufferView>): void {
  for (const { buffer } of arrays) {
    const owned = buffer as ArrayBuffer;
    if (!owned.detached) owned.transfer(0);
  }
}

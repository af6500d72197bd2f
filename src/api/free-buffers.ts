/**
 * Typed arrays' memory handed over whole: a view that spans its buffer can move to another thread
 * or be freed without touching another view's bytes (one that does not, a slice of Node's pool
 * of small buffers for instance, is shared).
 */

/** Whether the view spans its whole buffer, which holds no other view's bytes then. */
export function spansItsBuffer(view: ArrayBufferView): boolean {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
}

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

/** A bounded poll, for state that a live stack reaches in its own time. */
import { setTimeout as sleep } from 'node:timers/promises';

export interface PollBound {
  readonly timeoutMs: number;
  readonly pollMs?: number;
}

/**
 * Reads until `done` holds, at most `timeoutMs`; returns the last reading, which the caller
 * asserts on (so a timeout fails with what was last seen).
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, { timeoutMs, pollMs = 500 }: PollBound): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() + pollMs > deadline) return value;
    await sleep(pollMs);
  }
}

/**
 * The brief client's sampling rule: above `size` rows, keep `size` of them drawn uniformly
 * without replacement with a fixed seed (pandas `df.sample(n=size, random_state=42)`).
 *
 * The rule is pandas' but the draw is not: numpy's RandomState stream is not reproduced, so for
 * the same seed the two clients keep different rows. The brief's weeks have fewer than 1,000
 * rows, so neither client samples them and their payloads are identical.
 */
import { Prng } from '../model/prng.js';

/** `size` distinct items in draw order, or all items in their order when there are no more. */
export function sampleWithoutReplacement<T>(items: readonly T[], size: number, seed: number): T[] {
  if (items.length <= size) return [...items];
  const prng = new Prng(seed);
  const order = Array.from(items.keys());
  // Partial Fisher-Yates: the first `size` positions end up holding a uniform sample.
  for (let i = 0; i < size; i++) {
    const j = i + prng.nextInt(order.length - i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, size).map((index) => items[index]);
}

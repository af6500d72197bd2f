/**
 * The live window: the last `capacity` predictions served by /predict, each with its 11
 * features and its time, in preallocated columns (a ring of typed arrays). Recording a prediction
 * writes 13 numbers and allocates nothing, so the window costs the same memory after a million
 * requests as after the first `capacity`. Rows older than `maxAgeSeconds` are left out of a
 * snapshot: a replica that goes quiet does not keep judging hours it served long ago. Times come
 * from a monotonic clock, so they only grow along the ring.
 */
import { FEATURE_COUNT, FEATURES, type FeatureName, type Features } from '../../model/features.js';
import { PREDICTION, type ServedColumns } from '../evaluation/evaluator.js';

export class LiveWindow {
  /** One column per feature, in model order. */
  private readonly features: Float64Array[];
  private readonly predictions: Float64Array;
  /** When each row was recorded, in ms of a monotonic clock (`performance.now()`). */
  private readonly times: Float64Array;
  /** Where the next row goes. */
  private next = 0;
  /** Rows written so far, at most `capacity`. */
  private filled = 0;

  constructor(
    readonly capacity: number,
    private readonly maxAgeSeconds: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`the live window needs a positive row count, got ${capacity}`);
    this.features = FEATURES.map(() => new Float64Array(capacity));
    this.predictions = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  /** One served prediction; the oldest row makes room once the window is full. */
  record(input: Features, prediction: number, nowMs: number): void {
    const row = this.next;
    for (let f = 0; f < FEATURE_COUNT; f++) this.features[f][row] = input[FEATURES[f]];
    this.predictions[row] = prediction;
    this.times[row] = nowMs;
    this.next = row + 1 === this.capacity ? 0 : row + 1;
    if (this.filled < this.capacity) this.filled++;
  }

  /** Rows recorded within the age limit at `nowMs`. */
  rows(nowMs: number): number {
    return this.filled - this.expired(nowMs);
  }

  /**
   * A copy of the rows within the age limit, oldest first, as fresh columns (their buffers can
   * be moved to a worker thread).
   */
  snapshot(nowMs: number): ServedColumns {
    const skip = this.expired(nowMs);
    const count = this.filled - skip;
    const oldest = this.filled < this.capacity ? 0 : this.next;
    const start = (oldest + skip) % this.capacity;
    const copy = (column: Float64Array): Float64Array => {
      const out = new Float64Array(count);
      const firstPart = Math.min(count, this.capacity - start);
      out.set(column.subarray(start, start + firstPart));
      out.set(column.subarray(0, count - firstPart), firstPart);
      return out;
    };
    const columns = {} as Record<FeatureName | typeof PREDICTION, Float64Array>;
    FEATURES.forEach((feature, f) => {
      columns[feature] = copy(this.features[f]);
    });
    columns[PREDICTION] = copy(this.predictions);
    return columns;
  }

  /**
   * How many of the oldest rows are past the age limit: a binary search from the oldest row
   * for the first one young enough.
   */
  private expired(nowMs: number): number {
    const cutoff = nowMs - this.maxAgeSeconds * 1000;
    const oldest = this.filled < this.capacity ? 0 : this.next;
    let low = 0;
    let high = this.filled;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.times[(oldest + middle) % this.capacity] < cutoff) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

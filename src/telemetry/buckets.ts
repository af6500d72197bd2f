/**
 * Histogram bucket upper bounds shared by the service (which declares the histograms) and the
 * alert rules (whose latency thresholds must sit exactly on one of these bounds).
 */

/**
 * Upper bounds, in seconds, of `api_request_duration_seconds`. They span sub-millisecond
 * `/predict` calls (most take 0.1 to 0.3 ms inside the service) up to multi-second `/evaluate`
 * reports. A latency threshold is only exact when it is one of these bounds: `histogram_quantile` interpolates linearly inside a bucket, so
 * "P95 > 0.25" is a statement about counts only when 0.25 is a bucket edge.
 */
export const REQUEST_DURATION_BUCKETS_SECONDS: readonly number[] = Object.freeze([
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

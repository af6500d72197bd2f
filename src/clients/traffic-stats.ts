/** What the traffic generator counts while it runs, and the summary it prints at the end. */
import { alignedFields } from './cli.js';
import { INVALID_KINDS, type PlannedRequest, type RequestKind } from './traffic-requests.js';

const REQUEST_KINDS: readonly RequestKind[] = ['valid', ...INVALID_KINDS];

/**
 * Latencies kept for the percentiles, at most: beyond, a uniform sample of all answers
 * (reservoir sampling), so that a day-long run at full rate stays within 8 MB.
 */
export const MAX_LATENCY_SAMPLES = 1_000_000;

/** The summary, also printed as JSON with --json (keys are part of that output). */
export interface TrafficSummary {
  readonly requests: number;
  readonly by_kind: Readonly<Partial<Record<RequestKind, number>>>;
  /** Answers by HTTP status code. */
  readonly by_status: Readonly<Record<string, number>>;
  /** Answers whose status was not the one a correct API gives (e.g. 500, or 200 to an invalid request). */
  readonly unexpected_status: number;
  /** Requests that got no answer, by cause (ECONNREFUSED, timeout ...). */
  readonly connection_errors: Readonly<Record<string, number>>;
  readonly elapsed_seconds: number;
  /** Requests (answered or not) per second of the run. */
  readonly achieved_rate: number;
  /** Latency of answered requests, in milliseconds; null before the first answer. */
  readonly latency_ms: { readonly p50: number | null; readonly p95: number | null; readonly p99: number | null };
  readonly interrupted: boolean;
}

/** A cheap view for progress displays. */
export interface TrafficProgress {
  readonly requests: number;
  readonly answered: number;
  readonly failed: number;
  readonly elapsedSeconds: number;
}

export class TrafficStats {
  private requests = 0;
  private readonly byKind = new Map<RequestKind, number>();
  private readonly byStatus = new Map<number, number>();
  private readonly errors = new Map<string, number>();
  private readonly latenciesMs: number[] = [];
  private answers = 0;
  private unexpected = 0;
  private failures = 0;
  private readonly startedAt = performance.now();

  /** A request went out. */
  sent(request: PlannedRequest): void {
    this.requests++;
    increment(this.byKind, request.kind);
  }

  answered(request: PlannedRequest, status: number, latencyMs: number): void {
    increment(this.byStatus, status);
    if (status !== request.expectedStatus) this.unexpected++;
    this.answers++;
    if (this.latenciesMs.length < MAX_LATENCY_SAMPLES) this.latenciesMs.push(latencyMs);
    else {
      const slot = Math.floor(Math.random() * this.answers);
      if (slot < MAX_LATENCY_SAMPLES) this.latenciesMs[slot] = latencyMs;
    }
  }

  failed(cause: string): void {
    this.failures++;
    increment(this.errors, cause);
  }

  progress(): TrafficProgress {
    return { requests: this.requests, answered: this.answers, failed: this.failures, elapsedSeconds: this.elapsedSeconds() };
  }

  summary(interrupted: boolean): TrafficSummary {
    const elapsed = this.elapsedSeconds();
    const sorted = Float64Array.from(this.latenciesMs).sort();
    return {
      requests: this.requests,
      by_kind: Object.fromEntries(REQUEST_KINDS.filter((kind) => this.byKind.has(kind)).map((kind) => [kind, this.byKind.get(kind)!])),
      by_status: Object.fromEntries([...this.byStatus].sort(([a], [b]) => a - b)),
      unexpected_status: this.unexpected,
      connection_errors: Object.fromEntries(this.errors),
      elapsed_seconds: round(elapsed, 3),
      achieved_rate: elapsed > 0 ? round(this.requests / elapsed, 2) : 0,
      latency_ms: { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) },
      interrupted,
    };
  }

  private elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }
}

/** Nearest-rank percentile of ascending values (the smallest value with at least q of them at or below it). */
export function percentile(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return round(sorted[rank - 1], 2);
}

export function formatSummary(summary: TrafficSummary, apiUrl: string): string {
  const list = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([key, count]) => `${key}: ${count}`)
      .join(', ') || 'none';
  const ms = (value: number | null): string => (value === null ? 'N/A' : value.toFixed(2));
  const { latency_ms: latency } = summary;
  const lines: [string, string][] = [
    ['Requests sent', `${summary.requests} (${list(summary.by_kind)})`],
    ['Answers by status', list(summary.by_status)],
    ['Unexpected status', String(summary.unexpected_status)],
    ['Connection errors', list(summary.connection_errors)],
    ['Elapsed', `${summary.elapsed_seconds.toFixed(1)} s${summary.interrupted ? ' (interrupted)' : ''}`],
    ['Achieved rate', `${summary.achieved_rate.toFixed(1)} req/s`],
    ['Latency (ms)', `p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)}`],
  ];
  return `Traffic summary for ${apiUrl}/predict\n${alignedFields(lines)}`;
}

function increment<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

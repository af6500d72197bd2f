/**
 * The traffic loop: request i is due at start + i / rate; `concurrency` workers take the due
 * requests in order, so the rate is met while the API keeps up, and the number of requests in
 * flight never exceeds `concurrency` when it does not. The run ends after the count or the
 * duration, or when `stop` is aborted (Ctrl-C): no new request starts, those in flight finish
 * (each is bounded by `timeoutMs`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { networkProblem } from './api-client.js';
import type { StopAfter } from './traffic-progress.js';
import type { PlannedRequest } from './traffic-requests.js';
import type { TrafficStats } from './traffic-stats.js';

export interface TrafficPlan {
  readonly url: string;
  readonly rate: number;
  readonly concurrency: number;
  readonly stopAfter: StopAfter;
  readonly timeoutMs: number;
}

export async function runTraffic(plan: TrafficPlan, next: () => PlannedRequest, stats: TrafficStats, stop: AbortSignal): Promise<void> {
  const startedAt = performance.now();
  const intervalMs = 1000 / plan.rate;
  const lastIndex = 'count' in plan.stopAfter ? plan.stopAfter.count : Infinity;
  const endsAt = 'seconds' in plan.stopAfter ? startedAt + plan.stopAfter.seconds * 1000 : Infinity;
  let nextIndex = 0;

  const worker = async (): Promise<void> => {
    for (;;) {
      const dueAt = startedAt + nextIndex * intervalMs;
      if (stop.aborted || nextIndex >= lastIndex || dueAt >= endsAt) return;
      nextIndex++;
      const wait = dueAt - performance.now();
      if (wait > 0 && !(await sleepUnlessAborted(wait, stop))) return;
      await send(plan, next(), stats);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
}

async function send(plan: TrafficPlan, request: PlannedRequest, stats: TrafficStats): Promise<void> {
  stats.sent(request);
  const sentAt = performance.now();
  try {
    const response = await fetch(plan.url, {
      method: request.method,
      ...(request.body === undefined ? {} : { body: request.body, headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(plan.timeoutMs),
    });
    await response.arrayBuffer();
    stats.answered(request, response.status, performance.now() - sentAt);
  } catch (error) {
    stats.failed(networkProblem(error));
  }
}

/** Sleeps; false when `signal` aborted meanwhile. */
async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

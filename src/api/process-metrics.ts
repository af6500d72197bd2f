/**
 * The process metrics (`process_*`, `nodejs_*`): prom-client's default collectors, each
 * registered on the service's registry, except two kinds.
 * - Its GC histogram (`nodejs_gc_duration_seconds`). It observes every collection through a
 *   `gc` PerformanceObserver, and Node then runs JavaScript after each collection: a scavenge of
 *   the serving thread stalled requests for about 0.1 ms more with it (about a hundred a second
 *   under `/predict` load). Those stalls were most of bike-api's p99 above the bare Fastify
 *   ceiling (docs/benchmarks.md). The event-loop lag gauges show what the collections cost.
 * - Three gauges that prom-client names with a counter's `_total` suffix, which promtool flags as
 *   misnamed.
 * prom-client offers no option to leave a default collector out, so its own list of them
 * (`collectDefaultMetrics.metricsList`) is read and each is loaded from its module.
 */
import { createRequire } from 'node:module';
import { collectDefaultMetrics, type Registry } from 'prom-client';

const GC_COLLECTOR = 'gc';
const MISNAMED = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];
/** prom-client's own default: the event-loop delay histogram's resolution, in ms. */
const DEFAULT_CONFIG = { eventLoopMonitoringPrecision: 10 };

type Collector = (registry: Registry, config: typeof DEFAULT_CONFIG) => void;

const require = createRequire(import.meta.url);

export function collectProcessMetrics(registry: Registry): void {
  for (const name of collectDefaultMetrics.metricsList) {
    if (name === GC_COLLECTOR) continue;
    (require(`prom-client/lib/metrics/${name}.js`) as Collector)(registry, DEFAULT_CONFIG);
  }
  for (const misnamed of MISNAMED) registry.removeSingleMetric(misnamed);
}

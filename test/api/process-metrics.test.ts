import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { collectProcessMetrics } from '../../src/api/process-metrics.js';
import { PROCESS_METRIC } from '../../src/telemetry/metric-names.js';

async function familyNames(registry: Registry): Promise<string[]> {
  return (await registry.getMetricsAsJSON()).map((metric) => metric.name).sort();
}

describe('process metrics', () => {
  it("are prom-client's defaults without its GC histogram and the three misnamed gauges", async () => {
    const defaults = new Registry();
    collectDefaultMetrics({ register: defaults });
    const ours = new Registry();
    collectProcessMetrics(ours);
    const left = ['nodejs_gc_duration_seconds', 'nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];
    const all = await familyNames(defaults);
    const expected = all.filter((name) => !left.includes(name));
    assert.deepEqual(await familyNames(ours), expected);
    for (const name of Object.values(PROCESS_METRIC)) assert.ok(expected.includes(name), name);
    for (const name of left) assert.ok(all.includes(name), `prom-client still exports ${name}`);
  });

  it('read the process: resident memory, CPU and event-loop lag have samples', async () => {
    const registry = new Registry();
    collectProcessMetrics(registry);
    const exposition = await registry.metrics();
    for (const name of [PROCESS_METRIC.residentMemory, PROCESS_METRIC.cpuSeconds, PROCESS_METRIC.eventLoopLagP99, PROCESS_METRIC.heapUsed]) {
      const sample = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(exposition);
      assert.ok(sample && Number(sample[1]) >= 0, `${name} in\n${exposition}`);
    }
    assert.ok(Number(new RegExp(`^${PROCESS_METRIC.residentMemory} (\\d+)$`, 'm').exec(exposition)?.[1]) > 10e6);
  });
});

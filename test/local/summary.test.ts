import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Stack } from '../../src/local/stack.js';
import { stackSummary } from '../../src/local/summary.js';

const urls = { api: 'http://127.0.0.1:18080', prometheus: 'http://127.0.0.1:19090', nodeExporter: 'http://127.0.0.1:19100', alertmanager: 'http://127.0.0.1:19093' };

describe('what make local prints', () => {
  it('lists one full URL per page, the Prometheus pages where the running build serves them', () => {
    const stack: Stack = {
      urls,
      processes: [],
      prometheusPages: { graph: `${urls.prometheus}/classic/graph`, alerts: `${urls.prometheus}/classic/alerts`, targets: `${urls.prometheus}/classic/targets` },
    };
    const text = stackSummary(stack, '/repo/.local');
    assert.deepEqual(
      [...text.matchAll(/https?:\/\/\S+/g)].map(([url]) => url),
      [
        'http://127.0.0.1:18080/docs',
        'http://127.0.0.1:18080/metrics',
        'http://127.0.0.1:19090/classic/graph',
        'http://127.0.0.1:19090/classic/alerts',
        'http://127.0.0.1:19090/classic/targets',
        'http://127.0.0.1:19100/metrics',
        'http://127.0.0.1:19093',
      ],
    );
    assert.match(text, /Next: make evaluation, make traffic, make fire-alert \(they find these ports in \/repo\/\.local\/stack\.json\)/);
  });

  it("falls back to Prometheus's root for a stack recorded before its pages were probed", () => {
    const text = stackSummary({ urls, processes: [] }, '/repo/.local');
    assert.ok(!text.includes('/alerts') && !text.includes('/targets'), text);
    assert.match(text, /^ {2}Prometheus +http:\/\/127\.0\.0\.1:19090$/m);
  });
});

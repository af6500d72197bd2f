/**
 * "API Performance": the RED view of bike-api (rate, errors, duration), overall and per route.
 */
import { ALERTS, LATENCY_SLO_ENDPOINT } from '../../telemetry/alert-thresholds.js';
import { buildDashboard, type DashboardModel } from './dashboard.js';
import { aboveIsBad, binaryMappings, statPanel, timeseriesPanel } from './panels.js';
import { JOB } from '../../telemetry/metric-names.js';
import { errorRatio, latencyQuantile, requestRate, selector, shedRatio } from '../promql.js';

const W = '$__rate_interval';
const errorThreshold = aboveIsBad(ALERTS.apiErrorRatioHigh.threshold);
const latencyThreshold = aboveIsBad(ALERTS.apiLatencyHigh.threshold);

export function apiPerformanceDashboard(): DashboardModel {
  return buildDashboard({
    uid: 'bike-api-performance',
    title: 'API Performance',
    description: 'Request rate, error ratio and latency of bike-api, overall and per endpoint.',
    rows: [
      {
        title: 'Overview',
        panels: [
          statPanel({
            title: 'Request rate',
            description: 'Requests per second over all endpoints (GET /metrics excluded).',
            queries: [{ expr: requestRate(W), legend: 'requests/s' }],
            unit: 'reqps',
            width: 6,
            height: 5,
            sparkline: true,
          }),
          statPanel({
            title: 'Server error ratio (5xx)',
            description: `Share of responses with a 5xx status other than 503 (load shedding, shown apart). Alert ${ALERTS.apiErrorRatioHigh.name} above ${ALERTS.apiErrorRatioHigh.threshold * 100}% for ${ALERTS.apiErrorRatioHigh.for}.`,
            queries: [{ expr: errorRatio('5', W), legend: '5xx' }],
            unit: 'percentunit',
            width: 6,
            height: 5,
            decimals: 2,
            thresholds: errorThreshold,
            sparkline: true,
          }),
          statPanel({
            title: `P95 latency ${LATENCY_SLO_ENDPOINT}`,
            description: `95th percentile of ${LATENCY_SLO_ENDPOINT} duration. Alert ${ALERTS.apiLatencyHigh.name} above ${ALERTS.apiLatencyHigh.threshold}s for ${ALERTS.apiLatencyHigh.for}.`,
            queries: [{ expr: latencyQuantile(0.95, W, { endpoint: LATENCY_SLO_ENDPOINT }), legend: 'P95' }],
            unit: 's',
            width: 6,
            height: 5,
            thresholds: latencyThreshold,
            sparkline: true,
          }),
          statPanel({
            title: 'API status',
            description: `Whether Prometheus can scrape bike-api. Alert ${ALERTS.apiDown.name} after ${ALERTS.apiDown.for} down.`,
            queries: [{ expr: selector('up', [`job="${JOB.api}"`]), legend: '{{instance}}' }],
            unit: 'short',
            width: 6,
            height: 5,
            mappings: binaryMappings({ text: 'Down', color: 'red' }, { text: 'Up', color: 'green' }),
          }),
        ],
      },
      {
        title: 'Traffic',
        panels: [
          timeseriesPanel({
            title: 'Request rate by endpoint',
            description: 'Requests per second per route template and method.',
            queries: [{ expr: requestRate(W, ['endpoint', 'method']), legend: '{{method}} {{endpoint}}' }],
            unit: 'reqps',
            width: 12,
          }),
          timeseriesPanel({
            title: 'Responses by status code',
            description: 'Responses per second per HTTP status code, stacked.',
            queries: [{ expr: requestRate(W, ['status_code']), legend: '{{status_code}}' }],
            unit: 'reqps',
            width: 12,
            stacked: true,
          }),
        ],
      },
      {
        title: 'Errors',
        panels: [
          timeseriesPanel({
            title: 'Error ratio',
            description: `Share of responses with a server (5xx, 503 aside) or client (4xx) error status, and of requests shed with 503 + Retry-After (alert ${ALERTS.apiLoadShedding.name} above ${ALERTS.apiLoadShedding.threshold * 100}% for ${ALERTS.apiLoadShedding.for}). The dashed line is the 5xx alert threshold.`,
            queries: [
              { expr: errorRatio('5', W), legend: '5xx' },
              { expr: errorRatio('4', W), legend: '4xx' },
              { expr: shedRatio(W), legend: 'shed (503)' },
            ],
            unit: 'percentunit',
            width: 12,
            min: 0,
            thresholds: errorThreshold,
          }),
          timeseriesPanel({
            title: 'Server error ratio by endpoint',
            description: 'Share of 5xx responses per route template.',
            queries: [{ expr: errorRatio('5', W, ['endpoint']), legend: '{{endpoint}}' }],
            unit: 'percentunit',
            width: 12,
            min: 0,
            thresholds: errorThreshold,
          }),
        ],
      },
      {
        title: 'Latency',
        panels: [
          timeseriesPanel({
            title: 'Latency quantiles (all endpoints)',
            description: 'P50, P95 and P99 request duration over all endpoints, from the histogram buckets.',
            queries: [0.5, 0.95, 0.99].map((quantile) => ({
              expr: latencyQuantile(quantile, W),
              legend: `P${quantile * 100}`,
            })),
            unit: 's',
            width: 12,
          }),
          timeseriesPanel({
            title: 'P95 latency by endpoint',
            description: `95th percentile duration per route template. The dashed line is the ${LATENCY_SLO_ENDPOINT} alert threshold.`,
            queries: [{ expr: latencyQuantile(0.95, W, { by: ['endpoint'] }), legend: '{{endpoint}}' }],
            unit: 's',
            width: 12,
            thresholds: latencyThreshold,
          }),
        ],
      },
    ],
  });
}

/**
 * "Infrastructure Overview": the host seen by node-exporter (CPU, memory, disk, load, network)
 * and the bike-api Node.js process (CPU, memory, event loop).
 */
import { QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { ALERTS } from '../../telemetry/alert-thresholds.js';
import { PROCESS_METRIC } from '../../telemetry/metric-names.js';
import { buildDashboard, type DashboardModel } from './dashboard.js';
import { PROMETHEUS_DATASOURCE } from '../datasource.js';
import { aboveIsBad, gaugePanel, statPanel, timeseriesPanel, type Thresholds } from './panels.js';
import {
  apiSeries,
  cpuUtilisation,
  filesystemAvailableRatio,
  memoryUtilisation,
  nodeSeries,
  type Scope,
} from '../promql.js';

/** Host selector; "All" matches every instance through this regex. */
const INSTANCE_VARIABLE = {
  name: 'instance',
  query: `label_values(${nodeSeries('node_uname_info')}, instance)`,
  allValue: '.+',
} as const;

const W = '$__rate_interval';
const HOST: Scope = [`instance=~"$${INSTANCE_VARIABLE.name}"`];
const { hostCpuHigh, hostMemoryHigh, filesystemAlmostFullWarning, filesystemAlmostFullCritical } = ALERTS;

/** Disk used share: orange and red where the free-space alerts fire. */
const DISK_USED: Thresholds = {
  base: 'green',
  steps: [
    { value: 1 - filesystemAlmostFullWarning.threshold, color: 'orange' },
    { value: 1 - filesystemAlmostFullCritical.threshold, color: 'red' },
  ],
};

const diskUsed = (scope: Scope): string => `1 - ${filesystemAvailableRatio(scope)}`;

/** Bytes per second per interface; loopback and container bridges carry no host traffic. */
function networkRate(direction: 'receive' | 'transmit'): string {
  const bytes = nodeSeries(`node_network_${direction}_bytes_total`, ['device!~"lo|veth.*|docker.*|br-.*"', ...HOST]);
  return `sum by (instance, device) (rate(${bytes}[${W}]))`;
}

function instanceVariable(): QueryVariableBuilder {
  return new QueryVariableBuilder(INSTANCE_VARIABLE.name)
    .label('Host')
    .datasource(PROMETHEUS_DATASOURCE)
    .query(INSTANCE_VARIABLE.query)
    .definition(INSTANCE_VARIABLE.query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue(INSTANCE_VARIABLE.allValue)
    .current({ text: 'All', value: '$__all' });
}

export function infrastructureDashboard(): DashboardModel {
  return buildDashboard({
    uid: 'bike-infrastructure',
    title: 'Infrastructure Overview',
    description: 'Host resources from node-exporter and the bike-api Node.js process.',
    variables: [instanceVariable()],
    rows: [
      {
        title: 'Host now',
        panels: [
          gaugePanel({
            title: 'CPU utilisation',
            description: `Share of CPU time not idle, all cores. Alert ${hostCpuHigh.name} above ${hostCpuHigh.threshold * 100}% for ${hostCpuHigh.for}.`,
            queries: [{ expr: cpuUtilisation(W, HOST), legend: '{{instance}}' }],
            unit: 'percentunit',
            width: 6,
            height: 6,
            min: 0,
            max: 1,
            thresholds: aboveIsBad(hostCpuHigh.threshold),
          }),
          gaugePanel({
            title: 'Memory utilisation',
            description: `1 - MemAvailable / MemTotal. Alert ${hostMemoryHigh.name} above ${hostMemoryHigh.threshold * 100}% for ${hostMemoryHigh.for}.`,
            queries: [{ expr: memoryUtilisation(HOST), legend: '{{instance}}' }],
            unit: 'percentunit',
            width: 6,
            height: 6,
            min: 0,
            max: 1,
            thresholds: aboveIsBad(hostMemoryHigh.threshold),
          }),
          gaugePanel({
            title: 'Root filesystem used',
            description: `Share of / in use. Alert ${filesystemAlmostFullWarning.name} below ${filesystemAlmostFullWarning.threshold * 100}% (warning) and ${filesystemAlmostFullCritical.threshold * 100}% (critical) free.`,
            queries: [{ expr: diskUsed([...HOST, 'mountpoint="/"']), legend: '{{instance}}' }],
            unit: 'percentunit',
            width: 6,
            height: 6,
            min: 0,
            max: 1,
            thresholds: DISK_USED,
          }),
          statPanel({
            title: 'Uptime',
            description: 'Time since the host booted.',
            queries: [{ expr: `time() - ${nodeSeries('node_boot_time_seconds', HOST)}`, legend: '{{instance}}' }],
            unit: 's',
            width: 6,
            height: 6,
          }),
        ],
      },
      {
        title: 'CPU and memory',
        panels: [
          timeseriesPanel({
            title: 'CPU utilisation over time',
            description: 'Share of CPU time not idle; the dashed line is the alert threshold.',
            queries: [{ expr: cpuUtilisation(W, HOST), legend: '{{instance}}' }],
            unit: 'percentunit',
            width: 8,
            min: 0,
            max: 1,
            thresholds: aboveIsBad(hostCpuHigh.threshold),
          }),
          timeseriesPanel({
            title: 'Memory utilisation over time',
            description: '1 - MemAvailable / MemTotal (MemFree would count reclaimable caches as used); the dashed line is the alert threshold.',
            queries: [{ expr: memoryUtilisation(HOST), legend: '{{instance}}' }],
            unit: 'percentunit',
            width: 8,
            min: 0,
            max: 1,
            thresholds: aboveIsBad(hostMemoryHigh.threshold),
          }),
          timeseriesPanel({
            title: 'Load average',
            description: 'Runnable and uninterruptible tasks, averaged over 1, 5 and 15 minutes, against the number of CPUs.',
            queries: [
              ...(['1', '5', '15'] as const).map((minutes) => ({
                expr: nodeSeries(`node_load${minutes}`, HOST),
                legend: `{{instance}} ${minutes}m`,
              })),
              {
                expr: `count by (instance) (${nodeSeries('node_cpu_seconds_total', ['mode="idle"', ...HOST])})`,
                legend: '{{instance}} CPUs',
              },
            ],
            unit: 'short',
            width: 8,
            min: 0,
          }),
        ],
      },
      {
        title: 'Disk and network',
        panels: [
          timeseriesPanel({
            title: 'Disk space used by mountpoint',
            description: 'Share of each real filesystem in use (tmpfs, overlay, squashfs and other pseudo filesystems excluded); the dashed lines are the warning and critical alert levels.',
            queries: [{ expr: diskUsed(HOST), legend: '{{instance}} {{mountpoint}}' }],
            unit: 'percentunit',
            width: 12,
            min: 0,
            max: 1,
            thresholds: DISK_USED,
          }),
          timeseriesPanel({
            title: 'Network traffic',
            description: 'Bytes received and transmitted per second per interface (loopback and container bridges excluded).',
            queries: (['receive', 'transmit'] as const).map((direction) => ({
              expr: networkRate(direction),
              legend: `{{instance}} {{device}} ${direction === 'receive' ? 'rx' : 'tx'}`,
            })),
            unit: 'Bps',
            width: 12,
            min: 0,
          }),
        ],
      },
      {
        title: 'bike-api process',
        panels: [
          timeseriesPanel({
            title: 'API process CPU',
            description: 'CPU seconds per second used by the Node.js process (1 = one full core).',
            queries: [{ expr: `rate(${apiSeries(PROCESS_METRIC.cpuSeconds)}[${W}])`, legend: '{{instance}}' }],
            unit: 'percentunit',
            width: 8,
            min: 0,
          }),
          timeseriesPanel({
            title: 'API process memory',
            description: 'Resident set size of the process and the V8 heap in use and allocated.',
            queries: [
              { expr: apiSeries(PROCESS_METRIC.residentMemory), legend: 'RSS' },
              { expr: apiSeries(PROCESS_METRIC.heapUsed), legend: 'heap used' },
              { expr: apiSeries(PROCESS_METRIC.heapTotal), legend: 'heap total' },
            ],
            unit: 'bytes',
            width: 8,
            min: 0,
          }),
          timeseriesPanel({
            title: 'API event loop lag',
            description: 'Delay of the Node.js event loop: CPU-bound work on the serving loop shows here first.',
            queries: [
              { expr: apiSeries(PROCESS_METRIC.eventLoopLag), legend: 'lag' },
              { expr: apiSeries(PROCESS_METRIC.eventLoopLagP99), legend: 'P99 lag' },
            ],
            unit: 's',
            width: 8,
            min: 0,
          }),
        ],
      },
    ],
  });
}

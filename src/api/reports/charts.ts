/**
 * The reports' charts: Vega-Lite specifications rendered on the server to SVG by vega's
 * headless SVG renderer (no canvas, no browser). Each chart is drawn so that it reads without
 * colour: the reference is an outline with a dashed stroke, the current batch a filled shape, and
 * the legend names both.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ColumnDistribution } from '../../monitoring/index.js';
import type { RegressionChartData } from '../evaluation/chart-data.js';

export const REFERENCE_COLOUR = '#4b5563';
export const CURRENT_COLOUR = '#dc2626';
const ACCENT_COLOUR = '#2563eb';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const CONFIG = {
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, gridColor: '#e5e7eb', domainColor: '#9ca3af', tickColor: '#9ca3af' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'top', direction: 'horizontal', symbolStrokeWidth: 2, labelLimit: 240 },
} as const;

/** The two sides of a comparison: one colour each, and the reference dashed and unfilled. */
const SIDES = ['reference', 'current'] as const;
const isReference = "datum.side === 'reference'";
const sideColour = {
  field: 'side',
  type: 'nominal',
  scale: { domain: [...SIDES], range: [REFERENCE_COLOUR, CURRENT_COLOUR] },
  legend: { title: null, symbolType: 'square', labelExpr: "datum.label === 'reference' ? 'reference (dashed outline)' : 'current batch (filled)'", labelLimit: 240 },
};
const SIDE_ENCODING = {
  stroke: sideColour,
  fill: sideColour,
  fillOpacity: { condition: { test: isReference, value: 0 }, value: 0.5 },
  strokeDash: { condition: { test: isReference, value: [5, 3] }, value: [1, 0] },
};

/**
 * A chart: its Vega-Lite specification, which names its data sources, the rows of each, and a
 * text alternative. Keeping the rows out of the specification lets one compiled specification
 * serve every report (compiling and parsing cost more than drawing).
 */
export interface Chart {
  readonly spec: TopLevelSpec;
  readonly data: Readonly<Record<string, readonly object[]>>;
  readonly description: string;
}

type Runtime = ReturnType<typeof parse>;
/** Compiled specifications by their text; the reports use a few dozen, the bound is a safeguard. */
const runtimes = new Map<string, Runtime>();
const MAX_CACHED_RUNTIMES = 256;

function runtimeOf(spec: TopLevelSpec): Runtime {
  const key = JSON.stringify(spec);
  let runtime = runtimes.get(key);
  if (!runtime) {
    runtime = parse(compile({ config: CONFIG, ...spec }).spec);
    if (runtimes.size >= MAX_CACHED_RUNTIMES) runtimes.clear();
    runtimes.set(key, runtime);
  }
  return runtime;
}

/** Renders one chart to an SVG document (string). */
export async function renderSvg({ spec, data }: Chart): Promise<string> {
  const view = new View(runtimeOf(spec), { renderer: 'none' });
  try {
    for (const [name, values] of Object.entries(data)) view.data(name, values as object[]);
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** One bar per bin or category and side, as the charts and their data tables show them. */
export interface ShareRow {
  readonly side: (typeof SIDES)[number];
  /** The bin ("0.12 – 0.18") or category. */
  readonly label: string;
  readonly start?: number;
  readonly end?: number;
  readonly share: number;
  readonly count: number;
}

export function shareRows(distribution: ColumnDistribution): ShareRow[] {
  const total = (counts: readonly number[]) => counts.reduce((sum, count) => sum + count, 0) || 1;
  return SIDES.flatMap((side) => {
    const counts = distribution[side];
    const size = total(counts);
    return counts.map((count, i): ShareRow => {
      if (distribution.type === 'cat') return { side, label: String(distribution.categories[i]), share: count / size, count };
      const [start, end] = [distribution.edges[i], distribution.edges[i + 1]];
      return { side, label: `${formatEdge(start)} – ${formatEdge(end)}`, start, end, share: count / size, count };
    });
  });
}

function formatEdge(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(3);
}

/**
 * Reference against current: numerical columns as overlaid histograms on shared bins,
 * categorical ones as grouped bars, both as shares of their batch.
 */
export function distributionChart(column: string, distribution: ColumnDistribution, description: string): Chart {
  const data = { name: 'shares' };
  const rows = { shares: shareRows(distribution) };
  const y = { field: 'share', type: 'quantitative', title: 'share of rows', axis: { format: '.0%' } } as const;
  if (distribution.type === 'num') {
    const spec = {
      width: 380,
      height: 200,
      data,
      mark: { type: 'bar', strokeWidth: 1.5, binSpacing: 0 },
      encoding: {
        x: { field: 'start', type: 'quantitative', title: column, scale: { zero: false, nice: false } },
        x2: { field: 'end' },
        y,
        y2: { datum: 0 },
        ...SIDE_ENCODING,
        // The reference's outline is drawn over the current batch's bars.
        order: { field: 'side', sort: 'ascending' },
      },
    } as TopLevelSpec;
    return { spec, data: rows, description };
  }
  const spec = {
    width: 380,
    height: 200,
    data,
    mark: { type: 'bar', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'label', type: 'nominal', title: column, axis: { labelAngle: 0 }, sort: null },
      xOffset: { field: 'side', type: 'nominal', sort: [...SIDES] },
      y,
      ...SIDE_ENCODING,
    },
  } as TopLevelSpec;
  return { spec, data: rows, description };
}

/** Predicted against actual rentals, with the identity line (a perfect model lies on it). */
export function scatterChart({ sample }: RegressionChartData, description: string): Chart {
  const points = sample.actual.map((actual, i) => ({ actual, predicted: sample.predicted[i] }));
  const top = Math.max(1, ...sample.actual, ...sample.predicted);
  // The identity line spans both axes, so both scales cover [0, top].
  const identity = [{ actual: 0, predicted: 0 }, { actual: top, predicted: top }];
  const spec = {
    width: 340,
    height: 300,
    layer: [
      {
        data: { name: 'identity' },
        mark: { type: 'line', color: REFERENCE_COLOUR, strokeDash: [5, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'actual', type: 'quantitative' }, y: { field: 'predicted', type: 'quantitative' } },
      },
      {
        data: { name: 'points' },
        mark: { type: 'point', filled: true, size: 22, opacity: 0.55, color: CURRENT_COLOUR },
        encoding: {
          x: { field: 'actual', type: 'quantitative', title: 'actual rentals' },
          y: { field: 'predicted', type: 'quantitative', title: 'predicted rentals' },
        },
      },
    ],
  } as TopLevelSpec;
  return { spec, data: { identity, points }, description };
}

/** Histogram of prediction − actual. */
export function errorHistogramChart({ errors }: RegressionChartData, description: string): Chart {
  const bins = errors.counts.map((count, i) => ({ start: errors.edges[i], end: errors.edges[i + 1], count }));
  const spec = {
    width: 340,
    height: 300,
    layer: [
      {
        data: { name: 'bins' },
        mark: { type: 'rect', color: CURRENT_COLOUR, fillOpacity: 0.55, stroke: CURRENT_COLOUR, strokeWidth: 1 },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: 'error (predicted − actual rentals)', scale: { zero: false, nice: false } },
          x2: { field: 'end' },
          y: { field: 'count', type: 'quantitative', title: 'hours' },
        },
      },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: REFERENCE_COLOUR, strokeDash: [5, 3] }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
  return { spec, data: { bins }, description };
}

/** Mean error (bars) and mean absolute error (dashed line with points) by hour of day. */
export function errorByHourChart({ byHour }: RegressionChartData, description: string): Chart {
  const values = byHour.flatMap(({ hour, meanError, meanAbsoluteError }) => [
    { hour, measure: 'mean error', value: meanError },
    { hour, measure: 'mean absolute error', value: meanAbsoluteError },
  ]);
  const x = { field: 'hour', type: 'ordinal', title: 'hour of day', scale: { domain: Array.from({ length: 24 }, (_, h) => h) }, axis: { labelAngle: 0 } };
  const y = { field: 'value', type: 'quantitative', title: 'rentals' };
  const measure = { field: 'measure', type: 'nominal', title: null, scale: { domain: ['mean error', 'mean absolute error'], range: [CURRENT_COLOUR, REFERENCE_COLOUR] } };
  const spec = {
    width: 700,
    height: 220,
    data: { name: 'errors' },
    layer: [
      { transform: [{ filter: "datum.measure === 'mean error'" }], mark: { type: 'bar', fillOpacity: 0.55, strokeWidth: 1 }, encoding: { x, y, fill: measure, stroke: measure } },
      {
        transform: [{ filter: "datum.measure === 'mean absolute error'" }],
        mark: { type: 'line', point: { filled: false, fill: 'white' }, strokeDash: [5, 3] },
        encoding: { x, y, color: measure },
      },
    ],
  } as TopLevelSpec;
  return { spec, data: { errors: values }, description };
}

export interface TrendPoint {
  /** "#12 week1_february": the x axis, oldest first. */
  readonly label: string;
  readonly value: number | null;
}

/** One metric across evaluations (history page). */
export function trendChart(title: string, points: readonly TrendPoint[], description: string, percent = false): Chart {
  const spec = {
    width: 400,
    height: 160,
    data: { name: 'points' },
    mark: { type: 'line', color: ACCENT_COLOUR, point: { filled: true, size: 45 }, strokeWidth: 2 },
    encoding: {
      x: { field: 'label', type: 'ordinal', title: 'evaluation', sort: null, axis: { labelAngle: -30, labelLimit: 200 } },
      y: { field: 'value', type: 'quantitative', title, ...(percent ? { axis: { format: '.0%' } } : {}) },
    },
  } as TopLevelSpec;
  return { spec, data: { points: points.filter((point) => point.value !== null) }, description };
}

export interface HeatmapCell {
  readonly evaluation: string;
  readonly feature: string;
  readonly drifted: boolean;
}

/** Features against evaluations, a cell per test: red with a cross when drifted, pale with a dot when not. */
export function heatmapChart(cells: readonly HeatmapCell[], description: string): Chart {
  const values = cells.map((cell) => ({ ...cell, verdict: cell.drifted ? 'drifted' : 'not drifted', mark: cell.drifted ? '✕' : '·' }));
  const x = { field: 'evaluation', type: 'ordinal', title: 'evaluation', sort: null, axis: { labelAngle: -35, labelLimit: 200, orient: 'top' } };
  const y = { field: 'feature', type: 'ordinal', title: 'feature', sort: null };
  const spec = {
    data: { name: 'cells' },
    width: { step: 44 },
    height: { step: 24 },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: { x, y, fill: { field: 'verdict', type: 'nominal', title: null, scale: { domain: ['drifted', 'not drifted'], range: [CURRENT_COLOUR, '#e5e7eb'] } } },
      },
      {
        mark: { type: 'text', fontSize: 13, fontWeight: 700 },
        encoding: { x, y, text: { field: 'mark' }, color: { condition: { test: 'datum.drifted', value: 'white' }, value: REFERENCE_COLOUR } },
      },
    ],
  } as TopLevelSpec;
  return { spec, data: { cells: values }, description };
}

/**
 * Panel builders shared by the three dashboards: every panel queries the provisioned Prometheus
 * data source, sets a unit, and states its thresholds (from `ALERTS`) explicitly, so Grafana's
 * default "red above 80" never colours a panel by accident. Time series show their legend; stat
 * and gauge panels reduce with `lastNotNull`, so a metric that briefly vanishes (API restart)
 * still shows its last known value.
 */
import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  StackingConfigBuilder,
  StackingMode,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  MappingType,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type DataTransformerConfig,
  type DynamicConfigValue,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as GaugePanelBuilder } from '@grafana/grafana-foundation-sdk/gauge';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { PROMETHEUS_DATASOURCE } from '../datasource.js';

export interface Query {
  readonly expr: string;
  /** Legend template, e.g. `{{endpoint}}`; a fixed text for single-series queries. */
  readonly legend?: string;
}

/** Colour of values below the first step, then the colour from each step's value upwards. */
export interface Thresholds {
  readonly base: string;
  readonly steps: readonly { readonly value: number; readonly color: string }[];
}

export const aboveIsBad = (threshold: number): Thresholds => ({
  base: 'green',
  steps: [{ value: threshold, color: 'red' }],
});

export const belowIsBad = (threshold: number): Thresholds => ({
  base: 'red',
  steps: [{ value: threshold, color: 'green' }],
});

/** For values with no good or bad side (counts, rates). */
const NEUTRAL: Thresholds = { base: 'blue', steps: [] };

export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly queries: readonly Query[];
  /** Grafana unit id: `s`, `percentunit`, `reqps`, `bytes`, `short`... */
  readonly unit: string;
  /** Width in grid columns (the grid is 24 wide). */
  readonly width: number;
  readonly height?: number;
  readonly thresholds?: Thresholds;
  readonly min?: number;
  readonly max?: number;
  readonly decimals?: number;
  readonly mappings?: readonly ValueMapping[];
}

export interface MappedValue {
  readonly text: string;
  readonly color: string;
}

/** Shows the values of a 0/1 gauge (a verdict, `up`) as words and colours. */
export function binaryMappings(zero: MappedValue, one: MappedValue): ValueMapping[] {
  return [
    {
      type: MappingType.ValueToText,
      options: { '0': { ...zero, index: 0 }, '1': { ...one, index: 1 } },
    },
  ];
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function target(query: Query, index: number, mode: 'range' | 'table'): DataqueryBuilder {
  const builder = new DataqueryBuilder()
    .datasource(PROMETHEUS_DATASOURCE)
    .refId(REF_IDS.charAt(index))
    .expr(query.expr)
    .legendFormat(query.legend ?? '__auto');
  return mode === 'table' ? builder.instant().format(PromQueryFormat.Table) : builder.range();
}

function thresholdsConfig(thresholds: Thresholds): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: thresholds.base }, ...thresholds.steps]);
}

/** The methods every panel builder of the SDK shares. */
interface CommonPanelBuilder<B> {
  title(title: string): B;
  description(description: string): B;
  datasource(datasource: typeof PROMETHEUS_DATASOURCE): B;
  unit(unit: string): B;
  span(width: number): B;
  height(height: number): B;
  withTarget(target: DataqueryBuilder): B;
  thresholds(thresholds: ThresholdsConfigBuilder): B;
  min(min: number): B;
  max(max: number): B;
  decimals(decimals: number): B;
  mappings(mappings: ValueMapping[]): B;
}

function configure<B extends CommonPanelBuilder<B>>(
  builder: B,
  spec: PanelSpec,
  mode: 'range' | 'table',
): B {
  let panel = builder
    .title(spec.title)
    .description(spec.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(spec.unit)
    .span(spec.width)
    .height(spec.height ?? 8)
    .thresholds(thresholdsConfig(spec.thresholds ?? NEUTRAL));
  spec.queries.forEach((query, index) => {
    panel = panel.withTarget(target(query, index, mode));
  });
  if (spec.min !== undefined) panel = panel.min(spec.min);
  if (spec.max !== undefined) panel = panel.max(spec.max);
  if (spec.decimals !== undefined) panel = panel.decimals(spec.decimals);
  if (spec.mappings !== undefined) panel = panel.mappings([...spec.mappings]);
  return panel;
}

/** A time series; with `thresholds`, each step is drawn as a dashed line (the alert level). */
export function timeseriesPanel(spec: PanelSpec & { readonly stacked?: boolean }): TimeseriesPanelBuilder {
  const panel = configure(new TimeseriesPanelBuilder(), spec, 'range')
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom),
    )
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending))
    .fillOpacity(10)
    .thresholdsStyle(
      new GraphThresholdsStyleConfigBuilder().mode(
        spec.thresholds === undefined ? GraphThresholdsStyleMode.Off : GraphThresholdsStyleMode.Dashed,
      ),
    );
  return spec.stacked === true
    ? panel.stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
    : panel;
}

function lastNotNull(): ReduceDataOptionsBuilder {
  return new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

/**
 * A single value per series. `sparkline` draws the trend under numeric values; `showName` shows
 * the series name (legend) instead of the value, e.g. for a version label.
 */
export function statPanel(
  spec: PanelSpec & { readonly sparkline?: boolean; readonly showName?: boolean },
): StatPanelBuilder {
  return configure(new StatPanelBuilder(), spec, 'range')
    .reduceOptions(lastNotNull())
    .colorMode(BigValueColorMode.Value)
    .graphMode(spec.sparkline === true ? BigValueGraphMode.Area : BigValueGraphMode.None)
    .textMode(spec.showName === true ? BigValueTextMode.Name : BigValueTextMode.Auto);
}

/** A share or bounded value against its thresholds. */
export function gaugePanel(spec: PanelSpec): GaugePanelBuilder {
  return configure(new GaugePanelBuilder(), spec, 'range')
    .reduceOptions(lastNotNull())
    .showThresholdMarkers(true);
}

/**
 * A table of instant values, one row per series. `transformations` join and rename the
 * queries' columns; `columns` configure a column by its final name.
 */
export function tablePanel(
  spec: PanelSpec & {
    readonly transformations: readonly DataTransformerConfig[];
    readonly columns: Readonly<Record<string, readonly DynamicConfigValue[]>>;
  },
): TablePanelBuilder {
  let panel = configure(new TablePanelBuilder(), spec, 'table').transformations([
    ...spec.transformations,
  ]);
  for (const [column, properties] of Object.entries(spec.columns)) {
    panel = panel.overrideByName(column, [...properties]);
  }
  return panel;
}

/**
 * Assembles a dashboard from rows of panels and returns its classic JSON model.
 *
 * The SDK marks its classic `DashboardBuilder` deprecated in favour of the v2 schema, but Grafana
 * file provisioning loads the classic JSON (field notes: v2 exports are rejected), so this is the
 * one module that uses it.
 */
/* eslint-disable @typescript-eslint/no-deprecated -- classic dashboard JSON on purpose, see above */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  RowBuilder,
  type Dashboard,
  type Panel,
  type RowPanel,
  type VariableModel,
} from '@grafana/grafana-foundation-sdk/dashboard';

/** Tag shared by the three dashboards; each links to the others through it. */
export const DASHBOARD_TAG = 'bike-demand';

export type DashboardModel = Dashboard;

export interface DashboardRow {
  readonly title: string;
  readonly panels: readonly cog.Builder<Panel>[];
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly rows: readonly DashboardRow[];
  readonly variables?: readonly cog.Builder<VariableModel>[];
  /** Links beside the dashboards dropdown, opened in a new tab (e.g. the latest HTML report). */
  readonly links?: readonly { readonly title: string; readonly url: string; readonly tooltip: string }[];
}

export function buildDashboard(spec: DashboardSpec): DashboardModel {
  let builder = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .timezone('browser')
    .tooltip(DashboardCursorSync.Crosshair)
    .link(
      new DashboardLinkBuilder('Bike demand dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags([DASHBOARD_TAG])
        .asDropdown(true)
        .includeVars(false)
        .keepTime(true),
    );
  for (const link of spec.links ?? []) {
    builder = builder.link(
      new DashboardLinkBuilder(link.title).type(DashboardLinkType.Link).url(link.url).tooltip(link.tooltip).icon('doc').targetBlank(true).asDropdown(false),
    );
  }
  for (const variable of spec.variables ?? []) builder = builder.withVariable(variable);
  for (const row of spec.rows) {
    builder = builder.withRow(new RowBuilder(row.title));
    for (const panel of row.panels) builder = builder.withPanel(panel);
  }
  return numberPanels(builder.build());
}

/**
 * Gives every panel and row a stable id in reading order. Alert rules link to a panel by this id
 * (looked up by title with `panelIdByTitle`), so ids follow the code, never a hand edit.
 */
function numberPanels(dashboard: DashboardModel): DashboardModel {
  (dashboard.panels ?? []).forEach((panel: Panel | RowPanel, index) => {
    panel.id = index + 1;
  });
  return dashboard;
}

export function panelIdByTitle(dashboard: DashboardModel, title: string): number {
  const panel = (dashboard.panels ?? []).find((candidate) => candidate.title === title);
  if (panel?.id === undefined) {
    throw new Error(`dashboard ${dashboard.uid ?? '?'} has no panel titled "${title}"`);
  }
  return panel.id;
}

/**
 * Every PromQL query of the dashboards and of the Grafana alert rules, with Grafana's variables
 * replaced by concrete values, ready to send to Prometheus. The deployment tests parse them with
 * promtool; the live end-to-end test runs them against a real Prometheus and expects data.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import { DASHBOARD_FILES } from '../../src/deployment/dashboards/all-dashboards.js';
import type { DashboardModel } from '../../src/deployment/dashboards/dashboard.js';
import { PROMETHEUS_DATASOURCE } from '../../src/deployment/datasource.js';
import { grafanaAlertRulesFile } from '../../src/deployment/alerting/grafana-alert-rules.js';

export interface PanelQuery {
  /** Dashboard title, or `GRAFANA_ALERT_RULES` for the alert rules. */
  readonly dashboard: string;
  /** Panel title, `variable <name>`, or the alert rule title. */
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
}

export const GRAFANA_ALERT_RULES = 'Grafana alert rules';

/** Values given to Grafana's built-in variables; the defaults suit a 15s scrape interval. */
export interface Substitutions {
  readonly rateInterval: string;
  readonly interval: string;
  readonly range: string;
}

const DEFAULT_SUBSTITUTIONS: Substitutions = { rateInterval: '1m', interval: '15s', range: '1h' };

/** `label_values(<selector>, <label>)`: the variable has values when the selector has series. */
const LABEL_VALUES = /^label_values\((.+),\s*\w+\)$/;

type PrometheusTarget = cog.Dataquery & { readonly expr: string; readonly refId?: string };

function hasExpr(target: cog.Dataquery): target is PrometheusTarget {
  return 'expr' in target && typeof target.expr === 'string';
}

/** Replaces built-ins first, then each template variable by its "All" value or current value. */
function substitute(expr: string, dashboard: DashboardModel, values: Substitutions): string {
  let result = expr
    .replaceAll('$__rate_interval', values.rateInterval)
    .replaceAll('$__interval', values.interval)
    .replaceAll('$__range', values.range);
  for (const variable of dashboard.templating.list ?? []) {
    const current = variable.current?.value;
    const value =
      variable.includeAll === true && variable.allValue !== undefined
        ? variable.allValue
        : typeof current === 'string'
          ? current
          : '';
    result = result.replaceAll(`\${${variable.name}}`, value).replaceAll(`$${variable.name}`, value);
  }
  return result;
}

function queriesOfDashboard(dashboard: DashboardModel, values: Substitutions): PanelQuery[] {
  const title = dashboard.title ?? '';
  const variables = (dashboard.templating.list ?? []).flatMap((variable) => {
    const match = typeof variable.query === 'string' ? LABEL_VALUES.exec(variable.query) : null;
    return match?.[1] === undefined
      ? []
      : [{ dashboard: title, panel: `variable ${variable.name}`, refId: variable.name, expr: match[1] }];
  });
  const panels = (dashboard.panels ?? []).flatMap((panel) =>
    ('targets' in panel ? (panel.targets ?? []) : []).filter(hasExpr).map((target) => ({
      dashboard: title,
      panel: panel.title ?? '',
      refId: target.refId ?? '',
      expr: substitute(target.expr, dashboard, values),
    })),
  );
  return [...variables, ...panels];
}

function queriesOfAlertRules(): PanelQuery[] {
  return grafanaAlertRulesFile().groups.flatMap((group) =>
    group.rules.flatMap((rule) =>
      rule.data
        .filter((query) => query.datasourceUid === PROMETHEUS_DATASOURCE.uid)
        .map((query) => ({
          dashboard: GRAFANA_ALERT_RULES,
          panel: rule.title,
          refId: query.refId,
          expr: typeof query.model.expr === 'string' ? query.model.expr : '',
        })),
    ),
  );
}

export function dashboardQueries(overrides: Partial<Substitutions> = {}): PanelQuery[] {
  const values = { ...DEFAULT_SUBSTITUTIONS, ...overrides };
  return [
    ...DASHBOARD_FILES.flatMap(({ build }) => queriesOfDashboard(build(), values)),
    ...queriesOfAlertRules(),
  ];
}

/**
 * Alertmanager's configuration, generated from the alert catalogue into
 * `deployment/alertmanager/alertmanager.yml`: one route per severity, grouping timings, the
 * inhibition rules of `INHIBITIONS`, and one receiver per severity whose webhook URL is filled in
 * from the environment at start (src/alertmanager/receivers.ts). Every alert of the catalogue,
 * whichever engine fires it, goes through this one tree (Grafana forwards its alerts here).
 */
import { Document, isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { RECEIVERS } from '../../alertmanager/receivers.js';
import { ALERTS, type AlertSpec, INHIBITIONS, type Inhibition, type Severity } from '../../telemetry/alert-thresholds.js';
import { GENERATOR_COMMAND } from '../yaml-file.js';

/** A label matcher in Alertmanager's syntax. */
function matcher(label: string, values: readonly string[]): string {
  const unique = [...new Set(values)];
  return unique.length === 1 ? `${label}="${unique[0] ?? ''}"` : `${label}=~"${unique.join('|')}"`;
}

export interface InhibitRule {
  readonly source_matchers: readonly string[];
  readonly target_matchers: readonly string[];
  readonly equal: readonly string[];
}

/**
 * An alert is its name and its severity (HostFilesystemAlmostFull exists at both): one rule per
 * severity of the targets matches exactly the targets, never a same-named alert of another severity.
 */
function inhibitRules({ source, targets, equal }: Inhibition): InhibitRule[] {
  const severities = [...new Set(targets.map((target) => target.severity))];
  return severities.map((severity) => ({
    source_matchers: [matcher('alertname', [source.name]), matcher('severity', [source.severity])],
    target_matchers: [matcher('alertname', targets.filter((target) => target.severity === severity).map((target) => target.name)), matcher('severity', [severity])],
    equal: [...equal],
  }));
}

/** Pages are repeated sooner than tickets: a page nobody acknowledged must come back within a shift. */
const REPEAT_INTERVAL: Readonly<Record<Severity, string>> = { critical: '4h', warning: '24h' };

export interface AlertmanagerConfig {
  readonly route: {
    readonly receiver: string;
    readonly group_by: readonly string[];
    readonly group_wait: string;
    readonly group_interval: string;
    readonly repeat_interval: string;
    readonly routes: readonly { readonly matchers: readonly string[]; readonly receiver: string; readonly repeat_interval: string }[];
  };
  readonly inhibit_rules: readonly InhibitRule[];
  readonly receivers: readonly { readonly name: string }[];
}

const SEVERITIES = Object.keys(RECEIVERS) as Severity[];

export function alertmanagerConfig(): AlertmanagerConfig {
  return {
    route: {
      // An alert without a known severity (Grafana's DatasourceError, a hand-made rule) still reaches someone, without paging.
      receiver: RECEIVERS.warning.name,
      group_by: ['alertname', 'job'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: REPEAT_INTERVAL.warning,
      routes: SEVERITIES.map((severity) => ({
        matchers: [matcher('severity', [severity])],
        receiver: RECEIVERS[severity].name,
        repeat_interval: REPEAT_INTERVAL[severity],
      })),
    },
    inhibit_rules: INHIBITIONS.flatMap(inhibitRules),
    // No destination here: render-cli.ts (Compose) or the local stack adds the webhook of each
    // receiver whose variable is set; without one, the alerts stay visible in Alertmanager.
    receivers: SEVERITIES.map((severity) => ({ name: RECEIVERS[severity].name })),
  };
}

/** The catalogue's alerts, with the receiver their severity promises (for the routing tests). */
export function expectedReceivers(): { readonly alert: AlertSpec; readonly receiver: string }[] {
  return Object.values(ALERTS).map((alert: AlertSpec) => ({ alert, receiver: RECEIVERS[alert.severity].name }));
}

const TIMING_COMMENTS: Readonly<Record<string, string>> = {
  group_by:
    ' One notification per alert and job: the instances or mount points of one problem arrive\n together, two different problems never share a message.',
  group_wait:
    ' Wait before the first notification of a group: alerts raised by the same evaluation (the\n drift alerts) and their cause (BikeApiDown, for the inhibition) arrive together.',
  group_interval: ' A group that changes (a new alert, a resolved one) is notified again at most every 5 minutes.',
  repeat_interval: ' A still-firing alert is repeated: see each severity below.',
  routes: ` critical pages (repeated every ${REPEAT_INTERVAL.critical}, within a shift); warning opens a ticket (repeated daily).`,
};

function commentKeys(map: YAMLMap, comments: Readonly<Record<string, string>>): void {
  for (const pair of map.items) {
    if (isScalar(pair.key) && typeof pair.key.value === 'string' && pair.key.value in comments) pair.key.commentBefore = comments[pair.key.value];
  }
}

/** The YAML text, with the reasons of the timings and of each inhibition as comments. */
export function alertmanagerYaml(): string {
  const document = new Document(alertmanagerConfig());
  document.commentBefore = [
    ` Generated by ${GENERATOR_COMMAND} (src/deployment/generate.ts): do not edit.`,
    ' Edit src/deployment/alerting/alertmanager.ts, src/telemetry/alert-thresholds.ts (INHIBITIONS)',
    ' or src/alertmanager/receivers.ts instead. The webhook URLs come from the environment at start',
    ` (${SEVERITIES.map((severity) => RECEIVERS[severity].urlVariable).join(', ')}).`,
  ].join('\n');
  const route = document.get('route');
  if (isMap(route)) commentKeys(route, TIMING_COMMENTS);
  const rules = document.get('inhibit_rules');
  if (isSeq(rules)) {
    const reasons = INHIBITIONS.flatMap((inhibition) => inhibitRules(inhibition).map(() => ` ${inhibition.source.name}: ${inhibition.reason}.`));
    rules.items.forEach((item, index) => {
      if (isMap(item)) item.commentBefore = reasons[index];
    });
  }
  return document.toString({ lineWidth: 0 });
}

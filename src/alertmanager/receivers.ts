/**
 * The Alertmanager configuration as it is started: the committed, generated
 * deployment/alertmanager/alertmanager.yml (routing, grouping, inhibition, receivers without a
 * destination) completed from the environment.
 *
 * Alertmanager cannot read environment variables in its configuration, so the webhook URLs are
 * written in at start (`render-cli.ts` in Docker Compose, src/local/stack.ts for `make local`).
 * A receiver whose variable is unset keeps no destination at all: its alerts are grouped,
 * inhibited and listed in Alertmanager's UI and API, and nothing fails on every send.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../config.js';

type Env = Readonly<Partial<Record<string, string>>>;
type Severity = 'critical' | 'warning';

export interface ReceiverSpec {
  /** Receiver name in the routing tree. */
  readonly name: string;
  /** Environment variable with the webhook URL of this receiver. */
  readonly urlVariable: string;
}

/** One receiver per severity: critical pages someone, warning opens a ticket. */
export const RECEIVERS = {
  critical: { name: 'page', urlVariable: 'ALERT_WEBHOOK_URL_CRITICAL' },
  warning: { name: 'ticket', urlVariable: 'ALERT_WEBHOOK_URL_WARNING' },
} as const satisfies Record<Severity, ReceiverSpec>;

/** Route timings that a test (or an impatient demo) may shorten, and the variable of each. */
export const TIMING_VARIABLES = {
  group_wait: 'ALERTMANAGER_GROUP_WAIT',
  group_interval: 'ALERTMANAGER_GROUP_INTERVAL',
  repeat_interval: 'ALERTMANAGER_REPEAT_INTERVAL',
} as const;

type YamlMap = Record<string, unknown>;

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function webhookUrl(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim() ?? '';
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${variable} must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${variable} must be an http(s) URL, got "${value}"`);
  return url.href;
}

/** A Prometheus duration as Alertmanager accepts it (`5s`, `1m30s`). */
function duration(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim() ?? '';
  if (value === '') return undefined;
  if (!/^(?:\d+(?:ms|s|m|h|d|w|y))+$/.test(value)) throw new ConfigError(`${variable} must be a duration such as 5s or 1m, got "${value}"`);
  return value;
}

/** The route with the overridden timings: all of them at the root, in a child route only those it sets. */
function withTimings(route: YamlMap, timings: Readonly<Partial<Record<string, string>>>, root: boolean): YamlMap {
  const own = Object.fromEntries(Object.entries(timings).filter(([key]) => root || key in route));
  const children = Array.isArray(route.routes) ? { routes: route.routes.filter(isMap).map((child) => withTimings(child, timings, false)) } : {};
  return { ...route, ...own, ...children };
}

/**
 * The configuration to start Alertmanager with: each receiver of RECEIVERS gets a webhook to the
 * URL of its variable (when set), and the route timings of TIMING_VARIABLES are overridden.
 */
export function renderAlertmanagerConfig(template: unknown, env: Env): YamlMap {
  if (!isMap(template) || !isMap(template.route) || !Array.isArray(template.receivers)) {
    throw new ConfigError('the Alertmanager template needs a route and a receivers list');
  }
  const urls = new Map<unknown, string | undefined>(Object.values(RECEIVERS).map(({ name, urlVariable }) => [name, webhookUrl(env, urlVariable)] as const));
  const receivers = template.receivers.filter(isMap).map((receiver) => {
    const url = urls.get(receiver.name);
    // send_resolved: the receiver learns that the alert is over (closes the page or the ticket).
    return url === undefined ? receiver : { ...receiver, webhook_configs: [{ url, send_resolved: true }] };
  });
  const timings = Object.fromEntries(
    Object.entries(TIMING_VARIABLES).flatMap(([key, variable]) => {
      const value = duration(env, variable);
      return value === undefined ? [] : [[key, value]];
    }),
  );
  return { ...template, route: withTimings(template.route, timings, true), receivers };
}

/** Renders the template at `templatePath` into `outputPath`, atomically (a temporary file, then a rename). */
export async function renderAlertmanagerFile(templatePath: string, outputPath: string, env: Env): Promise<void> {
  const config = renderAlertmanagerConfig(parse(await readFile(templatePath, 'utf8')), env);
  const partial = `${outputPath}.partial`;
  await writeFile(partial, `# Rendered from ${templatePath} and the environment at start: do not edit.\n${stringify(config, { lineWidth: 0 })}`);
  await rename(partial, outputPath);
}

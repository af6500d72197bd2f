/**
 * The annotations every alert carries, whichever engine fires it: a one-line summary, a
 * description with the observed value, and a link to its runbook section.
 */
import type { AlertSpec } from '../../telemetry/alert-thresholds.js';
import { latestReportUrl } from '../report-links.js';

/** Runbooks live in this document of the repository, one section per alert, headed by the alert name. */
export const RUNBOOKS_DOCUMENT = 'docs/runbooks.md';

/**
 * Where the repository's files are browsed on the web; `runbook_url` must be absolute, because
 * Grafana and Alertmanager's receivers (Slack, PagerDuty) render it as a link outside the
 * repository. A fork or an internal mirror generates with its own: RUNBOOK_BASE_URL=<url of the
 * docs/ folder> npm run generate (the generated-files test reads the same variable).
 */
export const DEFAULT_RUNBOOK_BASE_URL = 'https://github.com/bike-demand-monitoring/bike-demand-monitoring/blob/main/docs';
export const RUNBOOK_BASE_URL_ENV = 'RUNBOOK_BASE_URL';

/** The runbooks' folder URL: RUNBOOK_BASE_URL when set (an absolute http(s) URL), else the default. */
export function runbookBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env[RUNBOOK_BASE_URL_ENV]?.trim() ?? '';
  if (value === '') return DEFAULT_RUNBOOK_BASE_URL;
  if (!/^https?:\/\/[^/\s]+/.test(value)) throw new Error(`${RUNBOOK_BASE_URL_ENV} must be an absolute http(s) URL, got "${value}"`);
  return value.replace(/\/+$/, '');
}

/** GitHub's anchor for a heading made of the alert name alone. */
export function runbookAnchor(alertName: string): string {
  return alertName.toLowerCase();
}

/** The absolute link to an alert's runbook section. */
export function runbookUrl(alertName: string): string {
  const document = RUNBOOKS_DOCUMENT.slice(RUNBOOKS_DOCUMENT.lastIndexOf('/') + 1);
  return `${runbookBaseUrl()}/${document}#${runbookAnchor(alertName)}`;
}

export interface AlertText {
  readonly summary: string;
  readonly description: string;
}

export interface AlertAnnotations extends AlertText {
  readonly runbook_url: string;
  /** Model alerts: the latest evaluation's HTML report, which shows what drifted and how far. */
  readonly report_url?: string;
}

export function alertAnnotations(spec: AlertSpec, text: AlertText): AlertAnnotations {
  return { ...text, runbook_url: runbookUrl(spec.name) };
}

export function modelAlertAnnotations(spec: AlertSpec, text: AlertText): AlertAnnotations {
  return { ...alertAnnotations(spec, text), report_url: latestReportUrl() };
}

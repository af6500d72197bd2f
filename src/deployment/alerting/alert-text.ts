/**
 * The annotations every alert carries, whichever engine fires it: a one-line summary, a
 * description with the observed value, and a link to its runbook section.
 */
import type { AlertSpec } from '../../telemetry/alert-thresholds.js';
import { latestReportUrl } from '../report-links.js';

/**
 * Runbooks live in this document, one section per alert, headed by the alert name. The link is
 * relative to the repository root so that it holds in any clone or fork and in the archive; the
 * README links the document.
 */
export const RUNBOOKS_DOCUMENT = 'docs/runbooks.md';

/** GitHub's anchor for a heading made of the alert name alone. */
export function runbookAnchor(alertName: string): string {
  return alertName.toLowerCase();
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
  return { ...text, runbook_url: `${RUNBOOKS_DOCUMENT}#${runbookAnchor(spec.name)}` };
}

export function modelAlertAnnotations(spec: AlertSpec, text: AlertText): AlertAnnotations {
  return { ...alertAnnotations(spec, text), report_url: latestReportUrl() };
}

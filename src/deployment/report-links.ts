/**
 * Links from the generated stack (dashboards, alerts) to the API's HTML reports, under the API's
 * public URL: API_PUBLIC_URL when `npm run generate` runs, http://localhost:8080 by default.
 */
import { publicUrl } from '../config.js';
import { LATEST_REPORT_PATH, REPORTS_PATH } from '../telemetry/report-links.js';

export function latestReportUrl(): string {
  return `${publicUrl()}${LATEST_REPORT_PATH}`;
}

export function historyPageUrl(): string {
  return `${publicUrl()}${REPORTS_PATH}`;
}

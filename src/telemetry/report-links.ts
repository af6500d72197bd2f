/**
 * Where the service serves its evaluation reports: the API's routes answer these paths, and the
 * dashboards and alerts (src/deployment) link to them under the API's public URL.
 */
export const REPORTS_PATH = '/reports';
export const LATEST_REPORT_PATH = '/evaluations/latest/report';

export function reportPath(evaluationId: number): string {
  return `/evaluations/${evaluationId}/report`;
}

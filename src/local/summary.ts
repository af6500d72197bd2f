/**
 * What `make local` and `make local-status` print about a running stack: one full URL per page
 * (each answers 200: the end-to-end test fetches every URL of this text), where the logs are,
 * and what to run next.
 */
import type { Stack } from './stack.js';

export function stackSummary({ urls, prometheusPages }: Stack, dir: string): string {
  // A stack recorded before its pages were probed: Prometheus's root, which redirects to its UI.
  const pages = prometheusPages ? [prometheusPages.graph, prometheusPages.alerts, prometheusPages.targets] : [urls.prometheus];
  const rows: [string, string][] = [
    ['bike-api', `${urls.api}/docs`],
    ['', `${urls.api}/metrics`],
    ...pages.map((page, i): [string, string] => [i === 0 ? 'Prometheus' : '', page]),
    ['node-exporter', `${urls.nodeExporter}/metrics`],
    // Its UI: the alerts after routing and inhibition, and the silences.
    ['Alertmanager', urls.alertmanager],
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return `
${rows.map(([name, url]) => `  ${name.padEnd(width)}${url}`).join('\n')}
  ${'Logs, data'.padEnd(width)}${dir}/ (logs/<service>.log)

  No Grafana without Docker: Prometheus's own pages show the metrics and the alerts.
  Notifications: set ALERT_WEBHOOK_URL_CRITICAL / ALERT_WEBHOOK_URL_WARNING before make local.
  Next: make evaluation, make traffic, make fire-alert (they find these ports in ${dir}/stack.json)
  Stop: make local-stop`;
}

/** The three dashboards, each with the file it is written to under deployment/grafana/dashboards/. */
import { apiPerformanceDashboard } from './api-performance.js';
import type { DashboardModel } from './dashboard.js';
import { infrastructureDashboard } from './infrastructure.js';
import { modelPerformanceDashboard } from './model-performance.js';

export const DASHBOARDS_DIRECTORY = 'deployment/grafana/dashboards';

export interface DashboardFile {
  readonly file: string;
  readonly build: () => DashboardModel;
}

export const DASHBOARD_FILES: readonly DashboardFile[] = [
  { file: 'api-performance.json', build: apiPerformanceDashboard },
  { file: 'model-performance.json', build: modelPerformanceDashboard },
  { file: 'infrastructure.json', build: infrastructureDashboard },
];

/** The file content of a dashboard: the provisioned file and the Kubernetes ConfigMap hold the same text. */
export function dashboardJson({ build }: DashboardFile): string {
  return `${JSON.stringify(build(), null, 2)}\n`;
}

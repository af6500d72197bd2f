/**
 * The history page (/reports), Evidently's monitoring UI for people without Grafana: the model's
 * metrics and drift share across evaluations, a heatmap of features against evaluations, and a
 * link to each evaluation's report.
 */
import { reportPath } from '../../telemetry/report-links.js';
import type { EvaluationPage, EvaluationSummary } from '../store/evaluation-store.js';
import { heatmapChart, trendChart, type TrendPoint } from './charts.js';
import { escapeHtml, figure, fixed, page, percent } from './html.js';

export async function renderHistoryPage({ total, items }: EvaluationPage): Promise<string> {
  const oldestFirst = [...items].reverse();
  const label = (summary: EvaluationSummary): string => `#${summary.id} ${summary.periodName}`;
  const trend = async (id: string, title: string, value: (summary: EvaluationSummary) => number | null, format: (value: number | null) => string, asPercent = false) => {
    const points: TrendPoint[] = oldestFirst.map((summary) => ({ label: label(summary), value: value(summary) }));
    const description = `${title} across ${points.length} evaluations, oldest first: ${points.map((point) => `${point.label} ${format(point.value)}`).join('; ')}.`;
    return figure(`trend-${id}`, `<span class="name">${title}</span>`, trendChart(title, points, description, asPercent), {
      headers: ['evaluation', title],
      rows: points.map((point) => [point.label, format(point.value)]),
    });
  };
  const shown = items.length < total ? ` (the newest ${items.length} of ${total})` : '';

  let content = '<p class="lead">No evaluation is stored yet. POST a labelled batch to /evaluate (for instance with <code>make evaluation</code>) and its report appears here.</p>';
  if (items.length > 0) {
    const trends = await Promise.all([
      trend('rmse', 'RMSE', (s) => s.rmse, (v) => fixed(v, 2)),
      trend('mae', 'MAE', (s) => s.mae, (v) => fixed(v, 2)),
      trend('r2', 'R²', (s) => s.r2score, (v) => fixed(v, 3)),
      trend('drift-share', 'Drift share', (s) => s.driftShare, (v) => (v === null ? 'n/a' : percent(v)), true),
    ]);
    const features = oldestFirst[oldestFirst.length - 1].features.map(({ column }) => column);
    const cells = oldestFirst.flatMap((summary) => summary.features.map(({ column, drifted }) => ({ evaluation: label(summary), feature: column, drifted })));
    const heatmap = await figure(
      'drift-heatmap',
      '<span class="name">Drift by feature and evaluation</span><br>✕ on red: drift detected; · on grey: no drift',
      heatmapChart(cells, `Heatmap of ${features.length} features against ${oldestFirst.length} evaluations: ${cells.filter((cell) => cell.drifted).length} of ${cells.length} tests found drift.`),
      { headers: ['evaluation', 'drifted features'], rows: oldestFirst.map((summary) => [label(summary), summary.features.filter((f) => f.drifted).map((f) => f.column).join(', ') || 'none']) },
      'wide',
    );
    content = `<h2 id="trends">Model quality and drift over time</h2>
<div class="charts">
${trends.join('\n')}
</div>
<h2 id="heatmap">Which features drifted</h2>
<div class="charts">
${heatmap}
</div>
<h2 id="evaluations">Evaluations</h2>
<table>
<thead><tr><th scope="col">id</th><th scope="col">period</th><th scope="col">evaluated (UTC)</th><th scope="col" class="num">rows</th><th scope="col" class="num">RMSE</th><th scope="col" class="num">MAE</th><th scope="col" class="num">R²</th><th scope="col" class="num">MAPE (%)</th><th scope="col" class="num">drift share</th><th scope="col">dataset drift</th><th scope="col">model</th></tr></thead>
<tbody>
${items.map((s) => `<tr><td>${s.id}</td><th scope="row"><a href="${reportPath(s.id)}">${escapeHtml(s.periodName)}</a></th><td>${s.createdAt.replace('T', ' ').slice(0, 19)}</td><td class="num">${s.rows}</td><td class="num">${fixed(s.rmse, 2)}</td><td class="num">${fixed(s.mae, 2)}</td><td class="num">${fixed(s.r2score, 3)}</td><td class="num">${fixed(s.mape, 1)}</td><td class="num">${percent(s.driftShare)}</td><td class="verdict-cell ${s.driftDetected ? 'drifted' : 'stable'}">${s.driftDetected ? '✕ yes' : '✓ no'}</td><td>${escapeHtml(s.modelVersion)}</td></tr>`).join('\n')}
</tbody>
</table>`;
  }
  const body = `<main>
<header class="page">
<h1>Evaluation history</h1>
<p class="meta"><span>${total} evaluation${total === 1 ? '' : 's'} stored${shown}</span><span>newest first in the table, oldest first in the charts</span></p>
</header>
${content}
<footer>Bike-demand monitoring · this page loads nothing from the network.</footer>
</main>`;
  return page('Evaluation history', body);
}

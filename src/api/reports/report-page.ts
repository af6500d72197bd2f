/**
 * One evaluation's HTML report, in the order someone investigating an alert reads it: the
 * verdict and the four metrics, the drift table (most drifted first), each feature's reference
 * against current, the target and the prediction, then the regression charts.
 */
import { FEATURES, TARGET } from '../../model/features.js';
import { driftStrength, type ReportColumnDrift } from '../../monitoring/index.js';
import { REPORTS_PATH } from '../../telemetry/report-links.js';
import { PREDICTION } from '../evaluation/evaluator.js';
import type { StoredEvaluation } from '../store/evaluation-store.js';
import { distributionChart, errorByHourChart, errorHistogramChart, scatterChart, shareRows } from './charts.js';
import { escapeHtml, figure, fixed, page, percent, score } from './html.js';

const TYPE_NAMES = { num: 'numerical', cat: 'categorical' } as const;

export async function renderReportPage({ id, createdAt, modelVersion, evaluation }: StoredEvaluation): Promise<string> {
  const { periodName, evaluatedItems, report, charts } = evaluation;
  const { featureDrift, regression } = report;
  const period = escapeHtml(periodName);
  const byColumn = new Map(featureDrift.columns.map((drift) => [drift.column, drift]));
  const features = FEATURES.filter((feature) => byColumn.has(feature));

  const distribution = (drift: ReportColumnDrift) => {
    const data = charts.distributions[drift.column];
    const verdict = drift.drifted ? 'drift detected' : 'no drift';
    const description =
      `${drift.column}: ${TYPE_NAMES[drift.columnType]} distribution of the reference (dashed outline) against the current batch (filled), ` +
      `as shares of rows; ${drift.methodLabel} ${score(drift.score)}, threshold ${drift.threshold}: ${verdict}.`;
    const caption =
      `<span class="name">${escapeHtml(drift.column)}</span> <span class="tag ${drift.drifted ? 'drifted' : 'stable'}">${drift.drifted ? '✕ drift' : '✓ no drift'}</span><br>` +
      `${TYPE_NAMES[drift.columnType]} · ${escapeHtml(drift.methodLabel)} ${score(drift.score)} (threshold ${drift.threshold})`;
    const rows = shareRows(data);
    return figure(`chart-${drift.column}`, caption, distributionChart(drift.column, data, description), {
      headers: ['batch', data.type === 'num' ? 'bin' : 'category', 'rows', 'share'],
      rows: rows.map((row) => [row.side, row.label, String(row.count), percent(row.share)]),
    });
  };

  const featureFigures = await Promise.all(features.map((feature) => distribution(byColumn.get(feature)!)));
  const outputFigures = await Promise.all([report.targetDrift, report.predictionDrift].map(distribution));
  const { sample, errors, byHour } = charts.regression;
  const sampled = sample.actual.length < evaluatedItems ? ` (${sample.actual.length} of the ${evaluatedItems} rows, evenly spaced)` : '';
  const regressionFigures = await Promise.all([
    figure(
      'chart-predicted-actual',
      `<span class="name">Predicted against actual</span>${sampled}<br>points on the dashed identity line are exact predictions`,
      scatterChart(charts.regression, `Scatter of predicted against actual rentals for ${sample.actual.length} hours, with the identity line dashed.`),
      { headers: ['actual', 'predicted'], rows: sample.actual.map((actual, i) => [String(actual), sample.predicted[i].toFixed(1)]) },
    ),
    figure(
      'chart-error-distribution',
      `<span class="name">Error distribution</span><br>predicted − actual over all ${evaluatedItems} hours; dashed line at zero`,
      errorHistogramChart(charts.regression, `Histogram of the prediction error over ${evaluatedItems} hours; mean error ${fixed(regression.meanError.mean, 2)} rentals.`),
      { headers: ['error from', 'to', 'hours'], rows: errors.counts.map((count, i) => [errors.edges[i].toFixed(1), errors.edges[i + 1].toFixed(1), String(count)]) },
    ),
    figure(
      'chart-error-by-hour',
      '<span class="name">Error by hour of day</span><br>mean error (bars) and mean absolute error (dashed line)',
      errorByHourChart(charts.regression, 'Mean error and mean absolute error of the predictions for each hour of the day.'),
      {
        headers: ['hour', 'hours', 'mean error', 'mean absolute error'],
        rows: byHour.map((hour) => [String(hour.hour), String(hour.rows), hour.meanError.toFixed(2), hour.meanAbsoluteError.toFixed(2)]),
      },
      'wide',
    ),
  ]);

  const ranked = [...featureDrift.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || driftStrength(b) - driftStrength(a));
  const verdictText = featureDrift.datasetDrift ? 'Dataset drift detected' : 'No dataset drift';
  const metrics: [string, string][] = [
    ['RMSE', fixed(regression.rmse)],
    ['MAE', fixed(regression.mae.mean)],
    ['R²', fixed(regression.r2)],
    ['MAPE (%)', fixed(regression.mape.mean)],
  ];
  const body = `<main>
<header class="page">
<nav class="links" aria-label="Reports"><a href="${REPORTS_PATH}">All evaluations</a></nav>
<h1>Evaluation report: ${period}</h1>
<p class="meta"><span>Evaluation ${id}</span><span>${evaluatedItems} rows</span><span>model ${escapeHtml(modelVersion)}</span><span>${createdAt.replace('T', ' ').slice(0, 19)} UTC</span></p>
</header>
<section aria-labelledby="verdict-title">
<div class="verdict ${featureDrift.datasetDrift ? 'drift' : 'nodrift'}" role="status">
<span class="badge" aria-hidden="true">${featureDrift.datasetDrift ? '!' : '✓'}</span>
<div><strong id="verdict-title">${verdictText}</strong><br>
${featureDrift.driftedCount} of ${featureDrift.columns.length} features drifted: share ${featureDrift.share.toFixed(2)} ${featureDrift.datasetDrift ? '≥' : '<'} threshold ${featureDrift.driftShare}</div>
</div>
<dl class="metrics">${metrics.map(([name, value]) => `<div><dt>${name}</dt><dd>${value}</dd></div>`).join('')}</dl>
</section>
<h2 id="drift-table">Drift by feature</h2>
<p class="lead">Each feature of the batch tested against the reference month, most drifted first.</p>
<table>
<thead><tr><th scope="col">feature</th><th scope="col">type</th><th scope="col">test</th><th scope="col" class="num">score</th><th scope="col" class="num">threshold</th><th scope="col">verdict</th></tr></thead>
<tbody>
${ranked.map((drift) => `<tr><th scope="row"><a href="#chart-${drift.column}">${escapeHtml(drift.column)}</a></th><td>${TYPE_NAMES[drift.columnType]}</td><td>${escapeHtml(drift.methodLabel)}</td><td class="num">${score(drift.score)}</td><td class="num">${drift.threshold}</td><td class="verdict-cell ${drift.drifted ? 'drifted' : 'stable'}">${drift.drifted ? '✕ drift detected' : '✓ no drift'}</td></tr>`).join('\n')}
</tbody>
</table>
<h2 id="features">Feature distributions</h2>
<p class="lead">Reference (dashed outline) against current batch (filled), as shares of each batch's rows. Numerical features share their histogram bins.</p>
<div class="charts">
${featureFigures.join('\n')}
</div>
<h2 id="outputs">Target and prediction drift</h2>
<p class="lead">The rentals (${TARGET}) and the model's ${PREDICTION}s, tested like the features but not counted in the drift share.</p>
<div class="charts">
${outputFigures.join('\n')}
</div>
<h2 id="regression">Regression quality</h2>
<p class="lead">Mean error ${fixed(regression.meanError.mean)} rentals, largest absolute error ${fixed(regression.absMaxError)}.</p>
<div class="charts">
${regressionFigures.join('\n')}
</div>
<footer>Bike-demand monitoring · evaluation ${id} · generated from the stored evaluation; this page loads nothing from the network and can be saved as a file.</footer>
</main>`;
  return page(`${periodName}: evaluation report`, body);
}

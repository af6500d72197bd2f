/**
 * The pieces every report page is made of: escaping, number formats, figures with their text
 * alternative, and the page shell with its stylesheet (inline: a page loads nothing).
 */
import { type Chart, renderSvg } from './charts.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values: period names come from API callers. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** A metric as the brief's client prints it (four decimals), or "n/a". */
export function fixed(value: number | null, digits = 4): string {
  return value === null ? 'n/a' : value.toFixed(digits);
}

/** A test score: p-values can be tiny, distances are not. */
export function score(value: number | null): string {
  if (value === null) return 'n/a';
  return value !== 0 && Math.abs(value) < 1e-4 ? value.toExponential(2) : value.toFixed(4);
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export interface FigureTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * A chart as a figure: the SVG with its description as accessible name, a caption, and the data
 * behind the chart as a table (folded, open in print) for readers who cannot see the chart.
 */
export async function figure(id: string, caption: string, chart: Chart, table: FigureTable, className = ''): Promise<string> {
  const svg = await renderSvg(chart);
  const labelled = svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(chart.description)}" focusable="false" `);
  return `<figure id="${escapeHtml(id)}" class="chart ${className}">
<figcaption>${caption}</figcaption>
<div class="plot">${labelled}</div>
<details class="chart-data"><summary>Data of this chart</summary>
<table><thead><tr>${table.headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>${table.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>
</details>
</figure>`;
}

/** A whole page: title, inline stylesheet, body. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLESHEET}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const STYLESHEET = `
:root { --ink: #111827; --muted: #4b5563; --line: #e5e7eb; --panel: #f9fafb; --drift: #b91c1c; --drift-bg: #fef2f2; --ok: #047857; --ok-bg: #ecfdf5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f3f4f6; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; background: white; min-height: 100vh; }
header.page { border-bottom: 1px solid var(--line); padding-bottom: 16px; margin-bottom: 20px; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 36px 0 4px; padding-top: 8px; border-top: 1px solid var(--line); }
h2 + p.lead { margin-top: 0; }
header.page + h2 { border-top: none; margin-top: 8px; }
.lead, .meta { color: var(--muted); }
.meta { margin: 0; font-size: 14px; }
.meta span + span::before { content: " · "; }
nav.links { float: right; font-size: 14px; }
a { color: #1d4ed8; }
.verdict { display: flex; gap: 14px; align-items: center; border-radius: 8px; padding: 14px 18px; margin: 18px 0; border: 1px solid; }
.verdict.drift { background: var(--drift-bg); border-color: #fecaca; color: var(--drift); }
.verdict.nodrift { background: var(--ok-bg); border-color: #a7f3d0; color: var(--ok); }
.verdict strong { font-size: 20px; }
.verdict .badge { font-size: 22px; font-weight: 700; border: 2px solid currentColor; border-radius: 50%; width: 36px; height: 36px; display: grid; place-items: center; flex: none; }
.metrics { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 0; }
.metrics div { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.metrics dt { font-size: 13px; color: var(--muted); }
.metrics dd { margin: 0; font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); background: var(--panel); }
td.num, th.num { text-align: right; }
.verdict-cell.drifted { color: var(--drift); font-weight: 600; }
.verdict-cell.stable { color: var(--ok); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 18px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; break-inside: avoid; page-break-inside: avoid; }
figure.chart.wide { grid-column: 1 / -1; }
figcaption { font-size: 14px; margin-bottom: 6px; }
figcaption .name { font-weight: 600; font-size: 15px; }
figcaption .tag { display: inline-block; font-size: 12px; border-radius: 4px; padding: 0 6px; margin-left: 6px; border: 1px solid; }
figcaption .tag.drifted { color: var(--drift); border-color: #fca5a5; background: var(--drift-bg); }
figcaption .tag.stable { color: var(--ok); border-color: #6ee7b7; background: var(--ok-bg); }
.plot svg { max-width: 100%; height: auto; }
details.chart-data { font-size: 13px; color: var(--muted); }
details.chart-data table { margin-top: 6px; }
footer { margin-top: 40px; font-size: 13px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 12px; }
@media (max-width: 800px) { .metrics { grid-template-columns: repeat(2, 1fr); } .charts { grid-template-columns: 1fr; } }
@media print {
  body { background: white; font-size: 12px; }
  main { max-width: none; padding: 0; }
  nav.links, details.chart-data > summary { display: none; }
  details.chart-data { display: none; }
  h2 { break-after: avoid; }
  .charts { grid-template-columns: 1fr 1fr; gap: 10px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;

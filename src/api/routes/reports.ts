/**
 * The HTML pages: one report per stored evaluation, the latest one by redirect, and the
 * history page. Pages are rendered on request (not at evaluation time) and load nothing from
 * anywhere: the Content-Security-Policy forbids every request leaving the page.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { LATEST_REPORT_PATH, REPORTS_PATH, reportPath } from '../../telemetry/report-links.js';
import { EvaluationIdParams, htmlResponse } from '../history-schemas.js';
import { ErrorOutput, ValidationErrorOutput } from '../schemas.js';
import { type HistoryOptions, storedEvaluation } from './evaluations.js';

/** Pages shown on the history page. */
export const HISTORY_PAGE_EVALUATIONS = 100;

/**
 * The page renderers are loaded by the first page request: with Vega and Vega-Lite, which draw
 * their charts, they take about 20 MB that a replica only serving the API would hold for nothing.
 */
const reportPage = () => import('../reports/report-page.js');
const historyPage = () => import('../reports/history-page.js');

const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('content-security-policy', CONTENT_SECURITY_POLICY).send(html);
}

export const reportsRoutes: FastifyPluginAsyncTypebox<HistoryOptions> = async (app, { store }) => {
  app.get(
    LATEST_REPORT_PATH,
    {
      schema: {
        summary: "Redirects to the newest evaluation's HTML report",
        response: { 302: { description: 'To /evaluations/{id}/report', type: 'null' }, 404: ErrorOutput },
      },
    },
    async (_request, reply) => {
      const latest = await store.latest();
      if (!latest) return reply.code(404).send({ detail: 'No evaluation is stored yet: POST /evaluate first' });
      return reply.redirect(reportPath(latest.id), 302);
    },
  );

  app.get(
    '/evaluations/:id/report',
    {
      schema: {
        summary: "One evaluation's HTML report: verdict, drift table, distributions, regression charts",
        params: EvaluationIdParams,
        response: { 200: htmlResponse('A self-contained HTML page'), 404: ErrorOutput, 422: ValidationErrorOutput },
      },
    },
    async (request, reply) => {
      const { renderReportPage } = await reportPage();
      return sendPage(reply, await renderReportPage(await storedEvaluation(store, request.params.id)));
    },
  );

  app.get(
    REPORTS_PATH,
    {
      schema: {
        summary: 'The history page: metrics and drift across evaluations, with links to their reports',
        response: { 200: htmlResponse('A self-contained HTML page') },
      },
    },
    async (_request, reply) => {
      const { renderHistoryPage } = await historyPage();
      const page = await store.list(0, HISTORY_PAGE_EVALUATIONS);
      return sendPage(reply, await renderHistoryPage(page));
    },
  );
};

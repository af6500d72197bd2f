/**
 * The acceptance of the evaluation history, in a real browser: the brief's client bytes for
 * the three weeks go to a running bike-api, which is restarted; each week's report and the
 * history page then open in Chromium with every chart drawn, no console error and no request
 * leaving the page. One screenshot of each page is kept in artefacts/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PERIOD_NAMES } from '../../src/clients/periods.js';
import { FEATURES } from '../../src/model/features.js';
import { DATASET_ZIP, ROOT } from '../helpers/dataset.js';
import { type RunningServer, startService } from '../helpers/service.js';
import { temporaryDirectory } from '../helpers/temporary.js';
import { launchChromium, pixelSpread, skipWithoutChromium, type PageWatch, watchPage } from './chromium.js';

const SCREENSHOTS = join(ROOT, 'artefacts', 'screenshots');
/** Grey-level spread below which a screenshot counts as blank (a white page is 0). */
const MIN_PIXEL_SPREAD = 10;

describe('HTML reports in Chromium, after the brief client\'s three weeks and a restart', { skip: skipWithoutChromium }, () => {
  // Optional: `after` runs even when `before` failed half-way.
  const started: { service?: RunningServer; browser?: Browser } = {};
  const service = (): RunningServer => started.service ?? assert.fail('bike-api did not start');
  const browser = (): Browser => started.browser ?? assert.fail('Chromium did not start');
  const ids: number[] = [];
  before(async () => {
    const dir = temporaryDirectory('bike-reports-');
    const env = { MODEL_PATH: join(dir, 'model.json'), BIKE_SHARING_ZIP: DATASET_ZIP, N_ESTIMATORS: '20', LOG_LEVEL: 'warn' };
    const first = await startService(env);
    try {
      for (const week of PERIOD_NAMES) {
        const body = await readFile(join(ROOT, 'test/fixtures/brief-client', `${week}.json`));
        const response = await fetch(`${first.url}/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = (await response.json()) as { evaluation_id: number; report_url: string };
        assert.equal(response.status, 200);
        assert.equal(answer.report_url, `http://localhost:8080/evaluations/${answer.evaluation_id}/report`);
        ids.push(answer.evaluation_id);
      }
    } finally {
      await first.stop();
    }
    started.service = await startService(env);
    started.browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await started.browser?.close();
    await started.service?.stop();
  });

  /** Opens `path`, checks what every page must satisfy, and keeps a screenshot. */
  async function openPage(path: string, screenshot: string): Promise<{ page: Page; watch: PageWatch }> {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const watch = watchPage(page);
    const response = await page.goto(`${service().url}${path}`);
    assert.equal(response?.status(), 200);
    await page.waitForLoadState('load');
    assert.deepEqual(watch.consoleErrors, []);
    // Only the page itself was requested: no script, font, style or image from anywhere.
    assert.deepEqual(watch.requests, [`${service().url}${path}`]);
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(join(SCREENSHOTS, screenshot), png);
    const spread = await pixelSpread(browser(), png);
    assert.ok(spread > MIN_PIXEL_SPREAD, `the screenshot of ${path} looks blank (grey-level spread ${spread.toFixed(1)})`);
    return { page, watch };
  }

  /** The chart's SVG in a figure, with its text alternative and its titled x and y axes. */
  async function assertChart(page: Page, figureId: string): Promise<void> {
    const svg = page.locator(`#${figureId} svg`);
    assert.equal(await svg.count(), 1, figureId);
    assert.ok(((await svg.getAttribute('aria-label')) ?? '').length > 20, `${figureId} has no text alternative`);
    assert.ok((await page.locator(`#${figureId} svg g.role-axis`).count()) >= 2, `${figureId} lacks its axes`);
    assert.ok((await page.locator(`#${figureId} svg .role-axis-title`).count()) >= 2, `${figureId} lacks its axis titles`);
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, `${figureId} is not drawn at a readable size`);
  }

  for (const [i, week] of PERIOD_NAMES.entries()) {
    it(`shows ${week}'s report with a chart, and its axes, for each of the 11 features`, async () => {
      const { page } = await openPage(`/evaluations/${ids[i]}/report`, `report-${week}.png`);
      assert.equal(await page.locator('h1').textContent(), `Evaluation report: ${week}`);
      assert.equal(await page.locator('#drift-table ~ table tbody tr').count(), 11);
      for (const feature of FEATURES) await assertChart(page, `chart-${feature}`);
      for (const chart of ['chart-cnt', 'chart-prediction', 'chart-predicted-actual', 'chart-error-distribution', 'chart-error-by-hour']) await assertChart(page, chart);
      if (i === PERIOD_NAMES.length - 1) {
        // The README's picture: the top of a report, as a reader first sees it.
        writeFileSync(join(SCREENSHOTS, 'report-top.png'), await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1650 } }));
      }
      await page.close();
    });
  }

  it('lists all three evaluations on /reports after the restart, with the trends and the heatmap', async () => {
    const { page } = await openPage('/reports', 'history.png');
    for (const [i, week] of PERIOD_NAMES.entries()) {
      assert.equal(await page.locator(`a[href="/evaluations/${ids[i]}/report"]`).textContent(), week);
    }
    for (const chart of ['trend-rmse', 'trend-mae', 'trend-r2', 'trend-drift-share', 'drift-heatmap']) await assertChart(page, chart);
    const heatmapText = (await page.locator('#drift-heatmap svg').textContent()) ?? '';
    for (const feature of FEATURES) assert.ok(heatmapText.includes(feature), feature);
    await page.close();
  });
});

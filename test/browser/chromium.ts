/**
 * Debian's Chromium (/usr/bin/chromium, installed by .ci/run), driven by playwright-core:
 * headless, without sandbox (CI runs as root), a fresh profile, and no background traffic of
 * its own, so that every request seen is the page's. Tests are skipped loudly without it.
 */
import { accessSync, constants } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { announceSkip } from '../helpers/skip.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function installed(): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `false` when Chromium is there, else the reason to give `describe(..., { skip })`. */
export const skipWithoutChromium: string | false = installed() ? false : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, as .ci/run does)`;
if (skipWithoutChromium !== false) announceSkip('the browser tests of the HTML reports need Chromium.', skipWithoutChromium);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface PageWatch {
  readonly consoleErrors: string[];
  /** Every request the page made, by URL. */
  readonly requests: string[];
}

/** Records the console errors, uncaught errors and requests of a page. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { consoleErrors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(error.message));
  page.on('request', (request) => watch.requests.push(request.url()));
  return watch;
}

/**
 * Standard deviation of the grey level of a PNG's pixels, decoded by the browser itself: near 0
 * for a blank (single-colour) image.
 */
export async function pixelSpread(browser: Browser, png: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    // Runs in the page (no DOM types here): the image decoded onto a canvas, its pixels read back.
    return await page.evaluate<number>(`(async () => {
      const image = new Image();
      image.src = 'data:image/png;base64,${png.toString('base64')}';
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < data.length; i += 4) {
        const grey = (data[i] + data[i + 1] + data[i + 2]) / 3;
        sum += grey;
        squares += grey * grey;
      }
      const pixels = data.length / 4;
      const mean = sum / pixels;
      return Math.sqrt(squares / pixels - mean * mean);
    })()`);
  } finally {
    await page.close();
  }
}

// Printing a product page: a one-page product sheet with the main photo,
// stars, certificate, the producer's contacts and the QR code, and nothing
// for moving around the site.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactDir, newContext } from './lib.mjs';
import { page as named } from './pages.mjs';

/** Shown on paper. */
const PRINTED = ['.main-photo img', '.product-rating', '.certificate', '.contact', 'figure.qr svg', 'h1'];
/** Left off paper (those present on the page). */
const HIDDEN = ['.site-header', '.site-footer', '.breadcrumbs', '.skip-link', '.header-search', 'main > section', '.shop-links'];

/** Pages of a PDF made by Chromium (each page is one uncompressed /Type /Page object). */
function pdfPages(bytes) {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
}

export async function run({ browser, cfg, reporter }) {
  await reporter.check('print: a product page prints as one clean A4 sheet', async (fail) => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(new URL(named('product').path, cfg.baseUrl).href);
    await page.waitForLoadState('networkidle');
    await page.emulateMedia({ media: 'print' });
    const state = await page.evaluate(
      ({ printed, hidden }) => {
        const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
        return {
          missing: printed.filter((css) => !shown(document.querySelector(css))),
          visible: hidden.filter((css) => [...document.querySelectorAll(css)].some(shown)),
        };
      },
      { printed: PRINTED, hidden: HIDDEN },
    );
    for (const css of state.missing) fail(`${css} is not printed`);
    for (const css of state.visible) fail(`${css} is printed but should not be`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(artifactDir(cfg, 'print'), 'product.pdf'), pdf);
    const pages = pdfPages(pdf);
    if (pages !== 1) fail(`the product sheet prints on ${pages} pages, not 1`);
    await context.close();
  });
}

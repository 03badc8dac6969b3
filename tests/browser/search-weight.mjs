// Bytes a phone downloads for searching: the first search (engine, index,
// first results with their thumbnails) and each later one. Run on the
// example by `cargo test` and on a national-scale catalogue by
// `cargo bench --bench national -- --browser`.

import { kb, newContext } from './lib.mjs';
import { SEARCH_BUDGET, VIEWPORTS } from './pages.mjs';

const PATH = 'tim-kiem/';

async function settled(page) {
  await page.waitForFunction(() => {
    const status = document.querySelector('.search-status')?.textContent || '';
    return status && !status.startsWith('Đang tìm');
  });
  await page.waitForLoadState('networkidle');
}

async function type(page, text) {
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially(text, { delay: 15 });
  // The status names the query only once its results are drawn: waiting
  // for that (not just for a status) counts the engine and index that the
  // first search loads, then network idle counts the result fragments.
  await page.waitForFunction((query) => {
    const status = document.querySelector('.search-status')?.textContent || '';
    return status.includes(`“${query}”`);
  }, text, { timeout: 30000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

async function open(page, cfg) {
  await page.goto(new URL(PATH, cfg.baseUrl).href);
  await settled(page);
}

export async function run({ browser, cfg, reporter }) {
  await reporter.check(`search weight: first search ≤ ${kb(SEARCH_BUDGET.first)}, later ≤ ${kb(SEARCH_BUDGET.later)}`, async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // Pagefind fetches its index from a web worker, whose requests a CDP
    // session of the page does not see; Playwright reports them on the page.
    // Sizes are as transferred (compressed bodies plus headers).
    let bytes = 0;
    let pending = [];
    page.on('requestfinished', (request) => {
      pending.push(request.sizes().then((s) => {
        bytes += s.responseBodySize + s.responseHeadersSize;
      }).catch(() => {}));
    });
    const counted = async () => {
      await Promise.all(pending);
      pending = [];
      return bytes;
    };
    await open(page, cfg);
    const pageBytes = await counted();
    bytes = 0;
    await type(page, SEARCH_BUDGET.queries[0]);
    const first = await counted();
    const later = [];
    for (const query of SEARCH_BUDGET.queries.slice(1)) {
      bytes = 0;
      await type(page, query);
      later.push(await counted());
    }
    reporter.report(`search page ${kb(pageBytes)}; first search "${SEARCH_BUDGET.queries[0]}" ${kb(first)}; later ${SEARCH_BUDGET.queries.slice(1).map((q, i) => `"${q}" ${kb(later[i])}`).join(', ')}`);
    if (first > SEARCH_BUDGET.first) fail(`first search cost ${kb(first)}`);
    for (const [i, b] of later.entries()) {
      if (b > SEARCH_BUDGET.later) fail(`search "${SEARCH_BUDGET.queries[i + 1]}" cost ${kb(b)}`);
    }
    await context.close();
  });
}

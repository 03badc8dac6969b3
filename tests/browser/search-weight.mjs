// Bytes a phone downloads for searching: the first search (engine, index,
// first results with their thumbnails) and each later one. Run on the
// example by `cargo test` and on a national-scale catalogue by
// `cargo bench --bench national -- --browser`.

import { kb, newContext } from './lib.mjs';
import { SEARCH_BUDGET, VIEWPORTS } from './pages.mjs';

const PATH = 'tim-kiem/';

// What a request is, for the breakdown of a search's bytes.
function kind(url) {
  const path = new URL(url).pathname;
  if (path.endsWith('.pf_meta')) return 'metadata';
  if (path.includes('/wasm.') || path.endsWith('.wasm')) return 'WebAssembly';
  if (path.endsWith('.js')) return 'scripts';
  if (path.endsWith('.pf_index')) return 'index chunks';
  if (path.endsWith('.pf_filter')) return 'filters';
  if (path.endsWith('.pf_fragment')) return 'fragments';
  if (/\.(webp|jpe?g|png|avif|svg)$/.test(path)) return 'images';
  return 'other';
}

// "metadata 61.2 kB, scripts 2× 30.1 kB, …", largest first.
function breakdown(requests) {
  const kinds = new Map();
  for (const { url, size } of requests) {
    const k = kind(url);
    const [count, total] = kinds.get(k) || [0, 0];
    kinds.set(k, [count + 1, total + size]);
  }
  return [...kinds].sort((a, b) => b[1][1] - a[1][1])
    .map(([k, [count, total]]) => `${k} ${count > 1 ? `${count}× ` : ''}${kb(total)}`).join(', ');
}

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
    let requests = [];
    page.on('requestfinished', (request) => {
      pending.push(request.sizes().then((s) => {
        const size = s.responseBodySize + s.responseHeadersSize;
        bytes += size;
        requests.push({ url: request.url(), size });
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
    requests = [];
    await type(page, SEARCH_BUDGET.queries[0]);
    const first = await counted();
    const firstParts = breakdown(requests);
    const later = [];
    for (const query of SEARCH_BUDGET.queries.slice(1)) {
      bytes = 0;
      await type(page, query);
      later.push(await counted());
    }
    reporter.report(`search page ${kb(pageBytes)}; first search "${SEARCH_BUDGET.queries[0]}" ${kb(first)} (${firstParts}); later ${SEARCH_BUDGET.queries.slice(1).map((q, i) => `"${q}" ${kb(later[i])}`).join(', ')}`);
    if (first > SEARCH_BUDGET.first) fail(`first search cost ${kb(first)}`);
    for (const [i, b] of later.entries()) {
      if (b > SEARCH_BUDGET.later) fail(`search "${SEARCH_BUDGET.queries[i + 1]}" cost ${kb(b)}`);
    }
    await context.close();
  });
}

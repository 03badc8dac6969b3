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
  const index = path.match(/\/search-index\/(?:[\w-]+\/([wrf])\/[0-9a-f]+\.bin|([\w-]+)\.json|runtime\.js)$/);
  if (index) {
    if (index[1]) return { w: 'word chunks', r: 'result bundles', f: 'filter columns' }[index[1]];
    return index[2] ? 'entry' : 'runtime';
  }
  if (path.endsWith('.js')) return 'scripts';
  if (/\.(webp|jpe?g|png|avif|svg)$/.test(path)) return 'images';
  return 'other';
}

// Whether a request is for a file of the search index (its runtime included).
const isIndex = (url) => new URL(url).pathname.includes('/search-index/');

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
  // first search loads, then network idle counts the result bundles.
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
  await reporter.check(`search weight: first search ≤ ${kb(SEARCH_BUDGET.first)} (index files ≤ ${kb(SEARCH_BUDGET.indexFirst)}), later ≤ ${kb(SEARCH_BUDGET.later)} (≤ ${kb(SEARCH_BUDGET.indexLater)})`, async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.phone, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
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
    const indexBytes = () => requests.filter((r) => isIndex(r.url)).reduce((sum, r) => sum + r.size, 0);
    await open(page, cfg);
    const pageBytes = await counted();
    bytes = 0;
    requests = [];
    await type(page, SEARCH_BUDGET.queries[0]);
    const first = await counted();
    const firstIndex = indexBytes();
    const firstParts = breakdown(requests);
    const later = [];
    for (const query of SEARCH_BUDGET.queries.slice(1)) {
      bytes = 0;
      requests = [];
      await type(page, query);
      later.push([await counted(), indexBytes()]);
    }
    reporter.report(`search page ${kb(pageBytes)}; first search "${SEARCH_BUDGET.queries[0]}" ${kb(first)}, index files ${kb(firstIndex)} (${firstParts}); later ${SEARCH_BUDGET.queries.slice(1).map((q, i) => `"${q}" ${kb(later[i][0])} (index ${kb(later[i][1])})`).join(', ')}`);
    if (first > SEARCH_BUDGET.first) fail(`first search cost ${kb(first)}`);
    if (firstIndex > SEARCH_BUDGET.indexFirst) fail(`first search fetched ${kb(firstIndex)} of index files`);
    for (const [i, [b, index]] of later.entries()) {
      if (b > SEARCH_BUDGET.later) fail(`search "${SEARCH_BUDGET.queries[i + 1]}" cost ${kb(b)}`);
      if (index > SEARCH_BUDGET.indexLater) fail(`search "${SEARCH_BUDGET.queries[i + 1]}" fetched ${kb(index)} of index files`);
    }
    await context.close();
  });
}

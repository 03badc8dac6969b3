// `ocop serve`'s live reload, against a running `ocop serve` (not a built
// site): an edit reloads the open pages once, and the search index that
// follows in the background reloads only the pages that have searched.
//
// Needs OCOP_LIVE_FILE (a product file of the served site, edited and put
// back) and OCOP_LIVE_PAGE (that product's page, relative to the site).

import { readFileSync, writeFileSync } from 'node:fs';
import { eventually, newContext } from './lib.mjs';

/** Keeps each EventSource a page opens within reach of the test. */
function keepEventSources() {
  const Original = window.EventSource;
  window.__ocopEventSources = [];
  window.EventSource = function (url, options) {
    const source = new Original(url, options);
    window.__ocopEventSources.push(source);
    return source;
  };
}

async function textOf(url) {
  const response = await fetch(url);
  return response.ok ? response.text() : `HTTP ${response.status}`;
}

/** Opens `path` and counts its loads from now on. */
async function open(context, cfg, path) {
  const page = await context.newPage();
  await page.goto(new URL(path, cfg.baseUrl).href);
  await page.waitForFunction(() => (window.__ocopEventSources || []).some((s) => s.readyState === 1));
  const counted = { page, loads: 0 };
  page.on('load', () => {
    counted.loads += 1;
  });
  return counted;
}

const searched = () => performance.getEntriesByType('resource').some((r) => r.name.includes('/search-index/'));

export async function run({ browser, cfg, reporter }) {
  const file = process.env.OCOP_LIVE_FILE;
  const productPath = process.env.OCOP_LIVE_PAGE;
  await reporter.check('live: an edit reloads open pages once; the index after it only pages that searched', async (fail) => {
    if (!file || !productPath) {
      fail('OCOP_LIVE_FILE and OCOP_LIVE_PAGE must name a product file and its page');
      return;
    }
    const { context, log } = await newContext(browser);
    await context.addInitScript(keepEventSources);
    const reader = await open(context, cfg, productPath);
    const searcher = await open(context, cfg, 'tim-kiem/?q=banh');
    if (!(await eventually(() => searcher.page.evaluate(searched), 15_000))) {
      fail('the search page loaded nothing of the index');
    }
    // The client's rule first, with an index event of its own on each page.
    const indexEvent = (page) =>
      page.evaluate(() => {
        for (const source of window.__ocopEventSources) {
          source.dispatchEvent(new MessageEvent('index', { data: 'test' }));
        }
      });
    await indexEvent(searcher.page);
    if (!(await eventually(() => searcher.loads === 1, 10_000))) {
      fail('a page that searched did not reload when the index changed');
    }
    await indexEvent(reader.page);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (reader.loads !== 0) fail('a page that never searched reloaded when only the index changed');
    await searcher.page.waitForFunction(() => (window.__ocopEventSources || []).some((s) => s.readyState === 1));

    // Then the server's events, after a real edit.
    const loadsBefore = { reader: reader.loads, searcher: searcher.loads };
    const entryUrl = new URL('search-index/vi.json', cfg.baseUrl).href;
    const indexBefore = await textOf(entryUrl);
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('name: ', 'name: Đổi tên '));
      if (!(await eventually(() => reader.loads > loadsBefore.reader, 30_000))) {
        fail('the product page did not reload after the edit');
      }
      await reader.page.waitForLoadState('load');
      const heading = await reader.page.locator('h1').innerText();
      if (!heading.includes('Đổi tên')) fail(`the reloaded page shows the old name: ${heading}`);
      if (!(await eventually(async () => (await textOf(entryUrl)) !== indexBefore, 60_000))) {
        fail('the search index was not rebuilt after the edit');
      }
      // Which event the index sends is checked on the raw stream by
      // tests/it/serve.rs: here it may come while a page is still reloading.
      if (searcher.loads <= loadsBefore.searcher) fail('the search page did not reload after the edit');
    } finally {
      writeFileSync(file, original);
    }
    for (const error of log.consoleErrors) fail(`console error on ${error.url}: ${error.text}`);
    await context.close();
  });
}

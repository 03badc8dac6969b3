// Search as a consumer does it: typing with or without diacritics, filters,
// the address as the state of a search, the back button, and the bytes a
// phone downloads for its first and later searches.

import { newContext, short } from './lib.mjs';
import { VIEWPORTS } from './pages.mjs';

const PATH = 'tim-kiem/';

/** Opens the search page at `query` (an address query string) and waits
 * for the results (or the no-result message) of that state. */
export async function open(page, cfg, query = '', path = PATH) {
  await page.goto(new URL(`${path}${query}`, cfg.baseUrl).href);
  await settled(page);
}

/** Waits until the status line says the search is done. */
async function settled(page) {
  await page.waitForFunction(() => {
    const status = document.querySelector('.search-status')?.textContent || '';
    return status && !status.startsWith('Đang tìm') && !status.startsWith('Searching');
  });
  await page.waitForLoadState('networkidle');
}

async function titles(page) {
  return page.locator('.search-result .search-title').allInnerTexts();
}

async function type(page, text) {
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially(text, { delay: 15 });
  await page.waitForTimeout(350);
  await settled(page);
}

/** Every query must find a result whose title matches `expect`. */
const MATCHING = [
  { queries: ['nuoc mam', 'nước mắm', 'NUOC MAM', 'nươc mam', 'Nuoc Mam'], expect: /Nước mắm/ },
  { queries: ['dau'], expect: /đậu/ },
  { queries: ['dau'], expect: /dầu/i },
  { queries: ['dong'], producerOrPlace: /Đồng/ },
  { queries: ['Sóc Trăng', 'soc trang'], expect: /Bánh pía/ },
  { queries: ['Hàm Ninh Khải Phát', 'ham ninh'], expect: /Nước mắm/ },
];

export async function run({ browser, cfg, reporter }) {
  for (const { queries, expect, producerOrPlace } of MATCHING) {
    for (const query of queries) {
      const what = expect ? `a title matching ${expect}` : `a result in ${producerOrPlace}`;
      await reporter.check(`search: "${query}" finds ${what}`, async (fail) => {
        const { context, log } = await newContext(browser, { viewport: VIEWPORTS.phone });
        const page = await context.newPage();
        await open(page, cfg);
        await type(page, query);
        if (expect) {
          const found = await titles(page);
          if (!found.some((t) => expect.test(t))) fail(`results: ${JSON.stringify(found.slice(0, 12))}`);
        } else {
          const text = await page.locator('.search-result').allInnerTexts();
          if (!text.some((t) => producerOrPlace.test(t))) fail(`results: ${JSON.stringify(text.slice(0, 6))}`);
        }
        const marks = await page.locator('.search-result .search-title mark').count();
        if (marks === 0) fail('no matching word is highlighted in the titles');
        if (new URL(page.url()).searchParams.get('q') !== query) fail(`the address does not carry the query: ${short(cfg, page.url())}`);
        log.consoleErrors.forEach((e) => fail(`console: ${e.text}`));
        await context.close();
      });
    }
  }

  await reporter.check('search: exact diacritics rank first ("đậu" before "dầu", "dầu" before "đậu")', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await open(page, cfg, '?q=%C4%91%E1%BA%ADu');
    const first = (await titles(page))[0] || '';
    if (!/đậu/.test(first)) fail(`first result for "đậu": ${first}`);
    await open(page, cfg, '?q=d%E1%BA%A7u');
    const other = (await titles(page))[0] || '';
    if (!/dầu/i.test(other)) fail(`first result for "dầu": ${other}`);
    await context.close();
  });

  await reporter.check('search: filters alone list products, with counts and the state in the address', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    await open(page, cfg);
    await page.locator('#f-tinh').selectOption('An Giang');
    await settled(page);
    const url = new URL(page.url());
    if (url.searchParams.get('tinh') !== 'An Giang') fail(`address: ${short(cfg, page.url())}`);
    const count = await page.locator('.search-result').count();
    if (count === 0) fail('no product listed for the province filter alone');
    const places = await page.locator('.search-result .search-meta').allInnerTexts();
    if (!places.every((p) => /An Giang|Kiên Giang/.test(p) || /★/.test(p) || /\d/.test(p))) fail(`results outside An Giang: ${places}`);
    // Without a query, products come in the catalogue's Vietnamese order,
    // the order of the province's own page, then producers.
    const listed = await titles(page);
    const province = await context.newPage();
    await province.goto(new URL('tinh/an-giang/', cfg.baseUrl).href);
    const catalogue = await province.locator('.card-title').allInnerTexts();
    await province.close();
    if (listed.slice(0, catalogue.length).join('|') !== catalogue.join('|')) {
      fail(`filter-only order ${listed} differs from the province page's ${catalogue}`);
    }
    await page.locator('input[name="sao"][value="5"]').check();
    await settled(page);
    const fives = await page.locator('.search-result').count();
    if (fives === 0 || fives > count) fail(`5-star filter gave ${fives} of ${count}`);
    const labels = await page.locator('#f-nhom option').allInnerTexts();
    if (!labels.some((l) => /\(\d+\)$/.test(l))) fail('no live counts beside the groups');
    // The back button returns to the province alone.
    await page.goBack();
    await settled(page);
    if (new URL(page.url()).searchParams.get('sao')) fail('back did not drop the star filter');
    if (!(await page.locator('input[name="sao"][value=""]').isChecked())) fail('back did not restore the form');
    if ((await page.locator('.search-result').count()) !== count) fail('back did not restore the results');
    await context.close();
  });

  await reporter.check('search (English pages): plural and singular find each other', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    for (const query of ['teas', 'tea', 'Teas']) {
      await open(page, cfg, `?q=${encodeURIComponent(query)}`, `en/${PATH}`);
      const found = await titles(page);
      for (const title of ['Hook-shaped green tea', 'Tan Cuong special bud tea']) {
        if (!found.includes(title)) fail(`"${query}" misses "${title}": ${JSON.stringify(found)}`);
      }
    }
    await context.close();
  });

  await reporter.check('search: a shared address reproduces the search', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await open(page, cfg, '?q=nuoc+mam&sao=5');
    if ((await page.locator('#q').inputValue()) !== 'nuoc mam') fail('the query box was not filled');
    if (!(await page.locator('input[name="sao"][value="5"]').isChecked())) fail('the star filter was not set');
    const found = await titles(page);
    if (!found.length || !found.every((t) => /Nước mắm/.test(t))) fail(`results: ${found}`);
    await context.close();
  });

  await reporter.check('search: "more results" shows only when there are more', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    await open(page, cfg, '?q=nuoc+mam');
    const count = await page.locator('.search-result').count();
    if (count === 0 || count >= 10) fail(`expected a few results for nuoc mam, got ${count}`);
    // A `display` rule on .button once beat the hidden attribute.
    if (await page.locator('.search-more').isVisible()) fail(`"more results" shown under ${count} results`);
    await context.close();
  });

  await reporter.check('search: no result offers to drop the filters', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    await open(page, cfg, '?q=nuoc+mam&tinh=H%C3%A0+N%E1%BB%99i');
    if ((await page.locator('.search-result').count()) !== 0) fail('expected no result for fish sauce in Hà Nội');
    const drop = page.locator('.search-suggestions button', { hasText: 'Bỏ lọc tỉnh' });
    if ((await drop.count()) !== 1) fail('no button to drop the province filter');
    else {
      await drop.click();
      await settled(page);
      if ((await page.locator('.search-result').count()) === 0) fail('dropping the filter brought no results');
      if (new URL(page.url()).searchParams.get('tinh')) fail('the address still has the province');
    }
    await context.close();
  });

  await reporter.check('search: producers are searchable, and a result leads to its page', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await open(page, cfg, '?q=hop+tac+xa&loai=Ch%E1%BB%A7+th%E1%BB%83');
    const meta = await page.locator('.search-result .search-meta').allInnerTexts();
    if (!meta.length || !meta.every((m) => m.startsWith('Chủ thể'))) fail(`producer results: ${meta}`);
    const first = page.locator('.search-result a').first();
    const href = await first.getAttribute('href');
    await Promise.all([page.waitForURL((u) => u.pathname === new URL(href, page.url()).pathname), first.click()]);
    if (!/\/chu-the\//.test(page.url())) fail(`the result led to ${short(cfg, page.url())}`);
    await context.close();
  });

  await reporter.check('search (English pages): English names, English pages, and Vietnamese names still find', async (fail) => {
    const { context, log } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    for (const query of ['green tea', 'che moc cau']) {
      await open(page, cfg, `?q=${encodeURIComponent(query)}`, `en/${PATH}`);
      const results = page.locator('.search-result', { hasText: 'Hook-shaped green tea' });
      if ((await results.count()) === 0) {
        fail(`"${query}" on the English search page: ${JSON.stringify(await titles(page))}`);
        continue;
      }
      // The producer and the group as the English pages name them.
      const text = (await results.first().locator('.search-meta').allInnerTexts()).join(' · ');
      if (!text.includes('Tan Huong Tea Cooperative')) fail(`"${query}": producer not in English: ${text}`);
      if (!text.includes('Fresh and processed tea')) fail(`"${query}": group not in English: ${text}`);
      if (text.includes('Hợp tác xã')) fail(`"${query}": Vietnamese producer name shown: ${text}`);
      const hrefs = await page.locator('.search-result a').evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
      const vietnamese = hrefs.filter((h) => !h.startsWith('/en/'));
      if (vietnamese.length) fail(`"${query}": results leading off the English pages: ${vietnamese}`);
    }
    const first = page.locator('.search-result a').first();
    const href = await first.getAttribute('href');
    await Promise.all([page.waitForURL((u) => u.pathname === new URL(href, page.url()).pathname), first.click()]);
    if ((await page.locator('html').getAttribute('lang')) !== 'en') fail(`the result led to ${short(cfg, page.url())}, not an English page`);
    // The Vietnamese pages keep their own index: Vietnamese names, Vietnamese pages.
    await open(page, cfg, '?q=che+moc+cau');
    const found = await titles(page);
    if (!found.includes('Chè móc câu')) fail(`"che moc cau" on the Vietnamese search page: ${JSON.stringify(found)}`);
    if (found.includes('Hook-shaped green tea')) fail('the Vietnamese search page shows English names');
    const links = await page.locator('.search-result a').evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
    if (links.some((h) => h.startsWith('/en/'))) fail(`Vietnamese results lead to English pages: ${links}`);
    log.consoleErrors.forEach((e) => fail(`console: ${e.text}`));
    await context.close();
  });

  await reporter.check('search: the header box of every page searches (wide screens)', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await page.goto(new URL('tinh/', cfg.baseUrl).href);
    await page.locator('#header-q').fill('mat ong');
    await Promise.all([page.waitForURL(/tim-kiem\/\?q=mat\+ong/), page.locator('#header-q').press('Enter')]);
    await settled(page);
    if ((await page.locator('.search-result').count()) === 0) fail('no results for "mat ong" from the header box');
    await context.close();
  });
}

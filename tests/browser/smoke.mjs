// Consumer smoke tests: what a visitor does on the catalogue, in a browser.

import { newContext, short } from './lib.mjs';
import { page as named, VIEWPORTS } from './pages.mjs';

/** Main navigation: link text and the page it leads to. */
const NAV = [
  { label: 'Tỉnh, thành', path: 'tinh/' },
  { label: 'Nhóm sản phẩm', path: 'nhom/' },
  { label: 'Hạng sao', path: 'sao/' },
  { label: 'Chủ thể', path: 'chu-the/' },
];

/** Problems the browser logged: console errors and failed local requests,
 * less those `expected` allows (a predicate on the URL). */
function logged(cfg, log, expected = () => false) {
  const problems = [];
  for (const { text, url } of log.consoleErrors) {
    if (!expected(url)) problems.push(`console error on ${short(cfg, url)}: ${text}`);
  }
  for (const { url, status } of log.badResponses) {
    if (!expected(url)) problems.push(`HTTP ${status} for ${short(cfg, url)}`);
  }
  for (const failure of log.failedRequests) problems.push(`request failed: ${failure}`);
  return problems;
}

export async function run({ browser, cfg, reporter }) {
  const url = (path) => new URL(path, cfg.baseUrl).href;

  await reporter.check('smoke: home page shows product cards', async (fail) => {
    const { context, log } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const response = await page.goto(url(named('home').path));
    if (response.status() !== 200) fail(`home page answered ${response.status()}`);
    const cards = await page.locator('article.card a.card-link').count();
    if (cards === 0) fail('no product card (article.card a.card-link) on the home page');
    if ((await page.locator('h1').count()) !== 1) fail('the home page should have one h1');
    const styled = await page.evaluate(
      () => getComputedStyle(document.querySelector('.site-header')).backgroundColor,
    );
    if (!styled || styled === 'rgba(0, 0, 0, 0)') fail('the stylesheet did not apply to .site-header');
    await page.waitForLoadState('networkidle');
    logged(cfg, log).forEach(fail);
    await context.close();
  });

  await reporter.check('smoke: a card leads to its product page', async (fail) => {
    const { context, log } = await newContext(browser, { viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await page.goto(url(named('home').path));
    const card = page.locator('article.card a.card-link').first();
    const title = (await card.locator('.card-title').innerText()).trim();
    const href = await card.getAttribute('href');
    await Promise.all([page.waitForURL((u) => u.href === new URL(href, page.url()).href), card.click()]);
    const h1 = page.locator('h1');
    if ((await h1.count()) !== 1) {
      fail(`product page ${short(cfg, page.url())} has ${await h1.count()} h1 elements`);
    } else if ((await h1.innerText()).trim() !== title) {
      fail(`product page h1 "${(await h1.innerText()).trim()}" is not the card's title "${title}"`);
    }
    const badge = page.locator('.product-rating [role="img"]');
    if ((await badge.count()) === 0) {
      fail('no star badge (.product-rating [role=img]) on the product page');
    } else {
      const label = (await badge.first().getAttribute('aria-label')) || '';
      if (!label.includes('sao OCOP')) fail(`star badge aria-label "${label}" lacks "sao OCOP"`);
    }
    const crumbs = page.locator('nav.breadcrumbs li');
    const count = await crumbs.count();
    if (count < 2) {
      fail(`breadcrumb has ${count} items`);
    } else {
      const home = await crumbs.first().locator('a').getAttribute('href');
      if (new URL(home, page.url()).href !== cfg.baseUrl) fail(`first breadcrumb links to ${home}, not home`);
      const current = await crumbs.last().locator('[aria-current="page"]').innerText();
      if (current.trim() !== title) fail(`last breadcrumb "${current}" is not the product "${title}"`);
      // The crumbs lead somewhere: follow the province one.
      const province = crumbs.nth(1).locator('a');
      const provinceName = (await province.innerText()).trim();
      await Promise.all([page.waitForURL(/\/tinh\//), province.click()]);
      const heading = (await page.locator('h1').innerText()).trim();
      if (!heading.includes(provinceName)) fail(`breadcrumb "${provinceName}" led to a page titled "${heading}"`);
    }
    await page.waitForLoadState('networkidle');
    logged(cfg, log).forEach(fail);
    await context.close();
  });

  await reporter.check('smoke: main navigation links work', async (fail) => {
    const { context, log } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    for (const { label, path } of NAV) {
      await page.goto(url(named('home').path));
      const link = page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: label, exact: true });
      if ((await link.count()) !== 1) {
        fail(`main navigation has ${await link.count()} links named "${label}"`);
        continue;
      }
      const [response] = await Promise.all([page.waitForNavigation(), link.click()]);
      if (page.url() !== url(path)) fail(`"${label}" led to ${short(cfg, page.url())}, expected /${path}`);
      if (response?.status() !== 200) fail(`"${label}" page answered ${response?.status()}`);
      if ((await page.locator('main h1').count()) !== 1) fail(`"${label}" page has no single h1 in main`);
      const current = await page
        .getByRole('navigation', { name: 'Danh mục chính' })
        .getByRole('link', { name: label, exact: true })
        .getAttribute('aria-current');
      if (!current) fail(`"${label}" is not marked aria-current on its own page`);
      // Its listing leads on: the first link in main goes to a page that loads.
      const first = page.locator('main a[href]').first();
      if ((await first.count()) === 1) {
        const [next] = await Promise.all([page.waitForNavigation(), first.click()]);
        if (next?.status() !== 200) fail(`first link on "${label}" page (${short(cfg, page.url())}) answered ${next?.status()}`);
      }
    }
    await page.waitForLoadState('networkidle');
    logged(cfg, log).forEach(fail);
    await context.close();
  });

  await reporter.check('smoke: on a 360-px phone the header is at most 120 px high, and every destination is reachable by keyboard', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    for (const name of ['home', 'product', 'province', 'search', 'en-home', 'en-search']) {
      await page.goto(url(named(name).path));
      const height = await page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height);
      if (height > 120) fail(`${name}: the header is ${height} px high`);
    }
    // Tabbing from the top reaches the title, the search link, the
    // language and every section, each brought into view when focused.
    await page.goto(url(named('home').path));
    const wanted = new Set(['brand', 'search', 'language', ...NAV.map((n) => n.label)]);
    for (let step = 0; step < 12 && wanted.size; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        const what = el.classList.contains('brand') ? 'brand'
          : el.classList.contains('header-search-link') ? 'search'
          : el.classList.contains('language-switch') ? 'language'
          : el.closest('.site-nav') ? el.textContent.trim() : '';
        return { what, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
      });
      if (!wanted.has(focused.what)) continue;
      wanted.delete(focused.what);
      if (focused.left < 0 || focused.right > VIEWPORTS.phone.width + 0.5 || focused.bottom > 120) {
        fail(`"${focused.what}" is focused out of view: ${JSON.stringify(focused)}`);
      }
    }
    if (wanted.size) fail(`not reached by Tab from the top: ${[...wanted].join(', ')}`);
    // The search link leads to the search page, ready to type in.
    await Promise.all([page.waitForURL(/tim-kiem\/#q$/), page.locator('.header-search-link').click()]);
    if ((await page.evaluate(() => document.activeElement?.id)) !== 'q') fail('the search box is not focused after the header link');
    await page.keyboard.type('mat ong');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.search-result').length > 0);
    await context.close();
  });

  await reporter.check('smoke: pagination "Sau ›" pages through a star level', async (fail) => {
    const { context, log } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const start = url(named('stars').path);
    await page.goto(start);
    const firstPage = await page.locator('.card-title').allInnerTexts();
    const next = page.getByRole('link', { name: 'Sau ›' });
    if ((await next.count()) !== 1) {
      fail(`expected one "Sau ›" link on /${named('stars').path}, found ${await next.count()}`);
      await context.close();
      return;
    }
    await Promise.all([page.waitForNavigation(), next.click()]);
    if (page.url() !== url(`${named('stars').path}trang/2/`)) fail(`"Sau ›" led to ${short(cfg, page.url())}`);
    const secondPage = await page.locator('.card-title').allInnerTexts();
    if (secondPage.length === 0) fail('page 2 shows no product');
    const repeated = secondPage.filter((t) => firstPage.includes(t));
    if (repeated.length) fail(`page 2 repeats products of page 1: ${repeated.join(', ')}`);
    const current = await page.locator('.pagination [aria-current="page"]').innerText().catch(() => '');
    if (current.trim() !== '2') fail(`pagination marks "${current}" as current on page 2`);
    const prev = page.getByRole('link', { name: '‹ Trước' });
    await Promise.all([page.waitForNavigation(), prev.click()]);
    if (page.url() !== start) fail(`"‹ Trước" led to ${short(cfg, page.url())}, not back to page 1`);
    logged(cfg, log).forEach(fail);
    await context.close();
  });

  await reporter.check('smoke: an unknown address gets the 404 page', async (fail) => {
    const { context, log } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const missing = url(named('not-found').path);
    const response = await page.goto(missing);
    if (response.status() !== 404) fail(`unknown address answered ${response.status()}, not 404`);
    const h1 = (await page.locator('h1').innerText().catch(() => '')).trim();
    if (!h1.includes('Không tìm thấy')) fail(`404 page h1 is "${h1}"`);
    const home = page.getByRole('link', { name: 'Về trang chủ' });
    if ((await home.count()) !== 1) {
      fail('404 page has no "Về trang chủ" link');
    } else {
      await Promise.all([page.waitForNavigation(), home.click()]);
      if (page.url() !== cfg.baseUrl) fail(`"Về trang chủ" led to ${short(cfg, page.url())}`);
    }
    await page.waitForLoadState('networkidle');
    // The browser logs the 404 of the page itself; nothing else may fail.
    logged(cfg, log, (u) => u === missing).forEach(fail);
    await context.close();
  });
}

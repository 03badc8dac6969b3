// Search results as a consumer reads them, on any catalogue: the count
// beside each filter option is the number of results choosing it gives,
// and excerpts quote the result's own description. OCOP_SEARCH_QUERIES
// (a JSON list of address queries, such as "?q=tra&sao=4") names the
// searches; the default suits the bundled example.

import { newContext, short } from './lib.mjs';
import { VIEWPORTS } from './pages.mjs';
import { open } from './search.mjs';

const EXAMPLE = ['?q=nuoc+mam', '?q=tra', '?q=mat+ong&sao=4', '?q=banh&tinh=C%E1%BA%A7n+Th%C6%A1', '?tinh=An+Giang'];

/** The number of results the status line reports (the list shows a page of them). */
async function total(page) {
  const status = (await page.locator('.search-status').textContent()) || '';
  const digits = status.match(/^[\d.,]+/);
  return digits ? Number(digits[0].replace(/[.,]/g, '')) : 0;
}

/** The options of a filter with the count beside each: [value, count, disabled]. */
async function options(page, name) {
  return page.locator(`[name="${name}"] option[data-count], input[name="${name}"][data-count]`).evaluateAll((fields) =>
    fields.map((field) => {
      const text = field.tagName === 'OPTION' ? field.textContent : field.closest('label').querySelector('.option-count').textContent;
      return [field.value, Number((text.match(/\(([\d.,]+)\)\s*$/) || [0, '-1'])[1].replace(/[.,]/g, '')), field.disabled];
    }),
  );
}

export async function run({ browser, cfg, reporter }) {
  const queries = process.env.OCOP_SEARCH_QUERIES ? JSON.parse(process.env.OCOP_SEARCH_QUERIES) : EXAMPLE;
  // Each count beside an option is the number of results choosing it gives,
  // with a query, with other filters, and with a filter of its own kind chosen.
  for (const query of queries) {
    await reporter.check(`search: the counts beside the options are the results they give (${query})`, async (fail) => {
      const { context } = await newContext(browser, { viewport: VIEWPORTS.desktop });
      const page = await context.newPage();
      await open(page, cfg, query);
      const shown = await total(page);
      if (shown === 0) fail(`no result for ${query}`);
      for (const name of ['tinh', 'nhom', 'sao']) {
        const listed = await options(page, name);
        const counted = listed.filter(([, count]) => count > 0);
        if (!counted.length) fail(`${name}: every option reads zero for ${query}`);
        const chosen = new URLSearchParams(query).get(name);
        for (const [value, count, disabled] of listed) {
          if (count < 0) fail(`${name}=${value}: no count shown`);
          if (count === 0 && !disabled && value !== chosen) fail(`${name}=${value}: an option with no result can be chosen`);
          if (count > 0 && disabled) fail(`${name}=${value}: an option with ${count} results is disabled`);
        }
        // Choosing an option (a few per filter, to keep the test short).
        for (const [value, count] of counted.slice(0, 2)) {
          const params = new URLSearchParams(query.slice(1));
          params.set(name, value);
          const check = await context.newPage();
          await open(check, cfg, `?${params}`);
          const got = await total(check);
          if (got !== count) fail(`${query}: ${name}=${value} reads (${count}) but gives ${got} results`);
          await check.close();
        }
      }
      await context.close();
    });
  }

  await reporter.check('search: excerpts quote the description, with the matched words marked', async (fail) => {
    const { context } = await newContext(browser, { viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    let marked = 0;
    for (const query of queries.map((q) => new URLSearchParams(q.slice(1)).get('q')).filter(Boolean)) {
      await open(page, cfg, `?q=${encodeURIComponent(query)}`);
      const results = await page.locator('.search-result').evaluateAll((items) =>
        items.map((item) => ({
          href: item.querySelector('a').href,
          meta: [...item.querySelectorAll('.search-meta')].map((m) => m.textContent),
          excerpt: item.querySelector('.search-excerpt')?.textContent || '',
          marks: item.querySelectorAll('.search-excerpt mark').length,
        })),
      );
      for (const result of results.slice(0, 6)) {
        marked += result.marks;
        const excerpt = result.excerpt.replace(/…/g, ' ').replace(/\s+/g, ' ').trim();
        if (!excerpt) continue;
        // The producer's own words: a run of the description on the
        // result's page (its `.prose` section), so nothing the index adds
        // for matching (d spellings, the producer, places and category
        // it repeats) and no card field unless the description says it.
        const target = await context.newPage();
        await target.goto(result.href);
        const body = (await target.locator('main .prose').allInnerTexts()).join(' ').replace(/\s+/g, ' ');
        await target.close();
        const cardOnly = result.meta
          .join(' · ')
          .split(' · ')
          .map((p) => p.trim())
          .filter((p) => p.length > 12 && !body.includes(p));
        for (const part of cardOnly) {
          if (excerpt.includes(part)) fail(`"${query}": the excerpt repeats the card's "${part}": ${excerpt}`);
        }
        if (!body.includes(excerpt)) fail(`"${query}": the excerpt is not text of the description on ${short(cfg, result.href)}: ${excerpt}`);
      }
    }
    if (marked === 0) fail('no excerpt marks a matched word');
    await context.close();
  });
}

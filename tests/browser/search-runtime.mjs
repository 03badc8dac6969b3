// The search runtime (src/search/runtime.js) on a built site's index, in
// Node without a browser: what it finds, in which order, and that every
// count beside a filter option is the number of results choosing it gives.
//
//     node tests/browser/search-runtime.mjs <output folder>
//
// Prints one line per check; exits non-zero when one fails.

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const output = process.argv[2];
if (!output) throw new Error('usage: node search-runtime.mjs <output folder>');

// The runtime fetches its files beside itself: here, from the disk.
globalThis.fetch = async (url) => {
  try {
    return new Response(await readFile(new URL(url)), { status: 200 });
  } catch {
    return new Response('', { status: 404 });
  }
};

const runtime = await import(pathToFileURL(`${output}/search-index/runtime.js`).href);
const vi = await runtime.open('vi');
const en = await runtime.open('en');

let failures = 0;
async function check(name, body) {
  const problems = [];
  try {
    await body((message) => problems.push(message));
  } catch (error) {
    problems.push(`threw ${error.stack || error}`);
  }
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`);
  for (const problem of problems) console.log(`     ${problem}`);
  failures += problems.length ? 1 : 0;
}

const fold = (text) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
const titles = async (found, count = found.results.length) =>
  Promise.all(found.results.slice(0, count).map(async (r) => (await r.data()).meta.title));

await check('a query is cut and folded as the index is', (fail) => {
  const words = runtime.words('Nước  mắm, NU\u031bO\u031B\u0301C-dau');
  const expected = [
    { key: 'nuoc', form: 'nước' },
    { key: 'mam', form: 'mắm' },
    { key: 'nuoc', form: 'nước' },
    { key: 'dau', form: null },
  ];
  if (JSON.stringify(words) !== JSON.stringify(expected)) fail(JSON.stringify(words));
  if (runtime.words(' ,.; ').length !== 0) fail('punctuation alone made words');
});

await check('every result has every word of the query, with or without diacritics', async (fail) => {
  const plain = await vi.search('nuoc mam');
  if (!plain.results.length) fail('nothing found for "nuoc mam"');
  for (const query of ['nước mắm', 'NUOC MAM', 'nươc mam']) {
    const other = await vi.search(query);
    const ids = (found) => found.results.map((r) => r.id).sort().join();
    if (ids(other) !== ids(plain)) fail(`"${query}" found other records than "nuoc mam"`);
  }
  for (const result of plain.results) {
    const data = await result.data();
    const text = fold(JSON.stringify(data.meta));
    if (!text.includes('nuoc') || !text.includes('mam')) fail(`${data.url} does not say "nuoc mam"`);
  }
});

await check('names rank above descriptions, exact diacritics above others', async (fail) => {
  const [first] = await titles(await vi.search('nuoc mam'), 1);
  if (!/nước mắm/i.test(first)) fail(`first for "nuoc mam": ${first}`);
  const [dau] = await titles(await vi.search('đậu'), 1);
  if (!/đậu/i.test(dau)) fail(`first for "đậu": ${dau}`);
  const [oil] = await titles(await vi.search('dầu'), 1);
  if (!/dầu/i.test(oil)) fail(`first for "dầu": ${oil}`);
});

await check('a word being typed finds what the whole word finds', async (fail) => {
  const whole = await vi.search('nuoc');
  const typing = await vi.search('nuo');
  const ids = new Set(typing.results.map((r) => r.id));
  const missing = whole.results.filter((r) => !ids.has(r.id));
  if (missing.length) fail(`"nuo" misses ${missing.length} of the records "nuoc" finds`);
  if (typing.results[0]?.id !== whole.results[0]?.id) fail('"nuo" ranks another record first');
});

await check('English: an ending does not hide a word ("teas", "tea")', async (fail) => {
  for (const query of ['teas', 'tea', 'Teas']) {
    const found = await titles(await en.search(query));
    if (!found.some((t) => /\btea\b/i.test(t))) fail(`"${query}": ${JSON.stringify(found)}`);
  }
});

await check('without a query, every record in catalogue order', async (fail) => {
  const all = await vi.search('');
  if (all.results.length !== vi.entry.records) fail(`${all.results.length} of ${vi.entry.records} records`);
  if (!all.results.every((r, at) => r.id === at)) fail('not in catalogue order');
  const kinds = Object.values(all.counts.loai).reduce((a, b) => a + b, 0);
  if (kinds !== vi.entry.records) fail(`kind counts sum to ${kinds}`);
});

await check('each count is what choosing its option gives', async (fail) => {
  for (const [query, filters] of [['', {}], ['mat ong', {}], ['', { sao: '4' }], ['', { tinh: 'An Giang', loai: 'Sản phẩm' }]]) {
    const found = await vi.search(query, filters);
    for (const filter of vi.entry.filters) {
      for (const value of filter.values) {
        const chosen = await vi.search(query, { ...filters, [filter.name]: value });
        const count = found.counts[filter.name][value];
        if (count !== chosen.results.length) {
          fail(`"${query}" ${JSON.stringify(filters)}: ${filter.name}=${value} counted ${count}, gives ${chosen.results.length}`);
        }
      }
    }
  }
});

await check('a filter keeps only its value; an unknown value matches nothing', async (fail) => {
  const found = await vi.search('', { tinh: 'An Giang' });
  if (!found.results.length) fail('nothing in An Giang');
  const column = (await vi.columns()).tinh;
  const code = vi.entry.filters.find((f) => f.name === 'tinh').values.indexOf('An Giang') + 1;
  if (!found.results.every((r) => column[r.id] === code)) fail('a result outside An Giang');
  for (const filters of [{ tinh: 'Atlantis' }, { sao: '9' }, { nothing: 'x' }]) {
    const none = await vi.search('', filters);
    if (none.results.length) fail(`${JSON.stringify(filters)} gave ${none.results.length} results`);
  }
  const empty = await vi.search('', { tinh: '' });
  if (empty.results.length !== vi.entry.records) fail('an empty filter value filtered');
});

await check('a word in no record finds nothing, and data is each record\'s own', async (fail) => {
  if ((await vi.search('xyzzyq')).results.length) fail('"xyzzyq" found something');
  const all = await vi.search('');
  const urls = await Promise.all(all.results.map(async (r) => (await r.data()).url));
  if (new Set(urls).size !== urls.length) fail('two records share an address');
  if (!urls.every((u) => u.startsWith('/'))) fail(`an address not from the site's root: ${urls.find((u) => !u.startsWith('/'))}`);
  const english = await en.search('');
  const englishUrls = await Promise.all(english.results.map(async (r) => (await r.data()).url));
  if (!englishUrls.every((u) => u.startsWith('/en/'))) fail('an English result leads off the English pages');
});

await check('a missing file is an error, not an empty result', async (fail) => {
  const broken = await runtime.open('vi');
  broken.entry = { ...broken.entry, chunks: broken.entry.chunks.map(() => 'ffffffffffff') };
  try {
    await broken.search('nuoc');
    fail('a search over missing chunks succeeded');
  } catch (error) {
    if (!/answered 404/.test(String(error))) fail(`error: ${error}`);
  }
  try {
    await runtime.open('xx');
    fail('opened an index that does not exist');
  } catch (error) {
    if (!/no index for "xx"/.test(String(error))) fail(`error: ${error}`);
  }
});

process.exit(failures ? 1 : 0);

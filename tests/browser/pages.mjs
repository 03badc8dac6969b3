// What the browser checks look at. Add a page here and every check that
// walks PAGES (accessibility, screenshots) covers it; the smoke and weight
// checks pick their pages from here by name.

/** Pages of the built example, by name. `path` is relative to the site's
 * base URL (no leading slash); `status` is the HTTP status expected. */
export const PAGES = [
  { name: 'home', path: '' },
  { name: 'product', path: 'san-pham/banh-pia-hai-suong/banh-pia-sau-rieng-trung/' },
  { name: 'producer', path: 'chu-the/banh-pia-hai-suong/' },
  { name: 'producers', path: 'chu-the/' },
  { name: 'province', path: 'tinh/can-tho/' },
  { name: 'provinces', path: 'tinh/' },
  { name: 'category', path: 'nhom/thuc-pham/' },
  { name: 'categories', path: 'nhom/' },
  { name: 'stars', path: 'sao/3/' },
  { name: 'star-levels', path: 'sao/' },
  // Narrowing down: a province's products of one sector, and of one star level.
  { name: 'province-category', path: 'tinh/can-tho/nhom/thuc-pham/' },
  { name: 'province-stars', path: 'tinh/can-tho/sao/4/' },
  { name: 'search', path: 'tim-kiem/?q=nuoc+mam' },
  { name: 'not-found', path: 'khong-co-trang-nay/', status: 404 },
  // English under /en/ (the example has languages: [vi, en]).
  { name: 'en-home', path: 'en/' },
  { name: 'en-product', path: 'en/san-pham/che-tan-huong/che-moc-cau/' },
  { name: 'en-search', path: 'en/tim-kiem/?q=nuoc+mam' },
];

/** Window sizes, by name (the name prefixes screenshot files). */
export const VIEWPORTS = {
  phone: { width: 360, height: 800 },
  desktop: { width: 1366, height: 900 },
};

/** Colour schemes every page is checked in. */
export const COLOR_SCHEMES = ['light', 'dark'];

/** axe-core rule tags that must report no violation. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Budget for what a phone downloads to show a product page without scrolling. */
export const WEIGHT_BUDGET = { page: 'product', viewport: 'phone', bytes: 150 * 1000 };

/** The page named `name`. */
export function page(name) {
  const found = PAGES.find((p) => p.name === name);
  if (!found) throw new Error(`no page named ${name} in pages.mjs`);
  return found;
}

/** Budget for searching (issues 4 and 24): bytes transferred by the first
 * search and by each later one, typed on a phone: everything (runtime,
 * index, first results with their thumbnails), and the files of the
 * search index alone (runtime, entry, columns, word chunks, bundles). */
export const SEARCH_BUDGET = {
  first: 300 * 1000,
  later: 100 * 1000,
  indexFirst: 150 * 1000,
  indexLater: 50 * 1000,
  queries: ['nuoc mam', 'mat ong', 'banh pia', 'ca phe'],
};

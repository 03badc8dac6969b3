// Accessibility: axe-core on every page of pages.mjs, at every window size
// and in both colour schemes, with a full-page screenshot of each.

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { artifactDir, newContext, pool } from './lib.mjs';
import { AXE_TAGS, COLOR_SCHEMES, PAGES, VIEWPORTS } from './pages.mjs';

const require = createRequire(import.meta.url);
// The minified build: the same engine, quicker to inject.
const AXE = require.resolve('axe-core/axe.min.js');
const AXE_VERSION = require('axe-core/package.json').version;

/** The axe rules whose outcome depends on colours: the only ones rerun
 * after switching colour scheme. */
const COLOR_RULES = ['color-contrast', 'link-in-text-block'];

/** How many pages are open at once. */
const PARALLEL = 2;

/** Lines describing axe violations, a few nodes each. */
function describe(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(' ')}`);
      const summary = (node.failureSummary || '').split('\n').map((l) => l.trim()).filter(Boolean);
      for (const line of summary.slice(0, 4)) lines.push(`       ${line}`);
    }
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

/** Loads and decodes the images the page defers, so that a full-page
 * screenshot shows them. */
async function loadAllImages(page) {
  await page.evaluate(async () => {
    const images = [...document.images];
    for (const img of images) img.loading = 'eager';
    await Promise.race([
      Promise.all(images.map((img) => img.decode().catch(() => null))),
      new Promise((r) => setTimeout(r, 5000)),
    ]);
  });
}

/** Runs axe-core in the page; `options.runOnly` picks the rules. */
async function axe(page, runOnly) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE });
  return page.evaluate((only) => window.axe.run(document, { runOnly: only, resultTypes: ['violations'] }), runOnly);
}

export async function run({ browser, cfg, reporter }) {
  const shots = artifactDir(cfg, 'screenshots');
  const combos = [];
  for (const entry of PAGES) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) combos.push({ entry, size, viewport });
  }
  const problems = new Map(); // page name -> messages
  let runs = 0;
  // Each worker keeps one context and page, moved from page to page.
  const workers = [];
  await pool(combos, PARALLEL, async ({ entry, size, viewport }) => {
    const add = (message) => {
      if (!problems.has(entry.name)) problems.set(entry.name, []);
      problems.get(entry.name).push(message);
    };
    const [first, ...others] = COLOR_SCHEMES;
    let worker = workers.find((w) => !w.busy);
    if (!worker) {
      const { context } = await newContext(browser, { viewport });
      worker = { context, page: await context.newPage() };
      workers.push(worker);
    }
    worker.busy = true;
    const { page } = worker;
    try {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: first });
      const response = await page.goto(new URL(entry.path, cfg.baseUrl).href, { waitUntil: 'load' });
      const expected = entry.status ?? 200;
      const where = (scheme) =>
        `${entry.name} (/${entry.path}) at ${size} ${viewport.width}×${viewport.height}, ${scheme} scheme`;
      if (response.status() !== expected) add(`${where(first)}: answered ${response.status()}, expected ${expected}`);
      await loadAllImages(page);
      // Every rule of the tags in the first scheme; the rules about colour
      // in the others (a scheme changes colours only).
      for (const scheme of [first, ...others]) {
        if (scheme !== first) await page.emulateMedia({ colorScheme: scheme });
        const only = scheme === first ? { type: 'tag', values: AXE_TAGS } : { type: 'rule', values: COLOR_RULES };
        const results = await axe(page, only);
        runs += 1;
        if (results.violations.length) {
          const file = join(artifactDir(cfg, 'axe'), `${size}-${scheme}-${entry.name}.json`);
          writeFileSync(file, JSON.stringify(results.violations, null, 2));
          add(`${where(scheme)}: ${results.violations.length} axe violation(s), details in ${file}\n${describe(results.violations)}`);
        }
        const name = scheme === 'light' ? `${size}-${entry.name}.png` : `${size}-${entry.name}-${scheme}.png`;
        await page.screenshot({ path: join(shots, name), fullPage: true });
      }
    } catch (error) {
      add(`${entry.name} (/${entry.path}) at ${size}: ${error.stack || error}`);
    } finally {
      worker.busy = false;
    }
  });
  await Promise.all(workers.map((w) => w.context.close()));
  for (const entry of PAGES) {
    await reporter.check(`a11y: ${entry.name} (/${entry.path}) has no axe violation`, (fail) => {
      for (const message of problems.get(entry.name) || []) fail(message);
    });
  }
  reporter.report(
    `axe-core ${AXE_VERSION} ran ${runs} times on ${PAGES.length} pages × ${Object.keys(VIEWPORTS).length} sizes × ` +
      `${COLOR_SCHEMES.length} colour schemes (${AXE_TAGS.join(', ')}; ${COLOR_RULES.join(', ')} in ${COLOR_SCHEMES.slice(1).join(', ')}): ` +
      `0 violations needed; screenshots in ${shots}`,
  );
}

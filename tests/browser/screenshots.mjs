// The README's screenshots: the home page and a product page on a phone,
// as small WebP files in docs/screenshots/ (committed, unlike the test
// artefacts). Run only when named: `node run.mjs screenshots`, or
// `cargo test --test it browser::readme_screenshots -- --ignored`, which builds
// and serves the example first.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kb, newContext } from './lib.mjs';
import { page as named, VIEWPORTS } from './pages.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** What is taken: page name (pages.mjs), window size, file name. */
export const SHOTS = [
  { page: 'home', viewport: 'phone', file: 'home-phone.webp' },
  { page: 'product', viewport: 'phone', file: 'product-phone.webp' },
];

/** Largest file size allowed, so the README stays light. */
const MAX_BYTES = 150 * 1000;
/** WebP quality: text stays sharp, photos small. */
const QUALITY = 0.8;

/** Re-encodes a PNG as WebP with Chromium's own encoder (no image tools
 * needed on the machine). */
export async function toWebp(page, png) {
  const dataUrl = await page.evaluate(
    async ({ base64, quality }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d').drawImage(img, 0, 0);
      return canvas.toDataURL('image/webp', quality);
    },
    { base64: png.toString('base64'), quality: QUALITY },
  );
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

export async function run({ browser, cfg, reporter }) {
  const out = resolve(process.env.OCOP_SCREENSHOTS || join(here, '..', '..', 'docs', 'screenshots'));
  mkdirSync(out, { recursive: true });
  for (const shot of SHOTS) {
    const entry = named(shot.page);
    const viewport = VIEWPORTS[shot.viewport];
    await reporter.check(`screenshots: ${shot.file} (/${entry.path}, ${viewport.width} px wide)`, async (fail) => {
      const { context } = await newContext(browser, {
        viewport,
        deviceScaleFactor: 1.5,
        isMobile: true,
        hasTouch: true,
        colorScheme: 'light',
      });
      const page = await context.newPage();
      await page.goto(new URL(entry.path, cfg.baseUrl).href, { waitUntil: 'load' });
      // Pictures in view decoded; lazy ones further down never load, so
      // the wait is bounded.
      await page.evaluate(async () => {
        await Promise.race([
          Promise.all([...document.images].map((img) => img.decode().catch(() => null))),
          new Promise((r) => setTimeout(r, 3000)),
        ]);
      });
      const png = await page.screenshot({ fullPage: false });
      const converter = await context.newPage();
      const webp = await toWebp(converter, png);
      const file = join(out, shot.file);
      writeFileSync(file, webp);
      reporter.report(`${file}: ${kb(webp.length)}`);
      if (webp.length > MAX_BYTES) fail(`${shot.file} is ${kb(webp.length)}, over ${kb(MAX_BYTES)}`);
      await context.close();
    });
  }
}

// Page weight: what a phone downloads to show a product page without
// scrolling (HTML, CSS, JS, images, fonts), measured by Chromium itself.

import { kb, newContext, short } from './lib.mjs';
import { page as named, VIEWPORTS, WEIGHT_BUDGET } from './pages.mjs';

export async function run({ browser, cfg, reporter }) {
  const entry = named(WEIGHT_BUDGET.page);
  const viewport = VIEWPORTS[WEIGHT_BUDGET.viewport];
  const title = `weight: /${entry.path} at ${viewport.width} px wide ≤ ${kb(WEIGHT_BUDGET.bytes)}`;
  await reporter.check(title, async (fail) => {
    const { context } = await newContext(browser, { viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const resources = new Map(); // requestId -> { url, type, status, bytes, body }
    cdp.on('Network.requestWillBeSent', ({ requestId, request, type }) => {
      resources.set(requestId, { url: request.url, type: type || 'Other', status: 0, bytes: 0, body: 0, done: false });
    });
    cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
      const r = resources.get(requestId);
      if (!r) return;
      r.status = response.status;
      r.type = type || r.type;
      const length = Object.entries(response.headers || {}).find(([k]) => k.toLowerCase() === 'content-length');
      if (length) r.body = Number(length[1]);
    });
    cdp.on('Network.dataReceived', ({ requestId, dataLength }) => {
      const r = resources.get(requestId);
      if (r && !r.body) r.streamed = (r.streamed || 0) + dataLength;
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const r = resources.get(requestId);
      if (!r) return;
      r.bytes = encodedDataLength;
      r.done = true;
      if (!r.body) r.body = r.streamed || 0;
    });
    cdp.on('Network.loadingFailed', ({ requestId, errorText }) => {
      const r = resources.get(requestId);
      if (r) r.failed = errorText;
    });

    await page.goto(new URL(entry.path, cfg.baseUrl).href, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    // Lazy images near the first screen start once layout settles.
    await page.waitForTimeout(300);
    await page.waitForLoadState('networkidle');
    const scrolled = await page.evaluate(() => window.scrollY);
    if (scrolled !== 0) fail(`the page scrolled by itself to ${scrolled}`);

    const list = [...resources.values()].filter((r) => !r.url.startsWith('data:'));
    for (const r of list) {
      if (r.failed) fail(`${short(cfg, r.url)} failed: ${r.failed}`);
      else if (!r.done) fail(`${short(cfg, r.url)} had not finished loading`);
    }
    const total = list.reduce((sum, r) => sum + r.bytes, 0);
    const body = list.reduce((sum, r) => sum + r.body, 0);
    const byType = {};
    for (const r of list) byType[r.type] = (byType[r.type] || 0) + r.bytes;
    const breakdown = Object.entries(byType)
      .sort((a, b) => b[1] - a[1])
      .map(([type, bytes]) => `${type} ${kb(bytes)}`)
      .join(', ');
    reporter.report(
      `page weight of /${entry.path} at ${viewport.width}×${viewport.height} (DPR 2), without scrolling: ` +
        `${kb(total)} transferred (${total} bytes; bodies ${kb(body)}) in ${list.length} requests ` +
        `[${breakdown}]; budget ${kb(WEIGHT_BUDGET.bytes)}`,
    );
    for (const r of list.sort((a, b) => b.bytes - a.bytes)) {
      console.log(`    ${String(r.bytes).padStart(8)} B  ${r.type.padEnd(10)} ${r.status} ${short(cfg, r.url)}`);
    }
    if (total > WEIGHT_BUDGET.bytes) {
      fail(`transferred ${kb(total)}, over the budget of ${kb(WEIGHT_BUDGET.bytes)} (largest first above)`);
    }
    await context.close();
  });
}

// The browser editor (Decap CMS at /admin/) against a running `ocop serve`
// with `cms:` in site.yaml: sign in to the local backend, edit a price and
// publish (the file changes within 5 s, only it, the page shows the new
// price), create a producer (its own folder) with a logo uploaded (into
// its photos/), create a product for an existing producer through the one
// products collection (its producer's products/, its photo in photos/), and
// a missing required field or stars 7 blocks the save.
// The network check of run.mjs fails any request leaving 127.0.0.1.
//
// Needs OCOP_CMS_ROOT (the served site's root, whose content/ is watched).

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { artifactDir, eventually, newContext } from './lib.mjs';
import { toWebp } from './screenshots.mjs';

/** Every file under `dir`: relative path → contents. */
function snapshot(dir, prefix = '') {
  const files = new Map();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      for (const [k, v] of snapshot(path, `${prefix}${name}/`)) files.set(k, v);
    } else {
      files.set(`${prefix}${name}`, readFileSync(path).toString('base64'));
    }
  }
  return files;
}

function changed(before, after) {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

async function signIn(page, cfg) {
  await page.goto(new URL('admin/', cfg.baseUrl).href);
  await page.getByRole('button', { name: 'Đăng nhập' }).click({ timeout: 20_000 });
  await page.getByText('Chủ thể OCOP').first().waitFor({ timeout: 20_000 });
}

let shots = null;
/** A screenshot in the artefacts, for a look after a failure. */
async function shot(page, name) {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }).catch(() => {});
}

/** Opens an editor page afresh: Decap reuses a form's state across hash
 * changes (a new entry after another showed the other's widgets). */
async function openEditor(page, cfg, hash) {
  await page.goto('about:blank');
  await page.goto(new URL(`admin/${hash}`, cfg.baseUrl).href);
}

/** Picks the producer folder `slug` in the products' producer select. */
async function chooseProducer(page, slug) {
  await page.locator('[id^="producer-field"]').first().click();
  await page.getByText(`(${slug})`, { exact: false }).first().click();
}

async function publish(page) {
  await page.getByRole('button', { name: 'Công bố', exact: true }).click();
  await page.getByText('Công bố ngay').click();
}

const PRODUCT = 'gao-thom-tran-de/products/gao-st25.md';

/** README's pictures of the editor, written into `dir` as WebP before
 * anything is edited: the collections, and a product being edited. */
async function editorScreenshots(browser, cfg, dir) {
  const { context } = await newContext(browser, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const converter = await context.newPage();
  await signIn(page, cfg);
  await page.waitForTimeout(1000);
  writeFileSync(join(dir, 'editor-list.webp'), await toWebp(converter, await page.screenshot()));
  await openEditor(page, cfg, `#/collections/products/entries/${PRODUCT.replace(/\.md$/, '')}`);
  await page.locator('input[id^="price-field"]').waitFor();
  await page.waitForTimeout(1500);
  writeFileSync(join(dir, 'editor-product.webp'), await toWebp(converter, await page.screenshot()));
  await context.close();
}

export async function run({ browser, cfg, reporter }) {
  const root = process.env.OCOP_CMS_ROOT;
  const content = join(root || '.', 'content');
  shots = artifactDir(cfg, 'cms');
  if (process.env.OCOP_EDITOR_SCREENSHOTS) {
    await editorScreenshots(browser, cfg, process.env.OCOP_EDITOR_SCREENSHOTS);
  }
  const { context, log } = await newContext(browser);
  const page = await context.newPage();
  // Decap asks before leaving an edited entry.
  page.on('dialog', (dialog) => dialog.accept());

  await reporter.check('cms: a price edited and published changes that file alone within 5 s', async (fail) => {
    if (!root) return fail('OCOP_CMS_ROOT must name the served site');
    await signIn(page, cfg);
    const file = join(content, 'producers', PRODUCT);
    await openEditor(page, cfg, `#/collections/products/entries/${PRODUCT.replace(/\.md$/, '')}`);
    const price = page.locator('input[id^="price-field"]');
    await price.waitFor();
    await price.fill('234000');
    // A file without `producer:` (written before the one products
    // collection): the editor asks for it, and it stays where it is.
    await chooseProducer(page, 'gao-thom-tran-de');
    const before = snapshot(content);
    const started = Date.now();
    await publish(page);
    const written = await eventually(() => readFileSync(file, 'utf8').includes('price: 234000'), 5_000);
    const took = Date.now() - started;
    if (!written) return fail(`the file did not change within 5 s:\n${readFileSync(file, 'utf8')}`);
    reporter.report(`cms: price on disk ${took} ms after "Công bố"`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const files = changed(before, snapshot(content));
    if (files.join() !== `producers/${PRODUCT}`) fail(`changed: ${files.join(', ')}`);
    const productPage = new URL('san-pham/gao-thom-tran-de/gao-st25/', cfg.baseUrl).href;
    const shown = await eventually(async () => {
      const response = await fetch(productPage);
      return (await response.text()).includes('234.000');
    }, 60_000);
    if (!shown) fail(`${productPage} does not show 234.000 after the rebuild`);
  });

  await reporter.check('cms: stars 7 or a missing required field blocks the save', async (fail) => {
    const file = join(content, 'producers', PRODUCT);
    const original = readFileSync(file, 'utf8');
    await openEditor(page, cfg, `#/collections/products/entries/${PRODUCT.replace(/\.md$/, '')}`);
    const stars = page.locator('input[id^="stars-field"]');
    await stars.waitFor();
    await stars.fill('7');
    await shot(page, 'stars-before');
    await publish(page).catch((e) => fail(`publish: ${e}`));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await shot(page, 'stars-after');
    if (readFileSync(file, 'utf8') !== original) fail('stars 7 was saved');
    if (!(await page.getByText('Thay đổi chưa được lưu').isVisible())) fail('the editor does not say the change is unsaved');

    await openEditor(page, cfg, '#/collections/products/new');
    await page.locator('input[id^="name-field"]').waitFor();
    const before = snapshot(content);
    await publish(page).catch(() => {});
    await page.getByText('Bạn còn thiếu vài thông tin bắt buộc').first().waitFor({ timeout: 10_000 }).catch(() =>
      fail('no message refusing a product without name'),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const files = changed(before, snapshot(content));
    if (files.length) fail(`a product without its required fields was saved: ${files.join(', ')}`);
  });

  await reporter.check('cms: a new producer gets its own folder, its uploaded logo its photos/', async (fail) => {
    await openEditor(page, cfg, '#/collections/producers/new');
    await page.locator('input[id^="name-field"]').fill('Đặc sản Đồng Tháp thử');
    // react-select: open the list, pick the option.
    await shot(page, 'producer-new');
    await page.locator('[id^="province-field"]').first().click();
    await shot(page, 'producer-province');
    await page.getByText('Đồng Tháp', { exact: true }).first().click();
    await shot(page, 'producer-filled');
    const logo = join(tmpdir(), `ocop-cms-logo-${process.pid}.png`);
    writeFileSync(logo, readFileSync(join(content, 'producers', 'gao-thom-tran-de', 'photos', readdirSync(join(content, 'producers', 'gao-thom-tran-de', 'photos')).find((n) => n.endsWith('.jpg')))));
    await page.getByRole('button', { name: 'Chọn một hình' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'logo.jpg', mimeType: 'image/jpeg', buffer: readFileSync(logo) });
    await page.getByRole('button', { name: 'Lấy những cái đã chọn' }).click();
    await shot(page, 'producer-logo');
    await publish(page);
    const folder = join(content, 'producers', 'dac-san-dong-thap-thu');
    const made = await eventually(() => {
      try {
        return statSync(join(folder, 'producer.md')).isFile();
      } catch {
        return false;
      }
    }, 10_000);
    if (!made) {
      const names = readdirSync(join(content, 'producers')).join(', ');
      return fail(`no producers/dac-san-dong-thap-thu/producer.md; producers: ${names}`);
    }
    const text = readFileSync(join(folder, 'producer.md'), 'utf8');
    if (!text.includes('province: Đồng Tháp')) fail(`province not written:\n${text}`);
    const photos = await eventually(() => {
      try {
        return readdirSync(join(folder, 'photos')).includes('logo.jpg');
      } catch {
        return false;
      }
    }, 5_000);
    if (!photos) fail(`the logo is not in the producer's photos/:\n${text}`);
    if (!text.includes('logo: photos/logo.jpg')) fail(`logo path not written:\n${text}`);
  });

  await reporter.check("cms: one products collection: a new product lands in its producer's products/, its photo in photos/", async (fail) => {
    await openEditor(page, cfg, '#/collections/products');
    await page.getByText('Gạo ST25 ruộng lúa tôm').first().waitFor({ timeout: 20_000 }).catch(() => fail('gao-st25 is not listed'));
    await shot(page, 'products-list');
    // Known limitation (README): Decap lists a folder collection's files
    // down to the depth of its path (3 here), with no filter but equality of
    // a field, so producer.md files (depth 2) are listed among the products;
    // the summary's folder tells them apart. Reported, not failed.
    const listed = await page.locator('body').innerText();
    const producerFiles = (listed.match(/– [a-z0-9-]+\n/g) || []).length;
    reporter.report(`cms: products collection lists ${producerFiles} producer file(s) (folder without /products)`);
    await openEditor(page, cfg, '#/collections/producers');
    await page.getByText('Hợp tác xã Cà phê Bích Thủy').first().waitFor({ timeout: 20_000 }).catch(() => fail('a producer is not listed'));
    const producers = await page.locator('body').innerText();
    if (producers.includes('Gạo ST25 ruộng lúa tôm')) fail('a product is listed as a producer');

    await openEditor(page, cfg, '#/collections/products/new');
    await page.locator('input[id^="name-field"]').fill('Cà phê thử nghiệm');
    await chooseProducer(page, 'ca-phe-bich-thuy');
    await page.locator('[id^="category-field"]').first().click();
    await page.getByText(/^I\.2\.a – /).first().click();
    await page.locator('input[id^="stars-field"]').fill('4');
    // The certificate's date: Decap asks for the required fields of an
    // optional object (README).
    await page.locator('input[type="date"]').first().fill('2025-01-16');
    await shot(page, 'product-new');
    // The Vietnamese interface has no text of its own for a list's add
    // button: Decap's English one, with the label in lower case.
    await page.getByRole('button', { name: /^(Thêm|Add) ảnh$/i }).first().click();
    const photo = join(content, 'producers', 'gao-thom-tran-de', 'photos', 'gao-st25-1.jpg');
    await page.getByRole('button', { name: 'Chọn một hình' }).first().click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'ca-phe-thu.jpg', mimeType: 'image/jpeg', buffer: readFileSync(photo) });
    await page.getByRole('button', { name: 'Lấy những cái đã chọn' }).click();
    await shot(page, 'product-filled');
    await publish(page);
    const folder = join(content, 'producers', 'ca-phe-bich-thuy');
    const file = join(folder, 'products', 'ca-phe-thu-nghiem.md');
    const exists = () => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    };
    let made = await eventually(exists, 10_000);
    // Under a loaded machine Decap sometimes drops a publish clicked just
    // after its media library closes (the entry stays "unsaved", with
    // "uncaught : undefined" in the console): publish once more, as a
    // person would, and say so.
    if (!made && (await page.getByText(/chưa được lưu/i).count()) > 0) {
      reporter.report('cms: the new product needed a second "Công bố" (Decap dropped the first)');
      await publish(page);
      made = await eventually(exists, 10_000);
    }
    await shot(page, 'product-published');
    if (!made) {
      const written = [...snapshot(content).keys()].filter((n) => n.includes('ca-phe-thu'));
      return fail(`no ${file}; written: ${written.join(', ')}`);
    }
    const text = readFileSync(file, 'utf8');
    if (!text.includes('producer: ca-phe-bich-thuy')) fail(`producer not written:\n${text}`);
    if (!text.includes('../photos/ca-phe-thu.jpg')) fail(`photo path not written:\n${text}`);
    const photos = await eventually(() => readdirSync(join(folder, 'photos')).includes('ca-phe-thu.jpg'), 5_000);
    if (!photos) fail(`the photo is not in the producer's photos/:\n${text}`);
  });

  for (const error of log.consoleErrors) console.log(`console error on ${error.url}: ${error.text}`);
  for (const bad of log.badResponses) console.log(`HTTP ${bad.status}: ${bad.url}`);
  await context.close();
}

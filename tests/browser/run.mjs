// Runs the browser checks against a served site:
//
//   OCOP_BASE_URL=http://127.0.0.1:8000/ node run.mjs [smoke] [a11y] [weight] …
//
// With no names it runs them all but `screenshots`, which rewrites the
// README's pictures in docs/screenshots/, and `live` and `cms`, which need a running
// `ocop serve` (see live.mjs, cms.mjs): those run only when named. OCOP_ARTIFACTS is where screenshots and
// reports go (default tests/artifacts; requests/OCOP_RUN.txt lists every
// request made); CHROMIUM is the browser (default /usr/bin/chromium). Exits 1 when any check fails. tests/it/browser.rs runs
// this with the example site built and served.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as a11y from './a11y.mjs';
import * as cms from './cms.mjs';
import * as lighthouse from './lighthouse.mjs';
import * as live from './live.mjs';
import { artifactDir, config, isLocal, launchBrowser, Reporter, short, traffic } from './lib.mjs';
import * as print from './print.mjs';
import * as screenshots from './screenshots.mjs';
import * as search from './search.mjs';
import * as searchFacets from './search-facets.mjs';
import * as searchWeight from './search-weight.mjs';
import * as smoke from './smoke.mjs';
import * as weight from './weight.mjs';

const CHECKS = { smoke, a11y, weight, search, 'search-weight': searchWeight, 'search-facets': searchFacets, print, screenshots, live, lighthouse, cms };
/** Checks run when none is named: not `screenshots`, and not `live` and
 * `cms`, which need `ocop serve` rather than a built site. */
const DEFAULT = Object.keys(CHECKS).filter((name) => !['screenshots', 'live', 'cms'].includes(name));

const names = process.argv.slice(2);
for (const name of names) {
  if (!CHECKS[name]) {
    console.error(`unknown check "${name}"; known: ${Object.keys(CHECKS).join(', ')}`);
    process.exit(2);
  }
}

const cfg = config();
const reporter = new Reporter();
console.log(`site ${cfg.baseUrl}, browser ${cfg.chromium}, artefacts ${cfg.artifacts}`);
const browser = await launchBrowser(cfg);
try {
  console.log(`Chromium ${browser.version()}`);
  for (const name of names.length ? names : DEFAULT) {
    await CHECKS[name].run({ browser, cfg, reporter });
  }
  await reporter.check(`network: none of ${traffic.requests.length} requests left 127.0.0.1 or the site`, (fail) => {
    const foreign = [...new Set(traffic.foreign)];
    if (foreign.length) fail(`requests to other hosts (refused):\n${foreign.join('\n')}`);
    const local = traffic.requests.filter((u) => isLocal(u) && !u.startsWith(cfg.baseUrl) && !u.startsWith('data:'));
    if (local.length) fail(`requests outside the site ${cfg.baseUrl}:\n${[...new Set(local)].map((u) => short(cfg, u)).join('\n')}`);
  });
} finally {
  await browser.close();
  // Every request made, for a look after the run.
  const log = join(artifactDir(cfg, 'requests'), `${process.env.OCOP_RUN || names.join('-') || 'all'}.txt`);
  writeFileSync(log, traffic.requests.map((u) => `${isLocal(u) ? 'local  ' : 'REFUSED'} ${u}\n`).join(''));
}
process.exitCode = reporter.finish();

// Shared pieces of the browser checks: configuration, the browser, contexts
// that record every request and refuse any that leaves 127.0.0.1, and a
// reporter that collects failures instead of stopping at the first one.

import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

/** Settings from the environment (set by tests/it/browser.rs). */
export function config() {
  const baseUrl = process.env.OCOP_BASE_URL;
  if (!baseUrl) {
    throw new Error('OCOP_BASE_URL is not set: the address of the served site, ending with /');
  }
  const artifacts = resolve(process.env.OCOP_ARTIFACTS || join(here, '..', 'artifacts'));
  return {
    baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    artifacts,
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

/** The folder `name` in the artefacts folder, created. */
export function artifactDir(cfg, name) {
  const dir = join(cfg.artifacts, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Starts headless Chromium with the flags this machine needs (no network
 * beyond loopback, no background traffic, a fresh profile). */
export async function launchBrowser(cfg) {
  return chromium.launch({
    executablePath: cfg.chromium,
    headless: true,
    chromiumSandbox: false,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--font-render-hinting=none',
    ],
  });
}

/** Whether a request URL stays on this machine's loopback server. */
export function isLocal(url) {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/** Every request made by every context, and the ones that were refused for
 * going elsewhere than 127.0.0.1. */
export const traffic = { requests: [], foreign: [] };

/** A new browser context that records its requests, console errors and
 * failed responses, and aborts any request to another host.
 * Returns { context, log } where log has requests, consoleErrors, badResponses. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    serviceWorkers: 'block',
    ...options,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const log = { requests: [], consoleErrors: [], badResponses: [], failedRequests: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    traffic.foreign.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    log.requests.push(request.url());
    traffic.requests.push(request.url());
  });
  context.on('response', (response) => {
    if (response.status() >= 400) {
      log.badResponses.push({ url: response.url(), status: response.status() });
    }
  });
  context.on('requestfailed', (request) => {
    const error = request.failure()?.errorText || '';
    // Leaving a page cancels its pending loads (net::ERR_ABORTED): not a fault.
    if (isLocal(request.url()) && !error.includes('ERR_ABORTED')) {
      log.failedRequests.push(`${request.url()}: ${error}`);
    }
  });
  context.on('page', (page) => watchPage(page, log));
  return { context, log };
}

function watchPage(page, log) {
  page.on('console', (message) => {
    if (message.type() === 'error') {
      log.consoleErrors.push({ text: message.text(), url: message.location()?.url || page.url() });
    }
  });
  page.on('pageerror', (error) => {
    log.consoleErrors.push({ text: `uncaught ${error.name}: ${error.message}`, url: page.url() });
  });
}

/** Collects results of named checks; a check fails with one or more
 * messages, and the run goes on. */
export class Reporter {
  constructor() {
    this.results = [];
    this.reports = [];
  }

  /** Runs `fn(fail)` as the check `name`. `fail(message)` records a problem
   * without stopping; a thrown error records one and stops the check. */
  async check(name, fn) {
    const problems = [];
    const fail = (message) => problems.push(message);
    const started = Date.now();
    try {
      await fn(fail);
    } catch (error) {
      problems.push(`stopped: ${error.stack || error}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    this.results.push({ name, problems });
    if (problems.length === 0) {
      console.log(`ok   ${name} (${seconds} s)`);
    } else {
      console.log(`FAIL ${name} (${seconds} s)`);
      for (const problem of problems) {
        console.log(indent(`- ${problem}`));
      }
    }
    return problems.length === 0;
  }

  /** A figure worth showing even when everything passes. */
  report(line) {
    this.reports.push(line);
    console.log(`report: ${line}`);
  }

  /** Prints the totals; returns the process exit code. */
  finish() {
    const failing = this.results.filter((r) => r.problems.length > 0);
    console.log('');
    console.log(
      `browser checks: ${this.results.length - failing.length} ok, ${failing.length} failing` +
        (failing.length ? ` (${failing.map((r) => r.name).join(', ')})` : ''),
    );
    return failing.length ? 1 : 0;
  }
}

/** Indents every line of `text` by four spaces. */
export function indent(text, by = '    ') {
  return String(text)
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/** `url` relative to the site, for messages. */
export function short(cfg, url) {
  return url.startsWith(cfg.baseUrl) ? `/${url.slice(cfg.baseUrl.length)}` : url;
}

/** Runs `worker(item)` over `items`, at most `limit` at a time. */
export async function pool(items, limit, worker) {
  const queue = [...items];
  const runners = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length) {
      await worker(queue.shift());
    }
  });
  await Promise.all(runners);
}

/** Formats a byte count in kB (1000 bytes). */
export function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** Resolves once `condition()` holds, polling; false after `ms`. */
export async function eventually(condition, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

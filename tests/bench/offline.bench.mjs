// bench-offline: what the service worker costs and gives (figures, not pass/fail), in headless Chromium on the
// e2e harness's server (which sends `no-store`: without a service worker every load downloads everything).
//   1. First visit: the first frame, then the service worker's install — the bytes it downloads (the app again,
//      unless the HTTP cache has it, and every course's text) and the time until the app is kept offline.
//   2. Repeat visits, median of 5 reloads each: to the first frame without a service worker (everything from the
//      network), with it (everything from its cache), and with it and the server gone (offline).
// Run: cmake --build build --target bench-offline
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, LAPTOP, launchBrowser, startServer, openApp, waitForState } from '../e2e/lib/harness.mjs';
import { fmt, kb, percentile, table } from './lib/measure.mjs';

const RELOADS = 5;

function bytesOf(requests, root = DIST) {
  let total = 0;
  for (const request of requests) {
    const relative = request.endsWith('/') ? `${request}index.html` : request;
    try {
      total += statSync(path.join(root, relative)).size;
    } catch { /* not a file of the site (a 404) */ }
  }
  return total;
}

async function firstFrameAfterReload(page) {
  await page.reload();
  await page.waitForFunction(() => window.pathwise && window.pathwise.timings.firstFrame !== null, null,
    { timeout: 60000 });
  return page.evaluate(() => window.pathwise.timings.firstFrame);
}

async function reloads(page) {
  const samples = [];
  for (let i = 0; i < RELOADS; ++i) samples.push(await firstFrameAfterReload(page));
  return percentile(samples, 50);
}

async function main() {
  console.log(`bench-offline on ${os.cpus().length} cores, load ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  const browser = await launchBrowser();
  const server = await startServer();

  // 1. First visit with the service worker allowed.
  const context = await browser.newContext({ ...LAPTOP, serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.pathwise && window.pathwise.timings.firstFrame !== null, null,
    { timeout: 60000 });
  const before = server.requests.length;  // the service worker registers after the first frame
  const firstFrame = await page.evaluate(() => window.pathwise.timings.firstFrame);
  const readyAt = await (async () => {
    await waitForState(page, (now) => now.offline.support === 'ready', { timeout: 60000 });
    return page.evaluate(() => performance.now());
  })();
  const precacheRequests = server.requests.slice(before);
  const precacheBytes = bytesOf(precacheRequests);

  // 2. Repeat visits.
  const withWorker = await reloads(page);
  const plain = await openApp(browser, server.url, LAPTOP);
  const withoutWorker = await reloads(plain.page);
  await plain.context.close();
  await server.close();
  await context.setOffline(true);
  const offline = await reloads(page);
  await context.close();
  await browser.close();

  console.log(table([
    ['figure', 'measured'],
    ['first visit: first frame (no service worker yet)', `${fmt(firstFrame, 0)} ms`],
    ['first visit: service worker ready (app and courses kept), from page start', `${fmt(readyAt, 0)} ms`],
    ['first visit: requests / bytes the install downloaded', `${precacheRequests.length} / ${fmt(kb(precacheBytes), 0)} KB`],
    [`repeat visit, first frame, median of ${RELOADS}: no service worker (network, no-store)`, `${fmt(withoutWorker, 0)} ms`],
    [`repeat visit, first frame, median of ${RELOADS}: from the service worker`, `${fmt(withWorker, 0)} ms`],
    [`repeat visit, first frame, median of ${RELOADS}: from the service worker, server gone`, `${fmt(offline, 0)} ms`],
  ]));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

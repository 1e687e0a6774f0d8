// e2e-offline: the static site as schools host it (issue 7). A real HTTP server, real Chromium with its service
// worker allowed (the other suites block it), real Cache Storage and IndexedDB:
// - after one visit the app starts and works with the server gone;
// - a course made available offline shows its pictures and videos with the server gone, and can be removed;
// - a new build deployed over the old one: "Update ready", applied only between activities, never a mix of the
//   two builds' files, progress kept;
// - the site under a sub-path (/maths/pathwise/) works, service worker included;
// - no request leaves the site's origin and the Content-Security-Policy reports no violation;
// - the diagnostics page passes on a good deployment and names a damaged file.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DIST, LAPTOP, launchBrowser, startServer, openApp, state, waitForState, settle, item, click, reveal,
  answerActivity, screenshot, builtName, createLearner,
} from './lib/harness.mjs';

const SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WITH_WORKER = { ...LAPTOP, serviceWorkers: 'allow' };
const build = (root = DIST) => JSON.parse(readFileSync(path.join(root, 'build.json'), 'utf8'));

// Waits until the service worker is installed, active and in control of the page (the app says "ready").
async function waitUntilOfflineReady(page) {
  await waitForState(page, (now) => now.offline.support === 'ready', { timeout: 60000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
}

// Every server a test starts is closed at the end, also when the test fails half-way (an open server would keep
// the suite's process alive).
const servers = [];
after(() => Promise.all(servers.map((server) => server.close())));
async function serve(options) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

async function withBrowser(work) {
  const browser = await launchBrowser();
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

async function openCourse(page, course) {
  await page.evaluate((id) => { window.location.hash = `#/course/${id}`; }, course);
  await waitForState(page, (now) => now.screen === 'course' && now.course === course &&
    now.bundle && now.bundle.status === 'ready', { timeout: 30000 });
  await settle(page);
}

test('after one visit the app starts and works with the server gone', async () => {
  await withBrowser(async (browser) => {
    const server = await serve();
    const { context, page, errors } = await openApp(browser, server.url, WITH_WORKER);
    await waitUntilOfflineReady(page);
    const version = await page.evaluate(() => window.pathwise.version);
    assert.equal(version, build().version, 'the page runs the build in dist');
    // Every app file and every course of the catalog is kept.
    const kept = await page.evaluate(async () => {
      const names = await caches.keys();
      const entries = {};
      for (const name of names) entries[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
      return entries;
    });
    const appCache = kept[`pathwise-app-${version}`];
    assert.ok(appCache, `an app cache for ${version}: ${Object.keys(kept)}`);
    for (const file of Object.keys(build().files)) {
      if (file === 'sw.js') continue;
      assert.ok(appCache.includes(`/${file}`), `${file} is precached`);
    }
    for (const course of ['fractions', 'spanish-a1', 'ecosystems']) {
      assert.ok(kept['pathwise-content'].includes(`/content/${course}/course.json`), `${course} is precached`);
    }
    // Installable as an app: Chromium finds nothing missing in the manifest, icons and service worker.
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], 'the manifest parses without errors');
    // (A test's browser context is an incognito profile, where Chromium installs nothing: the one reason allowed.)
    const installability = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installability.installabilityErrors.filter((error) => error.errorId !== 'in-incognito'), [],
      'Chromium names nothing missing for installing it');
    await cdp.detach();

    await server.close();  // no server at all from here on
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0,
      null, { timeout: 30000 });
    await waitForState(page, (now) => now.catalog.status === 'ready' && now.learner.phase === 'open');
    await openCourse(page, 'fractions');
    await click(page, 'course/continue');
    await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice);
    await answerActivity(page);
    const answered = await waitForState(page, (now) => now.learner.practice && now.learner.practice.answered &&
      now.learner.practice.saved === 'saved');
    assert.equal(answered.learner.attempts, 1, 'the offline answer is saved');
    await screenshot(page, 'offline/laptop-offline-practice');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

test('a course made available offline keeps its pictures and videos; it can be removed again', async () => {
  await withBrowser(async (browser) => {
    const server = await serve();
    const { context, page, errors } = await openApp(browser, server.url, WITH_WORKER);
    await waitUntilOfflineReady(page);
    await openCourse(page, 'ecosystems');
    const before = await waitForState(page, (now) => now.offline.courses.ecosystems &&
      now.offline.courses.ecosystems.state === 'known');
    const course = before.offline.courses.ecosystems;
    // The bundle and every media file it names (every file of its media folder is used).
    const bundleText = readFileSync(path.join(DIST, 'content/ecosystems/course.json'), 'utf8');
    const named = [...new Set(bundleText.match(/"media\/[^"]+"/g).map((quoted) => JSON.parse(quoted)))];
    const media = Buffer.byteLength(bundleText) +
      named.reduce((sum, file) => sum + readFileSync(path.join(DIST, 'content/ecosystems', file)).length, 0);
    assert.equal(course.files, named.length + 1);
    assert.equal(course.saved_files, 0);
    assert.ok(course.size_known);
    assert.equal(course.total_bytes, media, 'the size shown is the course and its media, byte for byte');
    await reveal(page, 'course/offline-save');
    await screenshot(page, 'offline/laptop-course-offline-panel');
    await click(page, 'course/offline-save');
    const saved = await waitForState(page, (now) => now.offline.courses.ecosystems.state === 'known' &&
      now.offline.courses.ecosystems.saved_files === now.offline.courses.ecosystems.files, { timeout: 30000 });
    assert.equal(saved.offline.courses.ecosystems.saved_bytes, media);
    await settle(page);
    await reveal(page, 'course/offline-remove');
    await screenshot(page, 'offline/laptop-course-available-offline');

    // With the server gone, the course's video and a picture still show.
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await waitForState(page, (now) => now.screen === 'course' && now.bundle && now.bundle.status === 'ready',
      { timeout: 30000 });
    const bundle = JSON.parse(readFileSync(path.join(DIST, 'content/ecosystems/course.json'), 'utf8'));
    const video = bundle.activities.find((activity) => activity.type === 'video');
    assert.ok(await page.evaluate(([c, a]) => window.pathwise.test.openActivity(c, a), ['ecosystems', video.id]));
    await page.waitForFunction(() => {
      const element = document.querySelector('video');
      return element && element.readyState >= 1 && element.duration > 0;
    }, null, { timeout: 20000 });
    const picture = bundle.activities.find((activity) => JSON.stringify(activity).includes('.svg') && activity.type !== 'video');
    assert.ok(await page.evaluate(([c, a]) => window.pathwise.test.openActivity(c, a), ['ecosystems', picture.id]));
    await page.waitForFunction(() => [...document.querySelectorAll('img')].some((img) => img.complete && img.naturalWidth > 0),
      null, { timeout: 20000 });

    // Removing it frees the space; the course page says what it would need again.
    await page.evaluate(() => { window.location.hash = '#/course/ecosystems'; });
    await page.evaluate(() => { window.location.hash = '#/'; });
    await openCourse(page, 'ecosystems');
    await reveal(page, 'course/offline-remove');
    await click(page, 'course/offline-remove');
    const removed = await waitForState(page, (now) => now.offline.courses.ecosystems.state === 'known' &&
      now.offline.courses.ecosystems.saved_files === 0);
    assert.equal(removed.offline.courses.ecosystems.size_known, false, 'offline, the size of what is missing is unknown');
    assert.equal(await page.evaluate(() => caches.has('pathwise-course-ecosystems')), false);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

test('a site with a file missing: the app works, and says it cannot be kept for offline use', async () => {
  await withBrowser(async (browser) => {
    const server = await serve({ routes: { '/icons/icon-512.png': { status: 404, body: 'gone' } } });
    const { context, page, errors } = await openApp(browser, server.url, WITH_WORKER);
    const now = await waitForState(page, (shown) => shown.offline.support === 'unavailable', { timeout: 30000 });
    assert.match(now.offline.reason, /a file of the site could not be downloaded.*diagnostics\.html/);
    await openCourse(page, 'fractions');
    await reveal(page, 'course/offline-title');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

// A second build of the same sources with one changed file, as a new release would be.
function makeSecondBuild() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'pathwise-build-b-'));
  const shell = path.join(folder, 'shell');
  cpSync(path.join(SOURCE, 'shell'), shell, { recursive: true });
  appendFileSync(path.join(shell, 'style.css'), '\n/* release B */\n');
  const out = path.join(folder, 'dist');
  execFileSync('python3', [path.join(SOURCE, 'cmake/assemble_site.py'), '--client', path.join(DIST, '../client'),
    '--shell', shell, '--content', path.join(SOURCE, 'content'), '--out', out, '--project-version', '0.7.0']);
  return { folder, out };
}

test('a new build: "Update ready" waits for the end of the activity, then the page runs the new build only', async () => {
  const second = makeSecondBuild();
  try {
    await withBrowser(async (browser) => {
      const server = await serve();
      const { context, page, errors } = await openApp(browser, server.url, WITH_WORKER);
      await waitUntilOfflineReady(page);
      const oldVersion = build().version;
      const newBuild = build(second.out);
      assert.notEqual(newBuild.version, oldVersion);
      await openCourse(page, 'fractions');
      await click(page, 'course/continue');
      await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice);

      server.setRoot(second.out);  // the school copies the new release over the old one
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration.update()));
      const ready = await waitForState(page, (now) => now.offline.update_ready, { timeout: 60000 });
      assert.equal(ready.offline.new_version, newBuild.version);
      await settle(page);
      await item(page, 'banner/update-ready');
      assert.ok(!(await page.evaluate(() => window.pathwise.test.items().some((entry) => entry.id === 'banner/update'))),
        'no "Update now" in the middle of an activity');
      await screenshot(page, 'offline/laptop-update-ready-mid-activity');
      assert.equal(await page.evaluate(() => window.pathwise.version), oldVersion, 'nothing changes mid-activity');

      await answerActivity(page);
      await waitForState(page, (now) => now.learner.practice.answered && now.learner.practice.saved === 'saved');
      await reveal(page, 'practice/next');
      await click(page, 'practice/next');  // between activities: the new version takes over
      await page.waitForFunction((version) => window.pathwise && window.pathwise.version === version &&
        window.pathwise.test && window.pathwise.test.frame > 0, newBuild.version, { timeout: 30000 });
      const after = await waitForState(page, (now) => now.learner.phase === 'open' && now.screen === 'course' &&
        now.bundle && now.bundle.status === 'ready');
      assert.equal(after.course, 'fractions', 'back in the course the learner was in');
      assert.equal(after.learner.attempts, 1, 'the answer from the old version is kept');
      assert.equal(after.offline.update_ready, false);

      // Every script, style and wasm the page loaded is one of the new build's files.
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) =>
        new URL(entry.name).pathname.slice(1)).filter((name) => /\.(js|wasm|css)$/.test(name)));
      const scripts = await page.evaluate(() => [...document.scripts].map((script) => new URL(script.src).pathname.slice(1)));
      for (const file of [...loaded, ...scripts]) {
        assert.ok(file in newBuild.files, `${file} belongs to the new build`);
      }
      assert.ok(scripts.includes(builtName('loader.js', second.out)));
      assert.ok(!scripts.includes(builtName('loader.js')), 'the old loader is gone');
      const names = await page.evaluate(() => caches.keys());
      assert.deepEqual(names.filter((name) => name.startsWith('pathwise-app-')), [`pathwise-app-${newBuild.version}`],
        'the old version\'s cache is deleted');
      assert.deepEqual(errors, []);
      await context.close();
      await server.close();
    });
  } finally {
    rmSync(second.folder, { recursive: true, force: true });
  }
});

test('under a sub-path, with nothing requested outside the site and no policy violation', async () => {
  await withBrowser(async (browser) => {
    const server = await serve({ prefix: '/maths/pathwise/' });
    const context = await browser.newContext(WITH_WORKER);
    const outside = [];
    const origin = new URL(server.url).origin;
    context.on('request', (request) => {
      const url = new URL(request.url());
      const own = url.origin === origin && url.pathname.startsWith('/maths/pathwise/');
      if (!own && url.protocol !== 'data:' && url.protocol !== 'blob:') outside.push(request.url());
    });
    await context.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await waitForState(page, (now) => now.catalog.status === 'ready' && now.screen === 'profiles', { timeout: 30000 });
    await settle(page);
    await createLearner(page, 'Noor');
    await waitUntilOfflineReady(page);
    const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope));
    assert.equal(scope, server.url, 'the service worker serves the sub-path only');
    await openCourse(page, 'ecosystems');
    await click(page, 'course/continue');
    await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice);
    await answerActivity(page);
    await waitForState(page, (now) => now.learner.practice.answered && now.learner.practice.saved === 'saved');
    await page.reload();
    await waitForState(page, (now) => now.learner.phase === 'open', { timeout: 30000 });
    assert.ok(server.requests.length > 10);
    assert.deepEqual(server.requests.filter((request) => !request.startsWith('/maths/pathwise/')), [],
      'every request the server saw is inside the sub-path');
    assert.deepEqual(outside, [], 'no request outside the site');
    assert.deepEqual(await page.evaluate(() => window.cspViolations || []), []);
    assert.deepEqual(errors, []);
    await context.close();
    await server.close();
  });
});

test('the diagnostics page passes on a good deployment and names a damaged file', async () => {
  await withBrowser(async (browser) => {
    const server = await serve();
    const context = await browser.newContext(WITH_WORKER);
    const page = await context.newPage();
    await page.goto(`${server.url}diagnostics.html`);
    await page.waitForFunction(() => window.pathwiseDiagnostics && window.pathwiseDiagnostics.done, null, { timeout: 60000 });
    const good = await page.evaluate(() => window.pathwiseDiagnostics);
    assert.equal(good.problems, 0, good.report);
    assert.ok(good.report.includes(build().version), 'the version is shown');
    for (const file of Object.keys(build().files)) assert.ok(good.report.includes(file), `${file} is checked`);
    await screenshot(page, 'offline/laptop-diagnostics');
    await context.close();
    await server.close();

    const wasm = builtName('pathwise.wasm');
    const bytes = readFileSync(path.join(DIST, wasm));
    bytes[bytes.length - 1] ^= 0xff;
    const damaged = await serve({ routes: { [`/${wasm}`]: { body: bytes, type: 'application/octet-stream' },
      '/content/fractions/course.json': { status: 404, body: 'gone' } } });
    const second = await browser.newContext(LAPTOP);
    const check = await second.newPage();
    await check.goto(`${damaged.url}diagnostics.html`);
    await check.waitForFunction(() => window.pathwiseDiagnostics && window.pathwiseDiagnostics.done, null, { timeout: 60000 });
    const bad = await check.evaluate(() => window.pathwiseDiagnostics);
    assert.equal(bad.problems, 2, bad.report);
    const row = (subject) => bad.rows.find((entry) => entry.subject === subject);
    assert.match(row(wasm).detail, /SHA-256 .* a different or damaged copy/);
    assert.match(row(wasm).detail, /not application\/wasm/);
    assert.match(row('content/fractions/course.json').detail, /404/);
    await screenshot(check, 'offline/laptop-diagnostics-damaged');
    await second.close();
    await damaged.close();
  });
});


test('with no server at all: pathwise-offline.html opened from the disk works and keeps progress', async () => {
  await withBrowser(async (browser) => {
    const context = await browser.newContext(LAPTOP);
    await context.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const requests = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const address = `file://${path.join(DIST, 'pathwise-offline.html')}`;
    await page.goto(address);
    await waitForState(page, (now) => now.catalog.status === 'ready' && now.screen === 'profiles', { timeout: 30000 });
    await settle(page);
    await createLearner(page, 'Ines');
    const now = await state(page);
    assert.equal(now.offline.support, 'unavailable', 'no service worker from a file');
    assert.match(now.offline.reason, /opened from a file/);
    await openCourse(page, 'fractions');
    await click(page, 'course/continue');
    await waitForState(page, (shown) => shown.screen === 'practice' && shown.learner.practice);
    // The first activity's picture is a file beside the page.
    await page.waitForFunction(() => [...document.querySelectorAll('img')].some((img) => img.complete && img.naturalWidth > 0),
      null, { timeout: 20000 });
    await answerActivity(page);
    await waitForState(page, (shown) => shown.learner.practice.answered && shown.learner.practice.saved === 'saved');
    await screenshot(page, 'offline/laptop-single-file');
    await page.reload();
    const reloaded = await waitForState(page, (shown) => shown.learner.phase === 'open', { timeout: 30000 });
    assert.equal(reloaded.learner.attempts, 1, 'the answer is kept in the browser across reloads');
    assert.deepEqual(requests.filter((url) => !url.startsWith('file://') && !url.startsWith('data:') && !url.startsWith('blob:')), []);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

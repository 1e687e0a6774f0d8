// e2e-page: the page itself. Loading with a real progress bar, the first screen, crisp rendering at
// devicePixelRatio 1, 2 and 3, resizes and rotation, and a clear message for every way start-up can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DIST, useServerAndBrowser, startServer, openApp, state, items, item, settle, waitForState, screenshot, tap, click, press, LAPTOP, PHONE, builtName,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();
const BUNDLED_COURSES = ['fractions', 'spanish-a1', 'ecosystems'];  // content/catalog.json, in its order

test('the home screen lists the bundled catalog at 1280x800 and at 390x844', async () => {
  for (const [name, device] of [['laptop', LAPTOP], ['phone', PHONE]]) {
    const { context, page, errors } = await openApp(suite.browser, suite.server.url, device);
    const shown = await state(page);
    assert.equal(shown.screen, 'home');
    assert.equal(shown.catalog.status, 'ready');
    assert.deepEqual(shown.catalog.courses, BUNDLED_COURSES);
    assert.deepEqual(shown.catalog.problems, []);
    const found = await items(page);
    const ids = found.map((candidate) => candidate.id);
    const cards = BUNDLED_COURSES.map((id) => `home/course/${id}`);
    for (const id of ['home/title', 'home/search', ...cards, 'home/dark-theme']) {
      assert.ok(ids.includes(id), `${id} is drawn (${name})`);
    }
    const title = found.find((candidate) => candidate.id === 'home/title');
    assert.equal(title.role, 'heading');
    assert.equal(title.label, 'Pathwise');
    const card = found.find((candidate) => candidate.id === 'home/course/fractions');
    assert.equal(card.role, 'listitem');
    assert.equal(card.label, 'Fractions');
    // Everything fits the viewport's width, and every tappable control is at least 44 CSS px tall.
    for (const control of found.filter((candidate) => candidate.role !== 'heading')) {
      assert.ok(control.x >= 0 && control.x + control.w <= device.viewport.width + 0.5, `${control.id} fits (${name})`);
      // (A control cut by the bottom edge reports only its visible part: it is scrolled to, not tapped there.)
      const cutByBottomEdge = control.y + control.h >= device.viewport.height - 0.5;
      if (!cutByBottomEdge) assert.ok(control.h >= 44 - 0.5, `${control.id} is a 44 px touch target (${name}): ${control.h}`);
    }
    assert.equal(await page.isHidden('#loading'), true, 'the loading screen is gone');
    assert.deepEqual(errors, []);
    await screenshot(page, `home-${name}`);
    await context.close();
  }
});

test('the canvas backing store follows devicePixelRatio 1, 2 and 3, and layout stays in CSS pixels', async () => {
  const titles = [];
  for (const ratio of [1, 2, 3]) {
    const device = { viewport: { width: 800, height: 600 }, deviceScaleFactor: ratio };
    const { context, page } = await openApp(suite.browser, suite.server.url, device);
    const canvas = await page.evaluate(() => {
      const element = document.getElementById('canvas');
      const rect = element.getBoundingClientRect();
      return { width: element.width, height: element.height, cssWidth: rect.width, cssHeight: rect.height };
    });
    assert.equal(canvas.cssWidth, 800);
    assert.equal(canvas.cssHeight, 600);
    assert.equal(canvas.width, 800 * ratio, `backing store width at DPR ${ratio}`);
    assert.equal(canvas.height, 600 * ratio, `backing store height at DPR ${ratio}`);
    titles.push(await item(page, 'home/title'));
    await screenshot(page, `home-dpr${ratio}`);
    // A click lands where the test hook says the control is, at every ratio.
    const card = await item(page, 'home/course/spanish-a1');
    await page.mouse.click(card.x + card.w / 2, card.y + card.h / 2);
    await waitForState(page, (now) => now.screen === 'course' && now.course === 'spanish-a1');
    await context.close();
  }
  // The same design in CSS pixels: the heading stands at the same place and size (text is rasterised at the
  // device's resolution, so it may differ by rounding).
  for (const title of titles.slice(1)) {
    assert.ok(Math.abs(title.x - titles[0].x) <= 1 && Math.abs(title.y - titles[0].y) <= 1, JSON.stringify(titles));
    assert.ok(Math.abs(title.h - titles[0].h) <= 2, JSON.stringify(titles));
  }
});

test('resizing and rotating re-lay the screen out at once, keeping what the user did', async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, PHONE);
  await press(page, 'home/dark-theme', PHONE);  // below the course cards on a phone: scrolled to first
  await waitForState(page, (now) => now.theme === 'dark');
  const portrait = await item(page, 'home/search');
  await page.setViewportSize({ width: 844, height: 390 });  // rotate to landscape
  await settle(page);
  const landscape = await item(page, 'home/search');
  assert.ok(landscape.w > portrait.w + 100, `the field widens in landscape: ${portrait.w} -> ${landscape.w}`);
  const canvas = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
  assert.deepEqual(canvas, [844 * 3, 390 * 3]);
  assert.equal((await state(page)).theme, 'dark');
  await screenshot(page, 'home-phone-landscape-dark');
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle(page);
  const wide = await item(page, 'home/search');
  assert.equal(Math.round(wide.w), 720, 'the column stops at 720 CSS px on a wide screen');
  assert.ok(Math.abs(wide.x + wide.w / 2 - 640) <= 1, 'and is centred');
  await context.close();
});

test('the loading screen shows real download progress', async () => {
  const context = await suite.browser.newContext(LAPTOP);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // About 1 Mbit/s: the wasm then takes a few seconds, long enough to watch the bar move.
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 20, downloadThroughput: 128 * 1024, uploadThroughput: 128 * 1024 });
  await page.goto(suite.server.url);
  const seen = new Set();
  for (let i = 0; i < 400; i++) {
    const now = await page.evaluate(() => ({
      value: document.getElementById('progress').getAttribute('aria-valuenow'),
      text: document.getElementById('loading-text').textContent,
      done: !!(window.pathwise && window.pathwise.timings.firstFrame),
    }));
    if (now.value !== null) seen.add(Number(now.value));
    if (now.done) break;
    await page.waitForTimeout(20);
  }
  const between = [...seen].filter((value) => value > 0 && value < 100);
  assert.ok(between.length >= 3, `the bar passed through several values between 0 and 100: ${[...seen].sort((a, b) => a - b)}`);
  // At 1 Mbit/s the 1.2 MB wasm alone takes about 10 s.
  await waitForState(page, (now) => now.catalog.status === 'ready', { timeout: 30000 });
  await context.close();
});

async function startupMessage(page) {
  await page.waitForSelector('#error:not([hidden])', { timeout: 10000 });
  return page.evaluate(() => ({
    text: document.getElementById('error-text').textContent,
    detail: document.getElementById('error-detail').textContent,
    loadingHidden: document.getElementById('loading').hidden,
  }));
}

test('a wasm that cannot be downloaded gets a clear message and a reload button', async () => {
  const broken = await startServer({ routes: { [`/${builtName('pathwise.wasm')}`]: { status: 404, body: 'gone' } } });
  try {
    const context = await suite.browser.newContext(LAPTOP);
    const page = await context.newPage();
    await page.goto(broken.url);
    const message = await startupMessage(page);
    assert.match(message.text, /could not be downloaded/);
    assert.match(message.detail, /404/);
    assert.equal(message.loadingHidden, true);
    assert.equal(await page.isVisible('#error-reload'), true);
    await screenshot(page, 'error-wasm-missing');
    await context.close();
  } finally {
    await broken.close();
  }
});

test('a corrupt wasm gets a clear message', async () => {
  const broken = await startServer({ routes: { [`/${builtName('pathwise.wasm')}`]: { body: 'this is not wasm', type: 'application/wasm' } } });
  try {
    const context = await suite.browser.newContext(LAPTOP);
    const page = await context.newPage();
    await page.goto(broken.url);
    const message = await startupMessage(page);
    assert.match(message.text, /rejected its WebAssembly code|could not start/);
    await context.close();
  } finally {
    await broken.close();
  }
});

test('a server that sends the wasm as application/octet-stream still starts the app (compiled from its bytes)', async () => {
  // The loader compiles the wasm as it streams in, which browsers allow only for application/wasm; an old web
  // server's MIME table may not know .wasm, and the downloaded bytes are compiled instead.
  const wasm = readFileSync(path.join(DIST, builtName('pathwise.wasm')));
  const server = await startServer({ routes: { [`/${builtName('pathwise.wasm')}`]: { body: wasm, type: 'application/octet-stream' } } });
  try {
    const { context, errors } = await openApp(suite.browser, server.url, LAPTOP);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('browsers without WebGL 2 or WebAssembly are told what is missing', async () => {
  const cases = [
    ['no-webgl2', () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
      };
    }, /WebGL 2/],
    ['no-wasm', () => { delete window.WebAssembly; }, /cannot run WebAssembly/],
  ];
  for (const [name, withoutFeature, expected] of cases) {
    const context = await suite.browser.newContext(PHONE);
    await context.addInitScript(withoutFeature);
    const page = await context.newPage();
    await page.goto(suite.server.url);
    const message = await startupMessage(page);
    assert.match(message.text, expected);
    await screenshot(page, `error-${name}`);
    await context.close();
  }
});

test('a missing catalog is reported in the app, and "Try again" loads it once it is back', async () => {
  const routes = { '/content/catalog.json': { status: 503, body: 'down for maintenance', type: 'text/plain' } };
  const flaky = await startServer({ routes });
  try {
    const { context, page } = await openApp(suite.browser, flaky.url, PHONE);
    const failed = await state(page);
    assert.equal(failed.catalog.status, 'failed');
    assert.match(failed.catalog.failure, /503/);
    await screenshot(page, 'catalog-unavailable');
    delete routes['/content/catalog.json'];  // the server is back
    await tap(page, 'home/retry');
    const loaded = await waitForState(page, (now) => now.catalog.status === 'ready');
    assert.deepEqual(loaded.catalog.courses, BUNDLED_COURSES);
    await context.close();
  } finally {
    await flaky.close();
  }
});

test('a catalog with mistakes shows the good courses and names each problem with its place', async () => {
  const catalog = JSON.stringify({
    format: 'pathwise.catalog/1',
    courses: [
      { id: 'fractions', title: 'Fractions', language: 'en', version: '1.0.0', bundle: 'fractions/course.json' },
      { id: 'Bad Id', title: 'Broken', language: 'en', version: '1.0.0', bundle: '../outside.json' },
    ],
  }, null, 2);
  const mixed = await startServer({ routes: { '/content/catalog.json': { body: catalog, type: 'application/json' } } });
  try {
    const { context, page } = await openApp(suite.browser, mixed.url, LAPTOP);
    const shown = await state(page);
    assert.deepEqual(shown.catalog.courses, ['fractions']);
    assert.ok(shown.catalog.problems.some((problem) => /^catalog\.json:\d+:\d+: \/courses\/1\/id: /.test(problem)),
      JSON.stringify(shown.catalog.problems));
    assert.ok(shown.catalog.problems.some((problem) => /\/courses\/1\/bundle: .*leaves its folder/.test(problem)));
    await screenshot(page, 'catalog-with-problems');
    await context.close();
  } finally {
    await mixed.close();
  }
});

test('site.json names the school, chooses and orders the courses, shows the privacy notice; its mistakes are listed', async () => {
  const site = JSON.stringify({
    format: 'pathwise.site/1',
    school: 'Hillside Primary',
    courses: ['ecosystems', 'geometry', 'fractions'],
    privacy_notice: 'Your progress stays in this browser on this device.',
    colour: 'green',
    logo: 'school-logo.svg',
  }, null, 2);
  const logo = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#2a7"/></svg>';
  const server = await startServer({ routes: { '/site.json': { body: site, type: 'application/json' },
    '/school-logo.svg': { body: logo, type: 'image/svg+xml' } } });
  try {
    // The privacy notice is on the welcome, before anyone has typed a name.
    const { context, page, errors } = await openApp(suite.browser, server.url, PHONE, { learner: null });
    await item(page, 'profiles/privacy-title');
    await screenshot(page, 'site-welcome-phone');
    await context.close();

    const opened = await openApp(suite.browser, server.url, LAPTOP);
    const now = await state(opened.page);
    assert.deepEqual(now.catalog.shown, ['ecosystems', 'fractions'], 'the site\'s courses, in its order');
    assert.equal(now.catalog.site.school, 'Hillside Primary');
    assert.equal((await item(opened.page, 'home/title')).label, 'Hillside Primary');
    // The logo, a file of the site, shown above the name at its own shape (2:1 here).
    const shownLogo = await item(opened.page, 'home/logo');
    await opened.page.waitForFunction(() => [...document.querySelectorAll('img')].some((img) =>
      img.src.endsWith('/school-logo.svg') && img.complete && img.naturalWidth > 0));
    await settle(opened.page);
    const laidOut = await item(opened.page, 'home/logo');
    assert.ok(Math.abs(laidOut.w / laidOut.h - 2) < 0.05, `the logo keeps its shape: ${JSON.stringify(laidOut)}`);
    assert.ok(shownLogo);
    const problems = now.catalog.site.problems;
    assert.ok(problems.some((problem) => /^site\.json:10:3: \/colour: warning: unknown field "colour"/.test(problem)),
      JSON.stringify(problems));
    assert.ok(problems.some((problem) => /^site\.json: \/courses\/1: warning: the catalog has no course "geometry"/.test(problem)),
      JSON.stringify(problems));
    // The search looks among the site's courses only.
    await click(opened.page, 'home/search');
    await opened.page.keyboard.type('fraction');
    await waitForState(opened.page, (s) => s.catalog.shown.length === 1 && s.catalog.shown[0] === 'fractions');
    await screenshot(opened.page, 'site-home-laptop');
    assert.deepEqual([...errors, ...opened.errors], []);
    await opened.context.close();
  } finally {
    await server.close();
  }

  // A site.json that is not JSON, and one the server cannot serve: every course, and the problem named.
  for (const route of [{ body: '{"format": "pathwise.site/1",', type: 'application/json' }, { status: 500, body: 'oops' }]) {
    const broken = await startServer({ routes: { '/site.json': route } });
    try {
      const { context, page } = await openApp(suite.browser, broken.url, LAPTOP);
      const now = await state(page);
      assert.deepEqual(now.catalog.shown, BUNDLED_COURSES);
      assert.equal((await item(page, 'home/title')).label, 'Pathwise');
      assert.equal(now.catalog.site.problems.length, 1, JSON.stringify(now.catalog.site.problems));
      assert.match(now.catalog.site.problems[0], route.status ? /^site\.json: the server answered 500/ : /^site\.json:1:\d+: /);
      await context.close();
    } finally {
      await broken.close();
    }
  }
});

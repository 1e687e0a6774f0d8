// Shared by the browser end-to-end suites and the benchmark: a real static HTTP server on 127.0.0.1 over the
// built site (build/web/dist), Debian's Chromium driven headless through playwright-core, and helpers that act
// only through real mouse, touch and keyboard events at the coordinates the page's test hook reports.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));  // (import.meta.dirname needs Node 20.11)
export const DIST = process.env.PATHWISE_DIST || path.resolve(HERE, '../../../build/web/dist');
export const ARTIFACTS = process.env.PATHWISE_ARTIFACTS || path.resolve(HERE, '../../../build/e2e-artifacts');
const CHROMIUM = process.env.PATHWISE_CHROMIUM || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.webmanifest': 'application/manifest+json',
};

// Serves `root` on a free loopback port. `routes` overrides paths: {'/x': {status, body, type}} answers with
// that instead of the file (a missing catalog, a broken wasm, a catalog with errors...). Returns {url, close,
// requests} where `requests` lists every path asked for, in order.
export async function startServer({ root = DIST, routes = {} } = {}) {
  const requests = [];
  const server = createServer(async (request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    requests.push(urlPath);
    const route = routes[urlPath];
    if (route) {
      const body = typeof route.body === 'string' ? Buffer.from(route.body) : route.body || Buffer.alloc(0);
      response.writeHead(route.status || 200, { 'Content-Type': route.type || 'application/octet-stream',
        'Content-Length': body.length, 'Cache-Control': 'no-store' });
      response.end(body);
      return;
    }
    const relative = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath;
    const file = path.join(root, path.normalize(relative));
    if (!file.startsWith(path.resolve(root))) {
      response.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
        'Content-Length': body.length, 'Cache-Control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// One server and one browser for a whole suite file: started before its first test, closed after its last.
// Returns an object whose `server` and `browser` are set once the suite starts.
export function useServerAndBrowser() {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

// Flags measured to work here (../shared/TOOLCHAIN.md): software WebGL 2 through SwiftShader, and no attempts to
// reach the internet.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic', '--disable-renderer-backgrounding', '--disable-background-timer-throttling'],
  });
}

// A phone (390x844, touch, DPR 3) and a laptop (1280x800, mouse, DPR 1), the two shapes every suite checks.
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
export const LAPTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: false };

// Opens the app and waits until it has drawn a frame with the catalog in. Collects page errors in `errors`.
// A fresh browser profile starts on "Welcome": unless `learner` is null, a learner of that name is created
// there through real input, so the suite starts on the home screen as a returning student would.
export async function openApp(browser, serverUrl, device = LAPTOP, { waitForCatalog = true, learner = 'Sam' } = {}) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(serverUrl);
  if (waitForCatalog) {
    await page.waitForFunction(() => window.pathwise && window.pathwise.test &&
      window.pathwise.test.frame > 0 && window.pathwise.test.state().catalog.status !== 'loading');
    await settle(page);
    const now = await state(page);
    if (learner !== null && now.screen === 'profiles' && now.learner.profiles.length === 0) {
      await createLearner(page, learner, device);
    }
  }
  return { context, page, errors };
}

// Fills in the "Welcome" (or "Add a learner") form and waits until the learner is open.
export async function createLearner(page, name, device = LAPTOP, { pin = '' } = {}) {
  const press = device.hasTouch ? tap : click;
  await press(page, 'profiles/name');
  await waitForState(page, () => true);
  await page.keyboard.type(name);
  await page.waitForFunction((typed) => window.pathwise.test.items().some(
    (entry) => entry.id === 'profiles/name' && entry.value === typed), name);
  if (pin) {
    await press(page, 'profiles/new-pin');
    await page.keyboard.type(pin);
    await page.waitForFunction((typed) => window.pathwise.test.items().some(
      (entry) => entry.id === 'profiles/new-pin' && entry.value.length === typed.length), pin);
  }
  await press(page, 'profiles/create');
  await waitForState(page, (now) => now.learner.phase === 'open' && now.screen === 'home');
  await settle(page);
}

export const state = (page) => page.evaluate(() => window.pathwise.test.state());
export const items = (page) => page.evaluate(() => window.pathwise.test.items());
export const frames = (page) => page.evaluate(() => window.pathwise.test.frame);

// Waits until `predicate(state)` holds; the predicate runs in the test, on a fresh state() each time.
export async function waitForState(page, predicate, { timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    // Before the client has started (still downloading, or just reloaded) there is no state to match yet.
    last = await page.evaluate(() => (window.pathwise && window.pathwise.test ? window.pathwise.test.state() : null));
    if (last && predicate(last)) return last;
    await page.waitForTimeout(25);
  }
  throw new Error(`state never matched; last: ${JSON.stringify(last)}`);
}

// Waits until the app stops rendering (no pending frames): the screen then shows the result of all input.
export async function settle(page, { quietMs = 150, timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  let previous = await frames(page);
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(30);
    const now = await frames(page);
    if (now !== previous) {
      previous = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return now;
    }
  }
  throw new Error('the app kept rendering frames: it never became idle');
}

export async function item(page, id, { timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = (await items(page)).find((candidate) => candidate.id === id && candidate.visible);
    if (found) return found;
    await page.waitForTimeout(25);
  }
  throw new Error(`no visible item "${id}"; items: ${JSON.stringify((await items(page)).map((i) => i.id))}`);
}

function centre(found) {
  return [found.x + found.w / 2, found.y + found.h / 2];
}

// A real tap on a touch screen (touchstart/touchend, pointer events with pointerType "touch").
export async function tap(page, id) {
  const [x, y] = centre(await item(page, id));
  await page.touchscreen.tap(x, y);
}

// A real mouse click: move there, press, release.
export async function click(page, id) {
  const [x, y] = centre(await item(page, id));
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.up();
}

// Answers the activity on the practice screen through real input (rightly or not: any answer is an attempt):
// a true/false or choice is picked and checked, a typed answer is "1/2", a flashcard is rated Good, a reading is
// marked done. It does not wait for the result; see `state().learner.practice`.
export async function answerActivity(page, device = LAPTOP) {
  const press = device.hasTouch ? tap : click;
  const { practice } = (await state(page)).learner;
  switch (practice.type) {
    case 'true_false':
      await press(page, 'practice/true');
      await press(page, 'practice/check');
      break;
    case 'single_choice': {
      const choice = (await items(page)).find((entry) => entry.id.startsWith('practice/choice/') && entry.visible);
      await press(page, choice.id);
      await press(page, 'practice/check');
      break;
    }
    case 'flashcard':
      await press(page, 'practice/reveal');
      await press(page, 'practice/rate/3');
      break;
    case 'reading':
      await press(page, 'practice/done');
      break;
    default:  // numeric, short_text, parameterized
      await press(page, 'practice/answer');
      await page.keyboard.type('1/2');
      await page.waitForFunction(() => window.pathwise.test.items().some(
        (entry) => entry.id === 'practice/answer' && entry.value === '1/2'));
      await press(page, 'practice/check');
      break;
  }
}

// Waits for the next animation frame of the page (the app renders on demand, so input needs a frame to land).
const nextFrame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));

// A real finger drag on the touch screen (CDP touch events, as playwright's own tap uses), a frame between moves.
export async function swipe(page, from, to, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const point = (i) => ({ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
  for (let i = 1; i <= steps; ++i) {
    await nextFrame(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(i)] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

// Scrolls the screen (finger drag on touch devices, wheel otherwise) until item `id` is wholly in view.
export async function reveal(page, id, device = LAPTOP, { attempts = 20 } = {}) {
  const { width, height } = page.viewportSize();
  for (let i = 0; i < attempts; ++i) {
    const found = (await items(page)).find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no item "${id}" on this screen`);
    if (found.visible && found.y >= 0 && found.y + found.h <= height - 1) return found;
    // An item scrolled out of view still reports where it is: above the screen (y < 0) means scroll up.
    const down = !found.visible ? !(found.y + found.h <= 0) : found.y + found.h > height - 1;
    if (device.hasTouch) {
      const x = width / 2;
      await swipe(page, { x, y: down ? height * 0.7 : height * 0.3 }, { x, y: down ? height * 0.3 : height * 0.7 });
    } else {
      await page.mouse.move(width / 2, height / 2);
      await page.mouse.wheel(0, down ? 300 : -300);
    }
    await settle(page);
  }
  throw new Error(`item "${id}" never scrolled into view`);
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Chromium started by hand on a profile folder of our own, in its own process group, so that the whole tree can
// be killed at once, like a crash or a power cut of the browser, then started again on the same folder.
export async function launchOnProfile(userDataDir) {
  const child = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader',
    '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-quic', '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
    `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank'],
  { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (found) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${output}`)));
    setTimeout(() => reject(new Error(`Chromium did not listen within 20 s: ${output}`)), 20000).unref();
  });
  child.stderr.resume();
  const browser = await chromium.connectOverCDP(endpoint);
  return { child, browser, context: browser.contexts()[0] };
}

// Every process in the tree under `root` (from /proc), the root first.
function processTree(root) {
  const parentOf = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* the process ended meanwhile */ }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; ++i) {
    for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

export const alive = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

export async function killTree(child) {
  const tree = processTree(child.pid);
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
  for (const target of [-child.pid, ...tree]) {  // the browser's process group, and anything of its tree that left it
    try { process.kill(target, 'SIGKILL'); } catch { /* already gone */ }
  }
  await exited;
  // SIGKILL is delivered asynchronously: the helpers may outlive the browser process by a moment.
  const deadline = Date.now() + 5000;
  while (tree.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return tree;
}

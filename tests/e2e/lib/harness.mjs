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
  '.webm': 'video/webm', '.vtt': 'text/vtt; charset=utf-8',
};

// Serves `root` on a free loopback port. `routes` overrides paths: {'/x': {status, body, type}} answers with
// that instead of the file (a missing catalog, a broken wasm, a catalog with errors...). `prefix` ('/maths/app/')
// serves the site under that sub-path only, as a school's shared web server would. Returns {url, close,
// requests, setRoot} where `url` includes the prefix, `requests` lists every path asked for, in order, and
// setRoot(dir) serves another folder from then on (a new build deployed over the old one). `handler(request,
// response, body)` answers dynamic requests (a learning record store for e2e-cmi5): it gets every request under
// the prefix first, with its whole body as a Buffer, and returns true when it answered.
export async function startServer({ root = DIST, routes = {}, prefix = '/', handler = null } = {}) {
  const requests = [];
  const served = { root };
  const server = createServer(async (request, response) => {
    const fullPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    requests.push(fullPath);
    if (!fullPath.startsWith(prefix)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const urlPath = `/${fullPath.slice(prefix.length)}`;
    if (handler) {
      const chunks = [];
      for await (const chunk of request) chunks.push(chunk);
      if (await handler(request, response, Buffer.concat(chunks))) return;
    }
    const root = served.root;
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
      const type = MIME[path.extname(file)] || 'application/octet-stream';
      // Byte ranges, as every real web server answers them: browsers need them to seek in a video.
      const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range || '');
      if (range && (range[1] || range[2])) {
        const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]));
        const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
        if (start > end || start >= body.length) {
          response.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
          return;
        }
        response.writeHead(206, { 'Content-Type': type, 'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes',
          'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Cache-Control': 'no-store' });
        response.end(body.subarray(start, end + 1));
        return;
      }
      response.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Accept-Ranges': 'bytes',
        'Cache-Control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    setRoot: (dir) => { served.root = dir; },
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
// Service workers are blocked: suites change what the server answers from one load to the next (routes), which a
// service worker's caches would hide. The offline suite allows them ({...LAPTOP, serviceWorkers: 'allow'}).
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true,
  serviceWorkers: 'block' };
export const LAPTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: false,
  serviceWorkers: 'block' };

// The served name of a built app file: `pathwise.wasm` is served as `pathwise.<hash>.wasm` (build.json lists
// every file of the build; cmake/assemble_site.py).
export function builtName(name, root = DIST) {
  const build = JSON.parse(readFileSync(path.join(root, 'build.json'), 'utf8'));
  const dot = name.lastIndexOf('.');
  const pattern = new RegExp(`^${name.slice(0, dot).replace(/[.]/g, '\\.')}\\.[0-9a-f]{10}\\${name.slice(dot)}$`);
  const found = Object.keys(build.files).filter((file) => pattern.test(file));
  if (found.length !== 1) throw new Error(`build.json names ${found.length} files for ${name}`);
  return found[0];
}

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
// a true/false or choice is picked and checked, one box of a multiple select is ticked, a typed answer is "1/2",
// a cloze gets "1/2" in each typed gap and its first option in each drop-down gap, a flashcard is rated Good, a
// reading's checkpoint questions are answered and the reading marked done, a video is skipped to its questions,
// which are answered and checked one by one (the last check submits it), an ordering's first card is moved down
// one place, a matching's rows each get the first answer left in the tray. It does not wait for the result; see
// `state().learner.practice`.
export async function answerActivity(page, device = LAPTOP) {
  const press = device.hasTouch ? tap : click;
  // Scrolled into view first: a long activity pushes its last controls below the fold of a phone.
  const pressInView = async (id) => {
    await reveal(page, id, device);
    await press(page, id);
  };
  const typeInto = async (id, text) => {
    await pressInView(id);
    await page.keyboard.type(text);
    await page.waitForFunction(([field, typed]) => window.pathwise.test.items().some(
      (entry) => entry.id === field && entry.value === typed), [id, text]);
  };
  // The layout first settles: a new activity may still move on its second frame (the screen's scroll clamped
  // to its shorter height), and a tap aimed at the first frame's rectangles would miss.
  await settle(page);
  const { practice } = (await state(page)).learner;
  switch (practice.type) {
    case 'multiple_select': {
      const box = (await items(page)).find((entry) => entry.id.startsWith('practice/choice/') && entry.visible);
      await press(page, box.id);
      await pressInView('practice/check');
      break;
    }
    case 'cloze': {
      const drawn = await items(page);
      for (let gap = 1; ; ++gap) {
        const id = `practice/blank/${gap}`;
        if (drawn.some((entry) => entry.id === id)) await typeInto(id, '1/2');
        else if (drawn.some((entry) => entry.id === `${id}/option/0`)) await pressInView(`${id}/option/0`);
        else break;
      }
      await pressInView('practice/check');
      break;
    }
    // A picture above the answers can push them, and Check, below the fold.
    case 'true_false':
      await pressInView('practice/true');
      await pressInView('practice/check');
      break;
    case 'single_choice': {
      const choices = (await items(page)).filter((entry) => entry.id.startsWith('practice/choice/'));
      await pressInView((choices.find((entry) => entry.visible) || choices[0]).id);
      await pressInView('practice/check');
      break;
    }
    case 'flashcard':
      await pressInView('practice/reveal');
      await settle(page);  // the back and the rating row appear, and the card grows
      await pressInView('practice/rate/3');
      break;
    case 'reading':
      for (const index of await checkpointIndices(page)) await fillQuestion(page, `practice/checkpoint/${index}`, device);
      await reveal(page, 'practice/done', device);
      await press(page, 'practice/done');
      break;
    case 'video':
      await reveal(page, 'practice/video-skip', device);
      await press(page, 'practice/video-skip');
      await page.waitForFunction(() => window.pathwise.test.items().some((entry) => entry.id.endsWith('/check')));
      for (const index of await checkpointIndices(page)) {
        const prefix = `practice/checkpoint/${index}`;
        await fillQuestion(page, prefix, device);
        await reveal(page, `${prefix}/check`, device);
        await press(page, `${prefix}/check`);
        await page.waitForFunction((id) => window.pathwise.test.items().some((entry) => entry.id === id), `${prefix}/result`);
      }
      break;
    case 'ordering': {
      // Any move makes an order answerable: the first card goes down one place.
      const first = (await items(page)).find((entry) => /^practice\/item\/\d+$/.test(entry.id) && entry.value === '0');
      await reveal(page, `${first.id}/down`, device);
      await press(page, `${first.id}/down`);
      await page.waitForFunction((id) => window.pathwise.test.items().some(
        (entry) => entry.id === id && entry.value === '1'), first.id);
      await reveal(page, 'practice/check', device);
      await press(page, 'practice/check');
      break;
    }
    case 'matching': {
      // Each row in turn is tapped, then the first answer still in the tray (rows and answers pair tap by tap).
      const rows = (await items(page)).filter((entry) => /^practice\/left\/\d+$/.test(entry.id)).length;
      for (let row = 0; row < rows; ++row) {
        const left = `practice/left/${row}`;
        await reveal(page, left, device);
        await press(page, left);
        await page.waitForFunction((id) => window.pathwise.test.items().some(
          (entry) => entry.id === id && entry.checked === true), left);
        const free = (await items(page)).find((entry) => /^practice\/option\/\d+$/.test(entry.id) && entry.value === '');
        await reveal(page, free.id, device);
        await press(page, free.id);
        await page.waitForFunction((id) => window.pathwise.test.items().some(
          (entry) => entry.id === id && entry.value !== ''), left);
      }
      await reveal(page, 'practice/check', device);
      await press(page, 'practice/check');
      break;
    }
    default:  // numeric, short_text, parameterized
      await typeInto('practice/answer', '1/2');
      await pressInView('practice/check');
      break;
  }
}

// The checkpoint questions on screen (a reading's, a video's), by index.
async function checkpointIndices(page) {
  const found = new Set();
  for (const entry of await items(page)) {
    const match = /^practice\/checkpoint\/(\d+)\//.exec(entry.id);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

// Gives the question drawn under `prefix` ("practice", "practice/checkpoint/2") an answer through real input,
// whichever its type (told by its controls): True, the first choice shown, or "1/2" typed. Checks nothing.
export async function fillQuestion(page, prefix, device = LAPTOP) {
  const press = device.hasTouch ? tap : click;
  const controls = (await items(page)).filter((entry) => entry.id.startsWith(`${prefix}/`));
  const find = (leaf) => controls.find((entry) => entry.id === `${prefix}/${leaf}`);
  const choices = controls.filter((entry) => entry.id.startsWith(`${prefix}/choice/`));
  const control = find('true') || choices.find((entry) => entry.visible) || choices[0] || find('answer');
  if (!control) throw new Error(`no answer controls under "${prefix}": ${controls.map((entry) => entry.id).join(', ')}`);
  await reveal(page, control.id, device);  // returns at once when it is in view
  await press(page, control.id);
  if (control.id.endsWith('/answer')) {
    await page.keyboard.type('1/2');
    await page.waitForFunction((id) => window.pathwise.test.items().some(
      (entry) => entry.id === id && entry.value === '1/2'), control.id);
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
    // An item out of view keeps its whole rectangle: below the screen its bottom is past the bottom edge, above it
    // its top is above 0, so the direction to scroll is known either way.
    const down = found.y + found.h > height - 1;
    if (device.hasTouch) {
      // In the margin beside the column, where no control is: a finger that lands on a draggable card or answer
      // drags it instead of scrolling the screen.
      const x = 6;
      await swipe(page, { x, y: down ? height * 0.7 : height * 0.3 }, { x, y: down ? height * 0.3 : height * 0.7 });
    } else {
      await page.mouse.move(width / 2, height / 2);
      await page.mouse.wheel(0, down ? 300 : -300);
    }
    await settle(page);
  }
  throw new Error(`item "${id}" never scrolled into view`);
}

// Saves a screenshot as build/e2e-artifacts/<name>.png (`name` may hold folders: "activities/phone-video").
export async function screenshot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
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

// Scrolls `id` into view, then taps (touch devices) or clicks it.
export async function press(page, id, device = LAPTOP) {
  await reveal(page, id, device);
  await (device.hasTouch ? tap : click)(page, id);
}

// Answers the activity on the practice screen RIGHT, through real input, like a student who knows the course:
// the right answer is read from the course's own JSON (`bundle`, parsed), or for numbers from the state's
// `number_answer` (generated problems have their answer nowhere else). Readings are finished with Done.
// Returns the activity's type. Types this function does not know are answered by answerActivity (any answer).
export async function answerCorrectly(page, bundle, device = LAPTOP) {
  await settle(page);  // a new activity's layout may still move on its second frame
  const { practice } = (await state(page)).learner;
  const activity = bundle.activities.find((candidate) => candidate.id === practice.activity);
  const typeIn = async (text) => {
    await press(page, 'practice/answer', device);
    await page.keyboard.insertText(text);
    await page.waitForFunction((expected) => window.pathwise.test.items().some(
      (entry) => entry.id === 'practice/answer' && entry.value === expected), text);
    await press(page, 'practice/check', device);
  };
  switch (practice.type) {
    case 'single_choice':
      await press(page, `practice/choice/${activity.choices.findIndex((choice) => choice.correct)}`, device);
      await press(page, 'practice/check', device);
      break;
    case 'true_false':
      await press(page, activity.answer ? 'practice/true' : 'practice/false', device);
      await press(page, 'practice/check', device);
      break;
    case 'numeric':
    case 'parameterized':
      await typeIn(practice.number_answer);
      break;
    case 'short_text':
      await typeIn(activity.answers[0].text);
      break;
    case 'flashcard':
      await press(page, 'practice/reveal', device);
      await settle(page);  // the back and the rating row appear, and the card grows
      await press(page, 'practice/rate/3', device);
      break;
    case 'multiple_select':
      for (const [index, choice] of activity.choices.entries()) {
        if (choice.correct) await press(page, `practice/choice/${index}`, device);
      }
      await press(page, 'practice/check', device);
      break;
    case 'cloze':
      for (const [index, blank] of activity.blanks.entries()) {
        const gap = `practice/blank/${index + 1}`;
        if (blank.choices && blank.choices.length > 0) {
          await press(page, `${gap}/option/${blank.choices.indexOf(blank.answers[0])}`, device);
        } else {
          await press(page, gap, device);
          await page.keyboard.insertText(blank.answers[0]);
          await page.waitForFunction(([field, typed]) => window.pathwise.test.items().some(
            (entry) => entry.id === field && entry.value === typed), [gap, blank.answers[0]]);
        }
      }
      await press(page, 'practice/check', device);
      break;
    case 'ordering':
      // The ↑ buttons, one place at a time: item i belongs at place i.
      for (let target = 0; target < activity.items.length; ++target) {
        for (;;) {
          const card = (await items(page)).find((entry) => entry.id === `practice/item/${target}`);
          if (Number(card.value) <= target) break;
          const before = card.value;
          await press(page, `practice/item/${target}/up`, device);
          await page.waitForFunction(([id, place]) => window.pathwise.test.items().some(
            (entry) => entry.id === id && entry.value !== place), [`practice/item/${target}`, before]);
        }
      }
      await press(page, 'practice/check', device);
      break;
    case 'matching':
      // Tap-tap pairing: row i, then option i (the pairs' right sides come first in matching_options order).
      for (let pair = 0; pair < activity.pairs.length; ++pair) {
        await press(page, `practice/left/${pair}`, device);
        await press(page, `practice/option/${pair}`, device);
        await page.waitForFunction((id) => window.pathwise.test.items().some(
          (entry) => entry.id === id && entry.value !== ''), `practice/left/${pair}`);
      }
      await press(page, 'practice/check', device);
      break;
    case 'reading':
      if (!activity.checkpoints || activity.checkpoints.length === 0) {
        await press(page, 'practice/done', device);
        break;
      }
      // falls through: readings with questions are answered by answerActivity
    default:
      await answerActivity(page, device);
  }
  return practice.type;  // eslint-disable-line
}

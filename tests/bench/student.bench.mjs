// Student-experience benchmark: how soon a returning learner's course link is usable, what a frame costs on the
// path map and on the practice screen, whether those screens sit still when left alone, the font atlas's memory,
// and the download size.
// Run: cmake --build build --target bench-student   (or node tests/bench/student.bench.mjs; PATHWISE_DIST may
// point at another built dist folder). It prints figures next to their budgets (met / NOT met) and exits 0; it
// exits 1 only when it could not measure (the page failed, an expected screen or widget never appeared, ...).
// Headless Chromium renders WebGL 2 with SwiftShader (software), so these are CPU-only figures of this machine,
// which is shared: the load averages are printed at the start and the end, and the figures move with them.
//
// How each figure is measured:
//  1. Time to the first interactive frame of a course link: a returning learner opens `<server>/#/course/fractions`
//     (a teacher's link, a bookmark). One browser context is the learner's browser: "Sam" is created in it once
//     (harness openApp, through real input; IndexedDB keeps the profile), then LOADS loads of the link, each in
//     a new tab (the previous one closed first). With one learner and no PIN the app opens the learner by itself
//     and then the linked course; the bench checks that every load ends on Sam's course page without any input.
//     The figure is performance.now() in the page (ms since navigation start) at the first animation frame where
//     state().screen is 'course', state().bundle.status is 'ready', and items() (the widgets of the last rendered
//     frame) hold a 'course/map/<skill>' item for every skill plus 'course/continue': page.waitForFunction polls
//     on every animation frame (polling 'raf') and returns performance.now(). Its rAF callback may run just
//     before the app's in the frame that first shows the course, so the figure can be up to one frame (16.7 ms)
//     late, never early. It spans downloading, compiling the wasm, opening IndexedDB and the learner's records,
//     the catalog, the bundle (fetch, SHA-256, validation), folding the learner's history and drawing.
//     HTTP cache: the e2e harness's server sends `Cache-Control: no-store` (every load would be cold), so this
//     bench serves dist with ETag + `Cache-Control: no-cache` like a typical static host (lib/measure.mjs): in
//     the learner's context the cache is warm and every file is revalidated (304, body from the cache); the
//     bench counts the server's 200 and 304 answers per load to show it. Cold: the same in a fresh context
//     (Sam created first), with CDP Network.clearBrowserCache before each load, so every file is downloaded
//     again (200s counted likewise). From the loopback server, so network time is ~0 either way: the difference
//     is what the cache saves on this machine (the wasm is compiled from its bytes on every load either way), not
//     a network's latency.
//     Also printed, to show where the time goes: the medians of the page's own marks (window.pathwise.timings:
//     loader started, wasm downloaded, runtime ready, first frame), of the first polled frame showing the course
//     page while its bundle loads, and of when the catalog's and the bundle's bodies arrived (Resource Timing
//     responseEnd); and the CPU time one more warm load used (traced, not among the timed loads because tracing
//     slows it, so an upper bound): per kind of process (browser, renderer, GPU), the outermost tasks' thread
//     CPU (`tdur`) on main threads and on other threads (V8 compiles the wasm on pool workers, and keeps
//     optimising it after the course is shown), its three longest renderer main-thread tasks (CPU and wall
//     time), and the renderer main thread's tasks from navigation start and from the bundle's arrival to the
//     interactive frame (placed in the trace by a performance.mark at that frame): their number, wall time and
//     CPU time. Tasks' wall time far above their CPU time means the page was waiting for a core (a loaded
//     machine); a span far longer than its tasks' wall time means the page was waiting for something else.
//  2. Frame CPU time: Chrome traces (CDP Tracing, devtools.timeline categories) while real input makes frames
//     render, one trace per screen: the path map (course home of Fractions) and the practice screen with a
//     single_choice and a numeric activity (opened with the test hook's openActivity, as if the engine had chosen
//     them; nothing is checked). At 1280x800 DPR 1 with a mouse: the pointer moves from map node to map node
//     (hover changes) with wheel scrolls between; over the choices, with a few of them clicked (selected); into
//     the answer field, then typing and erasing "1/6" a few times. At 390x844 DPR 3 with touch: finger drags that
//     scroll the map up and down; taps on each choice in turn; a tap into the field, then the same typing. Input
//     is paced by the clock (no per-step waits on frames, so no other rAF callbacks run meanwhile). The app
//     renders one frame per requestAnimationFrame callback, so each "FireAnimationFrame" event on the renderer's
//     main thread is one frame; its `tdur` is the CPU time that thread used for the frame (ImGui, wasm, issuing
//     the WebGL calls). p50 / p95 (nearest rank) / max of those: the "rAF" columns.
//     The app also renders inside some input handlers: on pointerdown, pointerup and keydown the shell calls
//     pw_pump, which draws up to 4 frames at once (so a tap can focus the phone keyboard within its own
//     handler). Those frames are not FireAnimationFrame events; their number is the app's frame counter minus
//     the trace's rAF frames. Each such dispatch ("EventDispatch" of those types on the same thread, every
//     listener together, including the frames it drew) is one more sample: the "handler" columns. The budget
//     verdict is on the p95 of both kinds together, which counts a handler that drew several frames as one
//     long frame (pessimistic). Not included: compositing, and SwiftShader's rasterisation in the GPU process.
//  3. Idle: on the course home and on the practice screen (a single_choice activity just opened, no input on it
//     yet), at both sizes, after the app has settled: 5 s without input; frames rendered (the test hook's
//     counter) and the main thread's busy time from CDP Performance.getMetrics (TaskDuration delta). Also shown,
//     as information: the practice screen with the numeric answer field focused (a student thinking it over).
//  4. Font atlas: window.pathwise.test.atlasBytes() (the RGBA32 texture as uploaded) at DPR 1 and 2 (1280x800)
//     and 3 (390x844), with Fractions' course home shown and then Spanish A1's (opened by changing the link).
//     1 MiB = 1024 x 1024 bytes. The glyph ranges are fixed (client/app/fonts.cpp), so only the scale should
//     matter; both courses are measured to show whether the content changes it.
//  5. Download size: index.html + every .js file the page requested during the loads of figure 1 (from the
//     server's log) + pathwise.wasm, as on disk in dist, each gzipped with zlib at level 9 (what a static host
//     serving pre-compressed files would send). 1 KB = 1024 bytes. style.css and the course content (catalog,
//     bundle) are shown but not counted.
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  DIST, LAPTOP, PHONE, launchBrowser, openApp, settle, frames, items, item, state, waitForState, click, tap, builtName,
} from '../e2e/lib/harness.mjs';
import {
  TASK_CATEGORIES, TIMELINE_CATEGORIES, animationFrameCosts, cpuByProcess, eventDispatchCosts, fmt, kb, longestRendererTasks,
  percentile, rendererMainActivity, startCachingServer, userTimingMark, table, trace,
} from './lib/measure.mjs';

const BUDGET = { interactiveMs: 800, frameCpuP95Ms: 8, idleFrames: 0, atlasMiB: 4, totalGzipKB: 900 };
const COURSE = 'fractions';
const LOADS = 5;
const IDLE_MS = 5000;
// One activity of each kind the brief names, from content/fractions/course.json (the type is checked on screen).
const ACTIVITIES = { single_choice: 'unit-pizza-quarter', numeric: 'unit-chocolate-sixth' };
const ATLAS_DEVICES = [
  { dpr: 1, device: LAPTOP, shape: '1280x800' },
  { dpr: 2, device: { ...LAPTOP, deviceScaleFactor: 2 }, shape: '1280x800' },
  { dpr: 3, device: PHONE, shape: '390x844' },
];
const ATLAS_COURSES = ['fractions', 'spanish-a1'];
// The input events whose listeners draw frames at once (pw_pump in client/web/main_web.cpp, from shell/input.js).
const PUMPING_EVENTS = ['pointerdown', 'pointerup', 'keydown'];
const MIB = 1024 * 1024;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverages = () => os.loadavg().map((value) => value.toFixed(2)).join(', ');
const metOrNot = (ok) => (ok ? 'met' : 'NOT met');
const deviceName = (device) => `${device.viewport.width}x${device.viewport.height} DPR ${device.deviceScaleFactor}` +
  (device.hasTouch ? ' touch' : ' mouse');

// Runs `act(step)` `steps` times, one every `stepMs` by the clock (a slow step does not slow the rest).
async function paced(steps, stepMs, act) {
  const start = Date.now();
  for (let step = 0; step < steps; step += 1) {
    await act(step);
    const wait = start + (step + 1) * stepMs - Date.now();
    if (wait > 0) await sleep(wait);
  }
}

const visibleItems = async (page, prefix) => {
  const { height } = page.viewportSize();
  return (await items(page)).filter((entry) => entry.id.startsWith(prefix) && entry.visible &&
    entry.y >= 0 && entry.y + entry.h <= height);
};
const centre = (found) => ({ x: found.x + found.w / 2, y: found.y + found.h / 2 });

// The course page of `course` is drawn with its whole path map and the Continue button.
async function waitForCourseHome(page, course) {
  await waitForState(page, (now) => now.screen === 'course' && now.course === course && now.bundle?.status === 'ready',
    { timeout: 30000 });
  await page.waitForFunction((skills) => {
    const ids = window.pathwise.test.items().map((entry) => entry.id);
    return ids.filter((id) => id.startsWith('course/map/')).length === skills && ids.includes('course/continue');
  }, (await state(page)).bundle.skills, { timeout: 30000 });
  await settle(page);
}

// 1. Time to the first interactive frame ---------------------------------------------------------------------
// True (the page's performance.now()) on the first animation frame whose rendered widgets show the course page
// ready to use. items() describes the last rendered frame, so it is only read again when the frame counter moved.
function interactiveAt(course) {
  const hook = window.pathwise && window.pathwise.test;
  if (!hook || hook.frame === 0 || hook.frame === window.benchLastFrame) return false;
  window.benchLastFrame = hook.frame;
  const now = hook.state();
  if (now.screen === 'course' && window.benchCourseShown === undefined) window.benchCourseShown = performance.now();
  if (now.screen !== 'course' || now.course !== course || !now.bundle || now.bundle.status !== 'ready') return false;
  const ids = hook.items().map((entry) => entry.id);
  const mapItems = ids.filter((id) => id.startsWith('course/map/')).length;
  if (mapItems !== now.bundle.skills || !ids.includes('course/continue')) return false;
  performance.mark('bench-interactive');  // places this moment in a trace
  return performance.now();
}

async function timeLinkLoad(context, server, { clearCache = false, traceCpu = false } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const cdp = await context.newCDPSession(page);
    if (clearCache) await cdp.send('Network.clearBrowserCache');
    const mark = server.responses.length;
    let ms;
    const load = async () => {
      await page.goto(`${server.url}#/course/${COURSE}`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(interactiveAt, COURSE, { polling: 'raf', timeout: 60000 });
      ms = await handle.jsonValue();
    };
    let events = null;
    if (traceCpu) events = await trace(cdp, TASK_CATEGORIES, load);
    else await load();
    const timings = await page.evaluate((course) => {
      // When the catalog's and the bundle's bodies had arrived (Resource Timing).
      const arrived = (suffix) => performance.getEntriesByType('resource')
        .find((entry) => entry.name.endsWith(suffix))?.responseEnd ?? NaN;
      return { ...window.pathwise.timings, courseShown: window.benchCourseShown,
        catalogArrived: arrived('content/catalog.json'), bundleArrived: arrived(`content/${course}/course.json`) };
    }, COURSE);
    const now = await state(page);
    const profile = now.learner.profiles.find((entry) => entry.id === now.learner.profile);
    if (now.learner.phase !== 'open' || !profile || profile.name !== 'Sam' || profile.pin) {
      throw new Error(`the link did not open Sam's course by itself: ${JSON.stringify(now.learner)}`);
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    let cpu = null;
    let longest = null;
    let activity = null;
    if (events) {
      cpu = cpuByProcess(events);
      longest = longestRendererTasks(events);
      // The main thread from navigation start, and from the bundle's arrival, to the interactive frame.
      const interactive = userTimingMark(events, 'bench-interactive');
      if (!interactive) throw new Error('the trace lacks the bench-interactive mark');
      const since = (pageMs) => rendererMainActivity(events, interactive.pid, interactive.ts - (ms - pageMs) * 1000,
        interactive.ts);
      activity = { load: since(0), afterBundle: since(timings.bundleArrived) };
    }
    const served = server.responses.slice(mark);
    return {
      ms, timings, cpu, longest, activity, paths: served.map((entry) => entry.path),
      sent: served.filter((entry) => entry.status === 200).length,
      sentPaths: served.filter((entry) => entry.status === 200).map((entry) => entry.path),
      revalidated: served.filter((entry) => entry.status === 304).length,
      other: served.filter((entry) => entry.status !== 200 && entry.status !== 304).map((e) => `${e.status} ${e.path}`),
    };
  } finally {
    await page.close();
  }
}

async function measureInteractive(browser, server) {
  const runs = {};
  for (const [name, clearCache] of [['warm', false], ['cold', true]]) {
    // The learner's browser: Sam is created once; the tab that did it is closed before the loads.
    const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    await page.close();
    const loads = [];
    let traced = null;
    try {
      for (let load = 0; load < LOADS; load += 1) loads.push(await timeLinkLoad(context, server, { clearCache }));
      // One more load, traced and not counted (tracing slows a load): what it cost in CPU, not in time.
      if (name === 'warm') traced = await timeLinkLoad(context, server, { traceCpu: true });
    } finally {
      await context.close();
    }
    const samples = loads.map((entry) => entry.ms);
    runs[name] = { loads, traced, median: percentile(samples, 50), min: Math.min(...samples), max: Math.max(...samples) };
  }
  console.log(`\n== 1. Time to the first interactive frame of ${COURSE} (#/course/${COURSE}, returning learner Sam, ` +
    `${LOADS} loads, ${deviceName(LAPTOP)}) ==`);
  for (const [name, run] of Object.entries(runs)) {
    const what = name === 'warm' ? 'warm HTTP cache (the learner\'s context, revalidated)'
      : 'cold (fresh context, Network.clearBrowserCache before each load)';
    console.log(`${what}:`);
    console.log(`  loads (ms): ${run.loads.map((entry) => fmt(entry.ms)).join(', ')}`);
    console.log(`  median ${fmt(run.median)} ms   min ${fmt(run.min)} ms   max ${fmt(run.max)} ms`);
    const phase = (key) => fmt(percentile(run.loads.map((entry) => entry.timings[key]), 50));
    console.log(`  medians of the page's marks (ms since navigation start): loader started ${phase('start')}, ` +
      `wasm downloaded ${phase('wasmDownloaded')}, runtime ready ${phase('runtimeReady')}, ` +
      `catalog arrived ${phase('catalogArrived')}, first frame ${phase('firstFrame')}, ` +
      `course page drawn (loading) ${phase('courseShown')}, bundle arrived ${phase('bundleArrived')}, ` +
      `interactive ${fmt(run.median)}`);
    console.log(`  server answers per load (200 sent / 304 from cache): ` +
      run.loads.map((entry) => `${entry.sent}/${entry.revalidated}`).join(', '));
    if (name === 'warm') {
      const sentPaths = run.loads.map((entry, load) => (entry.sent ? `load ${load + 1}: ${entry.sentPaths.join(' ')}` : ''))
        .filter(Boolean);
      if (sentPaths.length) console.log(`  sent in full (not in the cache yet): ${sentPaths.join('; ')}`);
    }
    const odd = run.loads.flatMap((entry) => entry.other);
    if (odd.length) console.log(`  other answers: ${odd.join(', ')}`);
    if (run.traced) {
      const parts = Object.entries(run.traced.cpu).sort(([a], [b]) => a.localeCompare(b))
        .map(([process, cpu]) => `${process} ${fmt(cpu.main)} main + ${fmt(cpu.other)} other threads`);
      console.log(`  CPU used by one more warm load, traced, not counted (${fmt(run.traced.ms)} ms to interactive ` +
        `under tracing, which adds its own cost: an upper bound): ${parts.join('; ')} (ms); its longest renderer ` +
        `main-thread tasks: ${run.traced.longest.map((task) => `${fmt(task.cpu)} ms CPU (${fmt(task.wall)} ms wall)`)
          .join(', ')}`);
      const { traced } = run;
      const span = (label, ms, activity) => `${label} (${fmt(ms)} ms): ${activity.tasks} tasks, ` +
        `${fmt(activity.wall)} ms wall, ${fmt(activity.cpu)} ms CPU`;
      console.log(`  its renderer main thread, ${span('navigation to interactive', traced.ms, traced.activity.load)}; ` +
        `${span('bundle arrived to interactive', traced.ms - traced.timings.bundleArrived, traced.activity.afterBundle)}`);
    }
  }
  console.log('every load opened learner Sam (no PIN) and the linked course by itself, without input');
  return runs;
}

// 2. Frame CPU time ------------------------------------------------------------------------------------------
async function frameRun(page, cdp, action) {
  await settle(page);
  const before = await frames(page);
  const events = await trace(cdp, TIMELINE_CATEGORIES, async () => {
    await action();
    await settle(page);  // the frames queued by the last input run inside the trace
  });
  const rendered = (await frames(page)) - before;
  const { count, cpu } = animationFrameCosts(events);
  if (cpu.length === 0) throw new Error('the trace has no thread CPU times (tdur)');
  const handlers = eventDispatchCosts(events, PUMPING_EVENTS);
  const all = [...cpu, ...handlers];
  return {
    count, rendered, inHandlers: rendered - count, handlers: handlers.length,
    p50: percentile(cpu, 50), p95: percentile(cpu, 95), max: Math.max(...cpu),
    handlerP95: handlers.length ? percentile(handlers, 95) : NaN, handlerMax: handlers.length ? Math.max(...handlers) : NaN,
    allP95: percentile(all, 95),
  };
}

// A finger drag by CDP touch events, paced by the clock (the harness's swipe waits for a frame between moves,
// which would put its own animation-frame callbacks into the trace).
async function drag(cdp, from, to, steps = 12, stepMs = 20) {
  const point = (i) => ({ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
  await paced(steps, stepMs,
    (i) => cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(i + 1)] }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function exerciseMap(page, cdp, device) {
  const { width, height } = page.viewportSize();
  if (device.hasTouch) {
    // Scroll the map up and down with the finger, three times each way.
    for (let round = 0; round < 6; round += 1) {
      const down = round % 2 === 0;
      await drag(cdp, { x: width / 2, y: height * (down ? 0.75 : 0.3) }, { x: width / 2, y: height * (down ? 0.3 : 0.75) });
      await sleep(100);
    }
    return;
  }
  // From map node to map node (hover), a wheel scroll every third step: down for the first half, then back up.
  let nodes = await visibleItems(page, 'course/map/');
  if (nodes.length === 0) throw new Error('no map node is in view on the course home');
  const steps = 90;
  await paced(steps, 33, async (step) => {
    if (step % 3 === 2) {
      await page.mouse.wheel(0, step < steps / 2 ? 200 : -200);
      const inView = await visibleItems(page, 'course/map/');
      if (inView.length) nodes = inView;  // between two skill rows none may be wholly in view: keep the last
    } else {
      const target = centre(nodes[step % nodes.length]);
      await page.mouse.move(target.x, target.y, { steps: 2 });
    }
  });
}

async function exerciseChoices(page, device) {
  const choices = await visibleItems(page, 'practice/choice/');
  if (choices.length < 2) throw new Error(`expected the choices in view; items: ${JSON.stringify(await items(page))}`);
  if (device.hasTouch) {
    await paced(choices.length * 3, 250, (step) => {
      const target = centre(choices[step % choices.length]);
      return page.touchscreen.tap(target.x, target.y);
    });
    return;
  }
  // Over the choices and back (hover changes on every step); every tenth step clicks (selects) the one under it.
  await paced(60, 33, async (step) => {
    const target = centre(choices[step % choices.length]);
    await page.mouse.move(target.x, target.y, { steps: 2 });
    if (step % 10 === 9) {
      await page.mouse.down();
      await page.mouse.up();
    }
  });
}

async function exerciseNumeric(page, device) {
  await (device.hasTouch ? tap : click)(page, 'practice/answer');
  for (let round = 0; round < 4; round += 1) {
    await page.keyboard.type('1/6', { delay: 120 });
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Backspace', { delay: 40 }).then(() => sleep(120));
  }
}

async function openPractice(page, kind) {
  const activity = ACTIVITIES[kind];
  const opened = await page.evaluate(([course, id]) => window.pathwise.test.openActivity(course, id), [COURSE, activity]);
  if (!opened) throw new Error(`openActivity(${COURSE}, ${activity}) refused`);
  const now = await waitForState(page, (s) => s.screen === 'practice' && s.learner.practice?.activity === activity);
  if (now.learner.practice.type !== kind) {
    throw new Error(`${activity} is a ${now.learner.practice.type}, not a ${kind}: pick another activity`);
  }
  await item(page, kind === 'numeric' ? 'practice/answer' : 'practice/choice/0');
  await settle(page);
}

async function measureIdle(page, cdp) {
  await settle(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries(
    (await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
  const framesBefore = await frames(page);
  const before = await metrics();
  await sleep(IDLE_MS);  // no input, no page calls meanwhile
  const after = await metrics();
  const framesAfter = await frames(page);
  await cdp.send('Performance.disable');
  return { frames: framesAfter - framesBefore, taskMs: (after.TaskDuration - before.TaskDuration) * 1000 };
}

async function measureScreens(browser, server, device) {
  const { context, page, errors } = await openApp(browser, server.url, device);
  try {
    const cdp = await context.newCDPSession(page);
    await page.evaluate((course) => { window.location.hash = `#/course/${course}`; }, COURSE);
    await waitForCourseHome(page, COURSE);
    const framesOf = {};
    const idle = {};
    framesOf.map = await frameRun(page, cdp, () => exerciseMap(page, cdp, device));
    idle.courseHome = await measureIdle(page, cdp);
    await openPractice(page, 'single_choice');
    idle.practice = await measureIdle(page, cdp);
    framesOf.single_choice = await frameRun(page, cdp, () => exerciseChoices(page, device));
    await openPractice(page, 'numeric');
    framesOf.numeric = await frameRun(page, cdp, () => exerciseNumeric(page, device));
    idle.practiceTyping = await measureIdle(page, cdp);
    const practice = (await state(page)).learner.practice;
    if (practice.answered) throw new Error('the bench answered an activity by mistake');
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return { framesOf, idle };
  } finally {
    await context.close();
  }
}

// 4. Font atlas ----------------------------------------------------------------------------------------------
async function measureAtlas(browser, server) {
  const rows = [];
  for (const { dpr, device, shape } of ATLAS_DEVICES) {
    const { context, page, errors } = await openApp(browser, server.url, device);
    try {
      for (const course of ATLAS_COURSES) {
        await page.evaluate((id) => { window.location.hash = `#/course/${id}`; }, course);
        await waitForCourseHome(page, course);
        rows.push({ dpr, shape, course, bytes: await page.evaluate(() => window.pathwise.test.atlasBytes()) });
      }
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    } finally {
      await context.close();
    }
  }
  console.log('\n== 4. Font atlas (test hook atlasBytes(), RGBA32 texture) ==');
  console.log(table([
    ['DPR', 'viewport', 'course shown', 'bytes', 'MiB'],
    ...rows.map((row) => [row.dpr, row.shape, row.course, row.bytes, fmt(row.bytes / MIB, 2)]),
  ]));
  const sameForEveryCourse = ATLAS_DEVICES.every(({ dpr }) =>
    new Set(rows.filter((row) => row.dpr === dpr).map((row) => row.bytes)).size === 1);
  console.log(sameForEveryCourse ? 'the same for both courses at each DPR: the atlas depends on the scale only'
    : 'the atlas differs between courses at the same DPR');
  return rows;
}

// 5. Download size -------------------------------------------------------------------------------------------
function measureSizes(requestedPaths) {
  const scripts = [...new Set(requestedPaths.filter((entry) => entry.endsWith('.js')).map((entry) => entry.slice(1)))]
    .sort();
  if (!scripts.includes(builtName('pathwise.js'))) {
    throw new Error(`the loads never requested pathwise.js: ${requestedPaths.join(', ')}`);
  }
  const counted = ['index.html', ...scripts, builtName('pathwise.wasm')];
  const shown = [builtName('style.css'), 'content/catalog.json', `content/${COURSE}/course.json`];
  const size = (file) => {
    const body = readFileSync(path.join(DIST, file));
    return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  };
  const countedSizes = counted.map(size);
  const total = countedSizes.reduce((sum, entry) => ({ raw: sum.raw + entry.raw, gzip: sum.gzip + entry.gzip }),
    { raw: 0, gzip: 0 });
  console.log(`\n== 5. Download size (${DIST}; .js files as requested by the page) ==`);
  console.log(table([
    ['file', 'raw (bytes)', 'gzip -9 (bytes)', 'gzip (KB)'],
    ...countedSizes.map((entry) => [entry.file, entry.raw, entry.gzip, fmt(kb(entry.gzip))]),
    ['total html+js+wasm', total.raw, total.gzip, fmt(kb(total.gzip))],
    ...shown.map(size).map((entry) => [`(not counted) ${entry.file}`, entry.raw, entry.gzip, fmt(kb(entry.gzip))]),
  ]));
  return { totalGzipKB: kb(total.gzip) };
}

// Main -------------------------------------------------------------------------------------------------------
async function main() {
  console.log(`student-experience benchmark   ${new Date().toISOString()}   load averages (1, 5, 15 min) at start: ` +
    `${loadAverages()}   ${os.cpus().length} cores`);
  const server = await startCachingServer();
  let browser;
  try {
    browser = await launchBrowser();
    const interactive = await measureInteractive(browser, server);

    const screens = {};
    for (const device of [LAPTOP, PHONE]) screens[deviceName(device)] = await measureScreens(browser, server, device);
    console.log('\n== 2. Frame CPU time per frame (FireAnimationFrame tdur, renderer main thread) ==');
    const frameRows = [];
    for (const [name, { framesOf }] of Object.entries(screens)) {
      for (const [screen, run] of Object.entries(framesOf)) {
        const optional = (value) => (Number.isNaN(value) ? '-' : fmt(value, 2));
        frameRows.push([name, screen === 'map' ? 'path map' : `practice ${screen}`, run.count,
          `${run.inHandlers} in ${run.handlers}`, fmt(run.p50, 2), fmt(run.p95, 2), fmt(run.max, 2),
          optional(run.handlerP95), optional(run.handlerMax), fmt(run.allP95, 2),
          metOrNot(run.allP95 <= BUDGET.frameCpuP95Ms)]);
      }
    }
    console.log(table([['device', 'screen', 'rAF frames', 'handler frames', 'rAF p50', 'rAF p95', 'rAF max',
      'handler p95', 'handler max', 'all p95', `all p95 <= ${BUDGET.frameCpuP95Ms} ms`], ...frameRows]));
    console.log('(ms of main-thread CPU; "handler frames": frames drawn inside N pointerdown/pointerup/keydown ' +
      'dispatches, each dispatch one sample)');

    console.log(`\n== 3. Idle (${IDLE_MS / 1000} s, no input, after settling) ==`);
    const idleRows = [];
    const labels = { courseHome: 'course home', practice: 'practice (single choice)',
      practiceTyping: 'practice, answer field focused (info)' };
    for (const [name, { idle }] of Object.entries(screens)) {
      for (const [where, run] of Object.entries(idle)) {
        idleRows.push([name, labels[where], run.frames, `${fmt(run.taskMs, 1)} ms`,
          where === 'practiceTyping' ? 'info only' : metOrNot(run.frames <= BUDGET.idleFrames)]);
      }
    }
    console.log(table([['device', 'screen', 'frames', 'main-thread busy', `frames = ${BUDGET.idleFrames}`], ...idleRows]));

    const atlas = await measureAtlas(browser, server);
    const requested = Object.values(interactive).flatMap((run) => run.loads.flatMap((entry) => entry.paths));
    const sizes = measureSizes(requested);

    const worstFrame = frameRows.reduce((worst, row) => (Number(row[9]) > Number(worst[9]) ? row : worst));
    const idleBudgetRows = idleRows.filter((row) => row[4] !== 'info only');
    console.log('\n== Summary ==');
    console.log(table([
      ['figure', 'value', 'budget', 'verdict'],
      ['first interactive frame, warm, median', `${fmt(interactive.warm.median)} ms`, `<= ${BUDGET.interactiveMs} ms`,
        metOrNot(interactive.warm.median <= BUDGET.interactiveMs)],
      ['  same, cold HTTP cache (info)', `${fmt(interactive.cold.median)} ms`, `<= ${BUDGET.interactiveMs} ms`,
        metOrNot(interactive.cold.median <= BUDGET.interactiveMs)],
      ...frameRows.map((row) => [`frame CPU p95, ${row[1]}, ${row[0]}`, `${row[9]} ms (rAF alone ${row[5]})`,
        `<= ${BUDGET.frameCpuP95Ms} ms`, row[10]]),
      ...idleBudgetRows.map((row) => [`idle frames in 5 s, ${row[1]}, ${row[0]}`, String(row[2]),
        String(BUDGET.idleFrames), row[4]]),
      ...ATLAS_DEVICES.map(({ dpr }) => {
        const bytes = Math.max(...atlas.filter((row) => row.dpr === dpr).map((row) => row.bytes));
        return [`font atlas, DPR ${dpr}`, `${fmt(bytes / MIB, 2)} MiB`, `<= ${BUDGET.atlasMiB} MiB`,
          metOrNot(bytes <= BUDGET.atlasMiB * MIB)];
      }),
      ['gzip html+js+wasm', `${fmt(sizes.totalGzipKB)} KB`, `<= ${BUDGET.totalGzipKB} KB`,
        metOrNot(sizes.totalGzipKB <= BUDGET.totalGzipKB)],
    ]));
    console.log(`worst frame CPU p95: ${worstFrame[9]} ms (${worstFrame[1]}, ${worstFrame[0]})`);
    console.log(`\ndate ${new Date().toISOString()}   cpu ${os.cpus()[0].model} x ${os.cpus().length} cores   ` +
      `Chromium ${browser.version()}   load averages at the end: ${loadAverages()}`);
    console.log('headless Chromium, SwiftShader software WebGL; served from 127.0.0.1 (no network latency)');
  } finally {
    if (browser) await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(`\nbenchmark could not measure: ${error && error.stack ? error.stack : error}`);
  process.exitCode = 1;
});

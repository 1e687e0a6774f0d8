// Skeleton benchmark: download size, time to first frame, per-frame cost while the mouse moves, and idle cost.
// Run: node tests/bench/skeleton.bench.mjs   (PATHWISE_DIST may point at another built dist folder)
// It prints figures and exits 0; it exits 1 only when it could not measure (the page failed to load, ...).
//
// How each figure is measured:
//  1. Sizes: the files in dist as they are on disk, raw and gzipped with zlib at level 9 (what a static host
//     serving pre-compressed files would send). "Total" is everything needed to reach the first frame:
//     index.html + loader.js + input.js + storage.js + pathwise.js + pathwise.wasm (also shown with style.css). The course
//     content (content/) is not counted. 1 KB = 1024 bytes here.
//  2. Time to first frame: 5 loads, each in a new browser context (empty HTTP cache, no compiled-code cache), at
//     1280x800 DPR 1, from the local loopback server (so network time is ~0). The figure is the page's own
//     window.pathwise.timings.firstFrame: performance.now() when the first frame finished rendering, i.e. ms
//     since navigation start.
//  3. Frame time while the mouse moves: a Chrome trace (CDP Tracing, devtools.timeline categories) recorded while
//     real mouse events zig-zag between the search field and the course card (hover changes on every step).
//     The app renders one frame per requestAnimationFrame callback (emscripten_request_animation_frame_loop),
//     so each "FireAnimationFrame" trace event on the renderer's main thread is one frame: its `dur` is the
//     main thread's wall time for the frame (ImGui + wasm + issuing WebGL calls, including any wait on the GPU
//     process), its `tdur` the CPU time the main thread itself used. Not included: input event dispatch,
//     compositing, and SwiftShader's rasterisation in the GPU process.
//  4. Idle: after the app has settled, 5 s without input; frames rendered (the page's test hook counter) and the
//     main thread's busy time from CDP Performance.getMetrics (TaskDuration and ScriptDuration deltas). The
//     bench sends nothing to the page during those 5 s, so the deltas are the app's own background work.
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DIST, LAPTOP, startServer, launchBrowser, openApp, settle, frames, item, builtName } from '../e2e/lib/harness.mjs';
import { TIMELINE_CATEGORIES, animationFrameCosts, fmt, kb, percentile, table, trace } from './lib/measure.mjs';

const BUDGET = { totalGzipKB: 400, firstFrameMs: 600, idleFrames: 0, idleBusyPercent: 2 };
const LOADS = 5;
const MOUSE_STEPS = 60;
const MOUSE_STEP_MS = 33;  // 60 steps x 33 ms ~ 2 s
const IDLE_MS = 5000;

// 1. Sizes -----------------------------------------------------------------------------------------------------
function measureSizes() {
  const files = ['index.html', 'loader.js', 'input.js', 'storage.js', 'style.css', 'pathwise.js', 'pathwise.wasm'];
  const sizes = {};
  for (const file of files) {
    const body = readFileSync(path.join(DIST, file === 'index.html' ? file : builtName(file)));  // hashed names
    sizes[file] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  const sum = (names, key) => names.reduce((total, name) => total + sizes[name][key], 0);
  const core = ['index.html', 'loader.js', 'input.js', 'storage.js', 'pathwise.js', 'pathwise.wasm'];
  const withCss = [...core, 'style.css'];
  console.log(`\n== 1. Download size (${DIST}) ==`);
  console.log(table([
    ['file', 'raw (bytes)', 'gzip -9 (bytes)', 'gzip (KB)'],
    ...files.map((file) => [file, sizes[file].raw, sizes[file].gzip, fmt(kb(sizes[file].gzip))]),
    ['total html+js+wasm', sum(core, 'raw'), sum(core, 'gzip'), fmt(kb(sum(core, 'gzip')))],
    ['total incl. style.css', sum(withCss, 'raw'), sum(withCss, 'gzip'), fmt(kb(sum(withCss, 'gzip')))],
  ]));
  return { totalGzipKB: kb(sum(core, 'gzip')), totalGzipWithCssKB: kb(sum(withCss, 'gzip')) };
}

// 2. Time to first frame ---------------------------------------------------------------------------------------
async function measureFirstFrame(browser, url) {
  const samples = [];
  for (let load = 0; load < LOADS; load += 1) {
    const { context, page, errors } = await openApp(browser, url, LAPTOP, { waitForCatalog: false });
    try {
      await page.waitForFunction(() => window.pathwise && window.pathwise.timings.firstFrame !== null,
        null, { timeout: 30000 });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      samples.push(await page.evaluate(() => window.pathwise.timings.firstFrame));
    } finally {
      await context.close();
    }
  }
  const result = { median: percentile(samples, 50), min: Math.min(...samples), max: Math.max(...samples) };
  console.log(`\n== 2. Time to first frame (${LOADS} fresh contexts, 1280x800 DPR 1) ==`);
  console.log(`loads (ms): ${samples.map((value) => fmt(value)).join(', ')}`);
  console.log(`median ${fmt(result.median)} ms   min ${fmt(result.min)} ms   max ${fmt(result.max)} ms`);
  return result;
}

// 3. Frame time while the mouse moves --------------------------------------------------------------------------
async function measureFrameTime(page, cdp) {
  const search = await item(page, 'home/search');
  const card = await item(page, 'home/course/fractions');
  const left = Math.max(search.x, card.x) + 4;
  const right = Math.min(search.x + search.w, card.x + card.w) - 4;
  const rows = [search.y + search.h / 2, card.y + card.h / 2];
  await page.mouse.move(left, rows[0]);
  await settle(page);

  const framesBefore = await frames(page);
  const events = await trace(cdp, TIMELINE_CATEGORIES, async () => {
    const start = Date.now();
    for (let step = 0; step < MOUSE_STEPS; step += 1) {
      // Left to right across both widgets, alternating rows so the hovered widget changes on every step.
      await page.mouse.move(left + ((right - left) * step) / (MOUSE_STEPS - 1), rows[step % 2]);
      const wait = start + (step + 1) * MOUSE_STEP_MS - Date.now();  // pace by the clock, not per-step sleeps
      if (wait > 0) await page.waitForTimeout(wait);
    }
    await settle(page);  // let the frames queued by the last moves run inside the trace
  });
  const framesRendered = (await frames(page)) - framesBefore;

  const { count, wall, cpu } = animationFrameCosts(events);
  const result = {
    count, framesRendered,
    wallP50: percentile(wall, 50), wallP95: percentile(wall, 95), wallMax: Math.max(...wall),
    cpuP50: cpu.length ? percentile(cpu, 50) : NaN, cpuP95: cpu.length ? percentile(cpu, 95) : NaN,
  };
  console.log(`\n== 3. Frame time while the mouse moves (${MOUSE_STEPS} moves over ~${MOUSE_STEPS * MOUSE_STEP_MS} ms) ==`);
  console.log(`frames: ${result.count} FireAnimationFrame trace events (app counted ${framesRendered} frames)`);
  console.log(`main-thread wall time per frame (dur):  p50 ${fmt(result.wallP50, 2)} ms   ` +
    `p95 ${fmt(result.wallP95, 2)} ms   max ${fmt(result.wallMax, 2)} ms`);
  console.log(`main-thread CPU time per frame (tdur):  p50 ${fmt(result.cpuP50, 2)} ms   p95 ${fmt(result.cpuP95, 2)} ms`);
  return result;
}

// 4. Idle ------------------------------------------------------------------------------------------------------
async function measureIdle(page, cdp) {
  await settle(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries(
    (await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
  const framesBefore = await frames(page);
  const before = await metrics();
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));  // no input, no page calls meanwhile
  const after = await metrics();
  const framesAfter = await frames(page);
  await cdp.send('Performance.disable');
  const result = {
    frames: framesAfter - framesBefore,
    taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
    scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
  };
  result.busyPercent = (result.taskMs / IDLE_MS) * 100;
  console.log(`\n== 4. Idle (${IDLE_MS / 1000} s, no input, after settling) ==`);
  console.log(`frames rendered: ${result.frames}`);
  console.log(`main-thread busy (TaskDuration delta): ${fmt(result.taskMs, 2)} ms = ${fmt(result.busyPercent, 3)} % of ` +
    `${IDLE_MS / 1000} s`);
  console.log(`script time (ScriptDuration delta):    ${fmt(result.scriptMs, 2)} ms`);
  return result;
}

// Main ---------------------------------------------------------------------------------------------------------
async function main() {
  const sizes = measureSizes();
  const server = await startServer();
  let browser;
  try {
    browser = await launchBrowser();
    const firstFrame = await measureFirstFrame(browser, server.url);

    const { context, page, errors } = await openApp(browser, server.url, LAPTOP);
    const cdp = await context.newCDPSession(page);
    const frameTime = await measureFrameTime(page, cdp);
    const idle = await measureIdle(page, cdp);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const verdict = (ok) => (ok ? 'within budget' : 'OVER budget');
    console.log('\n== Summary ==');
    console.log(table([
      ['figure', 'value', 'budget', 'verdict'],
      ['total gzip html+js+wasm', `${fmt(sizes.totalGzipKB)} KB`, `<= ${BUDGET.totalGzipKB} KB`,
        verdict(sizes.totalGzipKB <= BUDGET.totalGzipKB)],
      ['  (same incl. style.css)', `${fmt(sizes.totalGzipWithCssKB)} KB`, `<= ${BUDGET.totalGzipKB} KB`,
        verdict(sizes.totalGzipWithCssKB <= BUDGET.totalGzipKB)],
      ['first frame, median of 5', `${fmt(firstFrame.median)} ms`, `<= ${BUDGET.firstFrameMs} ms`,
        verdict(firstFrame.median <= BUDGET.firstFrameMs)],
      ['frame wall time p50 / p95', `${fmt(frameTime.wallP50, 2)} / ${fmt(frameTime.wallP95, 2)} ms`,
        'none (16.7 ms = 1 frame at 60 Hz)', 'info only'],
      ['frame CPU time p50 / p95', `${fmt(frameTime.cpuP50, 2)} / ${fmt(frameTime.cpuP95, 2)} ms`,
        'none', 'info only'],
      ['idle frames in 5 s', String(idle.frames), `${BUDGET.idleFrames}`, verdict(idle.frames <= BUDGET.idleFrames)],
      ['idle main-thread busy', `${fmt(idle.busyPercent, 3)} % (${fmt(idle.taskMs, 1)} ms)`,
        `<= ${BUDGET.idleBusyPercent} %`, verdict(idle.busyPercent <= BUDGET.idleBusyPercent)],
    ]));
    console.log(`\ndate ${new Date().toISOString()}   cpu ${os.cpus()[0].model} x ${os.cpus().length} cores   ` +
      `Chromium ${browser.version()}`);
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

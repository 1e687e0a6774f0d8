// Shared by the browser benchmarks (skeleton.bench.mjs, student.bench.mjs): number formatting, nearest-rank
// percentiles, plain-text tables, a Chrome trace around an action and the per-frame cost it shows, and a static
// server that lets the browser cache (the e2e harness's server sends `no-store`, so its loads are always cold).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DIST } from '../../e2e/lib/harness.mjs';

export const kb = (bytes) => bytes / 1024;
export const fmt = (value, digits = 1) => value.toFixed(digits);

// Nearest-rank percentile of an unsorted list.
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ').trimEnd())
    .join('\n');
}

// The categories that hold FireAnimationFrame events with their thread CPU time.
export const TIMELINE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

// Records a Chrome trace around `action` and returns its events.
export async function trace(cdp, categories, action) {
  const events = [];
  const onData = (message) => events.push(...message.value);
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories } });
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

const rendererMainThreads = (events) => new Set(events.filter((event) => event.name === 'thread_name' &&
  event.args.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));

// The app renders one frame per requestAnimationFrame callback, so each "FireAnimationFrame" complete event on
// the renderer's main thread is one frame. Returns, in ms, each frame's main-thread wall time (`dur`) and CPU
// time (`tdur`, when the trace has it). Other processes' main threads (browser, GPU) are left out.
export function animationFrameCosts(events) {
  const rendererMain = rendererMainThreads(events);
  const animationFrames = events.filter((event) => event.name === 'FireAnimationFrame' && event.ph === 'X' &&
    rendererMain.has(`${event.pid}:${event.tid}`));
  if (animationFrames.length === 0) throw new Error('the trace holds no FireAnimationFrame events');
  return {
    count: animationFrames.length,
    wall: animationFrames.map((event) => event.dur / 1000),
    cpu: animationFrames.filter((event) => event.tdur !== undefined).map((event) => event.tdur / 1000),
  };
}

// The CPU time (`tdur`, ms) of each DOM event dispatch of one of `types` ('pointerdown', 'keydown', ...) on the
// renderer's main thread: every listener of that event together.
export function eventDispatchCosts(events, types) {
  const rendererMain = rendererMainThreads(events);
  return events.filter((event) => event.name === 'EventDispatch' && event.ph === 'X' && event.tdur !== undefined &&
    types.includes(event.args?.data?.type) && rendererMain.has(`${event.pid}:${event.tid}`))
    .map((event) => event.tdur / 1000);
}

// The categories that hold every thread's tasks, RunTask (disabled-by-default-devtools.timeline) and
// ThreadPool_RunTask (toplevel), and the page's performance.mark()s (blink.user_timing).
export const TASK_CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

// CPU time (ms) each kind of process (Browser, Renderer, GPU) used in a trace recorded with TASK_CATEGORIES,
// split into main threads and other threads: the sum of `tdur` over each thread's outermost tasks (RunTask, and
// ThreadPool_RunTask on pool workers, which is where V8 compiles wasm and scripts in the background). Work outside
// any task (rare) is not counted; processes of one kind are added up. Returns {'<kind>': {main, other}}.
export function cpuByProcess(events) {
  const processNames = new Map(events.filter((event) => event.name === 'process_name')
    .map((event) => [event.pid, event.args.name]));
  const threadNames = new Map(events.filter((event) => event.name === 'thread_name')
    .map((event) => [`${event.pid}:${event.tid}`, event.args.name]));
  const tasksByThread = new Map();
  for (const event of events) {
    const isTask = event.name === 'RunTask' || event.name === 'ThreadPool_RunTask';
    if (event.ph !== 'X' || event.tdur === undefined || !isTask) continue;
    const key = `${event.pid}:${event.tid}`;
    if (!tasksByThread.has(key)) tasksByThread.set(key, []);
    tasksByThread.get(key).push(event);
  }
  const result = {};
  for (const [key, tasks] of tasksByThread) {
    tasks.sort((a, b) => a.ts - b.ts);
    let cpu = 0;
    let coveredUntil = -Infinity;
    for (const task of tasks) {
      if (task.ts < coveredUntil) continue;  // nested in the previous outermost task
      cpu += task.tdur / 1000;
      coveredUntil = task.ts + task.dur;
    }
    const pid = Number(key.split(':')[0]);
    const name = processNames.get(pid) || `pid ${pid}`;
    const processName = /Renderer/.test(name) ? 'Renderer' : /GPU/.test(name) ? 'GPU' : name;
    const isMain = /^Cr\w*Main$/.test(threadNames.get(key) || '');
    result[processName] = result[processName] || { main: 0, other: 0 };
    result[processName][isMain ? 'main' : 'other'] += cpu;
  }
  return result;
}

// The `count` outermost tasks (RunTask) on renderer main threads that used the most CPU: [{cpu, wall}] in ms,
// the longest first. A long task is a stretch in which the page cannot draw or answer input.
export function longestRendererTasks(events, count = 3) {
  const rendererMain = rendererMainThreads(events);
  const tasks = events.filter((event) => event.name === 'RunTask' && event.ph === 'X' && event.tdur !== undefined &&
    rendererMain.has(`${event.pid}:${event.tid}`)).sort((a, b) => a.ts - b.ts);
  const outermost = [];
  let coveredUntil = -Infinity;
  for (const task of tasks) {
    if (task.ts < coveredUntil) continue;
    outermost.push({ cpu: task.tdur / 1000, wall: task.dur / 1000 });
    coveredUntil = task.ts + task.dur;
  }
  return outermost.sort((a, b) => b.cpu - a.cpu).slice(0, count);
}

// The trace time (µs) and process of the page's performance.mark(name), traced with the 'blink.user_timing'
// category; null when the trace does not hold it.
export function userTimingMark(events, name) {
  const mark = events.find((event) => event.name === name && event.cat.includes('blink.user_timing'));
  return mark ? { ts: mark.ts, pid: mark.pid } : null;
}

// What the renderer main thread of process `pid` did between trace times `from` and `to` (µs): its outermost tasks
// (RunTask) that started in that span, their number, wall time and CPU time (ms).
export function rendererMainActivity(events, pid, from, to) {
  const rendererMain = rendererMainThreads(events);
  const tasks = events.filter((event) => event.name === 'RunTask' && event.ph === 'X' && event.tdur !== undefined &&
    event.pid === pid && rendererMain.has(`${event.pid}:${event.tid}`)).sort((a, b) => a.ts - b.ts);
  const result = { tasks: 0, wall: 0, cpu: 0 };
  let coveredUntil = -Infinity;
  for (const task of tasks) {
    if (task.ts < coveredUntil) continue;
    coveredUntil = task.ts + task.dur;
    if (task.ts < from || task.ts >= to) continue;
    result.tasks += 1;
    result.wall += task.dur / 1000;
    result.cpu += task.tdur / 1000;
  }
  return result;
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.webmanifest': 'application/manifest+json',
};

// Serves `root` on a free loopback port the way a typical static host does: every file with an ETag (and
// Last-Modified), answering a matching If-None-Match with 304 Not Modified. `Cache-Control: no-cache` makes the
// browser revalidate every file on every visit rather than guess a freshness lifetime from Last-Modified, so a
// warm load is deterministic: the bodies come from the HTTP cache, each after one round trip. `responses`
// lists {path, status} for every request, in order, so a caller can tell what was sent and what was cached.
export async function startCachingServer({ root = DIST } = {}) {
  const responses = [];
  const server = createServer(async (request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const relative = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath;
    const file = path.join(root, path.normalize(relative));
    const answer = (status, headers, body) => {
      responses.push({ path: urlPath, status });
      response.writeHead(status, headers);
      response.end(body);
    };
    if (!file.startsWith(path.resolve(root))) return answer(403, {}, '');
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const tag = `"${createHash('sha1').update(`${info.size}-${info.mtimeMs}`).digest('hex').slice(0, 16)}"`;
      const headers = { ETag: tag, 'Last-Modified': info.mtime.toUTCString(), 'Cache-Control': 'no-cache' };
      if (request.headers['if-none-match'] === tag) return answer(304, headers, '');
      const body = await readFile(file);
      return answer(200, { ...headers, 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
        'Content-Length': body.length }, body);
    } catch {
      return answer(404, { 'Content-Type': 'text/plain' }, 'not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    responses,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// Storage benchmark (figures, not a pass/fail test): what keeping a learner's progress in IndexedDB costs.
// Run: cmake --build build --target bench-storage   (or node tests/bench/storage.bench.mjs --native=<pathwise_store_bench>)
// It prints figures and exits 0; it exits 1 only when it could not measure.
//
// How each figure is measured:
//  1. Native codec (pathwise_store_bench): a 10,000-event history of a learner working through the Fractions
//     course (an "activity shown" and an "attempt" event per answer). Bytes per event of a sealed journal record
//     and of a snapshot; µs per event to encode and decode. It also writes that history as a progress file.
//  2. Append latency, in headless Chromium at 1280x800 from the loopback server: a learner answers
//     APPEND_ANSWERS activities of Fractions through real clicks. Each event the app appends is one IndexedDB
//     readwrite transaction on the `records` store with durability "strict"; the bench wraps
//     IDBDatabase.prototype.transaction (before the page's scripts run) and times each such transaction from
//     its creation to its `complete` event: one append's latency (each answer makes two appends: the attempt,
//     and the next activity's "shown" event). p50 and p95 over all of them.
//  3. Load to first frame: the page's own timings.firstFrame (ms since navigation start), median of LOADS
//     reloads, for a learner with the 10,000-event history (imported through Settings → Import progress, which
//     writes it as one snapshot record) and, in another browser context, for a learner with none. The
//     difference is what the history adds: reading it from IndexedDB, decoding it, and folding it.
//  4. Stored bytes per event: the record texts the app wrote (sum of their lengths ÷ events), for the journal
//     (one record per event, step 2) and for the history (step 3); and navigator.storage.estimate()'s usage
//     growth over the import ÷ 10,000, which is what the browser says it keeps on disk (Chromium compresses).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LAPTOP, startServer, launchBrowser, openApp, createLearner, answerActivity, state, click, settle, waitForState,
} from '../e2e/lib/harness.mjs';

const BUDGET = { appendP95Ms: 20, loadAddedMs: 150, bytesPerEvent: 200 };
const APPEND_ANSWERS = 30;
const LOADS = 5;
const HISTORY_EVENTS = 10000;

const arg = (name) => process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
const fmt = (value, digits = 1) => value.toFixed(digits);
const median = (values) => percentile(values, 50);
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function answerOne(page) {
  await answerActivity(page);
  await waitForState(page, (now) => now.learner.practice?.answered && now.learner.practice.saved === 'saved');
  await click(page, 'practice/next');
  await waitForState(page, (now) => now.learner.practice && !now.learner.practice.answered);
}

async function startPractice(page) {
  await click(page, 'home/course/fractions');
  await waitForState(page, (now) => now.bundle?.status === 'ready');
  await click(page, 'course/continue');
  await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice);
}

const recordBytes = (page, profile) => page.evaluate(async (id) => {
  const records = await window.PathwiseStorage.load(id);
  const byKind = {};
  for (const record of records) {
    byKind[record.kind] = byKind[record.kind] || { records: 0, bytes: 0 };
    byKind[record.kind].records += 1;
    byKind[record.kind].bytes += new TextEncoder().encode(record.text).length;
  }
  return byKind;
}, profile);

// Reloads `page` and returns the page's first-frame time once the learner is open.
async function reloadTimed(page) {
  await page.reload();
  await page.waitForFunction(() => window.pathwise?.test?.frame > 0 &&
    window.pathwise.test.state().learner.phase === 'open');
  return page.evaluate(() => window.pathwise.timings.firstFrame);
}

async function main() {
  const native = arg('native');
  const work = mkdtempSync(path.join(os.tmpdir(), 'pathwise-storage-bench-'));
  const historyFile = path.join(work, 'history.json');
  let codec = null;
  if (native) {
    const output = execFileSync(native, [`--events=${HISTORY_EVENTS}`, `--write-progress=${historyFile}`,
      `--course=${arg('course') || 'content/fractions/course.json'}`], { encoding: 'utf8' });
    process.stdout.write(output);
    codec = Object.fromEntries(output.trim().split('\n').pop().split(' ').slice(1).map((pair) => pair.split('=')));
  } else {
    console.error('--native=<pathwise_store_bench> is needed to make the 10,000-event history');
    process.exit(1);
  }

  const server = await startServer();
  const browser = await launchBrowser();
  try {
    // 2. Append latency -------------------------------------------------------------------------------------
    // PathwiseStorage is frozen, so the bench times IndexedDB itself: every readwrite transaction on `records`,
    // from its creation to its `complete` event (installed before the page's own scripts run).
    const context = await browser.newContext(LAPTOP);
    await context.addInitScript(() => {
      window.appendMs = [];
      const transaction = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function timed(stores, mode, options) {
        const created = transaction.call(this, stores, mode, options);
        const names = Array.isArray(stores) ? stores : [stores];
        if (mode === 'readwrite' && names.length === 1 && names[0] === 'records') {
          const start = performance.now();
          created.addEventListener('complete', () => window.appendMs.push(performance.now() - start));
        }
        return created;
      };
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.pathwise?.test?.frame > 0 &&
      window.pathwise.test.state().catalog.status === 'ready');
    await createLearner(page, 'Bench');
    await startPractice(page);
    for (let i = 0; i < APPEND_ANSWERS; ++i) await answerOne(page);
    const appendMs = await page.evaluate(() => window.appendMs.splice(0));
    // The same kind of append through the app's own C++ store (the test hook's store probe), on the same page
    // while it draws nothing: IndexedDB's own cost, without the frames that follow an answer.
    const idleMs = await page.evaluate(async (count) => {
      const test = window.pathwise.test;
      for (let sequence = 1; sequence <= count; ++sequence) {
        const id = test.storeProbe({ op: 'write', profile: 'idle-bench',
          puts: [{ kind: 'journal', writer: 'bench', sequence, text: `v1 00000000 {"seq":${sequence}}` }] });
        while (!test.storeProbeResults().some((answer) => answer.id === id)) {
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      }
      return window.appendMs.splice(0);
    }, APPEND_ANSWERS * 2);
    const profile = (await state(page)).learner.profile;
    const journal = await recordBytes(page, profile);
    const journalEvents = (await state(page)).learner.events;

    // 3 and 4. A 10,000-event history: imported, compacted, reloaded ------------------------------------------
    await click(page, 'bar/settings');
    await waitForState(page, (now) => now.screen === 'settings');
    const usageBefore = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'settings/import')]);
    await chooser.setFiles(historyFile);
    const imported = await waitForState(page, (now) => now.learner.import && !now.learner.import.pending,
      { timeout: 60000 });
    if (!imported.learner.import.ok) throw new Error(imported.learner.import.message);
    await settle(page);
    const withHistory = [];
    for (let i = 0; i < LOADS; ++i) withHistory.push(await reloadTimed(page));
    const loaded = await state(page);
    const usageAfter = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
    const history = await recordBytes(page, profile);
    await context.close();

    const empty = await openApp(browser, server.url, LAPTOP, { learner: 'Empty' });
    const withoutHistory = [];
    for (let i = 0; i < LOADS; ++i) withoutHistory.push(await reloadTimed(empty.page));
    await empty.context.close();

    // Report -------------------------------------------------------------------------------------------------
    const journalBytes = (journal.journal?.bytes || 0) / Math.max(1, journal.journal?.records || 1);
    const storedBytes = Object.values(history).reduce((sum, kind) => sum + kind.bytes, 0) / loaded.learner.events;
    const estimateBytes = (usageAfter - usageBefore) / HISTORY_EVENTS;
    const added = median(withHistory) - median(withoutHistory);
    console.log('');
    console.log(`append latency (${appendMs.length} appends from ${APPEND_ANSWERS} answers, strict transactions): ` +
      `p50 ${fmt(percentile(appendMs, 50))} ms, p95 ${fmt(percentile(appendMs, 95))} ms, ` +
      `max ${fmt(Math.max(...appendMs))} ms (budget p95 <= ${BUDGET.appendP95Ms} ms)`);
    console.log(`the same appends on the idle page (${idleMs.length}, through the app's C++ store): ` +
      `p50 ${fmt(percentile(idleMs, 50))} ms, p95 ${fmt(percentile(idleMs, 95))} ms`);
    console.log(`first frame with ${loaded.learner.events} events: median ${fmt(median(withHistory), 0)} ms ` +
      `[${withHistory.map((ms) => fmt(ms, 0)).join(', ')}]; without: median ${fmt(median(withoutHistory), 0)} ms ` +
      `[${withoutHistory.map((ms) => fmt(ms, 0)).join(', ')}]; added ${fmt(added, 0)} ms ` +
      `(budget <= ${BUDGET.loadAddedMs} ms)`);
    console.log(`stored bytes per event: journal records ${fmt(journalBytes)} B (${journal.journal?.records} records, ` +
      `${journalEvents} events); the whole profile after the import ${fmt(storedBytes)} B ` +
      `(${Object.entries(history).map(([kind, v]) => `${v.records} ${kind}`).join(', ')}); ` +
      `browser's usage estimate ${fmt(estimateBytes)} B (budget <= ${BUDGET.bytesPerEvent} B on average)`);
    console.log(`storage-bench append_p50_ms=${fmt(percentile(appendMs, 50), 2)} append_p95_ms=${fmt(percentile(appendMs, 95), 2)} ` +
      `idle_append_p50_ms=${fmt(percentile(idleMs, 50), 2)} idle_append_p95_ms=${fmt(percentile(idleMs, 95), 2)} load_added_ms=${fmt(added, 0)} first_frame_history_ms=${fmt(median(withHistory), 0)} ` +
      `first_frame_empty_ms=${fmt(median(withoutHistory), 0)} journal_bytes=${fmt(journalBytes)} ` +
      `profile_bytes=${fmt(storedBytes)} estimate_bytes=${fmt(estimateBytes)} codec_journal_bytes=${codec.journal_bytes}`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`storage benchmark could not measure: ${error.stack || error}`);
  process.exit(1);
});

// e2e-storage: learner records in IndexedDB (shell/storage.js, and the app's own C++ store through the test
// hook's storeProbe), in the real built page with real IndexedDB in headless Chromium: round trips, atomic
// batches, durability across a SIGKILL of the whole browser, two tabs, a newer version taking the database
// over, a full disk (a tiny quota set over CDP), and start-up without storage. Tests wait on state, never on
// sleeps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, openApp, screenshot, launchOnProfile, killTree, alive, LAPTOP,
} from './lib/harness.mjs';


const suite = { server: null, browser: null };
before(async () => {
  suite.server = await startServer();
  suite.browser = await launchBrowser();
});
after(async () => {
  await suite.browser?.close();
  await suite.server?.close();
});

// ---- Helpers ---------------------------------------------------------------------------------------------------
const storageStatus = (page) => page.evaluate(() => window.pathwise.test.storage());

// Runs one PathwiseStorage call in the page; resolves to {ok, value} or {ok: false, code, message}.
function storageCall(page, method, ...args) {
  return page.evaluate(async ([name, list]) => {
    try {
      return { ok: true, value: await window.PathwiseStorage[name](...list) };
    } catch (error) {
      return { ok: false, code: error.code, name: error.name, message: error.message };
    }
  }, [method, args]);
}

// One call through the app's C++ store (client/web/store_probe.h); resolves to its answer.
async function probe(page, request) {
  const id = await page.evaluate((r) => window.pathwise.test.storeProbe(r), request);
  const answer = await page.waitForFunction(
    (wanted) => window.pathwise.test.storeProbeResults().find((a) => a.id === wanted), id);
  return answer.jsonValue();
}

// Text that does not compress (Chromium compresses IndexedDB values: a repeated letter would take no room).
function noise(page, length) {
  return page.evaluate((n) => {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(n, i + 65536)));
    let text = '';
    for (let i = 0; i < n; i += 8192) {
      text += String.fromCharCode(...Array.from(bytes.subarray(i, i + 8192), (b) => 0x21 + (b % 94)));
    }
    return text;
  }, length);
}

// Opens the app in a new tab of `context` (tabs of one context share IndexedDB and BroadcastChannel).
async function openTab(context, url = suite.server.url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0);
  return page;
}

const put = (kind, writer, sequence, text) => ({ kind, writer, sequence, text });
const keyOf = ({ kind, writer, sequence }) => `${kind}/${writer}/${sequence}`;

// ---- Round trips -----------------------------------------------------------------------------------------------
test('records and profiles round-trip through PathwiseStorage, in key order, byte for byte', { timeout: 60000 }, async () => {
  const { context, page, errors } = await openApp(suite.browser, suite.server.url, LAPTOP);
  assert.deepEqual((await storageStatus(page)).available, true);
  const big = await noise(page, 1 << 20);
  const unicode = 'héllo Ωж √ ≤ → 😀 \u0000 end';

  let result = await storageCall(page, 'write', 'alice', [
    put('snapshot', 'tab-b', 2, big), put('journal', 'tab-a', 10, unicode), put('journal', 'tab-a', 9, 'nine'),
    put('quarantined', 'journal:tab-z', 1, '{broken'), put('journal', 'tab-0', 3, 'first writer'),
  ], []);
  assert.equal(result.ok, true, result.message);
  await storageCall(page, 'write', 'bob', [put('journal', 'tab-a', 1, 'bob 1')], []);
  await storageCall(page, 'putProfile', 'alice', '{"name":"Alice"}');
  await storageCall(page, 'putProfile', 'bob', '{"name":"Bob"}');

  result = await storageCall(page, 'load', 'alice');
  // Journal, then snapshot, then quarantined (the C++ RecordKind order); within a kind by writer, then sequence.
  assert.deepEqual(result.value.map(keyOf), ['journal/tab-0/3', 'journal/tab-a/9', 'journal/tab-a/10',
    'snapshot/tab-b/2', 'quarantined/journal:tab-z/1']);
  assert.equal(result.value[2].text, unicode);
  assert.equal(result.value[3].text, big);

  // Deletes apply before puts, in one transaction.
  result = await storageCall(page, 'write', 'alice', [put('journal', 'tab-a', 9, 'nine again')],
    [{ kind: 'journal', writer: 'tab-a', sequence: 9 }, { kind: 'journal', writer: 'tab-0', sequence: 3 }]);
  assert.equal(result.ok, true);
  result = await storageCall(page, 'load', 'alice');
  assert.deepEqual(result.value.map(keyOf), ['journal/tab-a/9', 'journal/tab-a/10', 'snapshot/tab-b/2',
    'quarantined/journal:tab-z/1']);
  assert.equal(result.value[0].text, 'nine again');

  result = await storageCall(page, 'loadProfiles');
  assert.deepEqual(result.value.filter((p) => ['alice', 'bob'].includes(p.profile)),
    [{ profile: 'alice', text: '{"name":"Alice"}' }, { profile: 'bob', text: '{"name":"Bob"}' }]);

  // Deleting a profile takes every record of it, quarantined ones too, and nothing of another profile.
  assert.equal((await storageCall(page, 'deleteProfile', 'alice')).ok, true);
  assert.deepEqual((await storageCall(page, 'load', 'alice')).value, []);
  assert.deepEqual((await storageCall(page, 'load', 'bob')).value.map(keyOf), ['journal/tab-a/1']);
  assert.deepEqual((await storageCall(page, 'loadProfiles')).value.map((p) => p.profile).filter((p) => p === 'alice'), []);
  assert.deepEqual((await storageCall(page, 'load', 'nobody')).value, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the app's C++ store reads what JavaScript wrote and the other way round, refusing what it cannot keep", { timeout: 60000 }, async () => {
  const { context, page, errors } = await openApp(suite.browser, suite.server.url, LAPTOP);
  const big = await noise(page, 2 << 20);
  const unicode = 'façade Ωж 😀';
  await storageCall(page, 'write', 'carol', [put('snapshot', 'js', 7, big), put('journal', 'js', 1, unicode)], []);

  let answer = await probe(page, { op: 'load', profile: 'carol' });
  assert.equal(answer.failure, 'none');
  assert.deepEqual(answer.records.map(keyOf), ['journal/js/1', 'snapshot/js/7']);
  assert.equal(answer.records[0].text, unicode);
  assert.equal(answer.records[1].text, big);

  answer = await probe(page, { op: 'write', profile: 'carol', puts: [
    { kind: 'journal', writer: 'cpp', sequence: 2 ** 53 - 1, text: 'the largest sequence a Number holds' },
    { kind: 'quarantined', writer: 'snapshot:cpp', sequence: 4, text: 'ab€', repeat: 100000 },
  ], deletes: [{ kind: 'journal', writer: 'js', sequence: 1 }] });
  assert.equal(answer.failure, 'none', answer.message);
  assert.equal(answer.synchronous, false, 'a write is answered once IndexedDB completes, not at once');
  const loaded = (await storageCall(page, 'load', 'carol')).value;
  assert.deepEqual(loaded.map(keyOf), [`journal/cpp/${2 ** 53 - 1}`, 'snapshot/js/7', 'quarantined/snapshot:cpp/4']);
  assert.equal(loaded[2].text, 'ab€'.repeat(100000));

  // Refused as a whole: a sequence a Number cannot hold (at once), and text that is not UTF-8 (nothing written).
  answer = await probe(page, { op: 'write', profile: 'carol',
    puts: [{ kind: 'journal', writer: 'cpp', sequence: '9007199254740993', text: 'too far' }] });
  assert.equal(answer.failure, 'failed');
  assert.equal(answer.synchronous, true);
  assert.match(answer.message, /2\^53/);
  answer = await probe(page, { op: 'write', profile: 'carol', puts: [
    { kind: 'journal', writer: 'cpp', sequence: 5, text: 'fine' },
    { kind: 'journal', writer: 'cpp', sequence: 6, text: 'not UTF-8', invalid_utf8: true }] });
  assert.equal(answer.failure, 'failed');
  assert.match(answer.message, /UTF-8/);
  assert.deepEqual((await storageCall(page, 'load', 'carol')).value.map(keyOf), loaded.map(keyOf));

  answer = await probe(page, { op: 'put_profile', profile: 'carol', text: '{"name":"Carol Ωж"}' });
  assert.equal(answer.failure, 'none');
  answer = await probe(page, { op: 'load_profiles' });
  assert.deepEqual(answer.profiles.filter((p) => p.profile === 'carol'), [{ profile: 'carol', text: '{"name":"Carol Ωж"}' }]);
  answer = await probe(page, { op: 'delete_profile', profile: 'carol' });
  assert.equal(answer.failure, 'none');
  assert.deepEqual((await storageCall(page, 'load', 'carol')).value, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a batch with one bad record writes nothing, and earlier records stay', { timeout: 60000 }, async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, LAPTOP);
  await storageCall(page, 'write', 'dave', [put('journal', 'w', 1, 'kept')], []);
  // The bad put comes last, after a delete and two puts were already issued inside the transaction.
  const result = await storageCall(page, 'write', 'dave',
    [put('journal', 'w', 2, 'two'), put('snapshot', 'w', 1, 'snap'), put('journal', 'w', Number.NaN, 'bad key')],
    [{ kind: 'journal', writer: 'w', sequence: 1 }]);
  assert.equal(result.ok, false);
  assert.equal(result.code, 'failed');
  assert.match(result.message, /sequence/);
  const records = (await storageCall(page, 'load', 'dave')).value;
  assert.deepEqual(records, [put('journal', 'w', 1, 'kept')]);
  assert.equal((await storageStatus(page)).lastError.code, 'failed');
  await context.close();
});

// ---- Durability --------------------------------------------------------------------------------------------------
test('200 awaited writes all survive a SIGKILL of the whole browser', { timeout: 60000 }, async (t) => {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'pathwise-durable-'));
  let running = null;
  try {
    running = await launchOnProfile(userDataDir);
    let page = await openTab(running.context);
    const milliseconds = await page.evaluate(async () => {
      const start = performance.now();
      for (let sequence = 1; sequence <= 200; ++sequence) {
        await window.PathwiseStorage.write('erin', [{ kind: 'journal', writer: 'tab-1', sequence,
          text: `{"event":${sequence}}` }], []);
      }
      return performance.now() - start;
    });
    t.diagnostic(`200 writes, each its own strict transaction, awaited one after another: ${Math.round(milliseconds)} ms`);
    const tree = await killTree(running.child);
    assert.ok(tree.length > 2, `the browser had its helper processes (${tree.length} processes)`);
    assert.deepEqual(tree.filter(alive), [], 'no process of the killed browser is left');
    running = null;

    running = await launchOnProfile(userDataDir);
    page = await openTab(running.context);
    const records = (await storageCall(page, 'load', 'erin')).value;
    assert.equal(records.length, 200);
    assert.deepEqual(records.map((record) => record.sequence), Array.from({ length: 200 }, (_, i) => i + 1));
    assert.ok(records.every((record) => record.text === `{"event":${record.sequence}}`));
    await running.browser.close();
    await killTree(running.child);
    running = null;
  } finally {
    if (running) await killTree(running.child).catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
});

// ---- Other tabs ------------------------------------------------------------------------------------------------
test('two tabs writing in turn: every record stored once, each tab hears only the other', { timeout: 60000 }, async () => {
  const context = await suite.browser.newContext(LAPTOP);
  const pages = [];
  for (let i = 0; i < 2; ++i) {
    const page = await openTab(context);
    await page.evaluate(() => {
      window.heard = { puts: [], profilesChanged: 0 };
      window.PathwiseStorage.observe({
        writtenElsewhere: (profile, puts) => window.heard.puts.push(...puts.map((p) => `${profile}/${p.writer}/${p.sequence}`)),
        profilesChangedElsewhere: () => { window.heard.profilesChanged += 1; },
      });
    });
    pages.push(page);
  }
  const [first, second] = pages;
  // The second tab's C++ store gets an observer too: other tabs' writes then reach the wasm, texts included.
  assert.equal((await probe(second, { op: 'observe' })).failure, 'none');

  const expected = [[], []];
  for (let sequence = 1; sequence <= 100; ++sequence) {
    const writer = sequence % 2;
    const result = await storageCall(pages[writer], 'write', 'frank',
      [put('journal', `tab-${writer}`, sequence, `event ${sequence}`)], []);
    assert.equal(result.ok, true, result.message);
    expected[writer].push(`frank/tab-${writer}/${sequence}`);
  }
  await storageCall(first, 'putProfile', 'frank', '{"name":"Frank"}');

  const records = (await storageCall(first, 'load', 'frank')).value;
  assert.equal(records.length, 100);
  assert.equal(new Set(records.map(keyOf)).size, 100);
  assert.deepEqual(records.map((r) => r.sequence).sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i + 1));

  // Each tab heard exactly the other's writes (BroadcastChannel does not echo to the sender).
  for (const [index, page] of pages.entries()) {
    const other = expected[1 - index];
    const heard = await page.waitForFunction((count) => window.heard.puts.length >= count && window.heard, other.length);
    assert.deepEqual((await heard.jsonValue()).puts.sort(), [...other].sort());
  }
  await second.waitForFunction(() => window.heard.profilesChanged === 1);

  // And the second tab's C++ store received the first tab's 50 writes and the profile change.
  const notices = await second.waitForFunction(() => {
    const results = window.pathwise.test.storeProbeResults().filter((r) => r.notice);
    return results.filter((r) => r.notice === 'written_elsewhere').length >= 50 &&
      results.some((r) => r.notice === 'profiles_changed') && results;
  });
  const written = (await notices.jsonValue()).filter((r) => r.notice === 'written_elsewhere');
  assert.deepEqual(written.map((r) => `${r.profile}/${r.puts[0].writer}/${r.puts[0].sequence}`).sort(), [...expected[0]].sort());
  assert.ok(written.every((r) => r.puts[0].text === `event ${r.puts[0].sequence}`));
  const delivered = (await storageStatus(second)).delivered;
  assert.equal(delivered.writtenElsewhere, 50);
  assert.equal(delivered.profilesChangedElsewhere, 1);
  await context.close();
});

test('a newer version opening the database makes this tab report version_change, and refuse further work', { timeout: 60000 }, async () => {
  const context = await suite.browser.newContext(LAPTOP);
  const page = await openTab(context);
  assert.equal((await probe(page, { op: 'observe' })).failure, 'none');
  await storageCall(page, 'write', 'gina', [put('journal', 'w', 1, 'before')], []);

  // Another tab of the same site opens version 2, as a newer Pathwise would.
  const newer = await context.newPage();
  await newer.goto(`${suite.server.url}build.json`);
  const upgraded = await newer.evaluate(() => new Promise((resolve) => {
    const request = indexedDB.open('pathwise', 2);
    request.onsuccess = () => { resolve(request.result.version); request.result.close(); };
    request.onerror = () => resolve(`error ${request.error && request.error.name}`);
    request.onblocked = () => resolve('blocked');
  }));
  assert.equal(upgraded, 2, 'the older tab closed its connection instead of blocking the upgrade');

  const status = await page.waitForFunction(() => {
    const now = window.pathwise.test.storage();
    return now.lost && now;
  });
  const lost = await status.jsonValue();
  assert.equal(lost.lost.code, 'version_change');
  assert.match(lost.lost.message, /newer version/);
  assert.equal(lost.delivered.lost, 1, 'the C++ store was told');
  const notice = (await page.evaluate(() => window.pathwise.test.storeProbeResults())).find((r) => r.notice === 'lost');
  assert.equal(notice.failure, 'version_change');

  // Every later call fails the same way: in JavaScript, and at once in C++.
  const refused = await storageCall(page, 'write', 'gina', [put('journal', 'w', 2, 'after')], []);
  assert.equal(refused.code, 'version_change');
  const answer = await probe(page, { op: 'load', profile: 'gina' });
  assert.equal(answer.failure, 'version_change');
  assert.equal(answer.synchronous, true);
  await context.close();
});

// ---- A full disk ---------------------------------------------------------------------------------------------
test('a write over the quota fails as quota_exceeded, whole, and earlier records are intact', { timeout: 60000 }, async () => {
  // The quota is set before the page stores anything: Chromium caches the space left when a site first writes,
  // so a quota lowered afterwards takes effect only later.
  const context = await suite.browser.newContext(LAPTOP);
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const origin = new URL(suite.server.url).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 << 20 });
  const page = await openTab(context);
  await storageCall(page, 'write', 'hugo', [put('journal', 'w', 1, 'early')], []);
  try {
    const big = await noise(page, 3 << 20);
    const result = await storageCall(page, 'write', 'hugo',
      [put('journal', 'w', 2, 'small, in the same batch'), put('snapshot', 'w', 1, big)], []);
    assert.equal(result.ok, false);
    assert.equal(result.code, 'quota_exceeded');
    assert.match(result.message, /no more room.*QuotaExceededError/);
    assert.deepEqual((await storageCall(page, 'load', 'hugo')).value, [put('journal', 'w', 1, 'early')]);
    assert.equal((await storageStatus(page)).lastError.code, 'quota_exceeded');

    // Through the C++ store, the same failure arrives as StoreFailure::quota_exceeded.
    const answer = await probe(page, { op: 'write', profile: 'hugo',
      puts: [{ kind: 'snapshot', writer: 'cpp', sequence: 1, text: big }] });
    assert.equal(answer.failure, 'quota_exceeded');
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });  // back to the browser's own quota
  }
  assert.equal((await storageCall(page, 'write', 'hugo', [put('journal', 'w', 3, 'room again')], [])).ok, true);
  await context.close();
});

test('navigator.storage is reported: usage, quota and whether the site may keep its data', { timeout: 60000 }, async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, LAPTOP);
  const estimate = (await storageCall(page, 'estimate')).value;
  assert.equal(estimate.known, true);
  assert.ok(estimate.quota > 0 && estimate.usage >= 0, JSON.stringify(estimate));
  assert.equal(typeof estimate.persisted, 'boolean');
  const asked = (await storageCall(page, 'persist')).value;  // headless Chromium decides without a prompt
  assert.equal(asked.known, true);
  assert.equal(typeof asked.persisted, 'boolean');
  await context.close();
});

// ---- Start-up ----------------------------------------------------------------------------------------------------
test('without storage the app still starts, in memory, and says why', { timeout: 60000 }, async () => {
  const cases = [
    ['blocked site data', () => {
      Object.defineProperty(window, 'indexedDB', {
        get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
      });
    }, /blocks saved data/],
    ['open refused (Firefox private mode)', () => {
      IDBFactory.prototype.open = function () { throw new DOMException('A mutation operation was attempted', 'InvalidStateError'); };
    }, /private browsing.*InvalidStateError/],
    ['no IndexedDB at all', () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined });
    }, /no storage/],
  ];
  for (const [name, withoutStorage, expected] of cases) {
    const context = await suite.browser.newContext(LAPTOP);
    await context.addInitScript(withoutStorage);
    const errors = [];
    context.on('weberror', (error) => errors.push(error.error().message));
    const page = await openTab(context);
    const status = await storageStatus(page);
    assert.equal(status.available, false, name);
    assert.match(status.reason, expected, name);
    // The session's store is a memory store: it works, and answers at once.
    const answer = await probe(page, { op: 'write', profile: 'ivy', puts: [{ kind: 'journal', writer: 'w', sequence: 1, text: 'x' }] });
    assert.equal(answer.failure, 'none', name);
    assert.equal(answer.synchronous, true, name);
    assert.equal((await storageCall(page, 'write', 'ivy', [], [])).code, 'unavailable', name);
    assert.deepEqual(errors, [], name);
    await context.close();
  }
});

test('no frame is drawn before the storage is open: the loading screen stays until then', { timeout: 60000 }, async () => {
  const context = await suite.browser.newContext(LAPTOP);
  // Another tab holds the database's creation open (its upgrade transaction kept busy), so this page's open waits.
  const holder = await context.newPage();
  await holder.goto(`${suite.server.url}build.json`);
  await holder.evaluate(() => new Promise((resolve) => {
    const request = indexedDB.open('pathwise', 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      const store = db.createObjectStore('profiles');
      db.createObjectStore('records');
      const spin = () => { if (!window.release) store.get('nothing').onsuccess = spin; };
      spin();
      resolve();
    };
    request.onsuccess = () => request.result.close();
    request.onerror = () => resolve();  // the page's own wait below then fails with the reason
  }));

  const page = await context.newPage();
  await page.goto(suite.server.url);
  await page.waitForFunction(() => window.pathwise.timings.runtimeReady !== null);
  const waiting = await page.evaluate(() => ({
    firstFrame: window.pathwise.timings.firstFrame,
    loadingHidden: document.getElementById('loading').hidden,
    text: document.getElementById('loading-text').textContent,
  }));
  assert.deepEqual(waiting, { firstFrame: null, loadingHidden: false, text: 'Opening saved progress…' });
  await screenshot(page, 'storage-opening');

  await holder.evaluate(() => { window.release = true; });
  await page.waitForFunction(() => window.pathwise.test && window.pathwise.test.frame > 0);
  assert.equal(await page.evaluate(() => document.getElementById('loading').hidden), true);
  assert.equal((await storageStatus(page)).available, true);
  await context.close();
});

// e2e-progress: a learner's progress through the whole app, in headless Chromium with real IndexedDB, acting only
// through real taps, clicks and keys. Answers survive a reload and a SIGKILL of the whole browser right after
// they are shown as saved; two tabs answering in turn store every event exactly once; a damaged record is set
// aside and reported while the rest loads; a full disk shows a banner, keeps the answer and saves it on retry;
// export, "clear site data" and import give back the identical history; PINs and deleting a learner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  useServerAndBrowser, openApp, createLearner, state, item, tap, click, settle, waitForState, screenshot,
  reveal, answerActivity, launchOnProfile, killTree, LAPTOP, PHONE,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();

const press = (device) => (device.hasTouch ? tap : click);

// Opens the Fractions course and starts practising.
async function startPractice(page, device = LAPTOP) {
  await press(device)(page, 'home/course/fractions');
  await waitForState(page, (now) => now.bundle && now.bundle.status === 'ready');
  await press(device)(page, 'course/continue');
  return waitForState(page, (now) => now.screen === 'practice' && now.learner.practice &&
    !now.learner.practice.answered);
}

// Answers the activity on screen and waits until the screen says the attempt is saved; returns that state.
async function answer(page, device = LAPTOP) {
  await answerActivity(page, device);
  return waitForState(page, (now) => now.learner.practice && now.learner.practice.answered &&
    now.learner.practice.saved === 'saved');
}

async function next(page, device = LAPTOP) {
  await press(device)(page, 'practice/next');
  return waitForState(page, (now) => now.learner.practice && !now.learner.practice.answered);
}

async function answerSeveral(page, count, device = LAPTOP) {
  let last;
  for (let i = 0; i < count; ++i) {
    last = await answer(page, device);
    if (i + 1 < count) await next(page, device);
  }
  return last;
}

// The learner as loaded after a (re)start: profile open, records read.
function waitForLearner(page) {
  return page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0 &&
    window.pathwise.test.state().learner.phase === 'open').then(() => state(page));
}

// Every record of a profile as IndexedDB holds it (shell/storage.js).
const storedRecords = (page, profile) => page.evaluate((id) => window.PathwiseStorage.load(id), profile);

test('answers are saved, and all there after a reload (phone, touch)', { timeout: 90000 }, async () => {
  const { context, page, errors } = await openApp(suite.browser, suite.server.url, PHONE, { learner: 'Ana' });
  await startPractice(page, PHONE);
  await screenshot(page, 'progress-practice-phone');
  const before = await answerSeveral(page, 4, PHONE);
  await screenshot(page, 'progress-saved-phone');
  assert.equal(before.learner.attempts, 4);
  assert.equal(before.learner.unsaved, 0);

  await page.reload();
  const after = await waitForLearner(page);
  assert.equal(after.learner.profiles.length, 1);
  assert.equal(after.learner.attempts, 4);
  assert.equal(after.learner.events, before.learner.events);
  assert.equal(after.learner.digest, before.learner.digest, 'the very same history');
  assert.deepEqual(errors, []);
  await context.close();
});

test('answers shown as saved survive a SIGKILL of the whole browser', { timeout: 90000 }, async () => {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'pathwise-kill-'));
  let running = null;
  try {
    running = await launchOnProfile(userDataDir);
    let page = await running.context.newPage();
    await page.setViewportSize(LAPTOP.viewport);
    await page.goto(suite.server.url);
    await page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0 &&
      window.pathwise.test.state().catalog.status === 'ready');
    await createLearner(page, 'Bo');
    await startPractice(page);
    const saved = await answerSeveral(page, 5);  // the last one was shown as saved a moment ago
    await killTree(running.child);
    running = null;

    running = await launchOnProfile(userDataDir);
    page = await running.context.newPage();
    await page.goto(suite.server.url);
    const reloaded = await waitForLearner(page);
    assert.equal(reloaded.learner.attempts, 5);
    assert.equal(reloaded.learner.digest, saved.learner.digest);
    await running.browser.close();
    await killTree(running.child);
    running = null;
  } finally {
    if (running) await killTree(running.child).catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
});

test('two tabs answering in turn: every event stored exactly once, each tab sees the other', { timeout: 120000 }, async () => {
  const { context, page: first } = await openApp(suite.browser, suite.server.url, LAPTOP, { learner: 'Cy' });
  const second = await context.newPage();
  await second.goto(suite.server.url);
  await waitForLearner(second);  // the only learner, no PIN: opens straight away
  await startPractice(first);
  await startPractice(second);
  for (let round = 0; round < 4; ++round) {
    for (const page of [first, second]) {
      // The tab in front, as for a real learner: a tab behind gets no animation frames, so scrolling to a
      // reading's questions (a wheel waits for a frame) would not happen before the next tap.
      await page.bringToFront();
      await answer(page);
      await next(page);
    }
  }
  const profile = (await state(first)).learner.profile;
  // Each tab hears the other's last writes a moment after they complete (BroadcastChannel): wait until both
  // hold the same history.
  let a;
  let b;
  const deadline = Date.now() + 10000;
  for (;;) {
    [a, b] = [await state(first), await state(second)];
    if (a.learner.digest === b.learner.digest || Date.now() > deadline) break;
    await first.waitForTimeout(25);
  }
  assert.notEqual(a.learner.writer, b.learner.writer, 'each tab writes under its own id');
  assert.equal(a.learner.attempts, 8);
  assert.equal(a.learner.digest, b.learner.digest, 'each tab has the other tab\'s answers');

  const third = await context.newPage();
  await third.goto(suite.server.url);
  const fresh = await waitForLearner(third);
  assert.equal(fresh.learner.digest, a.learner.digest);
  assert.equal(fresh.learner.events, a.learner.events);
  const journal = (await storedRecords(third, profile)).filter((record) => record.kind === 'journal');
  assert.equal(journal.length, fresh.learner.events, 'one record per event, none twice');
  await context.close();
});

test('a damaged record is set aside and reported, and everything else loads', { timeout: 90000 }, async () => {
  const { context, page, errors } = await openApp(suite.browser, suite.server.url, LAPTOP, { learner: 'Di' });
  await startPractice(page);
  const before = await answerSeveral(page, 3);
  const profile = before.learner.profile;
  // Damage one answer's record in IndexedDB itself, the way a disk error or an edit by hand would.
  const damaged = await page.evaluate(async (id) => {
    const records = await window.PathwiseStorage.load(id);
    const victim = records.find((record) => record.kind === 'journal' && record.text.includes('"attempt"'));
    const text = victim.text.replace('"score":', '"score": 1, "x":');
    await window.PathwiseStorage.write(id, [{ ...victim, text }], []);
    return { ...victim, text };
  }, profile);

  await page.reload();
  const after = await waitForLearner(page);
  await settle(page);
  assert.equal(after.learner.set_aside, 1);
  assert.match(after.learner.set_aside_reasons[0], /checksum does not match/);
  assert.equal(after.learner.attempts, 2, 'the other answers are all there');
  assert.equal(after.learner.events, before.learner.events - 1);
  const banner = await item(page, 'banner/set-aside');
  assert.match(banner.label, /could not be read .* kept aside, not deleted, and everything else is here/);
  await screenshot(page, 'progress-set-aside');
  // Kept, not deleted: the damaged text is in quarantine under its original key.
  const stored = await storedRecords(page, profile);
  const kept = stored.find((record) => record.kind === 'quarantined');
  assert.ok(kept, JSON.stringify(stored.map((record) => record.kind)));
  assert.equal(kept.writer, `journal:${damaged.writer}`);
  assert.equal(kept.text, damaged.text);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a full disk: the answer is kept, a banner says so, and Try again saves it', { timeout: 90000 }, async () => {
  const context = await suite.browser.newContext(LAPTOP);
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const origin = new URL(suite.server.url).origin;
  // Chromium decides the space left when a site first writes: the quota is set before that (see e2e-storage).
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2 << 20 });
  const page = await context.newPage();
  await page.goto(suite.server.url);
  await page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0 &&
    window.pathwise.test.state().catalog.status === 'ready');
  await createLearner(page, 'Ed');
  await startPractice(page);
  await answer(page);
  await next(page);
  // Fill the disk: incompressible filler records, halving their size each time one no longer fits, until even
  // half a kilobyte does not: then there is no room left for an answer.
  const fillers = await page.evaluate(async () => {
    const noise = (size) => {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65536)));
      let text = '';
      for (let i = 0; i < size; i += 8192) text += String.fromCharCode(...Array.from(bytes.subarray(i, i + 8192), (b) => 0x21 + (b % 94)));
      return text;
    };
    let size = 1 << 20;  // half the quota set above
    let written = 0;
    while (size >= 512) {
      try {
        await window.PathwiseStorage.write('filler', [{ kind: 'snapshot', writer: 'w', sequence: written + 1, text: noise(size) }], []);
        written += 1;
      } catch (error) {
        if (error.code !== 'quota_exceeded') throw error;
        size = Math.floor(size / 2);
      }
    }
    return written;
  });
  assert.ok(fillers > 0);

  // Answers now fail to save: the screen says so, the answers stay in the page.
  const { practice } = (await state(page)).learner;
  assert.equal(practice.answered, false);
  let failed = null;
  for (let i = 0; i < 6 && !failed; ++i) {  // a few, until one no longer fits
    const now = await answerUntilSettled(page);
    if (now.learner.practice.saved === 'failed') failed = now;
    else await next(page);
  }
  assert.ok(failed, 'an answer failed to save on a full disk');
  assert.equal(failed.learner.storage.failure, 'quota_exceeded');
  const banner = await item(page, 'banner/save-failed');
  assert.match(banner.label, /storage for Pathwise is full/);
  await screenshot(page, 'progress-disk-full');
  const attempts = failed.learner.attempts;

  // Room again (the quota back to the browser's own): Try again saves what was kept.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await reveal(page, 'banner/retry');  // the answer's result scrolled the screen down (a picture makes it long)
  await click(page, 'banner/retry');
  await waitForState(page, (now) => now.learner.failed === 0 && now.learner.unsaved === 0);
  await page.reload();
  const after = await waitForLearner(page);
  assert.equal(after.learner.attempts, attempts, 'every answer is stored, the one that failed included');
  await context.close();
});

// Answers and waits until the save has either completed or failed (on a full disk it fails).
async function answerUntilSettled(page) {
  await answerActivity(page);
  return waitForState(page, (now) => now.learner.practice && now.learner.practice.answered &&
    now.learner.practice.saved !== 'saving');
}

test('export, clear site data, import: the identical history; importing twice changes nothing; a tampered file changes nothing', { timeout: 120000 }, async () => {
  const context = await suite.browser.newContext({ ...LAPTOP, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(suite.server.url);
  await page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0 &&
    window.pathwise.test.state().catalog.status === 'ready');
  await createLearner(page, 'Flo');
  await startPractice(page);
  const original = await answerSeveral(page, 4);
  // A long checked answer scrolls the screen down to its result: the learner bar is then above the fold.
  await reveal(page, 'bar/settings', LAPTOP);
  await click(page, 'bar/settings');
  await waitForState(page, (now) => now.screen === 'settings');
  await settle(page);
  await screenshot(page, 'progress-settings');
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'settings/export')]);
  assert.match(download.suggestedFilename(), /^pathwise-progress-Flo-\d{4}-\d\d-\d\d\.json$/);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pathwise-export-')), download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.format, 'pathwise.progress/1');
  assert.equal(exported.profile.name, 'Flo');
  assert.equal(exported.events.length, original.learner.events);
  assert.match(exported.checksum, /^sha256:[0-9a-f]{64}$/);

  // "Clear site data": everything this origin stored is gone.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(suite.server.url).origin, storageTypes: 'all' });
  await page.reload();
  await page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0 &&
    window.pathwise.test.state().catalog.status === 'ready');
  assert.deepEqual((await state(page)).learner.profiles, [], 'the site data is gone');
  await createLearner(page, 'Flo');

  const importFile = async (name) => {
    await click(page, 'bar/settings');
    await waitForState(page, (now) => now.screen === 'settings');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'settings/import')]);
    const previous = (await state(page)).learner.import?.number || 0;
    await chooser.setFiles(name);
    return waitForState(page, (now) => now.learner.import && now.learner.import.number > previous &&
      !now.learner.import.pending);
  };
  const imported = await importFile(file);
  assert.equal(imported.learner.import.ok, true, imported.learner.import.message);
  assert.equal(imported.learner.digest, original.learner.digest, 'the identical history');
  assert.equal(imported.learner.attempts, 4);
  await settle(page);
  await screenshot(page, 'progress-imported');

  await click(page, 'settings/back');
  const again = await importFile(file);
  assert.match(again.learner.import.message, /already here\. Nothing changed\./);
  assert.equal(again.learner.digest, original.learner.digest);

  const tampered = file.replace(/\.json$/, '-edited.json');
  // One answer's score changed to another valid score: only the checksum can tell.
  writeFileSync(tampered, readFileSync(file, 'utf8').replace(/"score":([0-9.]+)/,
    (match, score) => `"score":${Number(score) === 1 ? '0.0' : '1.0'}`));
  await click(page, 'settings/back');
  const refused = await importFile(tampered);
  assert.equal(refused.learner.import.ok, false);
  assert.match(refused.learner.import.message, /^Nothing was imported\. .*checksum does not match/);
  assert.equal(refused.learner.digest, original.learner.digest, 'nothing changed');
  // The screen says so (the next frame draws the new message).
  await page.waitForFunction(() => window.pathwise.test.items().some(
    (entry) => entry.id === 'settings/import-result' && /^Nothing was imported/.test(entry.label)));

  await page.reload();
  const reloaded = await waitForLearner(page);
  assert.equal(reloaded.learner.digest, original.learner.digest, 'and it is stored');
  rmSync(path.dirname(file), { recursive: true, force: true });
  await context.close();
});

test('a shared tablet: learners with and without a PIN, and deleting one after confirming', { timeout: 90000 }, async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, PHONE, { learner: 'Gus' });
  await tap(page, 'bar/switch');
  await waitForState(page, (now) => now.screen === 'profiles');
  await tap(page, 'profiles/add');
  await createLearner(page, 'Hana', PHONE, { pin: '2580' });
  await tap(page, 'bar/switch');
  const picker = await waitForState(page, (now) => now.screen === 'profiles' && now.learner.profiles.length === 2);
  await settle(page);
  await screenshot(page, 'progress-profiles-phone');
  const hana = picker.learner.profiles.find((profile) => profile.name === 'Hana');
  assert.equal(hana.pin, true);

  await tap(page, `profiles/open/${hana.id}`);
  await tap(page, 'profiles/pin');
  await page.keyboard.type('1111');
  await tap(page, 'profiles/unlock');
  const refused = await item(page, 'profiles/message');
  assert.match(refused.label, /PIN is not right/);
  assert.equal((await state(page)).learner.profile, null);
  await tap(page, 'profiles/pin');
  await page.keyboard.type('2580');
  await tap(page, 'profiles/unlock');
  await waitForState(page, (now) => now.learner.profile === hana.id && now.learner.phase === 'open');

  await tap(page, 'bar/settings');
  await waitForState(page, (now) => now.screen === 'settings');
  await reveal(page, 'settings/delete', PHONE);
  await tap(page, 'settings/delete');
  const warning = await item(page, 'settings/delete-warning');
  assert.match(warning.label, /Delete Hana and all their progress from this device\? .*Download a copy first/);
  await item(page, 'settings/delete-export');  // the question comes at the top of the screen, in view
  await screenshot(page, 'progress-delete-question-phone');
  await tap(page, 'settings/delete-cancel');
  await waitForState(page, (now) => now.learner.profiles.length === 2);
  await reveal(page, 'settings/delete', PHONE);
  await tap(page, 'settings/delete');
  await tap(page, 'settings/delete-confirm');
  await waitForState(page, (now) => now.screen === 'profiles');
  const after = await waitForState(page, (now) => now.learner.profiles.length === 1 && now.screen === 'profiles');
  assert.equal(after.learner.profiles[0].name, 'Gus');
  await page.reload();
  const reloaded = await waitForLearner(page);  // Gus alone, without a PIN: opened straight away
  assert.deepEqual(reloaded.learner.profiles.map((profile) => profile.name), ['Gus']);
  await context.close();
});

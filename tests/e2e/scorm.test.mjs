// Pathwise inside an LMS (SCORM 2004 4th Edition). The package is made by the real `pathwise package` command
// (PATHWISE_CLI) from the built site, unzipped with Python's zipfile, and served by the harness's real HTTP
// server together with a test LMS page (lib/scorm-lms.html: an API_1484_11 object written from the published
// run-time interface, with its state rules and data-model checks, recording every call) that frames the
// manifest's launch address, as an LMS does. Then:
//  * the round trip: the LMS learner "Ana" opens straight into the course (no picker), answers activities through
//    real input; the LMS received suspend_data (which decodes to her progress), statuses and Commits, and
//    Terminate when the course was closed; a FRESH browser (empty IndexedDB) launched with what the LMS kept
//    shows the same history (digest), answers and mastery before she does anything;
//  * after Ana deletes her learner on that computer, another learner opened in the same page never reaches her
//    LMS record;
//  * no API (the launch address opened outside the LMS) and an LMS refusing Initialize: a clear message, and the
//    app works on this device;
//  * suspend_data that is garbage or damaged: a clear message, the progress on the device intact, the app starts;
//    data written by a newer Pathwise is left untouched in the LMS;
//  * a history longer than 64,000 characters: the newest events that fit, the learner told, the value readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { before, after } from 'node:test';
import {
  DIST, LAPTOP, launchBrowser, startServer, answerCorrectly, settle, screenshot, press, state, items,
  waitForState,
} from './lib/harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = process.env.PATHWISE_CLI;
const COURSE = 'fractions';
const ENCODING = 'pathwise.progress/1;deflate-raw;base64,';
const suite = { server: null, browser: null, folder: null, launch: null, bundle: null };

before(async () => {
  assert.ok(CLI, 'PATHWISE_CLI names the pathwise command (set by ctest; see cmake/WebBuild.cmake)');
  suite.folder = mkdtempSync(path.join(tmpdir(), 'pathwise-scorm-'));
  const zip = path.join(suite.folder, `${COURSE}.zip`);
  execFileSync(CLI, ['package', '--scorm2004', COURSE, '-o', zip, '--site', DIST], { stdio: 'pipe' });
  const site = path.join(suite.folder, 'package');
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, site]);
  // The launch address is the manifest's own, as an LMS would take it.
  const manifest = readFileSync(path.join(site, 'imsmanifest.xml'), 'utf8');
  suite.launch = /<resource [^>]*href="([^"]+)"/.exec(manifest)[1].replace(/&amp;/g, '&');
  assert.equal(suite.launch, `index.html?lms=scorm2004#/course/${COURSE}`);
  suite.bundle = JSON.parse(readFileSync(path.join(site, 'content', COURSE, 'course.json'), 'utf8'));
  suite.server = await startServer({ root: site, routes: {
    '/lms.html': { type: 'text/html; charset=utf-8', body: readFileSync(path.join(HERE, 'lib', 'scorm-lms.html')) },
  } });
  suite.browser = await launchBrowser();
});

after(async () => {
  await suite.browser?.close();
  await suite.server?.close();
  if (suite.folder) rmSync(suite.folder, { recursive: true, force: true });
});

// The app runs in the LMS's iframe: the harness's helpers get the frame for reading state and the page's real
// mouse and keyboard for input, with the frame's offset added to every coordinate.
async function appInFrame(page) {
  const handle = await page.waitForSelector('iframe');
  const frame = await handle.contentFrame();
  const box = await handle.boundingBox();
  return {
    evaluate: (...args) => frame.evaluate(...args),
    waitForFunction: (fn, arg, options) => frame.waitForFunction(fn, arg, options),
    waitForTimeout: (ms) => page.waitForTimeout(ms),
    viewportSize: () => ({ width: box.width, height: box.height }),
    keyboard: page.keyboard,
    mouse: {
      move: (x, y, options) => page.mouse.move(x + box.x, y + box.y, options),
      down: (options) => page.mouse.down(options),
      up: (options) => page.mouse.up(options),
      wheel: (dx, dy) => page.mouse.wheel(dx, dy),
    },
    touchscreen: { tap: (x, y) => page.touchscreen.tap(x + box.x, y + box.y) },
    screenshot: (options) => page.screenshot(options),
    context: () => page.context(),
  };
}

// A fresh browser context (its own empty IndexedDB unless `context` is given) opening the test LMS with `seed`.
async function openLms(seed, context = null) {
  const own = context || await suite.browser.newContext(LAPTOP);
  await own.addInitScript((value) => { window.__lmsSeed = value; }, Object.assign({ launch: suite.launch }, seed));
  const page = await own.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${suite.server.url}lms.html`);
  const app = await appInFrame(page);
  await app.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0);
  return { context: own, page, app, errors };
}

// The LMS's errors but the one a first launch always gets: GetValue("cmi.suspend_data") before anything was
// stored answers 403, "Data Model Element Value Not Initialized" (RTE 4.2.25), which lms.js reads as "nothing
// kept yet".
const unexpected = (errors) => errors.filter((error) => !(error.code === 403 && error.diagnostic === 'cmi.suspend_data'));

// A learner of this device, through the "Welcome" form (the launch link then opens the course, not home).
async function createLocalLearner(app, name, screen = 'course') {
  await press(app, 'profiles/name', LAPTOP);
  await settle(app);  // the field is active once a frame has seen the click
  await app.keyboard.type(name);
  await app.waitForFunction((typed) => window.pathwise.test.items().some(
    (entry) => entry.id === 'profiles/name' && entry.value === typed), name);
  await press(app, 'profiles/create', LAPTOP);
  await waitForState(app, (now) => now.learner.phase === 'open' && now.screen === screen);
}

const lms = (page) => page.evaluate(() => JSON.parse(JSON.stringify({
  state: window.lms.state, calls: window.lms.calls, errors: window.lms.errors, committed: window.lms.committed,
  commits: window.lms.commits.length, data: window.lms.data })));

function decodeSuspendData(value) {
  assert.ok(value.startsWith(ENCODING), `suspend_data starts with the encoding's name: ${value.slice(0, 60)}`);
  return JSON.parse(inflateRawSync(Buffer.from(value.slice(ENCODING.length), 'base64')).toString('utf8'));
}

// Waits for the course page of the LMS learner, with the course's outline drawn.
async function waitForCourse(app) {
  return waitForState(app, (now) => now.learner.phase === 'open' && now.screen === 'course' &&
    now.bundle && now.bundle.status === 'ready' && Array.isArray(now.learner.mastered), { timeout: 20000 });
}

// Answers `count` activities rightly through real input, each saved before the next.
async function practise(app, count) {
  await press(app, 'course/continue', LAPTOP);
  for (let i = 0; i < count; ++i) {
    await waitForState(app, (now) => now.screen === 'practice' && now.learner.practice && !now.learner.practice.answered);
    await answerCorrectly(app, suite.bundle, LAPTOP);
    await waitForState(app, (now) => now.learner.practice && now.learner.practice.saved === 'saved');
    await settle(app);
    if (i + 1 < count) await press(app, 'practice/next', LAPTOP);
  }
}

let roundTrip = null;  // what the first LMS session left: the committed data and the app's state

test('Ana works in the LMS: no picker, suspend_data + statuses + Commit after each saved answer, Terminate at the end', async () => {
  const { context, page, app, errors } = await openLms({ learner_id: 'ana-0001', learner_name: 'Ana' });
  const opened = await waitForCourse(app);
  assert.equal(opened.lms.active, true);
  assert.equal(opened.lms.notice, '');
  assert.equal(opened.learner.profiles.length, 1, 'only the LMS learner: no picker, no other profile');
  assert.equal(opened.learner.profiles[0].name, 'Ana');
  assert.ok(!(await items(app)).some((entry) => entry.id === 'bar/switch'), 'no "Switch learner" inside the LMS');
  // The launch read who the learner is, in that order, after Initialize.
  const start = await lms(page);
  assert.deepEqual(start.calls.slice(0, 5).map((call) => `${call.name} ${call.args[0] || ''}`.trim()),
    ['Initialize', 'GetValue cmi.learner_id', 'GetValue cmi.learner_name', 'GetValue cmi.entry', 'GetValue cmi.suspend_data']);

  await practise(app, 4);
  const answered = await state(app);
  assert.equal(answered.learner.attempts, 4);
  // The LMS has the progress once the last answer is saved: wait for a commit holding every event.
  await page.waitForFunction(async (expected) => {
    const value = window.lms.committed && window.lms.committed['cmi.suspend_data'];
    if (!value) return false;
    const bytes = Uint8Array.from(atob(value.slice(value.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
    return JSON.parse(text).events.length === expected;
  }, answered.learner.events);
  const recorded = await lms(page);
  assert.deepEqual(unexpected(recorded.errors), [], 'every call the app made was accepted by the LMS');
  const committed = recorded.committed;
  const progress = decodeSuspendData(committed['cmi.suspend_data']);
  assert.equal(progress.format, 'pathwise.progress/1');
  assert.equal(progress.profile.name, 'Ana');
  assert.equal(progress.events.length, answered.learner.events);
  assert.equal(progress.events.filter((event) => 'attempt' in event).length, 4);
  assert.ok(committed['cmi.suspend_data'].length <= 64000);
  const skills = suite.bundle.skills.length;
  const mastered = answered.learner.mastered ? answered.learner.mastered.length : 0;
  assert.equal(committed['cmi.completion_status'], mastered === skills ? 'completed' : 'incomplete');
  assert.equal(Number(committed['cmi.progress_measure']).toFixed(4), (mastered / skills).toFixed(4));
  assert.equal(committed['cmi.score.scaled'], committed['cmi.progress_measure']);
  assert.equal(committed['cmi.success_status'], mastered === skills ? 'passed' : 'unknown');
  assert.equal(recorded.data['cmi.exit'], 'suspend');
  const sets = recorded.calls.filter((call) => call.name === 'SetValue' && call.args[0] === 'cmi.suspend_data');
  assert.ok(sets.length >= 4, `suspend_data written after each saved answer (${sets.length} writes)`);
  assert.ok(recorded.commits >= sets.length, 'each write is committed');
  const status = await app.evaluate(() => window.PathwiseLms.status());
  assert.equal(status.lastMirror.events, answered.learner.events);
  assert.equal(status.lastMirror.total, answered.learner.events);

  // Back on the course page for the screenshot and the comparison (the path as the learner sees it).
  await press(app, 'practice/back', LAPTOP).catch(() => {});
  await screenshot(page, 'scorm/lms-frame');
  const final = await waitForState(app, (now) => now.learner.unsaved === 0);

  // The LMS closes the course: the page gets pagehide and ends the session.
  await page.evaluate(() => window.lms.close());
  await page.waitForFunction(() => window.lms.state === 'terminated');
  const ended = await lms(page);
  const last = ended.calls.slice(-4).map((call) => `${call.name} ${call.args[0] || ''}`.trim());
  assert.deepEqual(last, ['SetValue cmi.exit', 'SetValue cmi.session_time', 'Commit', 'Terminate']);
  assert.deepEqual(unexpected(ended.errors), []);
  assert.match(ended.committed['cmi.session_time'], /^PT\d+H\d+M\d+(\.\d+)?S$/);
  roundTrip = { committed: ended.committed, digest: final.learner.digest, events: final.learner.events,
    attempts: final.learner.attempts, mastered: final.learner.mastered || [] };
  assert.deepEqual(errors, []);
  await context.close();
});

test('a fresh browser launched by the LMS continues where Ana left off', async () => {
  assert.ok(roundTrip, 'needs the round trip above');
  const { context, page, app, errors } = await openLms({ learner_id: 'ana-0001', learner_name: 'Ana', entry: 'resume',
    suspend_data: roundTrip.committed['cmi.suspend_data'] });
  const resumed = await waitForCourse(app);
  // Before she does anything: the same history, byte for byte in canonical form, and what it means.
  assert.equal(resumed.lms.imported, roundTrip.events);
  assert.equal(resumed.learner.digest, roundTrip.digest);
  assert.equal(resumed.learner.events, roundTrip.events);
  assert.equal(resumed.learner.attempts, roundTrip.attempts);
  assert.deepEqual(resumed.learner.mastered, roundTrip.mastered);
  assert.equal(resumed.learner.profiles.length, 1);
  assert.equal(resumed.learner.profiles[0].name, 'Ana');
  assert.equal(resumed.lms.notice, '');
  await screenshot(page, 'scorm/resumed');
  // And she carries on: the next answer reaches the LMS with the whole history.
  await practise(app, 1);
  const after = await state(app);
  await app.waitForFunction((events) => {
    const status = window.PathwiseLms.status();
    return status.lastMirror && status.lastMirror.total === events;
  }, after.learner.events);
  const progress = decodeSuspendData((await lms(page)).committed['cmi.suspend_data']);
  assert.equal(progress.events.length, after.learner.events);
  assert.equal(after.learner.attempts, roundTrip.attempts + 1);
  assert.deepEqual((await lms(page)).errors, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after Ana deletes her learner on this computer, another learner\'s answers never reach her LMS record', async () => {
  const { context, page, app, errors } = await openLms({ learner_id: 'ana-0001', learner_name: 'Ana' });
  await waitForCourse(app);
  await practise(app, 1);
  await app.waitForFunction(() => window.PathwiseLms.status().mirrors > 0);
  await settle(app);
  const before = await lms(page);
  await press(app, 'bar/settings', LAPTOP);
  await press(app, 'settings/delete', LAPTOP);
  await press(app, 'settings/delete-confirm', LAPTOP);
  await waitForState(app, (now) => now.screen === 'profiles' && now.learner.profiles.length === 0);
  // Someone else on this computer, in the same page: a learner of the device, not of the LMS.
  await createLocalLearner(app, 'Zed', 'home');
  await press(app, 'home/course/fractions', LAPTOP);
  await waitForCourse(app);
  await practise(app, 1);
  await settle(app);
  const after = await lms(page);
  const writes = (record) => record.calls.filter((call) => call.name === 'SetValue').length;
  assert.equal(writes(after), writes(before), 'nothing was written to the LMS for Zed');
  assert.equal(decodeSuspendData(after.data['cmi.suspend_data']).profile.name, 'Ana');
  assert.deepEqual(unexpected(after.errors), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without an LMS API the launch says so on screen, and the app works on this device', async () => {
  const context = await suite.browser.newContext(LAPTOP);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${suite.server.url}${suite.launch}`);
  await page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0);
  const shown = await waitForState(page, (now) => now.learner.phase === 'choosing' || now.screen === 'profiles');
  assert.equal(shown.lms.active, false);
  assert.match(shown.lms.notice, /cannot find its SCORM 2004 connection \(API_1484_11\)/);
  const banner = (await items(page)).find((entry) => entry.id === 'banner/lms');
  assert.ok(banner && banner.visible, 'the message is on screen');
  assert.match(banner.label, /kept on this device only/);
  await screenshot(page, 'scorm/no-api');
  // The app still works: a learner of this device, the linked course, an answer saved.
  await createLocalLearner(page, 'Sam');
  await waitForState(page, (now) => now.screen === 'course' && now.bundle && now.bundle.status === 'ready');
  await press(page, 'course/continue', LAPTOP);
  await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice);
  await answerCorrectly(page, suite.bundle, LAPTOP);
  await waitForState(page, (now) => now.learner.practice && now.learner.practice.saved === 'saved');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an LMS that refuses Initialize: a clear message, and the app runs on this device', async () => {
  const { context, page, app, errors } = await openLms({ learner_id: 'ana-0001', learner_name: 'Ana', refuseInitialize: true });
  const shown = await waitForState(app, (now) => now.learner.phase === 'choosing' || now.screen === 'profiles');
  assert.equal(shown.lms.active, false);
  assert.match(shown.lms.notice, /refused to start this session \(error 102, "General Initialization Failure"\)/);
  const recorded = await lms(page);
  assert.deepEqual(recorded.calls.map((call) => call.name), ['Initialize'], 'nothing else is asked of a refused session');
  await createLocalLearner(app, 'Ana');
  assert.deepEqual(errors, []);
  await context.close();
});

test('suspend_data that is garbage or damaged: a clear message, nothing lost on this device, the app starts', async () => {
  assert.ok(roundTrip, 'needs the round trip above');
  // One browser (one IndexedDB) for the whole story: first the good data, then the bad.
  const context = await suite.browser.newContext(LAPTOP);
  const good = await openLms({ learner_id: 'ana-0001', learner_name: 'Ana', entry: 'resume',
    suspend_data: roundTrip.committed['cmi.suspend_data'] }, context);
  await waitForCourse(good.app);
  await waitForState(good.app, (now) => now.learner.digest === roundTrip.digest);
  await good.page.close();

  const good64 = roundTrip.committed['cmi.suspend_data'];
  const cases = [
    { name: 'not ours', value: 'x=1;y=%%%garbage', message: /not something Pathwise wrote/ },
    { name: 'damaged base64', value: `${ENCODING}@@@@not base64@@@@`, message: /base64 text is damaged/ },
    { name: 'damaged deflate', value: `${ENCODING}${Buffer.from('not deflate data at all, just text').toString('base64')}`,
      message: /compressed data is damaged/ },
    // Whole and well compressed, but its checksum no longer matches (one event edited): the file's own rules.
    { name: 'edited', value: (() => {
      const file = decodeSuspendData(good64);
      file.events[file.events.length - 1].t += 1;
      return ENCODING + deflateRawSync(Buffer.from(JSON.stringify(file))).toString('base64');
    })(), message: /could not be used/ },
  ];
  for (const bad of cases) {
    const { page, app, errors } = await openLms({ learner_id: 'ana-0001', learner_name: 'Ana', entry: 'resume',
      suspend_data: bad.value }, context);
    const shown = await waitForCourse(app);
    assert.match(shown.lms.notice, bad.message, bad.name);
    const banner = (await items(app)).find((entry) => entry.id === 'banner/lms');
    assert.ok(banner && banner.visible, `${bad.name}: the message is on screen`);
    // Nothing lost: the device's progress is all there.
    assert.equal(shown.learner.digest, roundTrip.digest, `${bad.name}: the history on this device is intact`);
    assert.equal(shown.learner.attempts, roundTrip.attempts);
    if (bad.name === 'not ours') await screenshot(page, 'scorm/garbage');
    if (bad.name === 'edited') {
      // A file that reads but cannot be merged may be someone's progress: the LMS's copy is left as it is.
      assert.equal(shown.lms.mirror, false);
      assert.ok(!(await lms(page)).calls.some((call) => call.name === 'SetValue' && call.args[0] === 'cmi.suspend_data'));
    } else {
      // Unreadable data is replaced by the device's whole progress, which the next launch can read.
      await page.waitForFunction(() => window.lms.commits.length > 0);
      const value = (await lms(page)).committed['cmi.suspend_data'];
      assert.equal(decodeSuspendData(value).events.length, roundTrip.events, `${bad.name}: the LMS now holds everything`);
    }
    assert.deepEqual((await lms(page)).errors, []);
    assert.deepEqual(errors, []);
    await page.close();
  }

  // Written by a newer Pathwise: not readable here, and never overwritten.
  const newer = `pathwise.progress/2;zstd;base64,${Buffer.from('future').toString('base64')}`;
  const { page, app, errors } = await openLms({ learner_id: 'ana-0001', learner_name: 'Ana', entry: 'resume',
    suspend_data: newer }, context);
  const shown = await waitForCourse(app);
  assert.match(shown.lms.notice, /does not know .* newer version.*left as it is in the LMS/);
  assert.equal(shown.lms.mirror, false);
  await practise(app, 1);
  const recorded = await lms(page);
  assert.equal(recorded.data['cmi.suspend_data'], newer, 'the newer data is untouched');
  assert.ok(!recorded.calls.some((call) => call.name === 'SetValue'));
  assert.deepEqual(errors, []);
  await context.close();
});

// ---- A history longer than suspend_data can hold ------------------------------------------------------------
// A valid progress file of `count` events, made from the real events of the round trip (their exact text as the
// app wrote it), copied under other device ids, sequence numbers, earlier times and times on task, plus the real
// ones last (the newest). The checksum is recomputed over the canonical body exactly as progress_file.h defines it (the file
// without its checksum member); the test first checks that rule on the real file.
function historyOf(count) {
  const text = inflateRawSync(Buffer.from(roundTrip.committed['cmi.suspend_data'].slice(ENCODING.length), 'base64')).toString('utf8');
  const cut = text.lastIndexOf(',"checksum":"');
  const body = `${text.slice(0, cut)}}`;
  assert.equal(`sha256:${sha256(body)}`, JSON.parse(text).checksum, 'the checksum covers the file without itself');
  const open = body.indexOf('"events":[') + '"events":['.length;
  const inner = body.slice(open, body.length - 2);  // the body ends with "]}"
  // The events' own texts: split at the commas between top-level objects (strings may hold braces and commas).
  const events = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < inner.length; ++i) {
    const c = inner[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    else if (c === ',' && depth === 0) {
      events.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  events.push(inner.slice(start));
  const header = /^\{"dev":"[^"]*","seq":\d+,"t":(\d+)/;
  const attempts = events.filter((event) => event.includes('"attempt":{'));
  const firstTime = Math.min(...events.map((event) => Number(header.exec(event)[1])));
  const copies = [];
  const devices = 25;  // as many earlier devices (tabs) as a year of school use might have
  for (let i = 0; i < count - events.length; ++i) {
    const device = `m${(i % devices).toString(16).padStart(4, '0')}`;
    const sequence = Math.floor(i / devices) + 1;
    // Earlier than every real event, 1 to 3 minutes apart, so the real ones stay the newest.
    const time = firstTime - 60 * (count - i) - (i * 7919) % 120;
    // Time on task differs on every answer, and it is the least compressible part of one: each copy gets its own,
    // so the sizes are not flattered by repetition more than real answers to the same activities would be. The
    // app keeps it as a float widened to double (about 17 digits); here it is a multiple of 1/1024 with 11 to 13
    // digits, which this text substitution can spell exactly as the app would (never a whole number, which the
    // app writes as "12.0"). Real times are thus a little less compressible than these.
    const k = (i * 2654435761) % 40960;
    const seconds = 2 + (k % 1024 === 0 ? k + 1 : k) / 1024;
    copies.push(attempts[i % attempts.length].replace(header, `{"dev":"${device}","seq":${sequence},"t":${time}`)
      .replace(/"secs":[-0-9.e+]+/, `"secs":${seconds}`));
  }
  const all = copies.concat(events);
  const newBody = `${body.slice(0, open)}${all.join(',')}]}`;
  return { text: `${newBody.slice(0, -1)},"checksum":"sha256:${sha256(newBody)}"}`, events: all.length, real: events.length };
}
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const encoded = (text) => ENCODING + deflateRawSync(Buffer.from(text, 'utf8')).toString('base64');

test('a history longer than 64,000 characters: the newest events that fit, the learner told, the value readable', async (t) => {
  assert.ok(roundTrip, 'needs the round trip above');
  const real = decodeSuspendData(roundTrip.committed['cmi.suspend_data']);
  t.diagnostic(`the round trip: ${real.events.length} events, suspend_data ${roundTrip.committed['cmi.suspend_data'].length} ` +
    `characters; an answer as stored: ${JSON.stringify(real.events.find((event) => 'attempt' in event))}`);
  for (const count of [100, 1000, 2000, 5000]) {
    const { text } = historyOf(count);
    t.diagnostic(`${count} events: progress file ${text.length} bytes, suspend_data ${encoded(text).length} characters`);
  }
  // An LMS may keep more than the 64,000 characters SCORM asks of every LMS (that is a minimum): here it
  // launches Ben with a long history, which the app must take in whole and can only give back in part.
  const big = historyOf(12000);
  const value = encoded(big.text);
  assert.ok(value.length > 64000, `the seed is longer than suspend_data can hold (${value.length})`);
  const context = await suite.browser.newContext(LAPTOP);
  const { page, app, errors } = await openLms({ learner_id: 'ben-0002', learner_name: 'Ben', entry: 'resume',
    suspend_data: value }, context);
  const opened = await waitForCourse(app);
  assert.equal(opened.lms.imported, big.events, opened.lms.notice);
  assert.equal(opened.learner.events, big.events);
  await app.waitForFunction(() => window.PathwiseLms.status().lastMirror !== null, null, { timeout: 30000 });
  const status = await app.evaluate(() => window.PathwiseLms.status());
  assert.equal(status.lastMirror.total, big.events);
  assert.ok(status.lastMirror.events < big.events && status.lastMirror.events > 1000, JSON.stringify(status.lastMirror));
  assert.ok(status.lastMirror.characters <= 64000);
  const recorded = await lms(page);
  assert.deepEqual(recorded.errors, [], 'the LMS was never sent more than it takes');
  const kept = recorded.committed['cmi.suspend_data'];
  assert.equal(kept.length, status.lastMirror.characters);
  const file = decodeSuspendData(kept);
  assert.equal(file.events.length, status.lastMirror.events);
  // The newest: every real event is there, the oldest copies are not.
  for (const real of decodeSuspendData(roundTrip.committed['cmi.suspend_data']).events) {
    assert.ok(file.events.some((event) => event.dev === real.dev && event.seq === real.seq), 'a newest event kept');
  }
  assert.ok(!file.events.some((event) => event.dev === 'm0000' && event.seq === 1), 'the oldest event left out');
  const shown = await waitForState(app, (now) => now.lms.mirror_notice !== '');
  assert.ok(shown.lms.mirror_notice.includes(`newest ${status.lastMirror.events.toLocaleString('en')} of ` +
    `${big.events.toLocaleString('en')} saved events`), shown.lms.mirror_notice);
  const banner = (await items(app)).find((entry) => entry.id === 'banner/lms-mirror');
  assert.ok(banner && banner.visible, 'the learner is told on screen');
  await screenshot(page, 'scorm/too-long');
  t.diagnostic(`12,000 events: ${value.length} characters; kept the newest ${status.lastMirror.events} in ${status.lastMirror.characters}`);
  assert.deepEqual(errors, []);
  await context.close();

  // What was kept is a whole, valid progress file: a fresh browser takes it in with no complaint.
  const fresh = await openLms({ learner_id: 'ben-0002', learner_name: 'Ben', entry: 'resume', suspend_data: kept });
  const resumed = await waitForCourse(fresh.app);
  assert.equal(resumed.lms.notice, '');
  assert.equal(resumed.lms.imported, status.lastMirror.events);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});

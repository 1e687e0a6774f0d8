// Pathwise inside a cmi5 LMS. The package is made by the real `pathwise package --cmi5` (PATHWISE_CLI) from the
// built site, unzipped with Python's zipfile and served by the harness's real HTTP server, which is also a small
// learning record store (LRS) written here from the cmi5 and xAPI 1.0.3 specifications: a fetch URL per launch
// giving one token (a second call is refused with error-code 1), statements (PUT and POST, each checked for the
// session's token and the X-Experience-API-Version header, and recorded), and activities/state documents keyed
// by activityId + agent + registration + stateId, with LMS.LaunchData seeded for each launch. The "LMS" launches
// the AU by navigating to the URL from cmi5.xml with the launch parameters added to its query. Then:
//  * statements in order with the required context: initialized at launch, terminated when the page goes away;
//    in a one-skill course made here (packaged by the CLI too), "completed" once the skill is mastered, once;
//  * the round trip: answers through real input, the progress document holds them; a FRESH browser context
//    launched for the same learner and registration shows the same history before doing anything;
//  * missing or bad launch parameters and a refused fetch: a banner, the app works on this device;
//  * a damaged progress document: reported, the device's history intact, the document replaced by it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import {
  DIST, LAPTOP, launchBrowser, startServer, answerCorrectly, settle, screenshot, press, state, items, waitForState,
} from './lib/harness.mjs';

const CLI = process.env.PATHWISE_CLI;
const COURSE = 'fractions';
const ENCODING = 'pathwise.progress/1;deflate-raw;base64,';
const PROGRESS_STATE = 'https://pathwise.example/state/progress';
const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const SESSION_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const suite = { server: null, browser: null, folder: null, url: null, auId: null, bundle: null, mini: null };

// ---- The learning record store --------------------------------------------------------------------------------
const lrs = {
  launches: new Map(),  // fetch key -> {token, used, registration}
  tokens: new Set(),
  statements: [],       // every statement accepted, in order
  refused: [],          // every request refused, with why
  states: new Map(),    // key -> {body, type}
};
// An agent as the state API is given it (JSON) reduced to its identity, so the same learner is the same key.
function agentKey(text) {
  try {
    const agent = JSON.parse(text);
    if (agent.account) return `account:${agent.account.homePage}|${agent.account.name}`;
    if (agent.mbox) return `mbox:${agent.mbox}`;
  } catch { /* refused below */ }
  return null;
}
const stateKey = (q) => `${q.get('activityId')}\n${agentKey(q.get('agent'))}\n${q.get('registration') || ''}\n${q.get('stateId')}`;

// A new launch: its fetch URL (used once), its registration and LMS.LaunchData. Returns the AU's launch address.
function launchUrl({ actor, registration = randomUUID(), launchMode = 'Normal', params = null }) {
  const key = randomUUID();
  lrs.launches.set(key, { token: Buffer.from(`${key}:secret`).toString('base64'), used: false, registration });
  const activityId = params && params.activityId ? params.activityId : suite.auId;
  const sessionId = randomUUID();
  const template = { contextActivities: { grouping: [{ id: activityId, objectType: 'Activity' }] },
    extensions: { [SESSION_EXTENSION]: sessionId } };
  const q = new URLSearchParams({ activityId, agent: JSON.stringify(actor), registration, stateId: 'LMS.LaunchData' });
  lrs.states.set(stateKey(q), { type: 'application/json', body: Buffer.from(JSON.stringify({
    contextTemplate: template, launchMode, moveOn: 'Completed', launchMethod: 'AnyWindow' })) });
  const values = Object.assign({ endpoint: `${suite.server.url}lrs/`, fetch: `${suite.server.url}fetch/${key}`,
    registration, activityId, actor: JSON.stringify(actor) }, params || {});
  const [page, hash] = (params && params.launch ? params.launch : suite.launch).split('#');
  delete values.launch;
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== null));
  return { url: `${suite.server.url}${page}&${query}#${hash}`, registration, sessionId, key };
}

function json(response, status, value) {
  const body = Buffer.from(JSON.stringify(value));
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  response.end(body);
}

async function handler(request, response, body) {
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname.startsWith('/fetch/') && request.method === 'POST') {
    const launch = lrs.launches.get(url.pathname.slice('/fetch/'.length));
    if (!launch) return json(response, 404, { 'error-code': '3', 'error-text': 'unknown launch' }), true;
    // cmi5 8.2.3: the fetch URL gives its token once; after that it answers error-code 1.
    if (launch.used) return json(response, 200, { 'error-code': '1', 'error-text': 'Already in use' }), true;
    launch.used = true;
    lrs.tokens.add(`Basic ${launch.token}`);
    return json(response, 200, { 'auth-token': launch.token }), true;
  }
  if (!url.pathname.startsWith('/lrs/')) return false;
  const refuse = (status, why) => {
    lrs.refused.push(`${request.method} ${url.pathname}: ${why}`);
    response.writeHead(status, { 'Content-Type': 'text/plain' }).end(why);
    return true;
  };
  if (!lrs.tokens.has(request.headers.authorization)) return refuse(401, 'no valid token');
  if (request.headers['x-experience-api-version'] !== '1.0.3') return refuse(400, 'X-Experience-API-Version');
  const resource = url.pathname.slice('/lrs/'.length);
  const q = url.searchParams;
  if (resource === 'statements') {
    let statements;
    try {
      statements = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(400, 'not JSON');
    }
    if (request.method === 'PUT') {
      if (!q.get('statementId') || statements.id !== q.get('statementId')) return refuse(400, 'statementId');
      lrs.statements.push(statements);
      response.writeHead(204).end();
      return true;
    }
    if (request.method === 'POST') {
      const list = Array.isArray(statements) ? statements : [statements];
      for (const s of list) s.id = s.id || randomUUID();
      lrs.statements.push(...list);
      return json(response, 200, list.map((s) => s.id)), true;
    }
    return refuse(405, 'method');
  }
  if (resource === 'activities/state') {
    if (!q.get('activityId') || !q.get('stateId') || !agentKey(q.get('agent') || '')) return refuse(400, 'parameters');
    const key = stateKey(q);
    if (request.method === 'GET') {
      const document = lrs.states.get(key);
      if (!document) {
        response.writeHead(404).end();
        return true;
      }
      response.writeHead(200, { 'Content-Type': document.type, 'Content-Length': document.body.length });
      response.end(document.body);
      return true;
    }
    if (request.method === 'PUT' || request.method === 'POST') {
      lrs.states.set(key, { type: request.headers['content-type'] || 'application/octet-stream', body });
      response.writeHead(204).end();
      return true;
    }
    if (request.method === 'DELETE') {
      lrs.states.delete(key);
      response.writeHead(204).end();
      return true;
    }
    return refuse(405, 'method');
  }
  return refuse(404, 'unknown resource');
}
const progressDocument = (actor, registration, activityId = suite.auId) => lrs.states.get(stateKey(new URLSearchParams({
  activityId, agent: JSON.stringify(actor), registration, stateId: PROGRESS_STATE })));
function decodeProgress(value) {
  assert.ok(value.startsWith(ENCODING), `the document starts with the encoding's name: ${value.slice(0, 60)}`);
  return JSON.parse(inflateRawSync(Buffer.from(value.slice(ENCODING.length), 'base64')).toString('utf8'));
}

before(async () => {
  assert.ok(CLI, 'PATHWISE_CLI names the pathwise command (set by ctest; see cmake/WebBuild.cmake)');
  suite.folder = mkdtempSync(path.join(tmpdir(), 'pathwise-cmi5-'));
  const zip = path.join(suite.folder, `${COURSE}.zip`);
  execFileSync(CLI, ['package', '--cmi5', COURSE, '-o', zip, '--site', DIST], { stdio: 'pipe' });
  const site = path.join(suite.folder, 'package');
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, site]);
  // The AU's id and launch URL from cmi5.xml, as an LMS would take them.
  const structure = readFileSync(path.join(site, 'cmi5.xml'), 'utf8');
  suite.auId = /<au id="([^"]+)"/.exec(structure)[1];
  suite.launch = /<url>([^<]+)<\/url>/.exec(structure)[1].replace(/&amp;/g, '&');
  assert.equal(suite.launch, `index.html?lms=cmi5#/course/${COURSE}`);
  assert.match(readFileSync(path.join(site, 'index.html'), 'utf8'), /connect-src 'self' https:;/);
  suite.bundle = JSON.parse(readFileSync(path.join(site, 'content', COURSE, 'course.json'), 'utf8'));
  // A one-skill course, so that a test can master the whole course: the built site's own files with it as the
  // only course (cataloged by the CLI), packaged like the others and served under /mini/.
  const mini = path.join(suite.folder, 'mini-site');
  cpSync(DIST, mini, { recursive: true, filter: (source) => !source.startsWith(path.join(DIST, 'content')) });
  mkdirSync(path.join(mini, 'content', 'mini'), { recursive: true });
  const questions = Array.from({ length: 8 }, (_, i) => ({ id: `q${i}`, type: 'single_choice', skills: ['halves'],
    prompt: `Question ${i}: what is half of ${2 * (i + 2)}?`,
    choices: [{ text: `${i + 2}`, correct: true }, { text: `${i + 3}` }, { text: `${2 * (i + 2)}` }] }));
  suite.mini = { format: 'pathwise.bundle/1', id: 'mini', version: '1.0.0', title: 'Halves', language: 'en',
    description: 'One skill.', skills: [{ id: 'halves', title: 'Halves', prerequisites: [] }],
    units: [{ id: 'u', title: 'Halves', lessons: [{ id: 'l', title: 'Halves', skills: ['halves'],
      activities: questions.map((q) => q.id) }] }], activities: questions };
  writeFileSync(path.join(mini, 'content', 'mini', 'course.json'), JSON.stringify(suite.mini));
  execFileSync(CLI, ['catalog', path.join(mini, 'content')], { stdio: 'pipe' });
  const miniZip = path.join(suite.folder, 'mini.zip');
  execFileSync(CLI, ['package', '--cmi5', 'mini', '-o', miniZip, '--site', mini], { stdio: 'pipe' });
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', miniZip,
    path.join(site, 'mini')]);
  suite.miniAu = /<au id="([^"]+)"/.exec(readFileSync(path.join(site, 'mini', 'cmi5.xml'), 'utf8'))[1];
  suite.server = await startServer({ root: site, handler });
  suite.browser = await launchBrowser();
});

after(async () => {
  await suite.browser?.close();
  await suite.server?.close();
  if (suite.folder) rmSync(suite.folder, { recursive: true, force: true });
});

async function open(url, context = null) {
  const own = context || await suite.browser.newContext(LAPTOP);
  const page = await own.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0);
  return { context: own, page, errors };
}
async function waitForCourse(page) {
  return waitForState(page, (now) => now.learner.phase === 'open' && now.screen === 'course' &&
    now.bundle && now.bundle.status === 'ready' && Array.isArray(now.learner.mastered), { timeout: 20000 });
}
async function practise(page, count) {
  await press(page, 'course/continue', LAPTOP);
  for (let i = 0; i < count; ++i) {
    await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice && !now.learner.practice.answered);
    await answerCorrectly(page, suite.bundle, LAPTOP);
    await waitForState(page, (now) => now.learner.practice && now.learner.practice.saved === 'saved');
    await settle(page);
    if (i + 1 < count) await press(page, 'practice/next', LAPTOP);
  }
}
async function until(predicate, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

const ANA = { objectType: 'Agent', name: 'Ana', account: { homePage: 'https://lms.example', name: 'ana-0001' } };
let roundTrip = null;

test('Ana in a cmi5 LMS: initialized, progress in the state document after each answer, terminated at the end', async () => {
  const launch = launchUrl({ actor: ANA });
  const { context, page, errors } = await open(launch.url);
  const opened = await waitForCourse(page);
  assert.equal(opened.lms.active, true);
  assert.equal(opened.lms.notice, '');
  assert.equal(opened.learner.profiles.length, 1, 'only the LMS learner: no picker');
  assert.equal(opened.learner.profiles[0].name, 'Ana');
  await practise(page, 4);
  const answered = await state(page);
  await until(() => {
    const document = progressDocument(ANA, launch.registration);
    return document && decodeProgress(document.body.toString('utf8')).events.length === answered.learner.events;
  }, 'the state document holds every event');
  const progress = decodeProgress(progressDocument(ANA, launch.registration).body.toString('utf8'));
  assert.equal(progress.format, 'pathwise.progress/1');
  assert.equal(progress.profile.name, 'Ana');
  assert.equal(progress.events.filter((event) => 'attempt' in event).length, 4);
  await screenshot(page, 'cmi5/course');
  const final = await waitForState(page, (now) => now.learner.unsaved === 0);
  // The LMS closes the course: the page goes away, "terminated" arrives (sent with keepalive).
  await page.goto(`${suite.server.url}build.json`);
  await until(() => lrs.statements.some((s) => s.verb.id.endsWith('/terminated') &&
    s.context.registration === launch.registration), '"terminated"');
  const mine = lrs.statements.filter((s) => s.context.registration === launch.registration);
  assert.deepEqual(mine.map((s) => s.verb.id), ['http://adlnet.gov/expapi/verbs/initialized',
    'http://adlnet.gov/expapi/verbs/terminated'], 'no mastery yet: initialized then terminated, nothing else');
  for (const s of mine) {
    assert.deepEqual(s.actor, ANA);
    assert.equal(s.object.id, suite.auId);
    assert.ok(s.context.contextActivities.category.some((c) => c.id === CMI5_CATEGORY), 'the cmi5 category');
    assert.deepEqual(s.context.contextActivities.grouping, [{ id: suite.auId, objectType: 'Activity' }], 'the publisher id');
    assert.equal(s.context.extensions[SESSION_EXTENSION], launch.sessionId);
    assert.match(s.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(!Number.isNaN(Date.parse(s.timestamp)));
  }
  assert.match(mine[1].result.duration, /^PT\d+(\.\d+)?S$/);
  assert.deepEqual(lrs.refused, [], 'every request carried the token and the version');
  roundTrip = { registration: launch.registration, digest: final.learner.digest, events: final.learner.events,
    attempts: final.learner.attempts, mastered: final.learner.mastered || [] };
  assert.deepEqual(errors, []);
  await context.close();
});

test('a fresh browser launched for the same registration continues where Ana left off', async () => {
  assert.ok(roundTrip, 'needs the round trip above');
  const launch = launchUrl({ actor: ANA, registration: roundTrip.registration });
  const { context, page, errors } = await open(launch.url);
  const resumed = await waitForCourse(page);
  assert.equal(resumed.lms.imported, roundTrip.events);
  assert.equal(resumed.learner.digest, roundTrip.digest);
  assert.equal(resumed.learner.attempts, roundTrip.attempts);
  assert.deepEqual(resumed.learner.mastered, roundTrip.mastered);
  assert.equal(resumed.lms.notice, '');
  await practise(page, 1);
  const now = await state(page);
  await until(() => decodeProgress(progressDocument(ANA, roundTrip.registration).body.toString('utf8')).events.length ===
    now.learner.events, 'the next answer reaches the state document');
  assert.equal(now.learner.attempts, roundTrip.attempts + 1);
  assert.deepEqual(lrs.refused, []);
  assert.deepEqual(errors, []);
  await context.close();
});

async function expectBanner(url, pattern, name) {
  const { context, page, errors } = await open(url);
  const shown = await waitForState(page, (now) => now.learner.phase === 'choosing' || now.screen === 'profiles');
  assert.equal(shown.lms.active, false, name);
  assert.match(shown.lms.notice, pattern, name);
  const banner = (await items(page)).find((entry) => entry.id === 'banner/lms');
  assert.ok(banner && banner.visible, `${name}: the message is on screen`);
  assert.match(banner.label, /kept on this device only/);
  return { context, page, errors };
}

test('the one-skill course mastered: "completed" with the moveOn category and completion, once, before terminated', async () => {
  const BEN = { objectType: 'Agent', name: 'Ben', mbox: 'mailto:ben@school.example' };
  const launch = launchUrl({ actor: BEN, params: { activityId: suite.miniAu, launch: 'mini/index.html?lms=cmi5#/course/mini' } });
  const { context, page, errors } = await open(launch.url);
  await waitForCourse(page);
  await press(page, 'course/continue', LAPTOP);
  let mastered = [];
  for (let answers = 0; answers < 8 && mastered.length === 0; ++answers) {
    await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice && !now.learner.practice.answered);
    await answerCorrectly(page, suite.mini, LAPTOP);
    const answered = await waitForState(page, (now) => now.learner.practice.answered && now.learner.practice.saved === 'saved');
    mastered = answered.learner.practice.mastered;
    if (mastered.length === 0) await press(page, 'practice/next', LAPTOP);
  }
  assert.deepEqual(mastered, ['halves'], 'the only skill mastered');
  const mine = () => lrs.statements.filter((s) => s.context.registration === launch.registration);
  await until(() => mine().some((s) => s.verb.id.endsWith('/completed')), '"completed"');
  // One more answer: "completed" is not sent again.
  await press(page, 'practice/next', LAPTOP);
  await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice && !now.learner.practice.answered);
  await answerCorrectly(page, suite.mini, LAPTOP);
  const last = await waitForState(page, (now) => now.learner.practice.answered && now.learner.practice.saved === 'saved');
  await until(() => {
    const document = progressDocument(BEN, launch.registration, suite.miniAu);
    return document && decodeProgress(document.body.toString('utf8')).events.length === last.learner.events;
  }, 'the last answer in the state document');
  await page.goto(`${suite.server.url}build.json`);
  await until(() => mine().some((s) => s.verb.id.endsWith('/terminated')), '"terminated"');
  const verbs = mine().map((s) => s.verb.id.replace('http://adlnet.gov/expapi/verbs/', ''));
  assert.deepEqual(verbs, ['initialized', 'completed', 'terminated']);
  const completed = mine()[1];
  assert.equal(completed.result.completion, true);
  assert.match(completed.result.duration, /^PT\d+(\.\d+)?S$/);
  const categories = completed.context.contextActivities.category.map((c) => c.id);
  assert.deepEqual(categories, [CMI5_CATEGORY, 'https://w3id.org/xapi/cmi5/context/categories/moveon']);
  assert.equal(completed.object.id, suite.miniAu);
  assert.deepEqual(completed.actor, BEN);
  assert.equal(completed.context.extensions[SESSION_EXTENSION], launch.sessionId);
  assert.deepEqual(lrs.refused, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('missing or bad launch parameters and a refused fetch: a banner, and the app works on this device', async () => {
  const cases = [
    { name: 'no parameters', url: `${suite.server.url}${suite.launch}`, pattern: /lacks endpoint, fetch, registration, activityId, actor/ },
    { name: 'no fetch', url: launchUrl({ actor: ANA, params: { fetch: null } }).url, pattern: /lacks fetch/ },
    { name: 'actor not JSON', url: launchUrl({ actor: ANA, params: { actor: '{ana' } }).url, pattern: /actor\) is not JSON/ },
    { name: 'actor without identity', url: launchUrl({ actor: { name: 'Ana' } }).url, pattern: /has no account or mbox/ },
    { name: 'bad endpoint', url: launchUrl({ actor: ANA, params: { endpoint: 'not a url' } }).url, pattern: /no valid endpoint/ },
  ];
  // A fetch URL already used (the LMS's launch opened twice): the LRS refuses the second token.
  const used = launchUrl({ actor: ANA });
  lrs.launches.get(used.key).used = true;
  cases.push({ name: 'fetch refused', url: used.url, pattern: /refused to give this session its token \(error 1, "Already in use"\)/ });
  const before = lrs.statements.length;
  for (const bad of cases) {
    const { context, page, errors } = await expectBanner(bad.url, bad.pattern, bad.name);
    if (bad.name === 'fetch refused') {
      await screenshot(page, 'cmi5/fetch-refused');
      // The app still works: a learner of this device, the linked course, an answer saved.
      await press(page, 'profiles/name', LAPTOP);
      await settle(page);
      await page.keyboard.type('Sam');
      await press(page, 'profiles/create', LAPTOP);
      await waitForCourse(page);
      await press(page, 'course/continue', LAPTOP);
      await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice);
      await answerCorrectly(page, suite.bundle, LAPTOP);
      await waitForState(page, (now) => now.learner.practice && now.learner.practice.saved === 'saved');
    }
    assert.deepEqual(errors, [], bad.name);
    await context.close();
  }
  assert.equal(lrs.statements.length, before, 'no statement from a launch that failed');
});

test('a damaged progress document: reported, nothing lost on this device, the document replaced by it', async () => {
  assert.ok(roundTrip, 'needs the round trip above');
  const context = await suite.browser.newContext(LAPTOP);
  const good = await open(launchUrl({ actor: ANA, registration: roundTrip.registration }).url, context);
  await waitForCourse(good.page);
  const kept = await waitForState(good.page, (now) => now.learner.attempts >= roundTrip.attempts + 1);
  await good.page.close();
  const key = stateKey(new URLSearchParams({ activityId: suite.auId, agent: JSON.stringify(ANA),
    registration: roundTrip.registration, stateId: PROGRESS_STATE }));
  lrs.states.set(key, { type: 'text/plain', body: Buffer.from(`${ENCODING}@@@@not base64@@@@`) });
  const { page, errors } = await open(launchUrl({ actor: ANA, registration: roundTrip.registration }).url, context);
  const shown = await waitForCourse(page);
  assert.match(shown.lms.notice, /base64 text is damaged/);
  const banner = (await items(page)).find((entry) => entry.id === 'banner/lms');
  assert.ok(banner && banner.visible, 'the message is on screen');
  assert.equal(shown.learner.digest, kept.learner.digest, 'the history on this device is intact');
  await screenshot(page, 'cmi5/damaged');
  // The device's whole progress replaces the damaged document once something is saved.
  await practise(page, 1);
  const now = await state(page);
  await until(() => {
    const text = lrs.states.get(key).body.toString('utf8');
    return text.startsWith(ENCODING) && decodeProgress(text).events.length === now.learner.events;
  }, 'the document replaced by the device\'s progress');
  assert.deepEqual(errors, []);
  await context.close();
});

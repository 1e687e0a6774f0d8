// e2e-course: opening a course fetches its bundle, checks it against the catalog's SHA-256, validates it in the
// wasm core and shows its outline, or a clear error screen naming every problem with its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  useServerAndBrowser, startServer, openApp, state, item, items, tap, click, waitForState, screenshot, DIST, LAPTOP, PHONE,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();
const FRACTIONS = '/content/fractions/course.json';

async function openCourse(page, id, device) {
  await (device === PHONE ? tap : click)(page, `home/course/${id}`);
  return waitForState(page, (now) => now.screen === 'course' && now.bundle && now.bundle.status !== 'loading');
}

test('each bundled course opens, passes the validator in the browser and shows its path map', async () => {
  for (const [name, device] of [['laptop', LAPTOP], ['phone', PHONE]]) {
    const { context, page, errors } = await openApp(suite.browser, suite.server.url, device);
    for (const id of ['fractions', 'spanish-a1', 'ecosystems']) {
      const opened = await openCourse(page, id, device);
      assert.equal(opened.course, id);
      assert.equal(opened.bundle.status, 'ready', JSON.stringify(opened.bundle));
      assert.ok(opened.bundle.skills >= 10, `${id} has its skills`);
      assert.ok(opened.bundle.activities >= 60 || id === 'ecosystems', `${id} has its activities`);
      assert.ok(opened.bundle.units.length >= 3);
      await item(page, 'course/continue');
      // Two alternatives that a learner can tell apart by their titles (the label is the card's title).
      const alternatives = (await items(page)).filter((entry) => entry.id.startsWith('course/alternative/'));
      assert.equal(alternatives.length, 2, `${id}: two alternatives`);
      assert.notEqual(alternatives[0].label, alternatives[1].label,
        `${id}: the alternatives look different: ${JSON.stringify(alternatives.map((entry) => entry.label))}`);
      // Every skill is on the path map, with its status.
      const mapped = (await items(page)).filter((entry) => entry.id.startsWith('course/map/'));
      assert.equal(mapped.length, opened.bundle.skills);
      assert.ok(mapped.every((entry) => ['locked', 'ready', 'in_progress', 'mastered', 'review_due'].includes(entry.value)),
        JSON.stringify(mapped.map((entry) => entry.value)));
      await screenshot(page, `course-${id}-${name}`);
      await (device === PHONE ? tap : click)(page, 'course/back');
      await waitForState(page, (now) => now.screen === 'home');
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a bundle with mistakes shows an error screen naming each problem with its place', async () => {
  // The real bundle with a single-choice question that has no correct answer left: what an author's slip
  // looks like. The catalog's hash no longer matches either, but validation is reported first.
  const original = readFileSync(path.join(DIST, 'content/fractions/course.json'), 'utf8');
  const broken = original.replace(/"correct": true/, '"correct": false');
  assert.notEqual(broken, original);
  const server = await startServer({ routes: { [FRACTIONS]: { body: broken, type: 'application/json' } } });
  try {
    const { context, page } = await openApp(suite.browser, server.url, LAPTOP);
    const opened = await openCourse(page, 'fractions', LAPTOP);
    assert.equal(opened.bundle.status, 'failed');
    assert.match(opened.bundle.failure, /mistakes/);
    assert.ok(opened.bundle.problems.some((problem) =>
      /^content\/fractions\/course\.json:\d+:\d+: \/activities\/[\w/]+\/choices: a single-choice activity needs exactly one correct choice; found 0$/.test(problem)),
    JSON.stringify(opened.bundle.problems));
    await item(page, 'course/error-title');
    await screenshot(page, 'course-invalid-bundle');
    await context.close();
  } finally {
    await server.close();
  }
});

test('a bundle that changed after the catalog was written is refused, naming both hashes', async () => {
  const original = readFileSync(path.join(DIST, 'content/fractions/course.json'), 'utf8');
  const changed = original.replace('"title": "Fractions"', '"title": "Fractions!"');
  const server = await startServer({ routes: { [FRACTIONS]: { body: changed, type: 'application/json' } } });
  try {
    const { context, page } = await openApp(suite.browser, server.url, PHONE);
    const opened = await openCourse(page, 'fractions', PHONE);
    assert.equal(opened.bundle.status, 'failed');
    assert.match(opened.bundle.failure, /does not match the course list/);
    assert.ok(opened.bundle.problems.some((problem) => /SHA-256 is [0-9a-f]{64} but the catalog says [0-9a-f]{64}/.test(problem)));
    await screenshot(page, 'course-changed-bundle');
    await context.close();
  } finally {
    await server.close();
  }
});

test('a bundle that cannot be downloaded says so, and "Try again" loads it once it is back', async () => {
  const routes = { [FRACTIONS]: { status: 404, body: 'not here', type: 'text/plain' } };
  const server = await startServer({ routes });
  try {
    const { context, page } = await openApp(suite.browser, server.url, PHONE);
    const opened = await openCourse(page, 'fractions', PHONE);
    assert.equal(opened.bundle.status, 'failed');
    assert.match(opened.bundle.failure, /could not be downloaded: the server answered 404/);
    await screenshot(page, 'course-missing-bundle');
    delete routes[FRACTIONS];
    await tap(page, 'course/retry');
    const loaded = await waitForState(page, (now) => now.bundle && now.bundle.status === 'ready');
    assert.equal(loaded.course, 'fractions');
    await context.close();
  } finally {
    await server.close();
  }
});

test('the bundle is fetched once per visit to a course, and a second course replaces the first', async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, LAPTOP);
  const before = suite.server.requests.filter((url) => url === FRACTIONS).length;
  await openCourse(page, 'fractions', LAPTOP);
  await click(page, 'course/back');
  await waitForState(page, (now) => now.screen === 'home');
  await openCourse(page, 'fractions', LAPTOP);  // already loaded: not fetched again
  assert.equal(suite.server.requests.filter((url) => url === FRACTIONS).length, before + 1);
  const shown = await state(page);
  assert.equal(shown.bundle.status, 'ready');
  await context.close();
});

// A student's journey, with no instructions: open the page, create a learner, open a course, press Start and keep
// answering (rightly, through real taps or clicks and keys) until the first skill is mastered; the celebration
// says so and the path map shows the skill mastered and the skills it opened as ready. In every shipped course, on
// a phone-sized touch screen and on a laptop with a mouse. Also: a locked skill says what to master first, and
// tapping a skill on the map practises that skill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  useServerAndBrowser, openApp, state, items, press, waitForState, settle, screenshot, answerCorrectly, DIST, LAPTOP,
  PHONE,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();
const MAX_ANSWERS = 40;

const bundleOf = (course) => JSON.parse(readFileSync(path.join(DIST, 'content', course, 'course.json'), 'utf8'));

async function masterFirstSkill(page, course, device, name) {
  const bundle = bundleOf(course);
  await press(page, `home/course/${course}`, device);
  await waitForState(page, (now) => now.screen === 'course' && now.bundle && now.bundle.status === 'ready');
  await settle(page);
  const map = (await items(page)).filter((entry) => entry.id.startsWith('course/map/'));
  assert.equal(map.length, bundle.skills.length);
  assert.ok(map.some((entry) => entry.value === 'ready'), 'some skill is ready to start');
  assert.ok(map.every((entry) => entry.value === 'ready' || entry.value === 'locked'), 'a new learner has no progress');
  await press(page, 'course/continue', device);

  let mastered = [];
  const types = new Set();
  for (let answers = 0; answers < MAX_ANSWERS && mastered.length === 0; ++answers) {
    await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice && !now.learner.practice.answered);
    types.add(await answerCorrectly(page, bundle, device));
    const answered = await waitForState(page, (now) => now.learner.practice.answered && now.learner.practice.saved === 'saved');
    // Readings and videos with questions are answered by answerActivity (any answer): only questions are checked here.
    if (!['reading', 'video'].includes(answered.learner.practice.type)) assert.equal(answered.learner.practice.score, 1, JSON.stringify(answered.learner.practice));
    mastered = answered.learner.practice.mastered;
    if (mastered.length > 0) break;
    await press(page, 'practice/next', device);
  }
  assert.ok(mastered.length > 0, `a skill of ${course} mastered within ${MAX_ANSWERS} right answers`);
  const skill = mastered[0];
  const celebration = (await items(page)).find((entry) => entry.id === `practice/mastered/${skill}`);
  assert.ok(celebration && /You mastered/.test(celebration.label), 'the mastery is celebrated');
  await screenshot(page, `journey/${name}-${course}-mastered`);

  await press(page, 'practice/back', device);
  await waitForState(page, (now) => now.screen === 'course' && now.learner.mastered.includes(skill));
  await settle(page);
  const after = (await items(page)).filter((entry) => entry.id.startsWith('course/map/'));
  assert.equal(after.find((entry) => entry.id === `course/map/${skill}`).value, 'mastered');
  const opened = bundle.skills.filter((candidate) => (candidate.prerequisites || []).length === 1 &&
    candidate.prerequisites[0] === skill);
  for (const next of opened) {
    // Ready, or already in progress when an activity that practised the mastered skill also practised it.
    assert.ok(['ready', 'in_progress'].includes(after.find((entry) => entry.id === `course/map/${next.id}`).value),
      `${next.id} is now open`);
  }
  const points = (await state(page)).learner.points;
  assert.ok(points > 0, 'points were earned');
  await screenshot(page, `journey/${name}-${course}-map`);
  return { types, points };
}

for (const [name, device] of [['phone', PHONE], ['laptop', LAPTOP]]) {
  test(`${name}: from opening the page to a mastered skill, in every course`, async () => {
    const { context, page, errors } = await openApp(suite.browser, suite.server.url, device);
    for (const course of ['fractions', 'spanish-a1', 'ecosystems']) {
      const { types } = await masterFirstSkill(page, course, device, name);
      assert.ok(types.size >= 1);
      await press(page, 'course/back', device);
      await waitForState(page, (now) => now.screen === 'home');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the path map: a locked skill says what to master first; a ready skill is practised when tapped', async () => {
  const { context, page, errors } = await openApp(suite.browser, suite.server.url, PHONE);
  const bundle = bundleOf('fractions');
  await press(page, 'home/course/fractions', PHONE);
  await waitForState(page, (now) => now.screen === 'course' && now.bundle && now.bundle.status === 'ready');
  const locked = bundle.skills.find((skill) => (skill.prerequisites || []).length > 0);
  await press(page, `course/map/${locked.id}`, PHONE);
  await waitForState(page, () => true);
  await settle(page);
  const banner = (await items(page)).find((entry) => entry.id === 'course/locked');
  assert.ok(banner, 'a banner explains the lock');
  const missing = bundle.skills.find((skill) => skill.id === locked.prerequisites[0]);
  assert.match(banner.label, new RegExp(`master ${missing.title}`));
  assert.equal((await state(page)).screen, 'course', 'a locked skill does not start practice');

  const ready = (await items(page)).find((entry) => entry.id.startsWith('course/map/') && entry.value === 'ready');
  await press(page, ready.id, PHONE);
  const now = await waitForState(page, (s) => s.screen === 'practice' && s.learner.practice);
  const activity = bundle.activities.find((candidate) => candidate.id === now.learner.practice.activity);
  assert.ok(activity.skills.includes(ready.id.slice('course/map/'.length)), 'the activity practises the tapped skill');
  assert.deepEqual(errors, []);
  await context.close();
});

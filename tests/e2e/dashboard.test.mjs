// e2e-dashboard: the learner's progress dashboard, goals and the end-of-session summary, at phone and laptop
// size, through real taps, clicks and keys. The dashboard's numbers match what was answered and move when one
// more answer arrives, also from another tab; a goal set on the goals screen is listed with its progress and can
// be removed; "Finish for now" shows what the session did, and saving its reflection stores the events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  useServerAndBrowser, openApp, state, items, item, tap, click, settle, waitForState, screenshot, reveal, swipe,
  answerActivity, ARTIFACTS, LAPTOP, PHONE,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();
mkdirSync(path.join(ARTIFACTS, 'screens'), { recursive: true });

const press = (device) => (device.hasTouch ? tap : click);

// Scrolls until item `id` is wholly in view. On a touch screen one finger drag of the right length does it (the
// screen follows the finger one to one, after a 10 px start that is not scrolled), instead of the harness's fixed
// steps: the phone's screens here are long, and software rendering at devicePixelRatio 3 makes every frame slow.
async function scrollTo(page, id, device) {
  if (!device.hasTouch) return reveal(page, id, device);
  const { width, height } = page.viewportSize();
  for (let attempt = 0; attempt < 6; ++attempt) {
    const found = (await items(page)).find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no item "${id}" on this screen`);
    if (found.visible && found.y >= 0 && found.y + found.h <= height - 1) return found;
    const wanted = found.y + found.h / 2 - height / 2;  // bring its centre to the middle
    const distance = Math.sign(wanted) * Math.min(Math.abs(wanted) + 12, height * 0.8);
    await swipe(page, { x: width / 2, y: height / 2 + distance / 2 }, { x: width / 2, y: height / 2 - distance / 2 }, 4);
    await settle(page);
  }
  throw new Error(`item "${id}" never scrolled into view`);
}

// Scrolls a control into view, then taps or clicks it.
async function pressRevealed(page, id, device) {
  await scrollTo(page, id, device);
  await press(device)(page, id);
}

// Graded questions of the Fractions course (true/false and single choice, several skills), short and without
// pictures so that a phone shows the confidence buttons and Check without scrolling.
const QUESTIONS = ['shape-whole-tf', 'set-marbles-tf', 'mixed-improper-tf', 'simp-6-9-tf', 'cmp-same-den',
  'unit-fractions-bigger-piece', 'add-like-tf'];

// Shows `activity` through the test hook, says "sure" (5) and answers it through real input; waits until the
// answer is saved and returns the practice state (score, points).
async function answerQuestion(page, activity, device) {
  assert.ok(await page.evaluate((id) => window.pathwise.test.openActivity('fractions', id), activity));
  await waitForState(page, (now) => now.learner.practice && now.learner.practice.activity === activity &&
    !now.learner.practice.answered);
  await settle(page);
  await pressRevealed(page, 'practice/confidence/5', device);
  await answerActivity(page, device);
  const now = await waitForState(page, (s) => s.learner.practice && s.learner.practice.answered &&
    s.learner.practice.saved === 'saved');
  return now.learner.practice;
}

// What the dashboard should show for a list of answered questions.
function tally(answers) {
  return {
    answers: answers.length,
    correct: answers.filter((answer) => answer.score >= 0.999).length,
    points: answers.reduce((sum, answer) => sum + answer.points, 0),
  };
}

async function openDashboard(page, device) {
  await pressRevealed(page, 'bar/progress', device);
  const now = await waitForState(page, (s) => s.screen === 'dashboard' && s.learner.progress &&
    s.learner.progress.dashboard);
  await settle(page);
  return now;
}

const label = async (page, id) => (await item(page, id)).label;

for (const [name, device] of [['phone', PHONE], ['laptop', LAPTOP]]) {
  test(`dashboard, goals and summary (${name})`, { timeout: 150000 }, async () => {
    const { context, page, errors } = await openApp(suite.browser, suite.server.url, device);

    // Before any course is open, the dashboard offers the courses.
    await pressRevealed(page, 'bar/progress', device);
    await waitForState(page, (s) => s.screen === 'dashboard' && s.learner.progress && s.learner.progress.course === null);
    await item(page, 'dashboard/course/fractions');

    // [1] Five answers, each rated "sure": the dashboard's numbers match them.
    const answered = [];
    for (const activity of QUESTIONS.slice(0, 5)) answered.push(await answerQuestion(page, activity, device));
    let expected = tally(answered);
    let now = await openDashboard(page, device);
    let { dashboard } = now.learner.progress;
    assert.equal(now.learner.progress.course, 'fractions');
    assert.equal(dashboard.answers, expected.answers);
    assert.equal(dashboard.correct, expected.correct);
    assert.equal(dashboard.points, expected.points);
    assert.equal(dashboard.skills, 17);
    assert.equal(dashboard.streak, 1, 'practised today');
    assert.equal(dashboard.minutes_per_day.length, 14);
    assert.ok(dashboard.minutes_per_day[13] > 0, 'today has practice time');
    assert.equal(await label(page, 'dashboard/points'), `${expected.points} points`);
    assert.equal(await label(page, 'dashboard/streak'), '1 day in a row');
    assert.equal(await label(page, 'dashboard/mastered'), `${dashboard.mastered} of 17 skills mastered`);
    assert.equal(await label(page, 'dashboard/accuracy'),
      `${Math.round((100 * expected.correct) / expected.answers)}% right (${expected.correct} of ${expected.answers} answers)`);
    // Five answers rated 5: enough for the calibration sentence.
    assert.equal(dashboard.calibration.sure_answers, 5);
    assert.ok(dashboard.calibration.enough);
    const sure = Math.round((100 * expected.correct) / expected.answers);
    assert.equal(dashboard.calibration.sentence, `When you were sure (4–5), you were right ${sure}% of the time.`);
    assert.equal(await label(page, 'dashboard/calibration'), dashboard.calibration.sentence);
    assert.match(await label(page, 'dashboard/chart/minutes'), /^Practice minutes per day, last 14 days: .*\(today\)$/);
    assert.match(await label(page, 'dashboard/chart/calibration'), /5: \d+% of 5\.$/);
    assert.match(await label(page, 'dashboard/skill/parts-of-a-whole'), /^Equal parts and unit fractions: /);
    await screenshot(page, `screens/dashboard-${name}`);

    // [2] One more answer, in another tab: this tab's dashboard follows by itself.
    const other = await context.newPage();
    await other.goto(suite.server.url);
    await other.waitForFunction(() => window.pathwise && window.pathwise.test && window.pathwise.test.frame > 0 &&
      window.pathwise.test.state().learner.phase === 'open');
    answered.push(await answerQuestion(other, QUESTIONS[5], LAPTOP));
    await other.close();
    expected = tally(answered);
    now = await waitForState(page, (s) => s.learner.progress && s.learner.progress.dashboard &&
      s.learner.progress.dashboard.answers === expected.answers);
    assert.equal(now.learner.progress.dashboard.points, expected.points);
    await settle(page);
    assert.equal(await label(page, 'dashboard/points'), `${expected.points} points`);

    // [3] Goals: master the unit in progress within a week, and 10 minutes a day; then remove the daily one.
    await pressRevealed(page, 'dashboard/goals', device);
    await waitForState(page, (s) => s.screen === 'goals');
    let events = (await state(page)).learner.events;
    await pressRevealed(page, 'goals/kind/unit', device);
    await waitForState(page, () => true);
    const unit = (await item(page, 'goals/unit/what-is-a-fraction'));
    assert.equal(unit.checked, true, 'the unit in progress is chosen to start with');
    await pressRevealed(page, 'goals/deadline/7', device);
    await pressRevealed(page, 'goals/save', device);
    now = await waitForState(page, (s) => s.learner.progress.goals.length === 1);
    const [mastery] = now.learner.progress.goals;
    assert.equal(mastery.id, 'unit/fractions/what-is-a-fraction');
    assert.match(mastery.title, /^Master “What is a fraction\?” by \w{3} \d{1,2} \w{3}$/);
    assert.match(mastery.status, /^\d of 3 skills mastered · on track · 7 days left$/);
    assert.equal(now.learner.events, events + 1);
    assert.match(await label(page, `goals/goal/${mastery.id}`), /^Master “What is a fraction\?”.*: \d of 3 skills mastered/);

    await pressRevealed(page, 'goals/kind/minutes', device);
    await pressRevealed(page, 'goals/minutes/10', device);
    await pressRevealed(page, 'goals/save', device);
    now = await waitForState(page, (s) => s.learner.progress.goals.length === 2);
    const daily = now.learner.progress.goals[1];
    assert.equal(daily.id, 'minutes-per-day');
    assert.equal(daily.title, '10 minutes a day');
    assert.match(daily.status, /^(<1|\d+) of 10 minutes today$/);
    await scrollTo(page, 'goals/title', device);
    await screenshot(page, `screens/goals-${name}`);
    await pressRevealed(page, 'goals/remove/minutes-per-day', device);
    now = await waitForState(page, (s) => s.learner.progress.goals.length === 1);
    assert.equal(now.learner.events, events + 3, 'two goals set and one removed: three events');

    // The dashboard lists the goal with its progress; its charts and skills further down.
    await pressRevealed(page, 'goals/back', device);
    await waitForState(page, (s) => s.screen === 'dashboard');
    assert.match(await label(page, `dashboard/goal/${mastery.id}`), /skills mastered/);
    await scrollTo(page, 'dashboard/chart/accuracy', device);
    await screenshot(page, `screens/dashboard-charts-${name}`);
    await scrollTo(page, 'dashboard/skill/parts-of-a-whole', device);
    await screenshot(page, `screens/dashboard-skills-${name}`);

    // [4] One more answer, then "Finish for now": the session's summary, a reflection, a goal, saved.
    answered.push(await answerQuestion(page, QUESTIONS[6], device));
    expected = tally(answered);
    await pressRevealed(page, 'practice/finish', device);
    now = await waitForState(page, (s) => s.screen === 'summary' && s.learner.progress.summary);
    const { summary } = now.learner.progress;
    // Every answer of the test came after this tab's session started (the other tab's too, in time).
    assert.equal(summary.answers, expected.answers);
    assert.equal(summary.correct, expected.correct);
    assert.equal(summary.points, expected.points);
    assert.ok(summary.practised.includes('parts-of-a-whole'));
    assert.equal(await label(page, 'summary/points'), `+${expected.points} points`);
    assert.equal(await label(page, 'summary/answers'), `${expected.answers} answers`);
    assert.ok(summary.suggestions.includes('minutes-per-day'), 'a daily goal is suggested: there is none');
    events = now.learner.events;

    await pressRevealed(page, 'summary/hard', device);
    await page.keyboard.type('Thirds');
    await page.waitForFunction(() => window.pathwise.test.items().some(
      (entry) => entry.id === 'summary/hard' && entry.value === 'Thirds'));
    await pressRevealed(page, 'summary/confidence/4', device);
    const daily_suggestion = summary.suggestions.indexOf('minutes-per-day');
    await pressRevealed(page, `summary/goal/${daily_suggestion}`, device);
    now = await waitForState(page, (s) => s.learner.progress.summary.confidence === 4 &&
      s.learner.progress.summary.suggestion === daily_suggestion);
    assert.equal(now.learner.progress.summary.hard, 'Thirds');
    await scrollTo(page, 'summary/title', device);
    await screenshot(page, `screens/summary-${name}`);
    await scrollTo(page, 'summary/save', device);
    await screenshot(page, `screens/summary-reflection-${name}`);
    await press(device)(page, 'summary/save');
    // Reflection + a confidence rating per skill practised + the goal + SessionEnded, all stored.
    const added = 1 + summary.practised.length + 1 + 1;
    now = await waitForState(page, (s) => s.screen === 'course' && s.learner.events === events + added &&
      s.learner.unsaved === 0);
    assert.equal(now.learner.failed, 0);

    // The new daily goal is there, and the next answer starts a new session.
    await pressRevealed(page, 'bar/goals', device);
    now = await waitForState(page, (s) => s.screen === 'goals' && s.learner.progress.goals.length === 2);
    assert.ok(now.learner.progress.goals.some((goal) => goal.id === 'minutes-per-day' && goal.title === '15 minutes a day'));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// e2e-activities-drag: the arranging activities, ordering and matching, answered through real input only. On a
// phone (390x844) real finger drags (CDP touch events) and on a laptop (1280x800) real mouse drags put the cards
// in order and the answers on their matches; on the laptop the keyboard alone does both as well; a wrong order,
// made with the ↑ ↓ buttons, gets partial credit. Every answer is graded and saved.
//
// What the tests read of the answer being composed comes from the items (tests/e2e/README.md): an ordering card
// practice/item/<index> has its place as `value` and `checked` while picked up; a matching row practice/left/<pair>
// has the option placed in its slot as `value`, and an option practice/option/<option> the row holding it.
// In the bundle an ordering's items are listed in the right order and a matching's options start with the pairs'
// right sides in order: item i belongs in place i, and option i matches row i.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openApp, state, items, item, frames, tap, click, settle, waitForState, screenshot, reveal,
  answerActivity, LAPTOP, PHONE,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();

const COURSE = 'fractions';
const ORDERING = 'ord-unit';        // five unit fractions, smallest first
const MATCHING = 'dec-matching';    // five fractions and their decimals, two distractors

const press = (device) => (device.hasTouch ? tap : click);

// One page per device, opened by the first test that needs it and shared by the next ones (each opens its own
// activities): opening the app and creating the learner is the slow part. Closed with the browser.
const opened = new Map();
async function appOn(device) {
  if (!opened.has(device)) opened.set(device, await openApp(suite.browser, suite.server.url, device));
  return opened.get(device);
}
const nextFrame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
const centre = (found) => ({ x: found.x + found.w / 2, y: found.y + found.h / 2 });

// Shows one activity on the practice screen, unanswered.
async function openActivity(page, activity) {
  const opened = await page.evaluate(([course, id]) => window.pathwise.test.openActivity(course, id), [COURSE, activity]);
  assert.ok(opened, `the test hook opened ${activity}`);
  await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice &&
    now.learner.practice.activity === activity && !now.learner.practice.answered);
  await settle(page);
}

// The ordering's cards: {index, position, ...item}.
async function cards(page) {
  return (await items(page))
    .filter((entry) => /^practice\/item\/\d+$/.test(entry.id))
    .map((entry) => ({ ...entry, index: Number(entry.id.split('/')[2]), position: Number(entry.value) }));
}

const inOrder = (list) => list.every((card) => card.index === card.position);

// A real drag from `from` to `to`: a finger on a touch device (CDP touch events, as harness.swipe), the mouse
// otherwise. A frame passes between moves, as with a real hand. `whileHeld` runs before letting go.
async function drag(page, device, from, to, { steps = 4, whileHeld } = {}) {
  const point = (i) => ({ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
  if (device.hasTouch) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
    for (let i = 1; i <= steps; ++i) {
      await nextFrame(page);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(i)] });
    }
    await nextFrame(page);
    if (whileHeld) await whileHeld();
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  } else {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= steps; ++i) {
      await nextFrame(page);
      await page.mouse.move(point(i).x, point(i).y);
    }
    await nextFrame(page);
    if (whileHeld) await whileHeld();
    await page.mouse.up();
  }
}

// Puts the cards in the right order by dragging each, in turn, onto the upper part of the card in its place. The
// first drag is photographed before it is let go (`midDragShot`), once the test hook shows the card under the
// pointer.
async function orderByDragging(page, device, midDragShot) {
  let list = await cards(page);
  assert.ok(list.length >= 2 && !inOrder(list), 'the cards start out of order');
  let shot = midDragShot;
  for (let place = 0; place < list.length; ++place) {
    list = await cards(page);
    const card = list.find((entry) => entry.index === place);
    if (card.position === place) continue;
    const there = list.find((entry) => entry.position === place);
    const from = centre(card);
    const to = { x: from.x, y: there.y + there.h * 0.25 };
    const whileHeld = shot && (async (name) => {
      const moving = (await cards(page)).find((entry) => entry.index === place);
      assert.equal(moving.checked, true, 'the dragged card is picked up');
      assert.ok(Math.abs(centre(moving).y - to.y) < 4, `the card follows the pointer (${centre(moving).y} vs ${to.y})`);
      await screenshot(page, name);
    }).bind(null, shot);
    await drag(page, device, from, to, { whileHeld });
    shot = null;
    await itemHas(page, `practice/item/${place}`, { value: String(place), checked: false });
  }
  assert.ok(inOrder(await cards(page)), 'every card is in its place');
}

// Drags option i onto row i, for every row.
async function matchByDragging(page, device) {
  const rows = (await items(page)).filter((entry) => /^practice\/left\/\d+$/.test(entry.id)).length;
  for (let row = 0; row < rows; ++row) {
    const chip = await reveal(page, `practice/option/${row}`, device);
    const target = (await items(page)).find((entry) => entry.id === `practice/left/${row}`);
    assert.ok(target.visible && target.y >= 0, `row ${row} is in view with its answer`);
    await drag(page, device, centre(chip), centre(target));
    await itemHas(page, `practice/left/${row}`, { value: String(row) });
  }
}

async function check(page, device) {
  await reveal(page, 'practice/check', device);
  const button = await item(page, 'practice/check');
  assert.equal(button.disabled, false, 'Check is enabled once the answer is complete');
  await press(device)(page, 'practice/check');
}

// Waits for the graded, saved attempt; returns the result banner's text.
async function result(page) {
  const now = await waitForState(page, (current) => current.learner.practice && current.learner.practice.answered &&
    current.learner.practice.saved === 'saved');
  const banner = await item(page, 'practice/result');
  return { score: now.learner.practice.score, text: banner.label };
}

// Keyboard only: Tab (or Shift+Tab) until `id` has the focus. The items come in the order Tab visits them; the
// first press after a click only shows the focus where it already is, hence the few rounds.
async function focus(page, id) {
  const focusable = (all) => all.filter((entry) => !['heading', 'text', 'alert'].includes(entry.role) && !entry.disabled);
  const seen = [];
  for (let round = 0; round < 6; ++round) {
    const all = focusable(await items(page));
    const at = all.findIndex((entry) => entry.focused);
    seen.push((await items(page)).find((entry) => entry.focused)?.id ?? null);
    const to = all.findIndex((entry) => entry.id === id);
    assert.ok(to >= 0, `${id} can take the focus`);
    if (at === to) return;
    // With the focus on an item that is gone (Check, once pressed) only Shift+Tab moves it (Dear ImGui 1.90).
    const key = at < 0 || to < at ? 'Shift+Tab' : 'Tab';
    for (let presses = at < 0 ? 1 : Math.abs(to - at); presses > 0; --presses) {
      const before = await frames(page);
      await page.keyboard.press(key);
      await page.waitForFunction((frame) => window.pathwise.test.frame > frame + 1, before);
    }
  }
  throw new Error(`Tab never reached ${id}; the focus went to ${seen.join(', ')}`);
}

// Waits until item `id` has every field of `fields` (e.g. {value: '2', checked: false}).
async function itemHas(page, id, fields) {
  try {
    await page.waitForFunction(([wanted, expected]) => window.pathwise.test.items().some((entry) => entry.id === wanted &&
      Object.entries(expected).every(([key, value]) => entry[key] === value)), [id, fields], { timeout: 15000 });
  } catch (error) {
    const now = (await items(page)).find((entry) => entry.id === id);
    const focused = (await items(page)).find((entry) => entry.focused);
    throw new Error(`${id} never had ${JSON.stringify(fields)}: it is ${JSON.stringify(now)}; focus on ${focused?.id}`);
  }
}

for (const [device, name] of [[PHONE, 'phone'], [LAPTOP, 'laptop']]) {
  test(`ordering and matching answered by dragging (${name}, ${device.hasTouch ? 'finger' : 'mouse'})`,
    { timeout: 180000 }, async () => {
      const { page, errors } = await appOn(device);

      await openActivity(page, ORDERING);
      await orderByDragging(page, device, `activities/${name}-ordering-mid-drag`);
      await check(page, device);
      const ordering = await result(page);
      assert.equal(ordering.score, 1);
      assert.match(ordering.text, /^Correct/);
      await reveal(page, `practice/item/0`, device);
      await screenshot(page, `activities/${name}-ordering`);

      await openActivity(page, MATCHING);
      await matchByDragging(page, device);
      await check(page, device);
      const matching = await result(page);
      assert.equal(matching.score, 1);
      assert.match(matching.text, /^Correct/);
      await reveal(page, 'practice/left/0', device);
      await screenshot(page, `activities/${name}-matching`);

      assert.deepEqual(errors, []);
    });
}

test('the keyboard alone orders the cards and matches the answers (laptop)', { timeout: 180000 }, async () => {
  const { page, errors } = await appOn(LAPTOP);

  await openActivity(page, ORDERING);
  const count = (await cards(page)).length;
  for (let place = 0; place < count; ++place) {
    const card = (await cards(page)).find((entry) => entry.index === place);
    if (card.position === place) continue;
    await focus(page, `practice/item/${place}`);
    await page.keyboard.press('Space');  // picks the card up
    await itemHas(page, `practice/item/${place}`, { checked: true });
    for (let position = card.position; position > place; --position) {
      await page.keyboard.press('ArrowUp');
      await itemHas(page, `practice/item/${place}`, { value: String(position - 1) });
    }
    await page.keyboard.press('Space');  // puts it down
    await itemHas(page, `practice/item/${place}`, { checked: false });
  }
  assert.ok(inOrder(await cards(page)));
  // Escape puts a card picked up back where it was, and stays on the practice screen.
  await focus(page, 'practice/item/2');
  await page.keyboard.press('Enter');
  await itemHas(page, 'practice/item/2', { checked: true });
  await page.keyboard.press('ArrowDown');
  await itemHas(page, 'practice/item/2', { value: '3' });
  await page.keyboard.press('Escape');
  await itemHas(page, 'practice/item/2', { value: '2', checked: false });
  assert.equal((await state(page)).screen, 'practice', 'Escape put the card back instead of leaving');
  await focus(page, 'practice/check');
  await page.keyboard.press('Space');
  const ordering = await result(page);
  assert.equal(ordering.score, 1);
  await screenshot(page, 'activities/laptop-ordering-keyboard');
  // Check is gone once pressed: the focus moves to Next by itself, where a keyboard learner goes on.
  await itemHas(page, 'practice/next', { focused: true });

  await openActivity(page, MATCHING);
  const rows = (await items(page)).filter((entry) => /^practice\/left\/\d+$/.test(entry.id)).length;
  for (let row = 0; row < rows; ++row) {
    await focus(page, `practice/left/${row}`);
    await page.keyboard.press('Enter');  // chooses the row
    await itemHas(page, `practice/left/${row}`, { checked: true });
    if (row === 0) {  // Escape lets go of the row, and stays on the practice screen
      await page.keyboard.press('Escape');
      await itemHas(page, 'practice/left/0', { checked: false });
      assert.equal((await state(page)).screen, 'practice');
      await page.keyboard.press('Enter');
      await itemHas(page, 'practice/left/0', { checked: true });
    }
    await focus(page, `practice/option/${row}`);
    await page.keyboard.press('Enter');  // pairs it
    await itemHas(page, `practice/left/${row}`, { value: String(row) });
  }
  await focus(page, 'practice/check');
  await page.keyboard.press('Space');
  const matching = await result(page);
  assert.equal(matching.score, 1);
  await screenshot(page, 'activities/laptop-matching-keyboard');
  // From Next, Tab goes on to "Finish for now" (from the Check that was pressed it could not move forward).
  await itemHas(page, 'practice/next', { focused: true });
  await page.keyboard.press('Tab');
  await itemHas(page, 'practice/finish', { focused: true });

  assert.deepEqual(errors, []);
});

test('a wrong order gets partial credit; the arrow buttons move cards (phone)', { timeout: 180000 }, async () => {
  const { page, errors } = await appOn(PHONE);
  await openActivity(page, ORDERING);
  // Sort with the ↑ buttons (for those who cannot drag), then swap the first two: two places wrong.
  const count = (await cards(page)).length;
  for (let place = 0; place < count; ++place) {
    let card = (await cards(page)).find((entry) => entry.index === place);
    while (card.position > place) {
      const button = await item(page, `practice/item/${place}/up`);
      assert.ok(button.w >= 44 && button.h >= 44, `the arrow buttons are touch-sized (${button.w}x${button.h})`);
      await tap(page, `practice/item/${place}/up`);
      await itemHas(page, `practice/item/${place}`, { value: String(card.position - 1) });
      card = (await cards(page)).find((entry) => entry.index === place);
    }
  }
  await tap(page, 'practice/item/0/down');
  await itemHas(page, 'practice/item/0', { value: '1' });
  await check(page, PHONE);
  const graded = await result(page);
  assert.ok(graded.score > 0 && graded.score < 1, `partial credit (${graded.score})`);
  assert.match(graded.text, /^Partly right/);
  await reveal(page, 'practice/item/0', PHONE);
  await screenshot(page, 'activities/phone-ordering-partial');
  assert.deepEqual(errors, []);
});

test('answerActivity answers an ordering and a matching (phone)', { timeout: 180000 }, async () => {
  const { page, errors } = await appOn(PHONE);
  for (const activity of [ORDERING, MATCHING]) {
    await openActivity(page, activity);
    await answerActivity(page, PHONE);
    const graded = await result(page);
    assert.ok(graded.score >= 0 && graded.score <= 1);
  }
  assert.deepEqual(errors, []);
});

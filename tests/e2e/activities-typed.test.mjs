// e2e-activities-typed: the eight activity types answered by tapping and typing (single choice, multiple select,
// true/false, numeric, short text, cloze, flashcard, parameterized), on a phone (390x844, touch) and a laptop
// (1280x800, mouse). Each is opened with the test hook's openActivity, answered through real input, right and
// (where it is cheap) wrong or partly right; the test then checks the result, the feedback tied to the answer,
// the checked answer shown read-only, that the attempt was saved, and that numbers raise the numeric keyboard.
// Screenshots: build/e2e-artifacts/activities/<device>-<type>.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openApp, state, items, tap, click, settle, waitForState, reveal, screenshot, LAPTOP, PHONE,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();

// Waits until an item with this id is on the screen (drawn, possibly scrolled out of view) and returns it.
async function find(page, id, { timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = (await items(page)).find((entry) => entry.id === id);
    if (found) return found;
    await page.waitForTimeout(25);
  }
  throw new Error(`no item "${id}"; items: ${JSON.stringify((await items(page)).map((entry) => entry.id))}`);
}

// Scrolls the item into view the way the device would (finger drag or wheel), then taps or clicks it.
async function press(page, device, id) {
  await find(page, id);
  await reveal(page, id, device);
  await (device.hasTouch ? tap : click)(page, id);
}

async function openActivity(page, course, activity) {
  const opened = await page.evaluate(([c, a]) => window.pathwise.test.openActivity(c, a), [course, activity]);
  assert.ok(opened, `openActivity(${course}, ${activity})`);
  await waitForState(page, (now) => now.screen === 'practice' && now.learner.practice &&
    now.learner.practice.activity === activity && !now.learner.practice.answered);
  await settle(page);
}

// Taps (or clicks) a text field and types into it: on the phone as an on-screen keyboard does (text input
// events on the hidden text agent, accents included), on the laptop with key presses.
async function typeInto(page, device, id, text) {
  await press(page, device, id);
  await waitForState(page, () => true);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'text-agent',
    'the tap focused the text agent (what raises the phone keyboard)');
  if (device.hasTouch) await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
  await page.waitForFunction(([field, typed]) => window.pathwise.test.items().some(
    (entry) => entry.id === field && entry.value === typed), [id, text]);
}

const keyboardMode = (page) => page.evaluate(() => document.getElementById('text-agent').inputMode);

// Presses Check (it must be enabled), waits until the attempt is graded and durably saved, and returns the
// result banner's words.
async function check(page, device) {
  const button = await find(page, 'practice/check');
  assert.equal(button.disabled, false, 'Check is enabled once there is an answer');
  await press(page, device, 'practice/check');
  return waitForResult(page);
}

async function waitForResult(page) {
  const now = await waitForState(page, (s) => s.learner.practice && s.learner.practice.answered &&
    s.learner.practice.saved === 'saved');
  assert.equal(now.learner.practice.saved, 'saved', 'the attempt is stored durably');
  await settle(page);
  return { score: now.learner.practice.score, result: (await find(page, 'practice/result')).label };
}

const itemById = async (page, id) => (await items(page)).find((entry) => entry.id === id);

for (const [deviceName, device] of [['phone', PHONE], ['laptop', LAPTOP]]) {
  describe(`answering typed activities on a ${deviceName}`, () => {
    let app;
    before(async () => { app = await openApp(suite.browser, suite.server.url, device); });
    after(async () => {
      assert.deepEqual(app.errors, [], 'no page errors');
      await app.context.close();
    });
    const shot = (type) => screenshot(app.page, `activities/${deviceName}-${type}`);

    test('single choice: the wrong pick is marked with its own feedback, the right one in green', async () => {
      const { page } = app;
      // unit-pizza-quarter: choice 0 ($1/4$) is right; choice 1 ($1/3$) carries a misconception's feedback.
      await openActivity(page, 'fractions', 'unit-pizza-quarter');
      assert.equal((await find(page, 'practice/check')).disabled, true, 'Check waits for a choice');
      await press(page, device, 'practice/choice/0');
      assert.equal((await check(page, device)).result, 'Correct!');

      await openActivity(page, 'fractions', 'unit-pizza-quarter');
      await press(page, device, 'practice/choice/1');
      const { result, score } = await check(page, device);
      assert.equal(result, 'Not quite.');
      assert.equal(score, 0);
      const picked = await find(page, 'practice/choice/1');
      assert.equal(picked.checked, true, 'the checked answer still shows the pick');
      assert.equal(picked.disabled, true, 'and cannot be changed');
      const feedback = await find(page, 'practice/choice/1/feedback');
      assert.match(feedback.label, /You compared the shaded slice with the 3 slices/);
      assert.equal((await find(page, 'practice/choice/0')).checked, false);
      await shot('single_choice');
    });

    test('multiple select: tick boxes, partial credit, each choice marked', async () => {
      const { page } = app;
      // eq-equal-to-half: 2/4, 4/8 and 5/10 (choices 0-2) are right; 2/3 and 1/4 (3, 4) are not.
      await openActivity(page, 'fractions', 'eq-equal-to-half');
      const boxes = (await items(page)).filter((entry) => /^practice\/choice\/\d$/.test(entry.id));
      assert.equal(boxes.length, 5);
      assert.ok(boxes.every((entry) => entry.role === 'checkbox' && entry.checked === false));
      assert.equal((await find(page, 'practice/check')).disabled, true, 'Check waits for a tick');
      for (const index of [0, 1, 2]) await press(page, device, `practice/choice/${index}`);
      await press(page, device, 'practice/choice/4');
      await press(page, device, 'practice/choice/4');  // a second tap unticks
      await waitForState(page, () => true);
      assert.equal((await find(page, 'practice/choice/4')).checked, false);
      assert.equal((await check(page, device)).result, 'Correct!');

      await openActivity(page, 'fractions', 'eq-equal-to-half');
      for (const index of [0, 1, 3]) await press(page, device, `practice/choice/${index}`);
      const { result, score } = await check(page, device);
      assert.equal(result, 'Partly right: 33% of the marks');  // (2 right ticks - 1 wrong) / 3
      assert.ok(Math.abs(score - 1 / 3) < 1e-9);
      const wrongTick = await find(page, 'practice/choice/3');
      assert.equal(wrongTick.checked, true);
      assert.equal(wrongTick.disabled, true);
      assert.match((await find(page, 'practice/choice/3/feedback')).label, /Adding 1 to the top and bottom/);
      assert.equal((await find(page, 'practice/choice/2')).checked, false, 'the missed choice stays unticked');
      await shot('multiple_select');
    });

    test('true/false: a wrong answer shows the feedback for it', async () => {
      const { page } = app;
      // unequal-circle-tf: the statement is false.
      await openActivity(page, 'fractions', 'unequal-circle-tf');
      await press(page, device, 'practice/false');
      assert.equal((await check(page, device)).result, 'Correct!');

      await openActivity(page, 'fractions', 'unequal-circle-tf');
      await press(page, device, 'practice/true');
      assert.equal((await check(page, device)).result, 'Not quite.');
      assert.match((await find(page, 'practice/true/feedback')).label, /Look at the sizes of the parts/);
      assert.equal((await find(page, 'practice/false')).checked, false);
      await shot('true_false');
    });

    test('numeric: the numeric keyboard for a plain number, the full one for a fraction', async () => {
      const { page } = app;
      // amt-minutes: 3/4 of an hour is 45 minutes; 15 is a listed wrong answer with its feedback.
      await openActivity(page, 'fractions', 'amt-minutes');
      await typeInto(page, device, 'practice/answer', '45');
      assert.equal(await keyboardMode(page), 'decimal', 'a whole-number answer asks for the numeric keyboard');
      assert.equal((await check(page, device)).result, 'Correct!');

      // nl-quarters wants a fraction: the numeric keyboard has no "/", so the field asks for the full one.
      await openActivity(page, 'fractions', 'nl-quarters');
      await typeInto(page, device, 'practice/answer', '3/4');
      assert.equal(await keyboardMode(page), 'text');
      assert.equal((await check(page, device)).result, 'Correct!');

      await openActivity(page, 'fractions', 'amt-minutes');
      await typeInto(page, device, 'practice/answer', '15');
      assert.equal(await keyboardMode(page), 'decimal');
      assert.equal((await check(page, device)).result, 'Not quite.');
      const answer = await find(page, 'practice/answer');
      assert.equal(answer.value, '15', 'the checked answer is shown');
      assert.equal(answer.disabled, true, 'read-only');
      assert.match((await find(page, 'practice/feedback/0')).label, /15 minutes is 1\/4 of an hour/);
      await shot('numeric');
    });

    test('short text: accents typed as a phone keyboard sends them; missing accents are partly right', async () => {
      const { page } = app;
      // se-estan: "Mis padres … en casa." → están (accents required).
      await openActivity(page, 'spanish-a1', 'se-estan');
      await typeInto(page, device, 'practice/answer', 'están');
      assert.equal(await keyboardMode(page), 'text');
      assert.equal((await check(page, device)).result, 'Correct!');

      await openActivity(page, 'spanish-a1', 'se-estan');
      await typeInto(page, device, 'practice/answer', 'estan');
      const { result, score } = await check(page, device);
      assert.equal(result, 'Partly right: 50% of the marks');
      assert.equal(score, 0.5);
      assert.match((await find(page, 'practice/feedback/0')).label, /Check the accents on están/);
      assert.equal((await find(page, 'practice/answer')).value, 'estan');
      await shot('short_text');
    });

    test('cloze: option chips and typed gaps, partial credit, the answer under each wrong gap', async () => {
      const { page } = app;
      // pl-class-cloze: gaps 1 and 2 choose unos/unas (unas, unos); gaps 3-5 are typed (mapas, fotos, estudiantes).
      await openActivity(page, 'spanish-a1', 'pl-class-cloze');
      assert.equal((await find(page, 'practice/blank/1/option/1')).role, 'radio');
      assert.equal((await find(page, 'practice/blank/3')).role, 'textbox');
      const chip = await find(page, 'practice/blank/1/option/0');
      assert.ok(chip.h >= 44 && chip.w >= 44, `an option is a touch target (${chip.w}x${chip.h})`);
      await press(page, device, 'practice/blank/1/option/1');
      await press(page, device, 'practice/blank/2/option/0');
      await waitForState(page, () => true);
      assert.equal((await find(page, 'practice/blank/1/option/1')).checked, true);
      if (device.hasTouch) {
        await typeInto(page, device, 'practice/blank/3', 'mapas');
        await typeInto(page, device, 'practice/blank/4', 'fotos');
        await typeInto(page, device, 'practice/blank/5', 'estudiantes');
        assert.equal((await find(page, 'practice/check')).disabled, false, 'every gap filled: Check is ready');
        assert.equal((await check(page, device)).result, 'Correct!');
      } else {
        // On a keyboard, Enter moves to the next gap, and Enter in the last one checks.
        await typeInto(page, device, 'practice/blank/3', 'mapas');
        assert.equal((await find(page, 'practice/check')).disabled, true, 'Check waits for every gap');
        for (const [gap, word] of [[4, 'fotos'], [5, 'estudiantes']]) {
          await page.keyboard.press('Enter');
          await settle(page);
          assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'text-agent');
          await page.keyboard.type(word);
          await page.waitForFunction(([field, typed]) => window.pathwise.test.items().some(
            (entry) => entry.id === field && entry.value === typed), [`practice/blank/${gap}`, word]);
        }
        await page.keyboard.press('Enter');
        assert.equal((await waitForResult(page)).result, 'Correct!');
      }
      assert.match((await find(page, 'practice/passage')).label, /\(1\) unas mesas y \(2\) unos lápices/);

      // art-class-cloze: four drop-down gaps (un, una, la, una); one wrong choice is 3 of 4 right.
      await openActivity(page, 'spanish-a1', 'art-class-cloze');
      for (const [gap, option] of [[1, 1], [2, 1], [3, 1], [4, 1]]) {
        await press(page, device, `practice/blank/${gap}/option/${option}`);
      }
      const { result, score } = await check(page, device);
      assert.equal(result, 'Partly right: 75% of the marks');
      assert.equal(score, 0.75);
      const gap = await find(page, 'practice/blank/1');
      assert.equal(gap.value, 'una');
      assert.equal(gap.disabled, true);
      assert.equal((await find(page, 'practice/blank/1/note')).label, 'Answer: un');
      assert.equal(await itemById(page, 'practice/blank/2/note'), undefined, 'a right gap has no note');
      assert.match((await find(page, 'practice/passage')).label, /\(1\) una mapa de España, \(2\) una foto/);
      await shot('cloze');
    });

    test('flashcard: the front on a card, then the back, then a rating', async () => {
      const { page } = app;
      await openActivity(page, 'spanish-a1', 'greet-fc-buenos-dias');
      assert.match((await find(page, 'practice/prompt')).label, /Buenos días/);
      assert.equal(await itemById(page, 'practice/card/back'), undefined, 'the back is hidden at first');
      await press(page, device, 'practice/reveal');
      assert.match((await find(page, 'practice/card/back')).label, /Good morning/);
      // The back and the rating row make the card grow, and the screen may scroll on the next frame: a tap aimed
      // at the rectangles of the frame before could land beside the button.
      await settle(page);
      await press(page, device, 'practice/rate/3');
      assert.equal((await waitForResult(page)).result, 'Correct!');
      assert.equal(await itemById(page, 'practice/rate/3'), undefined, 'rated once');
      await shot('flashcard');
    });

    test('parameterized: a generated problem answered from what the screen shows', async () => {
      const { page } = app;
      // amt-template: "What is a/b of n?"
      const solve = async () => {
        const prompt = (await find(page, 'practice/prompt')).label;
        const found = /(\d+)\s*[/⁄]\s*(\d+)\s+of\s+(\d+)/.exec(prompt);
        assert.ok(found, `a problem of the form a/b of n: "${prompt}"`);
        return (Number(found[1]) * Number(found[3])) / Number(found[2]);
      };
      await openActivity(page, 'fractions', 'amt-template');
      await typeInto(page, device, 'practice/answer', String(await solve()));
      assert.equal(await keyboardMode(page), 'decimal');
      assert.equal((await check(page, device)).result, 'Correct!');

      await openActivity(page, 'fractions', 'amt-template');
      await typeInto(page, device, 'practice/answer', String((await solve()) + 1));
      assert.equal((await check(page, device)).result, 'Not quite.');
      assert.equal((await find(page, 'practice/answer')).disabled, true);
      await shot('parameterized');
      const now = await state(page);
      assert.equal(now.learner.unsaved, 0, 'every answer of this learner is stored');
    });
  });
}

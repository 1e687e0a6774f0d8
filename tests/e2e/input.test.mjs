// e2e-input: real touch taps, mouse clicks and keys at the coordinates the test hook reports. One tap is one
// click; text typed, composed by an IME or pasted arrives intact; copy reaches the system clipboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openApp, state, item, tap, click, press, settle, waitForState, screenshot, LAPTOP, PHONE,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();

test('on a touch screen one tap is exactly one click', async () => {
  const { context, page, errors } = await openApp(suite.browser, suite.server.url, PHONE);
  // A toggle flips on every click: two taps that produced three clicks would leave it on. On a phone the switch
  // sits below the course cards, so the first press scrolls to it by a real swipe.
  for (const expected of ['dark', 'light', 'dark', 'light']) {
    await press(page, 'home/dark-theme', PHONE);
    await waitForState(page, (now) => now.theme === expected);
    await settle(page);
    assert.equal((await state(page)).theme, expected, 'no extra click arrived after the tap');
    const toggle = await item(page, 'home/dark-theme');
    assert.equal(toggle.checked, expected === 'dark');
  }
  await press(page, 'home/course/fractions', PHONE);
  const course = await waitForState(page, (now) => now.screen === 'course');
  assert.equal(course.course, 'fractions');
  await settle(page);
  await screenshot(page, 'course-phone');
  await tap(page, 'course/back');
  await waitForState(page, (now) => now.screen === 'home');
  assert.deepEqual(errors, []);
  await context.close();
});

test('mouse clicks open a course and come back; Escape goes back too', async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, LAPTOP);
  await click(page, 'home/course/fractions');
  await waitForState(page, (now) => now.screen === 'course');
  await settle(page);
  await screenshot(page, 'course-laptop');
  await click(page, 'course/back');
  await waitForState(page, (now) => now.screen === 'home');
  await click(page, 'home/course/fractions');
  await waitForState(page, (now) => now.screen === 'course');
  await page.keyboard.press('Escape');
  await waitForState(page, (now) => now.screen === 'home');
  await context.close();
});

test('typing in the search field filters the catalog; Backspace edits', async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, LAPTOP);
  await click(page, 'home/search');
  await page.keyboard.type('FRAC');
  let now = await waitForState(page, (s) => s.search === 'FRAC');
  assert.deepEqual(now.catalog.shown, ['fractions']);
  await page.keyboard.type('x');
  now = await waitForState(page, (s) => s.search === 'FRACx');
  assert.deepEqual(now.catalog.shown, []);
  const field = await item(page, 'home/search');
  assert.equal(field.value, 'FRACx');
  await settle(page);
  await screenshot(page, 'search-no-match');
  await page.keyboard.press('Backspace');
  now = await waitForState(page, (s) => s.search === 'FRAC');
  assert.deepEqual(now.catalog.shown, ['fractions']);
  await context.close();
});

test('accented, non-Latin and IME-composed text arrives intact (phone keyboard path)', async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, PHONE);
  await tap(page, 'home/search');
  // The tap focused the hidden text agent inside the tap's own handler: that is what raises phone keyboards.
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'text-agent');
  // What an on-screen keyboard or dictation sends: text input events, not key presses.
  await page.keyboard.insertText('héllo Ωж √');
  await waitForState(page, (s) => s.search === 'héllo Ωж √');
  // An IME composition (e.g. pinyin): the composing text must not arrive; the committed text must, once.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
  await settle(page);
  assert.equal((await state(page)).search, 'héllo Ωж √', 'nothing arrives while composing');
  await cdp.send('Input.insertText', { text: '你' });
  const final = await waitForState(page, (s) => s.search === 'héllo Ωж √你');
  assert.deepEqual(final.catalog.shown, []);
  await settle(page);
  assert.equal((await state(page)).search, 'héllo Ωж √你', 'the composed character arrived exactly once');
  await screenshot(page, 'search-unicode-phone');
  await context.close();
});

test('paste inserts the clipboard text once; copy writes the system clipboard', async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, LAPTOP);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
  await page.evaluate(() => navigator.clipboard.writeText('Fracciones'));
  await click(page, 'home/search');
  await page.keyboard.press('Control+V');
  await waitForState(page, (s) => s.search === 'Fracciones');
  await settle(page);
  assert.equal((await state(page)).search, 'Fracciones', 'pasted once, not twice');

  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.evaluate(() => navigator.clipboard.writeText(''));  // make sure the next read is the app's copy
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, 'Fracciones');
  await context.close();
});

test('the keyboard alone reaches every control: Tab moves focus, Space activates', async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, LAPTOP);
  // From a freshly loaded page, Tab n times, then Space: some n toggles the theme switch. (Pressing Space after
  // every Tab instead would type into the search field or open a course, and returning home resets the focus.)
  // Where the first Tab lands depends on what the first frame showed (Dear ImGui gives the first control of a new
  // window the initial focus), so the page is fresh for every n.
  let toggled = false;
  for (let tabs = 1; tabs <= 14 && !toggled; tabs++) {
    if (tabs > 1) {
      await page.reload();
      await page.waitForFunction(() => window.pathwise.test && window.pathwise.test.frame > 0 &&
        window.pathwise.test.state().catalog.status === 'ready');
      await settle(page);
    }
    for (let i = 0; i < tabs; i++) {
      await page.keyboard.press('Tab');
      await settle(page);
    }
    await page.keyboard.press('Space');
    await settle(page);
    toggled = (await state(page)).theme === 'dark';
  }
  assert.ok(toggled, 'Tab and Space reached the dark-theme switch');
  await screenshot(page, 'keyboard-focus');
  await context.close();
});

// e2e-display: how this device shows Pathwise, chosen on the Settings screen through real clicks, taps and keys.
// The three themes (light, dark, high contrast) and the five text sizes apply at once and survive a reload; a
// damaged stored value gives the defaults; the browser's dark colour scheme and reduced motion are the defaults
// of a device that never chose; the dyslexia-friendly font can be chosen; the font atlas holds only the
// characters needed and stays within 4 MiB at 200 % text on a DPR 3 phone, for every course. Screenshots of the
// home, settings and practice screens in each theme and at 200 % on the phone go to
// build/e2e-artifacts/display/; at 200 % nothing may be cut off at the screen's edge or drawn over anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, openApp, state, items, item, tap, click, settle, waitForState, screenshot, reveal,
  LAPTOP, PHONE,
} from './lib/harness.mjs';

const suite = useServerAndBrowser();

const ATLAS_BUDGET = 4 * 1024 * 1024;  // bytes of the RGBA32 font texture (client/app/fonts.h)
const THEMES = [['light', 'settings/theme/light'], ['dark', 'settings/theme/dark'],
  ['high_contrast', 'settings/theme/high-contrast']];
const TEXT_SIZES = [100, 125, 150, 175, 200];
const COURSES = ['fractions', 'spanish-a1', 'ecosystems'];
// A question with a long prompt, four choices, a hint and the confidence row: the practice screen at its fullest.
const PRACTICE = ['ecosystems', 'van-helmont-willow'];

const press = (device) => (device.hasTouch ? tap : click);

async function openSettings(page, device) {
  await reveal(page, 'bar/settings', device);  // each screen keeps its scroll position
  await press(device)(page, 'bar/settings');
  await waitForState(page, (now) => now.screen === 'settings');
  await settle(page);
}

// Scrolls to a control on the Settings screen, presses it and waits until the state shows the change.
async function choose(page, device, id, predicate) {
  await reveal(page, id, device);
  await press(device)(page, id);
  const now = await waitForState(page, predicate);
  await settle(page);
  return now;
}

const setTheme = (page, device, [theme, id]) => choose(page, device, id, (now) => now.display.theme === theme);
const setTextSize = (page, device, size) =>
  choose(page, device, `settings/text-size/${size}`, (now) => now.display.text_size === size);

async function openPractice(page, [course, activity]) {
  assert.equal(await page.evaluate(([c, a]) => window.pathwise.test.openActivity(c, a), [course, activity]), true);
  const now = await waitForState(page, (shown) => shown.screen === 'practice' && shown.learner.practice &&
    shown.learner.practice.activity === activity);
  await settle(page);  // the course's characters reach the font atlas in the frame after its bundle arrives
  return state(page);
}

// Back to the home screen with the Escape key, which every screen takes as its back button (at 200 % the back
// buttons are often far above; scrolling to them is tested by the other suites).
async function goHome(page) {
  for (let now = await state(page); now.screen !== 'home'; now = await state(page)) {
    await page.keyboard.press('Escape');
    await waitForState(page, (shown) => shown.screen !== now.screen);
  }
  await settle(page);
}

// Nothing on screen is cut off at the screen's left or right edge, and no two widgets (controls, headings,
// messages) are drawn over each other.
async function assertLayoutFits(page, where) {
  const { width } = page.viewportSize();
  const shown = (await items(page)).filter((found) => found.visible && found.w > 0 && found.h > 0);
  assert.ok(shown.length > 0, `${where}: widgets are drawn`);
  for (const found of shown) {
    assert.ok(found.x >= -0.5 && found.x + found.w <= width + 0.5,
      `${where}: ${found.id} spans ${found.x.toFixed(1)}..${(found.x + found.w).toFixed(1)}, beyond the ` +
      `${width}-px screen`);
  }
  for (let i = 0; i < shown.length; ++i) {
    for (let j = i + 1; j < shown.length; ++j) {
      const a = shown[i], b = shown[j];
      const across = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const down = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      assert.ok(across <= 1 || down <= 1, `${where}: ${a.id} and ${b.id} overlap`);
    }
  }
}

test('themes and text sizes are chosen with the mouse and the keyboard, and survive a reload (laptop)',
  { timeout: 300000 }, async () => {
    const { context, page, errors } = await openApp(suite.browser, suite.server.url, LAPTOP);
    let now = await state(page);
    assert.deepEqual({ theme: now.display.theme, text_size: now.display.text_size, font: now.display.dyslexia_font,
      motion: now.display.reduced_motion }, { theme: 'light', text_size: 100, font: false, motion: false },
    'a fresh device with no preference gets the defaults');
    await openSettings(page, LAPTOP);
    for (const theme of [THEMES[1], THEMES[2], THEMES[0]]) {
      now = await setTheme(page, LAPTOP, theme);
      const chips = (await items(page)).filter((found) => found.id.startsWith('settings/theme/'));
      assert.deepEqual(chips.filter((found) => found.checked).map((found) => found.id), [theme[1]],
        `only ${theme[0]} is checked`);
      assert.equal(chips.every((found) => found.role === 'radio'), true);
    }
    let atlasAt100 = 0;
    for (const size of TEXT_SIZES.slice(1).concat([100])) {
      now = await setTextSize(page, LAPTOP, size);
      assert.ok(now.display.atlas.bytes <= ATLAS_BUDGET, `atlas at ${size} %: ${now.display.atlas.bytes} bytes`);
      assert.equal(now.display.atlas.raster_scale, size / 100, `the atlas was rebuilt for ${size} %`);
      // The control just used stays on screen although everything above it changed size.
      const chip = await item(page, `settings/text-size/${size}`);
      assert.ok(chip.y >= 0 && chip.y + chip.h <= page.viewportSize().height, `${size} % stays in view`);
      // (Sizes grow with the text; ImGui rounds the scaled spacing down to whole pixels, hence the 5 % leeway.)
      assert.ok(chip.h >= 44 * (size / 100) * 0.95, `a ${size} % chip is ${chip.h} px tall`);
      if (size === 100) atlasAt100 = now.display.atlas.bytes;
      if (size === 200) await screenshot(page, 'display/settings-200-laptop');
    }
    assert.ok(atlasAt100 > 0 && atlasAt100 < 512 * 1024, `at 100 % on DPR 1 the atlas is small: ${atlasAt100} bytes`);

    // The keyboard: a click puts the focus on "Light" without showing it; Tab shows the focus ring (the first press
    // shows it where the focus is, the next one moves it), Space chooses what has the focus.
    await reveal(page, 'settings/theme/light', LAPTOP);
    await click(page, 'settings/theme/light');
    await settle(page);
    for (let tabs = 0; tabs < 3 && (await state(page)).display.theme !== 'dark'; ++tabs) {
      await page.keyboard.press('Tab');
      await settle(page);
      await screenshot(page, `display/keyboard-focus-${tabs + 1}`);
      await page.keyboard.press('Space');
      await settle(page);
    }
    now = await state(page);
    assert.equal(now.display.theme, 'dark', 'Tab reached "Dark" and Space chose it');
    await screenshot(page, 'display/keyboard-focus-dark');
    now = await setTextSize(page, LAPTOP, 150);

    await page.reload();
    now = await waitForState(page, (shown) => shown.catalog && shown.catalog.status === 'ready' &&
      shown.learner.phase === 'open' && shown.display.atlas.bytes > 0);
    assert.equal(now.display.theme, 'dark', 'the theme survives a reload');
    assert.equal(now.display.text_size, 150, 'the text size survives a reload');
    assert.equal(now.display.atlas.raster_scale, 1.5, 'the first frame after the reload is drawn at 150 %');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark',
      'the page behind the app (loading screen) takes the stored theme');

    // A damaged value falls back to the defaults, field by field, without an error.
    for (const [stored, expected] of [
      ['{"theme":"sepia","text_size":300,"dyslexia_font":"yes","reduced_motion":true}',
        { theme: 'light', text_size: 100, dyslexia_font: false, reduced_motion: true }],
      ['{not json', { theme: 'light', text_size: 100, dyslexia_font: false, reduced_motion: false }],
      ['[1,2,3]', { theme: 'light', text_size: 100, dyslexia_font: false, reduced_motion: false }],
      ['{"theme":"high_contrast","text_size":175}', { theme: 'high_contrast', text_size: 175, dyslexia_font: false,
        reduced_motion: false }],
    ]) {
      await page.evaluate((text) => localStorage.setItem('pathwise.display', text), stored);
      await page.reload();
      now = await waitForState(page, (shown) => shown.catalog && shown.catalog.status === 'ready' &&
        shown.learner.phase === 'open');
      const { theme, text_size, dyslexia_font, reduced_motion } = now.display;
      assert.deepEqual({ theme, text_size, dyslexia_font, reduced_motion }, expected, `stored ${stored}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

test('a device that prefers a dark scheme and reduced motion gets them by default; reduce motion can be turned off',
  { timeout: 60000 }, async () => {
    const device = { ...LAPTOP, colorScheme: 'dark', reducedMotion: 'reduce' };
    const { context, page, errors } = await openApp(suite.browser, suite.server.url, device);
    let now = await state(page);
    assert.equal(now.display.theme, 'dark');
    assert.equal(now.display.reduced_motion, true);
    await openSettings(page, device);
    await reveal(page, 'settings/reduced-motion', device);
    assert.equal((await item(page, 'settings/reduced-motion')).checked, true);
    now = await choose(page, device, 'settings/reduced-motion', (shown) => shown.display.reduced_motion === false);
    assert.equal((await item(page, 'settings/reduced-motion')).checked, false);
    await page.reload();
    now = await waitForState(page, (shown) => shown.catalog && shown.catalog.status === 'ready' &&
      shown.learner.phase === 'open');
    assert.equal(now.display.reduced_motion, false, 'the choice, once made, wins over the browser\'s wish');
    assert.equal(now.display.theme, 'dark');
    assert.deepEqual(errors, []);
    await context.close();
  });

// Scrolling on a DPR 3 phone is the slow part of a browser test: the steps below go from screen to screen so that
// each one starts where the previous left it (every screen keeps its scroll position) and few swipes are needed.
test('each theme and 200 % text on a phone: screenshots, nothing cut off or overlapping, OpenDyslexic',
  { timeout: 600000 }, async () => {
    const { context, page, errors } = await openApp(suite.browser, suite.server.url, PHONE);
    for (const theme of THEMES) {
      await openSettings(page, PHONE);
      await setTheme(page, PHONE, theme);
      await screenshot(page, `display/settings-${theme[0]}`);
      await goHome(page);
      await screenshot(page, `display/home-${theme[0]}`);
      await openPractice(page, PRACTICE);
      await screenshot(page, `display/practice-${theme[0]}`);
    }

    await openSettings(page, PHONE);
    await setTheme(page, PHONE, THEMES[0]);
    let now = await setTextSize(page, PHONE, 200);
    assert.equal(now.display.atlas.raster_scale, 6, 'DPR 3 times 200 %: glyphs rasterised at 6 px per CSS px');
    assert.ok(now.display.atlas.bytes <= ATLAS_BUDGET, `atlas at 200 % on DPR 3: ${now.display.atlas.bytes} bytes`);
    await assertLayoutFits(page, 'settings at 200 %');
    await screenshot(page, 'display/settings-200');
    await reveal(page, 'settings/reduced-motion', PHONE);
    await assertLayoutFits(page, 'settings at 200 %, further down');
    await screenshot(page, 'display/settings-200-toggles');
    now = await openPractice(page, PRACTICE);
    await assertLayoutFits(page, 'practice at 200 %');
    await screenshot(page, 'display/practice-200');
    await reveal(page, 'practice/check', PHONE);
    await assertLayoutFits(page, 'practice at 200 %, the confidence row and Check');
    await screenshot(page, 'display/practice-200-check');

    // Every course's characters at 200 % on DPR 3 (the atlas follows the course that is open).
    const figures = [];
    for (const course of COURSES) {
      const opened = course === PRACTICE[0] ? PRACTICE : await firstActivityOf(page, course);
      now = await openPractice(page, opened);
      assert.ok(now.display.atlas.bytes <= ATLAS_BUDGET, `${course}: ${now.display.atlas.bytes} bytes`);
      figures.push(`${course}: ${now.display.atlas.width}x${now.display.atlas.height} = ${now.display.atlas.bytes} ` +
        `bytes, ${now.display.atlas.glyphs} glyphs, ${now.display.text_codepoints} characters beyond ASCII`);
    }
    console.log(`font atlas at DPR 3 and 200 % text:\n  ${figures.join('\n  ')}`);

    await goHome(page);
    await assertLayoutFits(page, 'home at 200 %');
    await screenshot(page, 'display/home-200');
    await reveal(page, 'home/course/ecosystems', PHONE);
    await assertLayoutFits(page, 'home at 200 %, the course list');
    await screenshot(page, 'display/home-200-courses');

    // Typing two whole alphabets (Greek and Cyrillic, as a phone keyboard sends them) adds ~120 characters to the
    // atlas: at this scale that would be ~7 MB, so the glyphs are rasterised smaller and the atlas stays in budget.
    await reveal(page, 'home/search', PHONE);
    await tap(page, 'home/search');
    const alphabets = 'αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ' +
      'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
    await page.keyboard.insertText(alphabets);
    now = await waitForState(page, (shown) => shown.search === alphabets);
    await settle(page);
    now = await state(page);
    const { atlas } = now.display;
    assert.ok(atlas.glyphs >= 122 + alphabets.length, `every letter typed is in the atlas: ${atlas.glyphs} glyphs`);
    assert.ok(atlas.bytes <= ATLAS_BUDGET, `two alphabets at 200 % on DPR 3: ${atlas.bytes} bytes`);
    assert.ok(atlas.raster_scale < 6, `rasterised smaller to fit: ${atlas.raster_scale}`);
    console.log(`  two alphabets typed: ${atlas.width}x${atlas.height} = ${atlas.bytes} bytes, ${atlas.glyphs} ` +
      `glyphs, rasterised at ${atlas.raster_scale}`);
    await screenshot(page, 'display/home-200-alphabets');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitForState(page, (shown) => shown.search === '');

    // OpenDyslexic, chosen with a tap, is drawn (the atlas is rebuilt with it) and kept.
    await openPractice(page, PRACTICE);
    await openSettings(page, PHONE);
    await setTextSize(page, PHONE, 100);
    now = await choose(page, PHONE, 'settings/dyslexia-font', (shown) => shown.display.dyslexia_font &&
      shown.display.atlas.dyslexia_font);
    assert.ok(now.display.atlas.bytes <= ATLAS_BUDGET);
    await screenshot(page, 'display/settings-opendyslexic');
    await openPractice(page, PRACTICE);
    await screenshot(page, 'display/practice-opendyslexic');
    await goHome(page);
    await screenshot(page, 'display/home-opendyslexic');
    await page.reload();
    now = await waitForState(page, (shown) => shown.catalog && shown.catalog.status === 'ready' &&
      shown.learner.phase === 'open' && shown.display.atlas.bytes > 0);
    assert.equal(now.display.dyslexia_font, true, 'the font survives a reload');
    assert.equal(now.display.atlas.dyslexia_font, true, 'the first frame after the reload uses it');
    assert.deepEqual(errors, []);
    await context.close();
  });

// The first question of a course that a tap can answer (single choice), found in its bundle file.
async function firstActivityOf(page, course) {
  const bundle = await page.evaluate(async (id) => (await fetch(`content/${id}/course.json`)).json(), course);
  const activity = bundle.activities.find((candidate) => candidate.type === 'single_choice');
  return [course, activity.id];
}

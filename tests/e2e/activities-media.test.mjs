// e2e-activities-media: rich text, pictures and videos on the practice screen, at phone (390x844, touch) and
// laptop (1280x800, mouse) size, through real taps, clicks and keys only. A reading's checkpoint questions are
// answered and the reading marked done; a picture appears as an <img> exactly over the box the layout reserved,
// follows scrolling and never takes a tap; a fraction is drawn stacked (a bar with digits above and below, found
// in the screenshot's pixels); a video, started with a real tap on its Play control, pauses by itself at each
// checkpoint while its question is answered and checked, continues, and is saved once it ends.
//
// To keep the run short the video is sought (currentTime set by the test) to a second before each checkpoint
// instead of being watched whole: the pause at the checkpoint, the question, the check and "Continue the
// video" are all real. Screenshots: build/e2e-artifacts/activities/<device>-<what>.png (the in-between ones on
// the laptop only: a full phone screenshot at DPR 3 is slow to take in software WebGL).
import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  startServer, launchBrowser, openApp, items, item, tap, click, settle, waitForState, screenshot, reveal,
  answerActivity, frames, DIST, LAPTOP, PHONE,
} from './lib/harness.mjs';

// Every form of rich text in one reading, for the gallery screenshots (the bundled courses use only some).
const GALLERY = `# Every kind of rich text

A paragraph with **bold**, *italic*, ***bold italic***, \`code\` and [a link](https://example.org). It is long enough \
to wrap across the column on a phone and on a laptop, so mixed runs are seen wrapping: **bold words _with italic_ \
inside** and plain words again.

## Maths

Powers $x^2$, $10^-3$ and $2^{n+1}$; indices $H_2O$ and $x_{ij}$; fractions $3/4$, $\\frac{a+b}{c}$, $(a+b)/2$ and \
$\\frac{1}{1/2} = 2$; roots $\\sqrt{2}$, $√(x+1)$ and $\\sqrt{\\frac{9}{16}} = 3/4$; symbols \
$3 \\times 4 \\div 2 \\le 6 \\ne 7 \\approx 7.1$, $2\\pi r$, $90\\degree$.

### Lists

- a bullet
- another, with **bold**
  - and a nested one
1. first
2. second, which is a longer item so that it wraps under its own text and not under the number

Averylongwordwithoutanyspacesthatmustbecutwhereitreachestheedgeofthecolumnbecauseitcannotwrapanywhere.

Line one\\
line two, after a line break.`;

function galleryCourse() {
  const bundle = JSON.stringify({
    format: 'pathwise.bundle/1', id: 'gallery', version: '1.0.0', title: 'Rich text gallery', language: 'en',
    skills: [{ id: 'reading', title: 'Reading' }],
    activities: [{ id: 'gallery', type: 'reading', skills: ['reading'], title: 'Rich text', body: GALLERY }],
  });
  const catalog = JSON.parse(readFileSync(path.join(DIST, 'content', 'catalog.json'), 'utf8'));
  catalog.courses.push({ id: 'gallery', title: 'Rich text gallery', description: '', language: 'en', version: '1.0.0',
    bundle: 'gallery/course.json', sha256: createHash('sha256').update(bundle).digest('hex') });
  return {
    '/content/catalog.json': { body: JSON.stringify(catalog), type: 'application/json' },
    '/content/gallery/course.json': { body: bundle, type: 'application/json' },
  };
}

// The real site, plus the gallery course.
const suite = { server: null, browser: null };
before(async () => {
  suite.server = await startServer({ routes: galleryCourse() });
  suite.browser = await launchBrowser();
});
after(async () => {
  await suite.browser?.close();
  await suite.server?.close();
});
const bundle = (course) => JSON.parse(readFileSync(path.join(DIST, 'content', course, 'course.json'), 'utf8'));
const activityOf = (course, id) => bundle(course).activities.find((activity) => activity.id === id);

// Shows an activity on the practice screen (the test hook; answering is real input) and waits until it is drawn.
async function show(page, course, activity) {
  const opened = await page.evaluate(([c, a]) => window.pathwise.test.openActivity(c, a), [course, activity]);
  assert.ok(opened, `${course}/${activity} could not be opened`);
  await waitForState(page, (now) => now.learner.practice && now.learner.practice.activity === activity &&
    !now.learner.practice.answered);
  await settle(page);
}

// The elements of the media layer (shell/media.js), as the page shows them.
const mediaElements = (page) => page.evaluate(() => [...document.querySelectorAll('#media-layer > *')].map((element) => {
  const box = element.getBoundingClientRect();
  return { key: element.dataset.key, tag: element.tagName.toLowerCase(), hidden: element.hidden, alt: element.alt,
    x: box.x, y: box.y, w: box.width, h: box.height, clip: element.style.clipPath,
    pointerEvents: getComputedStyle(element).pointerEvents, complete: element.complete,
    naturalWidth: element.naturalWidth };
}));

async function mediaElement(page, key) {
  const found = (await mediaElements(page)).find((element) => element.key === key);
  assert.ok(found, `no media element for ${key}`);
  return found;
}

// The element covers exactly the item's box (CSS pixels, within a pixel).
function assertSameBox(element, box, what) {
  for (const side of ['x', 'y', 'w', 'h']) {
    assert.ok(Math.abs(element[side] - box[side]) <= 1, `${what}: ${side} ${element[side]} vs reserved ${box[side]}`);
  }
}

// ---- Stacked fractions, found in pixels ---------------------------------------------------------------------
// A minimal PNG reader for Chromium's screenshots (8-bit RGB or RGBA, not interlaced).
function decodePng(buffer) {
  let offset = 8;
  let width = 0, height = 0, channels = 0;
  const data = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, '8-bit PNG');
      channels = { 2: 3, 6: 4 }[body[9]];
      assert.ok(channels && body[12] === 0, 'RGB(A), not interlaced');
    } else if (type === 'IDAT') {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; ++x) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const [a, b, c] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
        predicted = a <= b && a <= c ? left : b <= c ? up : upLeft;
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  // Text is #1f2933 on #f6f4ef: anything darker than half-way is ink (anti-aliased edges included).
  return { width, height, dark: (x, y) => pixels[y * stride + x * channels] < 170 };
}

// Fraction bars in a screenshot of text: a horizontal dark run at least `minLength` long and at most `maxThick`
// rows thick, with ink above it and below it (the numerator and the denominator) within `reach` rows, each
// separated from the bar by a blank gap. Letters have no such stroke at these lengths (an "e"'s bar is shorter).
function fractionBars(png, em) {
  const minLength = Math.round(em * 0.6), maxThick = Math.max(2, Math.round(em * 0.12)), reach = Math.round(em);
  const spread = Math.max(2, Math.round(em * 0.15));  // a "1" has its stem a little off the middle
  const bars = [];
  for (let y = reach; y < png.height - reach; ++y) {
    let x = 0;
    while (x < png.width) {
      if (!png.dark(x, y) || png.dark(x, y - 1)) { ++x; continue; }
      let end = x;
      while (end < png.width && png.dark(end, y) && !png.dark(end, y - 1)) ++end;
      if (end - x >= minLength) {
        const middle = (x + end) >> 1;
        let thickness = 1;
        while (thickness <= maxThick && png.dark(middle, y + thickness)) ++thickness;
        const inkWithin = (from, step) => {
          let gap = false;
          for (let d = 1; d <= reach; ++d) {
            const row = from + step * d;
            let ink = false;
            for (let dx = -spread; dx <= spread; ++dx) ink = ink || png.dark(middle + dx, row);
            if (!ink) gap = true;
            else if (gap) return true;
          }
          return false;
        };
        if (thickness <= maxThick && inkWithin(y, -1) && inkWithin(y + thickness - 1, 1)) {
          if (!bars.some((bar) => Math.abs(bar.y - y) <= maxThick && Math.abs(bar.x - x) < minLength)) {
            bars.push({ x, y, length: end - x });
          }
        }
      }
      x = end;
    }
  }
  return bars;
}

// ---- Answering right, through real input ------------------------------------------------------------------------
async function answerRightly(page, prefix, question, device) {
  const press = device.hasTouch ? tap : click;
  switch (question.type) {
    case 'single_choice': {
      const id = `${prefix}/choice/${question.choices.findIndex((choice) => choice.correct)}`;
      await reveal(page, id, device);
      await press(page, id);
      break;
    }
    case 'true_false': {
      const id = `${prefix}/${question.answer ? 'true' : 'false'}`;
      await reveal(page, id, device);
      await press(page, id);
      break;
    }
    case 'short_text':
    case 'numeric': {
      const typed = question.type === 'numeric' ? String(question.answer) : question.answers[0].text;
      await reveal(page, `${prefix}/answer`, device);
      await press(page, `${prefix}/answer`);
      await page.keyboard.type(typed);
      await page.waitForFunction(([id, value]) => window.pathwise.test.items().some(
        (entry) => entry.id === id && entry.value === value), [`${prefix}/answer`, typed]);
      break;
    }
    default:
      throw new Error(`no rightful answer for a ${question.type} question`);
  }
}

const videoState = (page) => page.evaluate(() => {
  const video = document.querySelector('#media-layer video[data-key="practice/video"]');
  return video && { time: video.currentTime, paused: video.paused, ended: video.ended, ready: video.readyState,
    captions: [...video.textTracks].map((track) => `${track.kind}:${track.mode}`) };
});

for (const [name, device] of [['phone', PHONE], ['laptop', LAPTOP]]) {
  describe(`${name}`, () => {
    const press = device.hasTouch ? tap : click;
    let session;
    before(async () => { session = await openApp(suite.browser, suite.server.url, device); });
    after(async () => {
      assert.deepEqual(session.errors, []);
      await session.context.close();
    });

    test('a reading: its checkpoint questions answered, then Done', { timeout: 120000 }, async () => {
      const { page } = session;
      const reading = activityOf('fractions', 'read-equal-parts');
      await show(page, 'fractions', reading.id);
      await screenshot(page, `activities/${name}-reading`);
      const body = await item(page, 'practice/body');
      assert.match(body.label, /^Sharing fairly\n\n/, 'the body is listed with its plain text');
      const done = (await items(page)).find((entry) => entry.id === 'practice/done');
      assert.ok(done.disabled, 'Done waits for every question');
      for (const [index, checkpoint] of reading.checkpoints.entries()) {
        await answerRightly(page, `practice/checkpoint/${index}`, checkpoint.question, device);
      }
      await reveal(page, 'practice/done', device);
      await page.waitForFunction(() => window.pathwise.test.items().some((entry) => entry.id === 'practice/done' &&
        !entry.disabled));
      if (!device.hasTouch) await screenshot(page, `activities/${name}-reading-answered`);
      await press(page, 'practice/done');
      const answered = await waitForState(page, (now) => now.learner.practice.answered &&
        now.learner.practice.saved === 'saved');
      assert.equal(answered.learner.practice.score, 1, 'both questions right');
      await settle(page);
      if (!device.hasTouch) await screenshot(page, `activities/${name}-reading-done`);
    });

    test('pictures: an <img> over the reserved box, following scrolling, never taking a tap', { timeout: 120000 }, async () => {
      const { page } = session;
      const pizza = activityOf('fractions', 'unit-pizza-quarter');
      await show(page, 'fractions', pizza.id);
      await page.waitForFunction(() => [...document.querySelectorAll('#media-layer img')].some(
        (img) => !img.hidden && img.complete && img.naturalWidth > 0));
      await settle(page);  // the natural size arrived: the box now has the picture's shape
      const box = await item(page, 'practice/media/0');
      assert.equal(box.role, 'img');
      assert.equal(box.label, pizza.media[0].alt);
      const img = await mediaElement(page, 'practice/media/0');
      assert.equal(img.tag, 'img');
      assert.equal(img.hidden, false);
      assert.equal(img.alt, pizza.media[0].alt);
      assertSameBox(img, box, 'the activity picture');
      assert.ok(Math.abs(img.w - img.h) <= 1, 'the square picture got a square box once its size was known');
      const { width } = page.viewportSize();
      assert.ok(img.x >= 0 && img.x + img.w <= width, 'inside the screen');
      assert.equal(img.pointerEvents, 'none');
      const under = await page.evaluate(([x, y]) => document.elementFromPoint(x, y).id, [img.x + img.w / 2, img.y + img.h / 2]);
      assert.equal(under, 'canvas', 'a tap on the picture reaches the app');
      await screenshot(page, `activities/${name}-picture`);

      // A picture inside rich text, scrolled: the <img> moves with its box, and hides once scrolled away.
      await show(page, 'fractions', 'read-equal-parts');
      await page.waitForFunction(() => [...document.querySelectorAll('#media-layer img')].some(
        (img) => img.dataset.key === 'practice/body/image/0' && img.complete && img.naturalWidth > 0));
      await settle(page);
      const inline = await item(page, 'practice/body/image/0');
      assertSameBox(await mediaElement(page, 'practice/body/image/0'), inline, 'the picture in the text');
      assert.equal((await mediaElement(page, 'practice/media/0')).hidden, true, 'the last activity\'s picture is gone');
      await reveal(page, 'practice/checkpoint/1/choice/0', device);
      const moved = (await items(page)).find((entry) => entry.id === 'practice/body/image/0');
      const element = await mediaElement(page, 'practice/body/image/0');
      assert.ok(moved.y < inline.y, 'the screen scrolled');
      if (moved.y + moved.h <= 0) {
        assert.equal(element.hidden, true, 'scrolled out of view: hidden');
      } else {
        assertSameBox(element, moved, 'the scrolled picture');
        if (moved.y < 0) assert.match(element.clip, /^inset\(/, 'the part above the screen is clipped');
      }
      await reveal(page, 'practice/done', device);
      const last = (await items(page)).find((entry) => entry.id === 'practice/body/image/0');
      if (last.y + last.h <= 0) assert.equal((await mediaElement(page, 'practice/body/image/0')).hidden, true);
    });

    test('a fraction is drawn stacked: numerator, bar, denominator', { timeout: 120000 }, async () => {
      const { page } = session;
      await show(page, 'fractions', 'read-equal-parts');
      // "Which is more pizza: $1/2$ of a pizza or $1/8$ of the same pizza?" holds two fractions.
      const prompt = await reveal(page, 'practice/checkpoint/1/prompt', device);
      assert.match(prompt.label, /1\/2 of a pizza or 1\/8/, 'the plain text reads as typed');
      await settle(page);
      const shot = await page.screenshot({ clip: { x: prompt.x, y: prompt.y, width: prompt.w, height: prompt.h } });
      await screenshot(page, `activities/${name}-fraction`);
      const png = decodePng(shot);
      const em = 18 * (png.width / prompt.w);  // the body size in screenshot pixels
      const bars = fractionBars(png, em);
      assert.equal(bars.length, 2, `two fraction bars with digits above and below; found ${JSON.stringify(bars)}`);
    });

    test('a video pauses at each checkpoint for its question, continues, and is saved at the end', { timeout: 180000 }, async () => {
      const { page } = session;
      const video = activityOf('ecosystems', 'video-leaf-makes-food');
      await show(page, 'ecosystems', video.id);
      await page.waitForFunction(() => {
        const element = document.querySelector('#media-layer video:not([hidden])');
        return element && element.readyState >= 1;
      });
      await settle(page);
      const box = await item(page, 'practice/video');
      const element = await mediaElement(page, 'practice/video');
      assert.equal(element.tag, 'video');
      assertSameBox(element, box, 'the video');
      assert.equal(element.pointerEvents, 'auto', 'its own controls take taps');
      assert.deepEqual((await videoState(page)).captions, ['captions:showing'], 'captions on by default');
      await screenshot(page, `activities/${name}-video`);

      // A real tap (click) on Play: Chromium's controls have a Play button at the left of their bar; with a
      // mouse, a click on the picture plays too.
      if (device.hasTouch) await page.touchscreen.tap(element.x + 25, element.y + element.h - 50);
      else await page.mouse.click(element.x + element.w / 2, element.y + element.h / 2);
      await page.waitForFunction(() => {
        const playing = document.querySelector('#media-layer video:not([hidden])');
        return playing && !playing.paused && playing.currentTime > 0;
      }, null, { timeout: 10000 });
      // While it plays the app draws nothing: the browser pauses at the checkpoints by itself.
      await settle(page);
      const quiet = await frames(page);
      await page.waitForTimeout(600);
      assert.equal(await frames(page), quiet, 'no frames while the video plays');

      for (const [index, checkpoint] of video.checkpoints.entries()) {
        const prefix = `practice/checkpoint/${index}`;
        await page.evaluate((seconds) => { document.querySelector('#media-layer video:not([hidden])').currentTime = seconds; },
          checkpoint.time - 1);
        await page.waitForFunction((id) => window.pathwise.test.items().some((entry) => entry.id === id), `${prefix}/label`,
          { timeout: 10000 });
        const stopped = await videoState(page);
        assert.equal(stopped.paused, true, `paused at checkpoint ${index}`);
        assert.ok(Math.abs(stopped.time - checkpoint.time) <= 0.5, `stopped at ${stopped.time}, checkpoint at ${checkpoint.time}`);
        await settle(page);
        if (index === 0) await screenshot(page, `activities/${name}-video-checkpoint`);
        await answerRightly(page, prefix, checkpoint.question, device);
        await reveal(page, `${prefix}/check`, device);
        await press(page, `${prefix}/check`);
        await item(page, `${prefix}/result`);
        assert.match((await item(page, `${prefix}/result`)).label, /Correct/);
        if (index === 0 && !device.hasTouch) {
          await settle(page);
          await screenshot(page, `activities/${name}-video-feedback`);
        }
        await reveal(page, 'practice/video-continue', device);
        await press(page, 'practice/video-continue');
        await page.waitForFunction(() => {
          const playing = document.querySelector('#media-layer video:not([hidden])');
          return playing && (!playing.paused || playing.ended);
        }, null, { timeout: 10000 });
      }
      // After the last checkpoint the video plays to its end, and the whole video is graded and saved.
      const saved = await waitForState(page, (now) => now.learner.practice.answered &&
        now.learner.practice.saved === 'saved', { timeout: 15000 });
      assert.equal(saved.learner.practice.score, 1, 'every checkpoint right');
      assert.equal((await videoState(page)).ended, true);
      await settle(page);
      if (!device.hasTouch) await screenshot(page, `activities/${name}-video-done`);
    });

    test('every form of rich text (gallery screenshots)', { timeout: 120000 }, async () => {
      const { page } = session;
      await show(page, 'gallery', 'gallery');
      const body = await item(page, 'practice/body');
      assert.match(body.label, /Powers x\^2, 10\^\(-3\) and 2\^\(n\+1\); indices H_2O and x_ij; fractions 3\/4, \(a\+b\)\/c/);
      await screenshot(page, `activities/${name}-rich-text`);
      await reveal(page, 'practice/done', device);
      await screenshot(page, `activities/${name}-rich-text-end`);
    });

    // On the laptop only: the helper is the same on both, and the phone is slow in software WebGL.
    if (!device.hasTouch) test('the harness answers a reading with checkpoints and a video', { timeout: 120000 }, async () => {
      const { page } = session;
      for (const [course, activity] of [['spanish-a1', 'greet-reading'], ['ecosystems', 'video-energy-flow']]) {
        await show(page, course, activity);
        await answerActivity(page, device);
        const done = await waitForState(page, (now) => now.learner.practice.answered &&
          now.learner.practice.saved === 'saved', { timeout: 15000 });
        assert.equal(done.learner.practice.activity, activity);
      }
    });
  });
}

// e2e-idle: no busy loop. With no input, animation or pending work the app renders no frames at all; input
// wakes it for a few frames, and it falls asleep again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openApp, frames, item, settle, LAPTOP } from './lib/harness.mjs';

const suite = useServerAndBrowser();

test('an idle page renders no frames; input wakes it briefly', async () => {
  const { context, page } = await openApp(suite.browser, suite.server.url, LAPTOP);
  const before = await settle(page);
  await page.waitForTimeout(2000);
  assert.equal(await frames(page), before, 'no frame in 2 s without input');

  const field = await item(page, 'home/search');
  await page.mouse.move(field.x + 10, field.y + 10);
  await page.mouse.move(field.x + 40, field.y + 20);
  const woke = await settle(page);
  assert.ok(woke > before, 'moving the mouse rendered frames');
  assert.ok(woke - before <= 12, `and only a few: ${woke - before}`);
  await page.waitForTimeout(1000);
  assert.equal(await frames(page), woke, 'and then none again');

  // A focused text field does not keep rendering either (the caret does not blink).
  await page.mouse.click(field.x + 20, field.y + 20);
  const typing = await settle(page);
  await page.waitForTimeout(1500);
  assert.equal(await frames(page), typing, 'no frames while a text field waits for input');
  await context.close();
});

import { startServer, launchBrowser, openApp, state, items, settle, screenshot, waitForState, LAPTOP, PHONE } from './lib/harness.mjs';
const server = await startServer();
const browser = await launchBrowser();
const { page, errors } = await openApp(browser, server.url, LAPTOP);
page.on('console', (m) => console.log('console:', m.type(), m.text()));
await page.evaluate(() => window.pathwise.test.openActivity('ecosystems', 'video-leaf-makes-food'));
await waitForState(page, (s) => s.learner.practice && s.learner.practice.activity === 'video-leaf-makes-food');
await settle(page);
await page.evaluate(() => { const v = document.querySelector('#media-layer video'); window.log = []; for (const e of ['play','pause','seeking','seeked','timeupdate','ended','waiting','playing','canplay','progress','stalled']) v.addEventListener(e, () => window.log.push(e + '@' + v.currentTime.toFixed(2) + (e==='progress' ? ' buf ' + (v.buffered.length ? v.buffered.end(0).toFixed(1) : '-') : ''))); });
await page.waitForFunction(() => document.querySelector('#media-layer video').readyState >= 1);
const r = await page.evaluate(() => document.querySelector('#media-layer video').getBoundingClientRect().toJSON());
await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
await page.waitForTimeout(1000);
await page.evaluate(() => { document.querySelector('#media-layer video').currentTime = 14.8; });
for (let i = 0; i < 8; ++i) {
  await page.waitForTimeout(500);
  console.log(JSON.stringify(await page.evaluate(() => { const v = document.querySelector('#media-layer video'); return { t: v.currentTime, paused: v.paused, seeking: v.seeking, ready: v.readyState, buf: v.buffered.length ? v.buffered.end(0) : -1, net: v.networkState }; })));
}
console.log((await page.evaluate(() => window.log)).join(' '));
console.log(JSON.stringify((await items(page)).filter(i => i.id.startsWith('practice/')).map(i => i.id)));
await browser.close(); await server.close();

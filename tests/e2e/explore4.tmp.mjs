import { startServer, launchBrowser, openApp, state, items, settle, screenshot, reveal, waitForState, answerActivity, LAPTOP, PHONE } from './lib/harness.mjs';
const server = await startServer();
const browser = await launchBrowser();
const { page, errors } = await openApp(browser, server.url, LAPTOP);
await page.evaluate(() => window.pathwise.test.openActivity('spanish-a1', 'greet-reading'));
await waitForState(page, (s) => s.learner.practice && s.learner.practice.activity === 'greet-reading');
await settle(page);
try { await answerActivity(page, LAPTOP); } catch (e) { console.log(e.message); }
console.log(JSON.stringify((await items(page)).filter(i => i.id.startsWith('practice/')).map(i => [i.id, Math.round(i.y), Math.round(i.h), i.visible])));
await screenshot(page, 'explore4');
await browser.close(); await server.close();

// The tab clock in a real Chromium: it drives the page's own Playwright clock controller in one round trip (not
// Playwright's runFor, whose init scripts pile up), fires the page's timers on the way, delivers the recording, and a
// new document starts at the virtual time its tab had reached. Without the page-side function it falls back to
// Playwright's runFor and time still moves. No Chromium survives.
import assert from 'node:assert/strict';
import { recordedTab, servePagesWithChromium } from './recorded-tabs';

const START = Date.UTC(2026, 10, 26, 9, 0, 0);
// Two pages: the first counts its timers as they fire and links to the second.
const PAGES: Record<string, string> = {
  '/a': `<p id="ticks">0</p><a id="next" href="/b">next</a><script>
    let ticks = 0; setInterval(() => { document.getElementById('ticks').textContent = String(++ticks); }, 1000);
  </script>`,
  '/b': '<p>second page</p>',
};

describe('TabClock: a synthetic user tab in virtual time', function () {
  this.timeout(60_000);
  const suite = servePagesWithChromium(PAGES);
  const tab = (options: { tabScript: boolean }) => recordedTab(suite.browser, START, options);

  it("drives the page's own controller: timers fire and the recording arrives with the advance", async () => {
    const { context, page, clock, recorder } = await tab({ tabScript: true });
    try {
      await page.goto(`${suite.base}/a`);
      assert.equal(await page.evaluate(() => Date.now()), START);
      const before = recorder.events.length;
      await clock.runFor(3500);
      assert.equal(clock.usesFallback, false, "the pinned Playwright's page-side clock controller is driven directly");
      assert.equal(await page.evaluate(() => Date.now()), START + 3500);
      assert.equal(await page.textContent('#ticks'), '3', 'the interval fired three times');
      // The counter's mutations were delivered by the advance itself, stamped in virtual time.
      const mutations = recorder.events.slice(before).filter((e) => e.type === 3 && e.data?.source === 0);
      assert.ok(mutations.length >= 3, `mutations delivered with the advance: ${mutations.length}`);
      assert.ok(mutations.every((e) => e.timestamp > START && e.timestamp <= START + 3500));
      // In-page work with its own clock steps: the page's timers fire between them, and the tab's time moves on.
      const ran = await clock.inPage(
        async (advance, ms: number) => {
          const seen = [document.getElementById('ticks')!.textContent];
          await advance(ms);
          seen.push(document.getElementById('ticks')!.textContent);
          return seen;
        },
        2000,
        2000,
      );
      assert.deepEqual(ran, { value: ['3', '5'], passedMs: 2000, torn: false });
      await clock.runFor(500);
      assert.equal(await page.evaluate(() => Date.now()), START + 6000);
    } finally {
      await context.close();
    }
  });

  it('starts a new document at the virtual time its tab had reached', async () => {
    const { context, page, clock, recorder } = await tab({ tabScript: true });
    try {
      await page.goto(`${suite.base}/a`);
      await clock.runFor(42_000);
      await Promise.all([page.waitForURL('**/b'), page.click('#next')]);
      assert.equal(await page.evaluate(() => Date.now()), START + 42_000);
      await clock.runFor(1000);
      assert.equal(await page.evaluate(() => Date.now()), START + 43_000);
      // rrweb stamped the second page's snapshot at the tab's time, not at the context's start.
      const snapshots = recorder.sorted().filter((e) => e.type === 2);
      assert.equal(snapshots.length, 2);
      assert.equal(snapshots[1].timestamp, START + 42_000);
    } finally {
      await context.close();
    }
  });

  it("falls back to Playwright's runFor where a web page has nothing to drive, and time still moves", async () => {
    // What a Playwright without the page-side controller looks like from here: no advance function in the page.
    const { context, page, clock } = await tab({ tabScript: false });
    try {
      await page.goto(`${suite.base}/a`);
      assert.equal(await clock.inPage(async (advance) => advance(1000), undefined, 1000), undefined, 'no in-page work without the controller');
      await clock.runFor(2000);
      assert.equal(clock.usesFallback, true);
      assert.equal(await page.textContent('#ticks'), '2', "Playwright's clock ran the page's timers");
      await clock.runFor(1000);
      assert.equal(await page.evaluate(() => Date.now()), START + 3000);
    } finally {
      await context.close();
    }
  });
});

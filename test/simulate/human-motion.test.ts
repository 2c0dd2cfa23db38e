// HumanMotion on a tab clock, in a real Chromium recorded by rrweb: a pointer path whose samples are dispatched in
// the page, and a wheel scroll settled in the page, leave the same recording (positions, targets, virtual times) as
// the same seeded motion done one input event and one clock step at a time on a clock without in-page work. A wait
// ends after the slice in which the page navigated by itself, same-document or not. No Chromium survives.
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { HumanMotion, POINTER_SAMPLE_RRWEB_MS } from '../../analyzer/simulate/human-motion';
import { ContextRecorder, type RecordedEvent } from '../../analyzer/simulate/rrweb-injection';
import { SimulationRandom } from '../../analyzer/simulate/simulation-random';
import { keyEventsOf } from '../../analyzer/simulate/key-events';
import type { VirtualClock } from '../../analyzer/simulate/tab-clock';
import { EventType, IncrementalSource } from '../../analyzer/replay/rrweb-constants';
import { recordedTab, servePagesWithChromium } from './recorded-tabs';

const START = Date.UTC(2026, 10, 26, 9, 0, 0);
const SECTIONS = Array.from({ length: 12 }, (_, i) => `<section id="s${i}" style="height:220px;margin:8px;background:#eef">section ${i}</section>`).join('');
const PAGES: Record<string, string> = {
  '/long': `<nav style="height:60px"><a id="home" href="/long">home</a> <input id="name" style="position:absolute;left:300px;top:10px;width:300px"></nav>${SECTIONS}`,
  '/pushes': `<p>pushes</p><script>setTimeout(() => history.pushState({}, '', '/pushed'), 1200);</script>`,
  '/leaves': `<p>leaves</p><script>setTimeout(() => { location.href = '/long'; }, 1200);</script>`,
  '/stays': `<p>stays</p><script>setInterval(() => {}, 300);</script>`,
};

const isSource = (source: number) => (e: RecordedEvent) => e.type === EventType.IncrementalSnapshot && e.data?.source === source;

describe('HumanMotion on a tab clock: one round trip, the same recording', function () {
  this.timeout(90_000);
  const suite = servePagesWithChromium(PAGES, 'style="margin:0"');

  /**
   * A recorded tab at `path`, set up as runAgent sets it up, and a seeded HumanMotion on its tab clock; with
   * `stepwise`, the motion sees only the clock's runFor and goes one input event and one clock step at a time.
   */
  async function tab(path: string, options: { stepwise: boolean; seed?: number }): Promise<{ context: BrowserContext; page: Page; motion: HumanMotion; recorder: ContextRecorder }> {
    const { context, page, clock: tabClock, recorder } = await recordedTab(suite.browser, START, { context: { viewport: { width: 1000, height: 700 } } });
    const clock: VirtualClock = options.stepwise ? { runFor: (ms) => tabClock.runFor(ms) } : tabClock;
    await page.goto(`${suite.base}${path}`);
    const motion = new HumanMotion(page, clock, new SimulationRandom(options.seed ?? 7), START, POINTER_SAMPLE_RRWEB_MS, () => recorder.attachPage(page));
    await motion.pause(300);
    return { context, page, motion, recorder };
  }

  /** The same moves, typing and scrolls on a fresh tab: what rrweb recorded of them, in virtual time. */
  async function gesture(stepwise: boolean): Promise<{ moves: unknown[]; typed: unknown[]; scrolls: unknown[]; value: string; now: number; rounds: number }> {
    const { context, page, motion, recorder } = await tab('/long', { stepwise });
    try {
      // Round trips into the page: the tab clock's evaluates, Playwright's evaluates, mouse moves and wheels (keys
      // are not counted: they save waiting, not messages).
      let rounds = 0;
      const count = <T extends object>(target: T, name: keyof T, only?: (...args: unknown[]) => boolean) => {
        const call = (target[name] as (...args: unknown[]) => unknown).bind(target);
        Object.assign(target, { [name]: (...args: unknown[]) => ((!only || only(...args)) && rounds++, call(...args)) });
      };
      count(await recorder.attachPage(page), 'send', (method) => method === 'Runtime.evaluate');
      count(page, 'evaluate');
      count(page.mouse, 'move');
      count(page.mouse, 'wheel');
      await motion.moveTo(700, 400);
      await motion.moveTo(450, 25);
      await motion.pressAndRelease();
      // Typos corrected on the way; a character Playwright types as text (no key events) on the way too.
      await motion.typeText('Zoë Lovelace, 12 St James Sq', [70, 180], 0.2);
      const value = await page.inputValue('#name');
      await motion.moveTo(120, 30);
      await motion.scrollBy(900);
      await motion.moveTo(500, 650);
      await motion.scrollBy(-400);
      await motion.pause(1200);
      await recorder.flush(page);
      const events = recorder.sorted();
      const moves = events.filter(isSource(IncrementalSource.MouseMove)).flatMap((e) => e.data.positions.map((p: { x: number; y: number; id: number; timeOffset: number }) => [p.x, p.y, p.id, e.timestamp + p.timeOffset]));
      const scrolls = events.filter(isSource(IncrementalSource.Scroll)).map((e) => [e.data.y, e.timestamp]);
      const typed = events.filter(isSource(IncrementalSource.Input)).map((e) => [e.data.text, e.timestamp]);
      return { moves, typed, scrolls, value, now: motion.now, rounds };
    } finally {
      await context.close();
    }
  }

  it('records the same pointer path, typing and wheel scroll as input-by-input motion, in far fewer round trips', async () => {
    const inPage = await gesture(false);
    const stepwise = await gesture(true);
    assert.ok(stepwise.moves.length >= 10, `a recorded pointer path: ${stepwise.moves.length} positions`);
    assert.ok(stepwise.scrolls.length >= 4, `a recorded scroll: ${stepwise.scrolls.length} positions`);
    assert.deepEqual(inPage.moves, stepwise.moves, 'pointer positions, targets and virtual times');
    assert.deepEqual(inPage.scrolls, stepwise.scrolls, 'scroll positions and virtual times');
    assert.equal(stepwise.value, 'Zoë Lovelace, 12 St James Sq');
    assert.equal(inPage.value, stepwise.value);
    assert.ok(stepwise.typed.length > 28, `every key recorded as an input: ${stepwise.typed.length}`);
    assert.deepEqual(inPage.typed, stepwise.typed, 'masked field values and virtual times, key by key');
    assert.equal(inPage.now, stepwise.now, 'the same virtual time passed');
    assert.ok(inPage.rounds * 1.5 < stepwise.rounds, `round trips into the page: ${inPage.rounds} in the page against ${stepwise.rounds} step by step`);
  });

  it("sends every printable ASCII key and Backspace as Playwright's keyboard does, as the page sees them", async () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const { context, page, recorder } = await tab('/long', { stepwise: true });
    try {
      await page.evaluate(() => {
        const seen: unknown[] = ((window as unknown as { seen: unknown[] }).seen = []);
        for (const type of ['keydown', 'keypress', 'input', 'keyup'])
          window.addEventListener(type, (e) => {
            const k = e as KeyboardEvent & InputEvent;
            seen.push([type, k.key, k.code, k.keyCode, k.which, k.charCode, k.location, k.repeat, k.shiftKey, k.isTrusted, k.inputType, k.data]);
          }, true);
      });
      const typeAll = async (send: (key: string) => Promise<unknown>) => {
        await page.fill('#name', '');
        await page.focus('#name');
        await page.evaluate(() => ((window as unknown as { seen: unknown[] }).seen.length = 0));
        for (const key of [...printable, 'Backspace']) await send(key);
        return { value: await page.inputValue('#name'), seen: await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen) };
      };
      const playwright = await typeAll((key) => (key.length === 1 ? page.keyboard.type(key) : page.keyboard.press(key)));
      const session = await recorder.attachPage(page);
      const ours = await typeAll(async (key) => {
        const events = keyEventsOf(key)!;
        await session.send('Input.dispatchKeyEvent', events.down);
        await session.send('Input.dispatchKeyEvent', events.up);
      });
      assert.equal(playwright.value, printable.join('').slice(0, -1));
      assert.equal(playwright.seen.length, 95 * 4 + 3, 'keydown, keypress, input, keyup per character; Backspace has no keypress');
      assert.deepEqual(ours, playwright);
      assert.equal(keyEventsOf('é'), undefined, 'Playwright types it as text: no key events to send');
      assert.equal(keyEventsOf('Enter'), undefined);
    } finally {
      await context.close();
    }
  });

  it('ends a wait after the slice in which the page changed its URL by itself', async () => {
    const { context, motion } = await tab('/pushes', { stepwise: false });
    try {
      // The page pushes its new URL 1200 ms after it loaded, 900 ms into the wait: the second 500 ms slice.
      assert.deepEqual(await motion.pauseUnlessNavigated(10_000, 500), { passedMs: 1000, moved: true });
      assert.equal(motion.now, START + 300 + 1000);
    } finally {
      await context.close();
    }
  });

  it('ends a wait when the page starts to leave its document by itself', async () => {
    const { context, motion } = await tab('/leaves', { stepwise: false });
    try {
      const { passedMs, moved } = await motion.pauseUnlessNavigated(10_000, 500);
      assert.equal(moved, true);
      // The slice the navigation began in; or, if the new document committed before the page answered, the one
      // slice a torn-down call is counted as.
      assert.ok(passedMs === 1000 || passedMs === 500, `passed ${passedMs} ms`);
    } finally {
      await context.close();
    }
  });

  it('waits the whole time on a page that stays, its timers firing, and step by step without in-page work', async () => {
    const { context, page, motion } = await tab('/stays', { stepwise: false });
    try {
      assert.deepEqual(await motion.pauseUnlessNavigated(4000, 500), { passedMs: 4000, moved: false });
      assert.equal(await page.evaluate(() => Date.now()), START + 300 + 4000);
    } finally {
      await context.close();
    }
    const stepwise = await tab('/stays', { stepwise: true });
    try {
      assert.deepEqual(await stepwise.motion.pauseUnlessNavigated(4000, 500), { passedMs: 500, moved: false }, 'one slice per call: the caller watches in between');
    } finally {
      await stepwise.context.close();
    }
  });
});

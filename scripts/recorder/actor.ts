// A simulated user driving a real page in virtual time: human-like mouse paths, typing, wheel scrolling and
// pauses, all advanced with Playwright's fake clock so a 60 s session records in a few real seconds while
// every rrweb timestamp stays consistent. Every action lands in the action log.
import type { BrowserContext, Page } from 'playwright-core';
import type { Rng } from './rng';
import type { Action, ActionKind } from './action-log';
import type { RoutingMode } from '../../examples/shop/src/config';

export interface ElementBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Document scroll position when measured. */
  scrollY: number;
  viewportHeight: number;
}

/** Strip ids from paths the way the analyzer's route folding does for this shop (slug ids). */
export function shopRoute(pathname: string): string {
  return pathname.startsWith('/product/') ? '/product/:id' : pathname;
}

export class Actor {
  readonly log: Action[] = [];
  private mouseX = 640;
  private mouseY = 400;

  constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly rng: Rng,
    readonly baseUrl: string,
    /** Virtual clock reading; advanced only through `pause`. */
    public now: number,
    /** SPA navigations fire no `load` event: page changes are awaited as URL changes instead. */
    readonly routing: RoutingMode = 'mpa',
  ) {}

  route(): string {
    return shopRoute(new URL(this.page.url()).pathname);
  }

  record(kind: ActionKind, extra: Partial<Action> = {}): void {
    const url = kind === 'goto' || kind === 'back' ? { url: this.page.url() } : {};
    this.log.push({ kind, t: this.now, route: this.route(), ...url, ...extra });
  }

  /** Let virtual time pass, firing the page's timers (and rrweb's throttles) on the way. */
  async pause(ms: number): Promise<void> {
    const step = Math.max(0, Math.round(ms));
    if (step === 0) return;
    await this.context.clock.runFor(step);
    this.now += step;
  }

  async think(minMs: number, maxMs: number): Promise<void> {
    await this.pause(this.rng.between(minMs, maxMs));
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(this.baseUrl + path, { waitUntil: 'load' });
    this.record('goto');
    await this.pause(this.rng.between(150, 400));
  }

  async box(selector: string): Promise<ElementBox> {
    const box = await this.page.evaluate((sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, scrollY: window.scrollY, viewportHeight: window.innerHeight };
    }, selector);
    if (!box) throw new Error(`persona expected ${selector} on ${this.page.url()}`);
    return box;
  }

  async exists(selector: string): Promise<boolean> {
    return this.page.evaluate((sel) => document.querySelector(sel) !== null, selector);
  }

  /** Move along a slightly curved, eased path, sampling every ~16-30 ms like a real pointer. */
  async moveTo(x: number, y: number, speedPxPerMs = this.rng.between(0.8, 1.8)): Promise<void> {
    const distance = Math.hypot(x - this.mouseX, y - this.mouseY);
    const duration = Math.max(80, distance / speedPxPerMs);
    const steps = Math.max(3, Math.min(40, Math.round(duration / this.rng.between(16, 30))));
    const bend = this.rng.between(-0.06, 0.06) * distance;
    const [x0, y0] = [this.mouseX, this.mouseY];
    for (let i = 1; i <= steps; i++) {
      const s = i / steps;
      const eased = s < 0.5 ? 2 * s * s : 1 - (-2 * s + 2) ** 2 / 2;
      const arc = Math.sin(Math.PI * s) * bend;
      const px = x0 + (x - x0) * eased + (arc * (y - y0)) / (distance || 1);
      const py = y0 + (y - y0) * eased - (arc * (x - x0)) / (distance || 1);
      await this.page.mouse.move(px, py);
      await this.pause(duration / steps);
    }
    this.mouseX = x;
    this.mouseY = y;
  }

  /**
   * Wheel-scroll by dy in notches, with short gaps, like a mouse wheel or trackpad flick. Returns false when the
   * page could not scroll that way (already at the top or bottom).
   */
  async scrollBy(dy: number): Promise<boolean> {
    const start = this.now;
    const before = await this.page.evaluate(() => window.scrollY);
    const notch = this.rng.between(90, 140);
    let remaining = dy;
    while (Math.abs(remaining) > 1) {
      const delta = Math.sign(remaining) * Math.min(Math.abs(remaining), notch);
      const room = await this.page.evaluate((down) => {
        const max = document.documentElement.scrollHeight - window.innerHeight;
        return { from: window.scrollY, canMove: down ? window.scrollY < max - 0.5 : window.scrollY > 0.5 };
      }, delta > 0);
      await this.page.mouse.wheel(0, delta);
      if (room.canMove) await this.settleScroll(room.from);
      await this.pause(this.rng.between(35, 70));
      remaining -= delta;
    }
    await this.pause(150);
    const after = await this.page.evaluate(() => window.scrollY);
    if (after === before) return false;
    this.record('scroll', { start, note: `dy ${Math.round(after - before)}` });
    return true;
  }

  /**
   * mouse.wheel returns before the compositor scrolls, and the page's `scroll` event follows at the next frame,
   * in real time. Wait (real time, virtual clock still) until scrollY holds still and the page has dispatched
   * the scroll event for that position, so rrweb timestamps it at this virtual moment, every run alike.
   */
  private async settleScroll(from: number): Promise<void> {
    let last = from;
    // Real-time bound only against a stuck page: under load a wheel can take a while to land.
    for (let i = 0; i < 500; i++) {
      await new Promise((resolve) => setTimeout(resolve, 8));
      const state = await this.page.evaluate(() => {
        const w = window as unknown as { __frictionScrollY?: number };
        return { y: window.scrollY, dispatched: w.__frictionScrollY };
      });
      // Moved, holding still, and its scroll event dispatched: done.
      if (state.y !== from && state.y === last && state.dispatched === state.y) return;
      last = state.y;
    }
  }

  /** Scroll (monotonically) until the element is comfortably inside the viewport. */
  async scrollIntoView(selector: string): Promise<void> {
    for (let attempt = 0; attempt < 12; attempt++) {
      const box = await this.box(selector);
      const margin = box.viewportHeight * 0.15;
      if (box.y >= margin && box.y + box.height <= box.viewportHeight - margin / 2) return;
      const target = box.y - box.viewportHeight * this.rng.between(0.35, 0.55);
      const moved = await this.scrollBy(Math.sign(target) * Math.min(Math.abs(target), box.viewportHeight * this.rng.between(0.6, 0.9)));
      if (!moved) return;
      await this.think(200, 700);
    }
  }

  private async pointAt(selector: string, jitter = 0.3): Promise<{ x: number; y: number }> {
    const box = await this.box(selector);
    return {
      x: box.x + box.width / 2 + this.rng.between(-jitter, jitter) * box.width,
      y: box.y + box.height / 2 + this.rng.between(-jitter, jitter) * box.height,
    };
  }

  async hover(selector: string): Promise<void> {
    await this.scrollIntoView(selector);
    const p = await this.pointAt(selector);
    await this.moveTo(p.x, p.y);
  }

  /**
   * Click an element like a person: scroll to it, move there, press and release. `extra` describes intent
   * (form submission, navigation) for the ground truth. Resolves after the click; navigation is the caller's.
   */
  async click(selector: string, extra: Partial<Action> = {}, options: { scroll?: boolean } = {}): Promise<void> {
    if (options.scroll !== false) await this.scrollIntoView(selector);
    const p = await this.pointAt(selector);
    await this.moveTo(p.x, p.y);
    await this.page.evaluate((sel) => ((window as unknown as { __frictionAim?: string }).__frictionAim = sel), selector);
    await this.pause(this.rng.between(40, 160));
    await this.page.mouse.down();
    await this.pause(this.rng.between(50, 120));
    const route = this.route();
    await this.page.mouse.up();
    this.log.push({ kind: 'click', t: this.now, route, selector, x: p.x, y: p.y, ...extra });
  }

  /**
   * Resolves on the next page: its `load` event (MPA) or, for pushState/popstate navigations (SPA), the URL
   * moving away from the current one. Call it before the action that navigates.
   */
  nextPage(timeout: number): Promise<unknown> {
    if (this.routing === 'mpa') return this.page.waitForEvent('load', { timeout });
    const from = this.page.url();
    return this.page.waitForURL((url) => url.href !== from, { timeout, waitUntil: 'commit' });
  }

  /** Click and wait for the page it leads to (a full load in MPA mode, a URL change in SPA mode), in virtual time. */
  async clickAndLoad(selector: string, extra: Partial<Action> = {}): Promise<void> {
    const from = this.page.url();
    const loaded = this.nextPage(15_000);
    await this.click(selector, extra);
    await loaded.catch(async () => {
      const last = this.log[this.log.length - 1];
      const hit = await this.page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.outerHTML.slice(0, 120), [last.x ?? 0, last.y ?? 0]);
      const box = await this.box(selector);
      throw new Error(`clicking ${selector} on ${from} did not load a page (clicked ${last.x},${last.y} on ${hit}; box ${JSON.stringify(box)})`);
    });
    this.record('goto');
    await this.pause(this.rng.between(150, 400));
  }

  /** Re-click at the same spot (rage clicks): tiny drift, short gaps. */
  async clickAgain(selector: string, gapMs: number, extra: Partial<Action> = {}): Promise<void> {
    await this.pause(Math.max(0, gapMs - 60));
    const drift = () => this.rng.between(-4, 4);
    await this.page.mouse.move(this.mouseX + drift(), this.mouseY + drift());
    await this.page.mouse.down();
    await this.pause(60);
    await this.page.mouse.up();
    this.log.push({ kind: 'click', t: this.now, route: this.route(), selector, x: this.mouseX, y: this.mouseY, ...extra });
  }

  /** Click into a field and type, one key at a time, with occasional corrected typos. */
  async type(selector: string, text: string, form: string | undefined, msPerKey: [number, number] = [70, 180], typoRate = 0.03): Promise<void> {
    const start = this.now;
    await this.click(selector, { form });
    await this.think(150, 500);
    for (const char of text) {
      if (this.rng.chance(typoRate)) {
        await this.page.keyboard.type(this.rng.pick(['x', 'q', 'j', 'z']));
        await this.think(msPerKey[0] * 2, msPerKey[1] * 3);
        await this.page.keyboard.press('Backspace');
        await this.think(msPerKey[0], msPerKey[1]);
      }
      await this.page.keyboard.type(char);
      await this.pause(this.rng.between(msPerKey[0], msPerKey[1]));
    }
    this.record('type', { start, selector, form, note: `${text.length} chars` });
  }

  async select(selector: string, value: string, form?: string): Promise<void> {
    await this.hover(selector);
    await this.page.selectOption(selector, value);
    await this.pause(this.rng.between(200, 500));
    this.record('select', { selector, form });
  }

  async back(): Promise<void> {
    const from = this.route();
    if (this.routing === 'mpa') await this.page.goBack({ waitUntil: 'load' });
    else {
      // A same-document traversal: goBack resolves at commit; the app re-renders on popstate.
      await Promise.all([this.nextPage(15_000), this.page.goBack({ waitUntil: 'commit' })]);
    }
    this.record('back', { note: `from ${from}` });
    await this.pause(this.rng.between(150, 400));
  }

  /** Erratic back-and-forth pointer movement (FullStory's "thrashed cursor"). */
  async thrash(): Promise<void> {
    const start = this.now;
    const legs = this.rng.int(6, 10);
    const cx = this.rng.between(300, 980);
    const cy = this.rng.between(200, 600);
    for (let i = 0; i < legs; i++) {
      const dx = (i % 2 === 0 ? 1 : -1) * this.rng.between(120, 320);
      const dy = this.rng.between(-90, 90);
      await this.moveTo(cx + dx, cy + dy, this.rng.between(2.5, 4));
    }
    this.log.push({ kind: 'thrash', t: start, route: this.route(), note: `${legs} legs` });
  }
}

// A scripted persona driving a real page in virtual time by CSS selector: the human-like mouse paths, typing, wheel
// scrolling and pauses of HumanMotion (shared with the synthetic users), all advanced with Playwright's fake clock
// so a 60 s session records in a few real seconds while every rrweb timestamp stays consistent. Every action lands
// in the action log.
import type { BrowserContext, Page } from 'playwright-core';
import { HumanMotion, type ElementBox } from '../../analyzer/simulate/human-motion';
import type { Rng } from './rng';
import type { Action, ActionKind } from './action-log';
import type { RoutingMode } from '../../examples/shop/src/config';

export type { ElementBox };

/** Strip ids from paths the way the analyzer's route folding does for this shop (slug ids). */
export function shopRoute(pathname: string): string {
  return pathname.startsWith('/product/') ? '/product/:id' : pathname;
}

export class Actor extends HumanMotion {
  readonly log: Action[] = [];

  constructor(
    page: Page,
    context: BrowserContext,
    override readonly rng: Rng,
    readonly baseUrl: string,
    /** Virtual clock reading; advanced only through `pause`. */
    now: number,
    /** SPA navigations fire no `load` event: page changes are awaited as URL changes instead. */
    readonly routing: RoutingMode = 'mpa',
  ) {
    super(page, context.clock, rng, now);
  }

  route(): string {
    return shopRoute(new URL(this.page.url()).pathname);
  }

  record(kind: ActionKind, extra: Partial<Action> = {}): void {
    const url = kind === 'goto' || kind === 'back' ? { url: this.page.url() } : {};
    this.log.push({ kind, t: this.now, route: this.route(), ...url, ...extra });
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

  protected override onScrolled(start: number, dy: number): void {
    this.record('scroll', { start, note: `dy ${Math.round(dy)}` });
  }

  /** Scroll (monotonically) until the element is comfortably inside the viewport. */
  async scrollIntoView(selector: string): Promise<void> {
    await this.scrollBoxIntoView(() => this.box(selector));
  }

  private async pointAt(selector: string, jitter = 0.3): Promise<{ x: number; y: number }> {
    return this.pointIn(await this.box(selector), jitter);
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
    await this.clickAgainInPlace();
    this.log.push({ kind: 'click', t: this.now, route: this.route(), selector, x: this.mouseX, y: this.mouseY, ...extra });
  }

  /** Click into a field and type, one key at a time, with occasional corrected typos. */
  async type(selector: string, text: string, form: string | undefined, msPerKey: [number, number] = [70, 180], typoRate = 0.03): Promise<void> {
    const start = this.now;
    await this.click(selector, { form });
    await this.think(150, 500);
    await this.typeText(text, msPerKey, typoRate);
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

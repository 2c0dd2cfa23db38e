// How a person moves a pointer, scrolls and types, in virtual time: eased and slightly curved mouse paths sampled
// like a real pointer, wheel notches that wait for the page's scroll event, keystrokes with human gaps and the odd
// corrected typo. Shared by the corpus recorder's scripted personas (scripts/recorder/actor.ts, on Playwright's
// clock: one input event and one clock step at a time) and the synthetic users (agent.ts, on a TabClock: each
// gesture's time passes in the page, page-motion.ts, in one round trip, leaving the same recording). It knows
// nothing of selectors or goals, only boxes and points.
import type { CDPSession, Page } from 'playwright-core';
import { keyEventsOf } from './key-events';
import { countKeyups, dispatchPointerSamples, passAfterKeyup, passUnlessNavigated, scrollStep, type ScrollRoom, type ScrollStep } from './page-motion';
import type { InPageResult, PageWork, VirtualClock } from './tab-clock';

/** The random draws motion needs; the recorder's Rng and SimulationRandom both provide them. */
export interface MotionRandom {
  between(min: number, max: number): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export interface ElementBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Document scroll position when measured. */
  scrollY: number;
  viewportHeight: number;
}

/** Real ms a wheel notch may take to land before the scroll goes on without it (a stuck or very busy page). */
const SCROLL_LANDING_TIMEOUT_MS = 4000;
/** Real ms the page waits for a key's keyup before it lets the time after the key pass anyway. */
const KEYUP_TIMEOUT_MS = 2000;

/**
 * Virtual ms between pointer samples along a path. A real pointer reports every 16-30 ms; rrweb keeps a position
 * every 50 ms at most, so the synthetic users sample at POINTER_SAMPLE_RRWEB_MS and lose nothing the recording
 * would have kept (a sample sent as an input event costs a browser frame, ~17 ms of real time).
 */
export const POINTER_SAMPLE_MS: [number, number] = [16, 30];
export const POINTER_SAMPLE_RRWEB_MS: [number, number] = [45, 60];

export class HumanMotion {
  protected mouseX = 640;
  protected mouseY = 400;

  constructor(
    readonly page: Page,
    private readonly clock: VirtualClock,
    readonly rng: MotionRandom,
    /** Virtual clock reading; advanced only through `pause` and `inPage`. */
    public now: number,
    private readonly pointerSampleMs: [number, number] = POINTER_SAMPLE_MS,
    /** A CDP session of the page to send a key's press and release in one go (with a clock that runs work in the page). */
    private readonly keySession?: () => Promise<CDPSession>,
  ) {}

  /** Let virtual time pass, firing the page's timers (and rrweb's throttles) on the way. */
  async pause(ms: number): Promise<void> {
    const step = Math.max(0, Math.round(ms));
    if (step === 0) return;
    await this.clock.runFor(step);
    this.now += step;
  }

  /**
   * Let up to `ms` of virtual time pass in slices of `sliceMs`, stopping after a slice in which the page began to
   * navigate by itself (`moved`); one round trip on a clock that runs work in the page, else a single slice (the
   * caller watches for navigations between calls).
   */
  async pauseUnlessNavigated(ms: number, sliceMs: number): Promise<{ passedMs: number; moved: boolean }> {
    const whole = Math.max(0, Math.round(ms));
    const ran = whole > 0 ? await this.inPage(passUnlessNavigated, { ms: whole, sliceMs }, Math.min(whole, sliceMs)) : undefined;
    if (ran) return { passedMs: ran.passedMs, moved: ran.torn || ran.value === true };
    const slice = Math.min(whole, sliceMs);
    await this.pause(slice);
    return { passedMs: slice, moved: false };
  }

  /** Work run in the page by a clock that can (TabClock.inPage), the time it let pass counted; else undefined. */
  private async inPage<A, R>(work: PageWork<A, R>, arg: A, assumeOnTeardownMs: number): Promise<InPageResult<R> | undefined> {
    const ran = await this.clock.inPage?.(work, arg, assumeOnTeardownMs);
    if (ran) this.now += ran.passedMs;
    return ran;
  }

  async think(minMs: number, maxMs: number): Promise<void> {
    await this.pause(this.rng.between(minMs, maxMs));
  }

  /** Called after a wheel scroll that moved the page (subclasses log it). */
  protected onScrolled(_start: number, _dy: number): void {}

  /**
   * Move along a slightly curved, eased path, sampling like a real pointer (pointerSampleMs). On a clock that runs
   * work in the page (TabClock), the samples before the last are dispatched there as pointer events, virtual time
   * passing between them, in one round trip; the last is a real input event, so hover and hit-testing are the
   * browser's own where the pointer lands. Each real sample waits for a browser frame (~17 ms), and the recording
   * keeps the same positions and times either way.
   */
  async moveTo(x: number, y: number, speedPxPerMs = this.rng.between(0.8, 1.8)): Promise<void> {
    const distance = Math.hypot(x - this.mouseX, y - this.mouseY);
    const duration = Math.max(80, distance / speedPxPerMs);
    const steps = Math.max(3, Math.min(40, Math.round(duration / this.rng.between(...this.pointerSampleMs))));
    const bend = this.rng.between(-0.06, 0.06) * distance;
    const [x0, y0] = [this.mouseX, this.mouseY];
    const path: [number, number][] = [];
    for (let i = 1; i <= steps; i++) {
      const s = i / steps;
      const eased = s < 0.5 ? 2 * s * s : 1 - (-2 * s + 2) ** 2 / 2;
      const arc = Math.sin(Math.PI * s) * bend;
      path.push([x0 + (x - x0) * eased + (arc * (y - y0)) / (distance || 1), y0 + (y - y0) * eased - (arc * (x - x0)) / (distance || 1)]);
    }
    const gap = Math.max(0, Math.round(duration / steps));
    const ahead = path.slice(0, -1);
    const ran = await this.inPage(dispatchPointerSamples, { from: [x0, y0], samples: ahead, gapMs: gap }, gap * ahead.length);
    for (const [px, py] of ran ? path.slice(ahead.length) : path) {
      await this.page.mouse.move(px, py);
      await this.pause(gap);
    }
    this.mouseX = x;
    this.mouseY = y;
  }

  /**
   * Wheel-scroll by dy in notches, with short gaps, like a mouse wheel or trackpad flick. Returns false when the
   * page could not scroll that way (already at the top or bottom). A notch is one round trip on a TabClock (the
   * wheel and a scrollStep at once), four on Playwright's clock.
   */
  async scrollBy(dy: number): Promise<boolean> {
    const start = this.now;
    const notch = this.rng.between(90, 140);
    const way = dy > 0 ? 'down' : 'up';
    let remaining = dy;
    if (Math.abs(remaining) <= 1) {
      await this.pause(150);
      return false;
    }
    let room = await this.scrollStep({ landWithinMs: 0, passMs: [], arm: way });
    const before = room.scrollY;
    while (Math.abs(remaining) > 1) {
      const delta = Math.sign(remaining) * Math.min(Math.abs(remaining), notch);
      const wheel = this.page.mouse.wheel(0, delta);
      // In the page, the step waits for the notch's scroll event before its time passes: it can go with the wheel.
      if (!this.clock.inPage || !room.canMove) await wheel;
      remaining -= delta;
      const gap = Math.round(this.rng.between(35, 70));
      const last = Math.abs(remaining) <= 1;
      [, room] = await Promise.all([wheel, this.scrollStep({ landWithinMs: room.canMove ? SCROLL_LANDING_TIMEOUT_MS : 0, passMs: last ? [gap, 150] : [gap], arm: last ? undefined : way })]);
    }
    if (room.scrollY === before) return false;
    this.onScrolled(start, room.scrollY - before);
    return true;
  }

  /** One scrollStep in the page, in one round trip where the clock can run it there, else step by step. */
  private async scrollStep(step: ScrollStep): Promise<ScrollRoom> {
    const total = step.passMs.reduce((sum, ms) => sum + ms, 0);
    const ran = await this.inPage(scrollStep, step, total);
    if (ran) {
      if (ran.torn || !ran.value) throw new Error('the page navigated while scrolling');
      return ran.value;
    }
    if (step.landWithinMs > 0) await this.settleScroll(step.landWithinMs);
    for (const ms of step.passMs) await this.pause(ms);
    return (await this.page.evaluate(`(${scrollStep.toString()})(async () => {}, ${JSON.stringify({ ...step, landWithinMs: 0, passMs: [] })})`)) as ScrollRoom;
  }

  /** Wait (real time, virtual clock still) for the landing armed before the last wheel notch, at most `timeoutMs`. */
  private async settleScroll(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    // Real-time bound only against a stuck page: under load a wheel can take a while to land.
    const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    try {
      await Promise.race([this.page.evaluate(() => (window as unknown as { __frictionScrollLanded?: Promise<void> }).__frictionScrollLanded), giveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Scroll (monotonically) until the measured element is comfortably inside the viewport; `measured`: its box as
   * just measured, to start from. True when the page scrolled (the box has moved since).
   */
  async scrollBoxIntoView(measure: () => Promise<ElementBox>, measured?: ElementBox): Promise<boolean> {
    let scrolled = false;
    for (let attempt = 0; attempt < 12; attempt++) {
      const box = attempt === 0 && measured ? measured : await measure();
      const margin = box.viewportHeight * 0.15;
      if (box.y >= margin && box.y + box.height <= box.viewportHeight - margin / 2) return scrolled;
      const target = box.y - box.viewportHeight * this.rng.between(0.35, 0.55);
      const moved = await this.scrollBy(Math.sign(target) * Math.min(Math.abs(target), box.viewportHeight * this.rng.between(0.6, 0.9)));
      if (!moved) return scrolled;
      scrolled = true;
      await this.think(200, 700);
    }
    return scrolled;
  }

  /** A point inside the box, off-centre by up to `jitter` of its size each way. */
  pointIn(box: ElementBox, jitter = 0.3): { x: number; y: number } {
    return {
      x: box.x + box.width / 2 + this.rng.between(-jitter, jitter) * box.width,
      y: box.y + box.height / 2 + this.rng.between(-jitter, jitter) * box.height,
    };
  }

  /** Press and release the button where the pointer is, with a human press duration. */
  async pressAndRelease(): Promise<void> {
    await this.pause(this.rng.between(40, 160));
    await this.page.mouse.down();
    await this.pause(this.rng.between(50, 120));
    await this.page.mouse.up();
  }

  /** Click again where the pointer is, drifting a few pixels, with a short press (rage clicks). */
  async clickAgainInPlace(): Promise<void> {
    const drift = () => this.rng.between(-4, 4);
    await this.page.mouse.move(this.mouseX + drift(), this.mouseY + drift());
    await this.page.mouse.down();
    await this.pause(60);
    await this.page.mouse.up();
  }

  /** Type into the focused field one key at a time, with occasional corrected typos. */
  async typeText(text: string, msPerKey: [number, number] = [70, 180], typoRate = 0.03): Promise<void> {
    const keys = await this.keyPacer();
    for (const char of text) {
      if (this.rng.chance(typoRate)) {
        await keys(this.rng.pick(['x', 'q', 'j', 'z']), this.rng.between(msPerKey[0] * 2, msPerKey[1] * 3));
        await keys('Backspace', this.rng.between(msPerKey[0], msPerKey[1]));
      }
      await keys(char, this.rng.between(msPerKey[0], msPerKey[1]));
    }
  }

  /**
   * Returns `(key, pauseMs)`: press the key (a character is typed, a name like Backspace pressed), then let the
   * pause pass. On a clock that runs work in the page, the pause goes with the key and waits in the page for the
   * key's keyup; with a key session, the press and the release go at once too (key-events.ts), so a key costs one
   * round trip instead of three. Other characters go Playwright's way, step by step: it types them as text, with no
   * key events to wait for.
   */
  private async keyPacer(): Promise<(key: string, pauseMs: number) => Promise<void>> {
    let keyups = (await this.inPage(countKeyups, undefined, 0))?.value;
    const session = keyups !== undefined && this.keySession ? await this.keySession() : undefined;
    const viaPlaywright = (key: string) => (key.length === 1 ? this.page.keyboard.type(key) : this.page.keyboard.press(key));
    return async (key, pauseMs) => {
      const ms = Math.max(0, Math.round(pauseMs));
      const events = keyEventsOf(key);
      if (keyups === undefined || !events) {
        await viaPlaywright(key);
        await this.pause(ms);
        return;
      }
      keyups += 1;
      const press = session ? Promise.all([session.send('Input.dispatchKeyEvent', events.down), session.send('Input.dispatchKeyEvent', events.up)]) : viaPlaywright(key);
      const [, ran] = await Promise.all([press, this.inPage(passAfterKeyup, { keyups, ms, withinMs: KEYUP_TIMEOUT_MS }, ms)]);
      if (!ran) await this.pause(ms);
    };
  }
}

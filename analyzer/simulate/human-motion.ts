// How a person moves a pointer, scrolls and types, in virtual time: eased and slightly curved mouse paths sampled
// like a real pointer, wheel notches that wait for the page's scroll event, keystrokes with human gaps and the odd
// corrected typo. Shared by the corpus recorder's scripted personas (scripts/recorder/actor.ts) and the synthetic
// users (agent.ts); it knows nothing of selectors or goals, only boxes and points.
import type { Page } from 'playwright-core';
import type { VirtualClock } from './tab-clock';

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

/**
 * In the page, before a wheel notch: whether the document can scroll that way and, if so, a promise (on window)
 * that settles once it has moved and dispatched the scroll event for its new position. Self-contained: it runs in
 * the page.
 */
function armScrollLanding(down: boolean): { from: number; canMove: boolean } {
  const from = window.scrollY;
  const max = document.documentElement.scrollHeight - window.innerHeight;
  const canMove = down ? from < max - 0.5 : from > 0.5;
  if (canMove) {
    // No named inner functions: a transpiler's name helper would not exist in the page.
    const done = new AbortController();
    (window as unknown as { __frictionScrollLanded?: Promise<void> }).__frictionScrollLanded = new Promise<void>((resolve) =>
      window.addEventListener(
        'scroll',
        () => {
          if (window.scrollY === from) return;
          done.abort();
          resolve();
        },
        { capture: true, signal: done.signal },
      ),
    );
  }
  return { from, canMove };
}

/**
 * Virtual ms between pointer samples along a path. A real pointer reports every 16-30 ms; rrweb keeps a position
 * every 50 ms at most, and each sample costs a browser frame in real time (~17 ms), so the synthetic users sample
 * at POINTER_SAMPLE_RRWEB_MS and lose nothing the recording would have kept.
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
    /** Virtual clock reading; advanced only through `pause`. */
    public now: number,
    private readonly pointerSampleMs: [number, number] = POINTER_SAMPLE_MS,
  ) {}

  /** Let virtual time pass, firing the page's timers (and rrweb's throttles) on the way. */
  async pause(ms: number): Promise<void> {
    const step = Math.max(0, Math.round(ms));
    if (step === 0) return;
    await this.clock.runFor(step);
    this.now += step;
  }

  async think(minMs: number, maxMs: number): Promise<void> {
    await this.pause(this.rng.between(minMs, maxMs));
  }

  /** Called after a wheel scroll that moved the page (subclasses log it). */
  protected onScrolled(_start: number, _dy: number): void {}

  /** Move along a slightly curved, eased path, sampling like a real pointer (pointerSampleMs). */
  async moveTo(x: number, y: number, speedPxPerMs = this.rng.between(0.8, 1.8)): Promise<void> {
    const distance = Math.hypot(x - this.mouseX, y - this.mouseY);
    const duration = Math.max(80, distance / speedPxPerMs);
    const steps = Math.max(3, Math.min(40, Math.round(duration / this.rng.between(...this.pointerSampleMs))));
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
    const notch = this.rng.between(90, 140);
    let before: number | undefined;
    let remaining = dy;
    while (Math.abs(remaining) > 1) {
      const delta = Math.sign(remaining) * Math.min(Math.abs(remaining), notch);
      const room = await this.page.evaluate(armScrollLanding, delta > 0);
      before ??= room.from;
      await this.page.mouse.wheel(0, delta);
      if (room.canMove) await this.settleScroll();
      await this.pause(this.rng.between(35, 70));
      remaining -= delta;
    }
    await this.pause(150);
    const after = await this.page.evaluate(() => window.scrollY);
    if (before === undefined || after === before) return false;
    this.onScrolled(start, after - before);
    return true;
  }

  /**
   * mouse.wheel returns before the compositor scrolls, and the page's `scroll` event follows at the next frame,
   * in real time. Wait (real time, virtual clock still) for the landing armed before the wheel: the page has moved
   * and dispatched its scroll event, so rrweb timestamps it at this virtual moment, every run alike.
   */
  private async settleScroll(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    // Real-time bound only against a stuck page: under load a wheel can take a while to land.
    const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, SCROLL_LANDING_TIMEOUT_MS)));
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
  }
}

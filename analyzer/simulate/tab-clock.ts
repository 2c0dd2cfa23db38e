// The virtual clock of one synthetic user's tab, advanced in one CDP round trip. Playwright's `clock.runFor`
// costs two (it adds an init script per call, so a new document can replay the time, then evaluates in every
// frame), and the init scripts pile up: a run advances its clock a few hundred times. Here the page's own
// Playwright clock controller (installed by context.clock.install) is told to run to an absolute virtual time, and
// a new document starts from the time its tab had reached, relayed through sessionStorage. Where the controller
// is not there to be driven (a Playwright that changed its internals), the tab falls back to `clock.runFor`.
// `inPage` runs page-side work that lets time pass between its own steps (page-motion.ts) in one round trip too.

/** What HumanMotion needs of a clock: Playwright's context.clock is one, TabClock a faster one for one tab. */
export interface VirtualClock {
  runFor(ms: number): Promise<void>;
  /**
   * Optional (TabClock): run `work` in the page, where it may let virtual time pass between its own steps, in one
   * round trip. Undefined when that cannot be done; the caller then goes step by step through runFor.
   */
  inPage?<A, R>(work: PageWork<A, R>, arg: A, assumeOnTeardownMs: number): Promise<InPageResult<R> | undefined>;
}

/**
 * Page-side work interleaved with virtual time: `advance(ms)` lets ms pass, firing the page's timers. Self-contained
 * (its source is sent to the page), with no named inner functions (a transpiler's name helper is not there).
 */
export type PageWork<A, R> = (advance: (ms: number) => Promise<void>, arg: A) => R | Promise<R>;

/** What in-page work returned and how much virtual time it let pass; `value` is undefined if the document went. */
export interface InPageResult<R> {
  value: R | undefined;
  passedMs: number;
  /** The document was torn down (a navigation committed) before the work finished. */
  torn: boolean;
}

/** sessionStorage key of the virtual time a tab has reached, read by each new document at its start. */
const RELAY_KEY = '__frictionVirtualNow';
/** Page-side function that runs the clock to a given virtual time. */
const ADVANCE = '__frictionAdvanceClock';
/** What the page answers when it has no clock controller to drive. */
const ABSENT = 'absent';

/**
 * Init script, added after the context's clock is installed and paused and before anything reads the time (rrweb
 * reads Date.now as it loads): starts the document at its tab's relayed virtual time and defines the advance.
 */
export const TAB_CLOCK_SCRIPT = `(() => {
  var clock = globalThis.__pwClock && globalThis.__pwClock.controller;
  if (!clock || typeof clock.runFor !== 'function') return;
  try {
    var relayed = Number(sessionStorage.getItem(${JSON.stringify(RELAY_KEY)}));
    // Logged like Playwright's own calls: replayed before the first read of the time, without firing timers.
    if (relayed > 0) clock.log('setSystemTime', 0, relayed);
  } catch (e) {}
  window[${JSON.stringify(ADVANCE)}] = async function (target) {
    var ahead = target - clock.now();
    if (ahead > 0) await clock.runFor(ahead);
    try { sessionStorage.setItem(${JSON.stringify(RELAY_KEY)}, String(target)); } catch (e) {}
    return true;
  };
})();`;

export interface TabClockOptions {
  /** Evaluates an expression in the tab's current document (awaiting its promise) and returns its value. */
  evaluate(expression: string): Promise<unknown>;
  /** Playwright's clock of the context, for the fallback. */
  fallback: VirtualClock;
  /** Virtual time the clock was paused at (context.clock.pauseAt). */
  start: number;
  /**
   * True while the tab is between documents: the old one is about to go (an evaluate may even wait for the new
   * one's server), so the time is only noted; the next document starts from it or catches up at the next advance.
   */
  navigating(): boolean;
}

export class TabClock implements VirtualClock {
  private target: number;
  private fallingBack = false;

  constructor(private readonly options: TabClockOptions) {
    this.target = options.start;
  }

  /** Whether the tab is driven through Playwright's runFor (the page had no controller to drive). */
  get usesFallback(): boolean {
    return this.fallingBack;
  }

  /**
   * Let `ms` of virtual time pass in the tab, firing its timers on the way; the page then delivers what it recorded
   * (the evaluate flushes), unless it is between documents.
   */
  async runFor(ms: number): Promise<void> {
    if (ms <= 0) return;
    if (this.fallingBack) return this.viaPlaywright(ms);
    this.target += ms;
    if (this.options.navigating()) return;
    const answer = await this.options
      .evaluate(
        `typeof window.${ADVANCE} === 'function' ? window.${ADVANCE}(${this.target}) : /^https?:$/.test(location.protocol) ? ${JSON.stringify(ABSENT)} : true`,
      )
      // A document torn down mid-call: the next one starts from the relayed time and catches up at the next advance.
      .catch(() => true);
    if (answer !== ABSENT) return;
    // A web page without the function has no controller to drive: the tab goes Playwright's way from now on.
    this.fallingBack = true;
    await this.viaPlaywright(ms);
  }

  /**
   * Run `work` in the page with its own clock steps, in one round trip (a path of pointer samples, a wait that ends
   * when the page navigates). Undefined, with nothing done, when the tab is between documents, falls back to
   * Playwright's clock, or shows a page with no controller to drive (about:blank). If the document is torn down
   * mid-way, `assumeOnTeardownMs` is taken to have passed: the next document starts from the last time relayed and
   * catches up at the next advance.
   */
  async inPage<A, R>(work: PageWork<A, R>, arg: A, assumeOnTeardownMs: number): Promise<InPageResult<R> | undefined> {
    if (this.fallingBack || this.options.navigating()) return undefined;
    const base = this.target;
    const expression = `(async () => {
      const advanceTo = window.${ADVANCE};
      if (typeof advanceTo !== 'function') return ${JSON.stringify(ABSENT)};
      let reached = ${base};
      const advance = async (ms) => { if (ms > 0) { reached += ms; await advanceTo(reached); } };
      const value = await (${work.toString()})(advance, ${JSON.stringify(arg)});
      return { value, passedMs: reached - ${base} };
    })()`;
    let answer: unknown;
    try {
      answer = await this.options.evaluate(expression);
    } catch {
      this.target = base + assumeOnTeardownMs;
      return { value: undefined, passedMs: assumeOnTeardownMs, torn: true };
    }
    // No controller here (a page without the tab script, about:blank): the caller goes step by step.
    if (answer === ABSENT || typeof answer !== 'object' || answer === null) return undefined;
    const { value, passedMs } = answer as { value: R; passedMs: number };
    this.target = base + passedMs;
    return { value, passedMs, torn: false };
  }

  private async viaPlaywright(ms: number): Promise<void> {
    await this.options.fallback.runFor(ms);
    await this.options.evaluate('undefined').catch(() => undefined);
  }
}

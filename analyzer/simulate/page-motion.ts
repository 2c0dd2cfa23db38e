// The page-side halves of HumanMotion's gestures on a tab clock (TabClock.inPage): each is sent into the page as
// source and runs there, letting virtual time pass between its own steps through `advance`, so a pointer path, a
// wheel notch's landing, a wait or the pause after a key costs one round trip. Each is self-contained (no imports,
// no closures over Node values) and defines no named inner functions: a transpiler's name helper is not in the page.
// On Playwright's clock (the corpus recorder), scrollStep still arms a notch's landing, with time passing outside.

/** Playwright's clock keeps the page's own timers beside the faked ones: real-time bounds and task hops use them. */
type PlaywrightClockGlobal = { __pwClock?: { builtins?: { setTimeout?: typeof setTimeout } } };

/** One round trip of a wheel scroll (scrollStep): settle the last notch, let time pass, arm the next. */
export interface ScrollStep {
  /** Real ms to wait, at most, for the landing armed before the last notch; 0 when none was armed. */
  landWithinMs: number;
  /** Virtual ms to let pass after the landing, in turn (the gap after a notch, the settling pause after the last). */
  passMs: number[];
  /** Arm the landing of a next notch this way: whether the document can scroll so, and a promise that it has. */
  arm?: 'down' | 'up';
}

export interface ScrollRoom {
  /** Document scroll position once the step is done. */
  scrollY: number;
  /** Whether the armed direction has room to scroll (false when nothing was armed). */
  canMove: boolean;
}

/**
 * In the page: wait for the last notch's scroll event (mouse.wheel returns before the compositor scrolls, and the
 * scroll event follows at the next frame, in real time, while the virtual clock stands still: so rrweb stamps it at
 * this virtual moment, every run alike), let the virtual time pass, then arm the next notch's landing. The wait is
 * bounded in real time by the page's own timer, which Playwright's clock keeps beside the faked one. Self-contained:
 * it runs in the page.
 */
export const scrollStep = async (advance: (ms: number) => Promise<void>, step: ScrollStep): Promise<ScrollRoom> => {
  const page = window as unknown as { __frictionScrollLanded?: Promise<void> } & PlaywrightClockGlobal;
  if (step.landWithinMs > 0) {
    const realTimeout = page.__pwClock?.builtins?.setTimeout;
    await Promise.race([page.__frictionScrollLanded, new Promise<void>((resolve) => (realTimeout ? realTimeout(resolve, step.landWithinMs) : resolve()))]);
    // The landing resolves in the first scroll listener, before the page's own (rrweb's) have run: a task later,
    // they all have, at this virtual time.
    await new Promise<void>((resolve) => (realTimeout ? realTimeout(resolve, 0) : resolve()));
  }
  for (const ms of step.passMs) await advance(ms);
  const from = window.scrollY;
  if (!step.arm) return { scrollY: from, canMove: false };
  const max = document.documentElement.scrollHeight - window.innerHeight;
  const canMove = step.arm === 'down' ? from < max - 0.5 : from > 0.5;
  if (canMove) {
    const done = new AbortController();
    page.__frictionScrollLanded = new Promise<void>((resolve) =>
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
  return { scrollY: from, canMove };
};

/**
 * In the page: pointer samples as Chromium dispatches a moving mouse (pointermove at fractional, mousemove at whole
 * pixels, on the element under the point), `gapMs` of virtual time after each. Self-contained: it runs in the page.
 */
export const dispatchPointerSamples = async (
  advance: (ms: number) => Promise<void>,
  { from, samples, gapMs }: { from: [number, number]; samples: [number, number][]; gapMs: number },
): Promise<void> => {
  let [lastX, lastY] = from;
  for (const [x, y] of samples) {
    const target = document.elementFromPoint(x, y) ?? document.documentElement;
    const at = { bubbles: true, cancelable: true, composed: true, view: window, clientX: x, clientY: y, screenX: x, screenY: y };
    const movement = { movementX: Math.floor(x) - Math.floor(lastX), movementY: Math.floor(y) - Math.floor(lastY) };
    target.dispatchEvent(new PointerEvent('pointermove', { ...at, ...movement, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
    target.dispatchEvent(new MouseEvent('mousemove', { ...at, ...movement, clientX: Math.floor(x), clientY: Math.floor(y), screenX: Math.floor(x), screenY: Math.floor(y) }));
    [lastX, lastY] = [x, y];
    await advance(gapMs);
  }
};

/**
 * In the page: let `ms` of virtual time pass in slices of `sliceMs`, stopping after the slice in which the page
 * began to navigate by itself (about to leave the document, or a new URL). True when it stopped so.
 * Self-contained: it runs in the page.
 */
export const passUnlessNavigated = async (advance: (ms: number) => Promise<void>, { ms, sliceMs }: { ms: number; sliceMs: number }): Promise<boolean> => {
  const href = location.href;
  let leaving = false;
  const listening = new AbortController();
  window.addEventListener('beforeunload', () => (leaving = true), { capture: true, signal: listening.signal });
  try {
    for (let left = ms; left > 0; left -= sliceMs) {
      await advance(Math.min(left, sliceMs));
      if (leaving || location.href !== href) return true;
    }
    return false;
  } finally {
    listening.abort();
  }
};

type KeyupCounter = { __frictionKeyups?: number; __frictionKeyupWaiters?: [number, () => void][] };

/** In the page: count the keyups the document sees from now on (once per document); the count so far. */
export const countKeyups = (): number => {
  const page = window as unknown as KeyupCounter;
  if (page.__frictionKeyups === undefined) {
    page.__frictionKeyups = 0;
    const waiters: [number, () => void][] = (page.__frictionKeyupWaiters = []);
    window.addEventListener(
      'keyup',
      () => {
        const seen = (page.__frictionKeyups = (page.__frictionKeyups ?? 0) + 1);
        for (let i = waiters.length - 1; i >= 0; i--) {
          if (waiters[i][0] > seen) continue;
          waiters[i][1]();
          waiters.splice(i, 1);
        }
      },
      true,
    );
  }
  return page.__frictionKeyups;
};

/**
 * In the page: once the document has seen `keyups` keyups (or after `withinMs` of real time, or at once in a
 * document that does not count them), let `ms` of virtual time pass. The count is reached in the first keyup
 * listener, before the page's own have run: the time passes a task later, once they all have. Self-contained: it
 * runs in the page.
 */
export const passAfterKeyup = async (advance: (ms: number) => Promise<void>, { keyups, ms, withinMs }: { keyups: number; ms: number; withinMs: number }): Promise<void> => {
  const page = window as unknown as KeyupCounter & PlaywrightClockGlobal;
  const realTimeout = page.__pwClock?.builtins?.setTimeout;
  const waiters = page.__frictionKeyupWaiters;
  if (realTimeout && waiters && (page.__frictionKeyups ?? 0) < keyups) {
    await new Promise<void>((resolve) => {
      waiters.push([keyups, resolve]);
      realTimeout(resolve, withinMs);
    });
    await new Promise<void>((resolve) => realTimeout(resolve, 0));
  }
  await advance(ms);
};

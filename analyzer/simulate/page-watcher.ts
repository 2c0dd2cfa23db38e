// What the page does while a synthetic user waits or right after it acts, in virtual time: navigations (the
// NavigationWatch), DOM mutations (read from the run's own rrweb events), and whether it says it is busy. The
// agent's dead-end rule and its patience with a working page rest on these.
import type { Page } from 'playwright-core';
import { EventType, IncrementalSource } from '../replay/rrweb-constants';
import type { HumanMotion } from './human-motion';
import { pageSaysBusy } from './live-page';
import type { NavigationWatch } from './navigation-watch';
import type { ContextRecorder, RecordedEvent } from './rrweb-injection';
import type { RunStep } from './types';

/** Slices of virtual time between checks while waiting, and while watching for a reaction. */
export const WAIT_SLICE_MS = 500;
export const REACTION_SLICE_MS = 100;
/** Real ms to wait for Playwright to report a navigation the page itself has already begun. */
const NOTICE_MS = 2000;

/** A DOM change in the recording: a new document or a mutation. */
export const isDomChange = (e: RecordedEvent): boolean =>
  e.type === EventType.FullSnapshot || e.type === EventType.Meta || (e.type === EventType.IncrementalSnapshot && e.data?.source === IncrementalSource.Mutation);

const isUrlChange = (e: RecordedEvent) => e.type === EventType.Meta || (e.type === EventType.Custom && e.data?.tag === '$url_changed');

/** What the page did, judged from the events recorded since index `from`. */
export function reactionIn(events: readonly RecordedEvent[], from: number): RunStep['reaction'] {
  let mutated = false;
  for (let i = from; i < events.length; i++) {
    if (isUrlChange(events[i])) return 'navigation';
    if (isDomChange(events[i])) mutated = true;
  }
  return mutated ? 'mutation' : 'none';
}

export class PageWatcher {
  constructor(
    private readonly page: Page,
    private readonly recorder: ContextRecorder,
    private readonly motion: HumanMotion,
    readonly navigation: NavigationWatch,
  ) {}

  /**
   * Index of the next recorded event: "since now" for reactionIn and domChangedSince. The page holds events until
   * asked (rrweb-injection.ts), so it is asked first: what happened before now is not counted after it.
   */
  async eventMark(): Promise<number> {
    await this.flush();
    return this.recorder.events.length;
  }

  /** Did the DOM change since `eventMark`, as far as the page has delivered its events (flush first if unsure)? */
  domChangedSince(eventMark: number): boolean {
    return this.recorder.events.slice(eventMark).some(isDomChange);
  }

  /** Flush the recorder; false when the page is between documents (a navigation is under way). */
  async flush(): Promise<boolean> {
    try {
      await this.recorder.flush(this.page);
      return true;
    } catch {
      return false;
    }
  }

  /** Let `ms` of virtual time pass; true as soon as the page navigates by itself (checked every WAIT_SLICE_MS). */
  async waitUnlessNavigated(ms: number): Promise<boolean> {
    const mark = this.navigation.mark();
    for (let left = Math.round(ms); left > 0; ) {
      const { passedMs, moved } = await this.motion.pauseUnlessNavigated(left, WAIT_SLICE_MS);
      left -= Math.max(1, passedMs);
      if (this.navigation.movedSince(mark)) return true;
      if (!moved) continue;
      // Its document gone because the page was closed (a frozen page is let go of so): nothing left to wait on.
      if (this.page.isClosed()) throw new Error('the page was closed');
      // The page saw itself go before Playwright's events said so: wait for them, as the next page is decided on.
      if (await this.navigation.noticedWithin(mark, NOTICE_MS)) return true;
    }
    return false;
  }

  /** Watch up to `windowMs` after an action for a navigation or a mutation, stopping at the first. */
  async reaction(eventMark: number, navigationMark: number, windowMs: number): Promise<RunStep['reaction']> {
    const deadline = this.motion.now + windowMs;
    if (!(await this.flush())) return 'navigation';
    while (true) {
      if (this.navigation.movedSince(navigationMark)) return 'navigation';
      const reaction = reactionIn(this.recorder.events, eventMark);
      if (reaction !== 'none' || this.motion.now >= deadline) return reaction;
      // Advancing the tab's clock delivers what the page recorded meanwhile (tab-clock.ts): no flush of its own.
      await this.motion.pause(Math.min(REACTION_SLICE_MS, deadline - this.motion.now));
    }
  }

  /**
   * Does the page say it is busy? Asked with a flush, in one round trip: the recording is delivered up to now as
   * well. 'navigating' while the page is between documents.
   */
  async looksBusy(): Promise<boolean | 'navigating'> {
    try {
      return (await this.recorder.evaluateThenFlush(this.page, `(${pageSaysBusy.toString()})()`)) === true;
    } catch {
      return 'navigating';
    }
  }

  /**
   * While the page says it is busy, wait like a person would, up to `patienceMs`; true on navigation. `busy`: the
   * answer of a looksBusy just asked, if any.
   */
  async waitWhileBusy(patienceMs: number, busy?: boolean | 'navigating'): Promise<boolean> {
    const mark = this.navigation.mark();
    for (let waited = 0; waited < patienceMs; waited += WAIT_SLICE_MS) {
      if (this.navigation.movedSince(mark)) return true;
      const now = waited === 0 && busy !== undefined ? busy : await this.looksBusy();
      if (now === 'navigating') return true;
      if (!now) return false;
      await this.motion.pause(WAIT_SLICE_MS);
    }
    return this.navigation.movedSince(mark);
  }
}

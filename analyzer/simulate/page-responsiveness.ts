// Watches that a run's page still answers at all. A script that never yields (a busy loop, while loading or
// later) freezes every call into the page, and Playwright's evaluate, mouse and fake clock have no timeout of their
// own: the run would wait forever. Probed from the side; when the page stops answering the run's context is
// closed, which releases every call waiting on it, and the run ends as an error saying why.
import type { Page } from 'playwright-core';
import { PAGE_LOAD_TIMEOUT_MS } from './navigation-watch';

/**
 * Real time a page may go without answering before the run gives up on it. Longer than a page load may take: a
 * navigation waiting for its server holds calls into the page as well, and the load timeout says that better.
 */
export const PAGE_UNRESPONSIVE_MS = PAGE_LOAD_TIMEOUT_MS + 5000;
/** Real time between probes: a trivial evaluate, so a busy page is noticed within a second of the limit. */
const PROBE_INTERVAL_MS = 1000;

export class ResponsivenessWatch {
  /** Why the page was given up on, once it was. */
  reason: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When the unanswered probe was sent, if one is out. */
  private probeSentAt: number | undefined;

  constructor(
    private readonly page: Page,
    /** A navigation waiting for its server, if any: that is why the page does not answer then. */
    private readonly unansweredNavigation: () => string | undefined,
    /** Called once, when the page has not answered for `limitMs`: it must release the page (close its context). */
    private readonly onUnresponsive: (reason: string) => void,
    private readonly limitMs = PAGE_UNRESPONSIVE_MS,
  ) {}

  start(): this {
    this.timer = setInterval(() => this.tick(), PROBE_INTERVAL_MS);
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = Date.now();
    if (this.probeSentAt === undefined) {
      this.probeSentAt = now;
      // A probe that fails (the page navigating, or closed) has answered too: only silence counts.
      this.page.evaluate('1').then(
        () => (this.probeSentAt = undefined),
        () => (this.probeSentAt = undefined),
      );
      return;
    }
    if (now - this.probeSentAt < this.limitMs) return;
    this.stop();
    const waitingFor = this.unansweredNavigation();
    const seconds = this.limitMs / 1000;
    this.reason = waitingFor ? `${waitingFor} did not answer within ${seconds} s` : `the page stopped responding for ${seconds} s (a script that never yields?) on ${this.page.url()}`;
    this.onUnresponsive(this.reason);
  }
}

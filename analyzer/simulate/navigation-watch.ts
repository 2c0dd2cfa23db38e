// Watches a page's top-level navigations (full loads and same-document URL changes) so the agent can tell a click
// that led somewhere from one that did nothing, and wait for the next page before deciding again. Navigations
// happen in real time while the virtual clock stands still.
import type { Page, Request } from 'playwright-core';

/** Real-time bound on a page load: a stuck server must not hang the run. */
export const PAGE_LOAD_TIMEOUT_MS = 15_000;

export class NavigationWatch {
  private committed = 0;
  /** A navigation request of the main frame is in flight and has not committed yet. */
  private requested = false;
  /** That request, and whether its server has answered (headers) yet. */
  private pending: { url: string; answered: boolean } | undefined;
  private readonly isMain = (request: Request) => request.isNavigationRequest() && request.frame() === this.page.mainFrame();

  constructor(private readonly page: Page) {
    page.on('request', (request) => {
      if (!this.isMain(request)) return;
      this.requested = true;
      this.pending = { url: request.url(), answered: false };
    });
    page.on('response', (response) => {
      if (this.pending && this.isMain(response.request())) this.pending.answered = true;
    });
    page.on('requestfailed', (request) => {
      if (!this.isMain(request)) return;
      this.requested = false;
      this.pending = undefined;
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      this.committed++;
      this.requested = false;
      this.pending = undefined;
    });
  }

  /** A mark to compare against later. */
  mark(): number {
    return this.committed;
  }

  /** Did the page navigate (or start to) since `mark`? */
  movedSince(mark: number): boolean {
    return this.committed !== mark || this.requested;
  }

  /** Wait (real time, up to `timeoutMs`) until a navigation since `mark` is seen; whether it was. */
  async noticedWithin(mark: number, timeoutMs: number): Promise<boolean> {
    const start = Date.now();
    while (!this.movedSince(mark) && Date.now() - start < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.movedSince(mark);
  }

  /** A navigation request of the main frame is in flight (not committed, not failed). */
  inFlight(): boolean {
    return this.requested;
  }

  /** The URL of a navigation in flight whose server has not answered at all yet. */
  unansweredUrl(): string | undefined {
    return this.pending && !this.pending.answered ? this.pending.url : undefined;
  }

  /** Wait (real time) for a navigation in flight to commit and its page to load. */
  async settle(timeoutMs = PAGE_LOAD_TIMEOUT_MS): Promise<void> {
    const start = Date.now();
    while (this.requested && Date.now() - start < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 10));
    // A server that never answers leaves Chromium waiting with the old page frozen (even CDP's Runtime.evaluate
    // waits): nothing more can be done on it. An answer that did not commit (a 204, a download) is no such case.
    const unanswered = this.requested ? this.unansweredUrl() : undefined;
    if (unanswered) throw new Error(`${unanswered} did not answer within ${timeoutMs / 1000} s`);
    this.requested = false;
    await this.page.waitForLoadState('load', { timeout: Math.max(1000, timeoutMs - (Date.now() - start)) }).catch((error: unknown) => {
      throw loadFailure(`the page ${this.page.url()}`, error, timeoutMs);
    });
  }
}

/** Playwright's "page.goto: Timeout 15000ms exceeded." names no page: say which one, for the run's failure. */
export function loadFailure(what: string, error: unknown, timeoutMs = PAGE_LOAD_TIMEOUT_MS): Error {
  if (error instanceof Error && error.name === 'TimeoutError') return new Error(`${what} did not finish loading within ${timeoutMs / 1000} s`);
  return error instanceof Error ? error : new Error(String(error));
}

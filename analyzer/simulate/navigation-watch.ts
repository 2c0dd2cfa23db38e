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
  private readonly isMain = (request: Request) => request.isNavigationRequest() && request.frame() === this.page.mainFrame();

  constructor(private readonly page: Page) {
    page.on('request', (request) => {
      if (this.isMain(request)) this.requested = true;
    });
    page.on('requestfailed', (request) => {
      if (this.isMain(request)) this.requested = false;
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      this.committed++;
      this.requested = false;
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

  /** Wait (real time) for a navigation in flight to commit and its page to load. */
  async settle(timeoutMs = PAGE_LOAD_TIMEOUT_MS): Promise<void> {
    const start = Date.now();
    while (this.requested && Date.now() - start < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 10));
    this.requested = false;
    await this.page.waitForLoadState('load', { timeout: Math.max(1000, timeoutMs - (Date.now() - start)) });
  }
}

// What a run leaves besides its recording: uncaught exceptions, failed requests (status >= 400 or failed outright)
// and screenshots at key moments. Messages name paths, not full URLs, so runs against two builds on two ports
// still compare (the gate groups errors by message).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CDPSession, Page, Request, Response } from 'playwright-core';
import type { RunResult } from './types';

export const SCREENSHOTS_DIR = 'screenshots';
/** JPEG keeps a run's screenshots near 50 KB each; the report only needs to show what the page looked like. */
const SCREENSHOT_QUALITY = 60;
/** Real ms a screenshot may take before the run goes on without it. */
const SCREENSHOT_TIMEOUT_MS = 5000;
const MAX_MESSAGE_CHARS = 300;
/** Requests cancelled by a navigation or by the page itself are no breakage. */
const IGNORED_FAILURES = new Set(['net::ERR_ABORTED']);

export class RunEvidence {
  readonly errors: RunResult['errors'] = [];
  readonly screenshots: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly baseOrigin: string,
    /** The route of the page now, folded as the run's steps are. */
    private readonly route: () => string,
    private readonly reportDir: string,
    private readonly runId: string,
    /** The page's CDP session (the recorder's): screenshots are taken there, as Chromium encodes them. */
    private readonly session: () => Promise<CDPSession>,
  ) {
    page.on('pageerror', (error) => this.add('exception', `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`));
    page.on('response', (response) => this.onResponse(response));
    page.on('requestfailed', (request) => this.onFailure(request));
  }

  private add(kind: 'exception' | 'request', message: string): void {
    this.errors.push({ kind, message: message.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE_CHARS), route: this.route() });
  }

  /** Same-origin requests by path, others with their host: stable across ports and builds. */
  private where(url: string): string {
    try {
      const u = new URL(url);
      return u.origin === this.baseOrigin ? u.pathname : `${u.host}${u.pathname}`;
    } catch {
      return url.slice(0, 120);
    }
  }

  private onResponse(response: Response): void {
    if (response.status() < 400) return;
    this.add('request', `HTTP ${response.status()} ${response.request().method()} ${this.where(response.url())}`);
  }

  private onFailure(request: Request): void {
    const failure = request.failure()?.errorText ?? 'failed';
    if (IGNORED_FAILURES.has(failure)) return;
    this.add('request', `${failure} ${request.method()} ${this.where(request.url())}`);
  }

  /**
   * A viewport screenshot named after the run and the moment; failures (a page mid-navigation) are skipped. Taken
   * straight from Chromium (Page.captureScreenshot, encoded for speed): Playwright's screenshot first waits for
   * fonts and settles the page in extra round trips, half again the CPU of the capture itself.
   */
  async screenshot(label: string): Promise<void> {
    const name = `${this.runId}-${String(this.screenshots.length + 1).padStart(2, '0')}-${label}.jpg`;
    const relative = path.posix.join(SCREENSHOTS_DIR, name);
    let timer: NodeJS.Timeout | undefined;
    try {
      const session = await this.session();
      const capture = session.send('Page.captureScreenshot', { format: 'jpeg', quality: SCREENSHOT_QUALITY, optimizeForSpeed: true });
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('screenshot timed out')), SCREENSHOT_TIMEOUT_MS)));
      const { data } = await Promise.race([capture, timeout]);
      mkdirSync(path.join(this.reportDir, SCREENSHOTS_DIR), { recursive: true });
      writeFileSync(path.join(this.reportDir, relative), Buffer.from(data, 'base64'));
      this.screenshots.push(relative);
    } catch {
      // A screenshot is evidence, not the run: a page that is navigating away simply has none.
    } finally {
      clearTimeout(timer);
    }
  }
}

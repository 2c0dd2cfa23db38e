// For tests of a synthetic user's tab in a real Chromium: a local server of small HTML pages and one browser for the
// suite (no Chromium may outlive it), and a recorded tab on a virtual clock set up as runAgent sets one up.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../analyzer/simulate/chromium';
import { ContextRecorder } from '../../analyzer/simulate/rrweb-injection';
import { TAB_CLOCK_SCRIPT, TabClock } from '../../analyzer/simulate/tab-clock';
import { ownChromiumPids, survivors } from './chromium-processes';

export interface PagesAndChromium {
  /** The server's origin, set once the suite's `before` has run. */
  base: string;
  browser: Browser;
}

/**
 * In a mocha suite: serve `pages` (path to body HTML, in a `<body bodyAttributes>`) and launch Chromium before its
 * tests; afterwards close both and check that no Chromium process survives.
 */
export function servePagesWithChromium(pages: Record<string, string>, bodyAttributes = ''): PagesAndChromium {
  const suite = {} as PagesAndChromium;
  let server: Server | undefined;
  const seen = new Set<number>();
  before(async () => {
    server = createServer((req, res) => {
      const body = pages[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html' }).end(body ? `<!doctype html><html><body ${bodyAttributes}>${body}</body></html>` : 'not found');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    suite.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    suite.browser = await launchChromium();
    ownChromiumPids().forEach((pid) => seen.add(pid));
  });
  after(async () => {
    await suite.browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    assert.deepEqual(await survivors(seen), [], 'no Chromium process outlives the browser');
  });
  return suite;
}

export interface RecordedTab {
  context: BrowserContext;
  page: Page;
  clock: TabClock;
  recorder: ContextRecorder;
}

/**
 * A context set up as runAgent sets it up (fake clock paused at `start`, the tab clock's script unless `tabScript`
 * is false, rrweb recording), its page and a tab clock on it. The caller closes the context.
 */
export async function recordedTab(browser: Browser, start: number, options: { tabScript?: boolean; context?: BrowserContextOptions } = {}): Promise<RecordedTab> {
  const context = await browser.newContext(options.context);
  await context.clock.install({ time: start - 1000 });
  await context.clock.pauseAt(start);
  if (options.tabScript ?? true) await context.addInitScript({ content: TAB_CLOCK_SCRIPT });
  const recorder = await ContextRecorder.attach(context);
  const page = await context.newPage();
  await recorder.attachPage(page);
  const clock = new TabClock({ evaluate: (expression) => recorder.evaluateThenFlush(page, expression), fallback: context.clock, start, navigating: () => false });
  return { context, page, clock, recorder };
}

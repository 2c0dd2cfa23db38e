// Records every page of a browser context with rrweb (plus its console plugin for uncaught errors), sending
// events to Node in batches through a raw CDP binding on each page: when asked (flush), at every mouse interaction,
// every BATCH_EVENTS events, and as the page is about to be left. Playwright's exposeBinding cost a round trip per
// call (its reply is an evaluate in the page) and drops calls from a document being unloaded; a raw binding is one
// message, read here whatever becomes of the document. Install the context's fake clock *before* attaching: rrweb
// reads Date.now at load.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface RecordedEvent {
  type: number;
  timestamp: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  windowId: string;
}

/** The UMD builds are not exposed through the packages' `exports`: resolve the main entry, read beside it. */
function umd(pkg: string, file: string): string {
  const entry = require.resolve(pkg, { paths: [process.cwd(), __dirname] });
  return readFileSync(path.join(path.dirname(entry), file), 'utf8');
}

function wrapUmd(source: string, globalName: string): string {
  return `(function(){var module={exports:{}};var exports=module.exports;${source}\n;window[${JSON.stringify(globalName)}]=module.exports;})();`;
}

/** Events held in the page before they are sent unasked: small enough that a batch never grows large. */
const BATCH_EVENTS = 64;
/** The page-side function that sends what is held. */
const DELIVER = '__frictionDeliverEvents';

export interface RecordingOptions {
  /** rrweb's maskAllInputs (posthog-js defaults to true as well). */
  maskAllInputs?: boolean;
  /** Binding name exposed to the page. */
  binding?: string;
}

export class ContextRecorder {
  readonly events: RecordedEvent[] = [];
  /** For events[i]: the ordinal of the document (page-side execution context) that sent it, in order of first word. */
  private readonly documentOf: number[] = [];
  private readonly documents = new Map<string, number>();
  private readonly windowIds = new WeakMap<Page, string>();
  private readonly sessions = new Map<Page, Promise<CDPSession>>();
  private nextWindow = 1;

  private constructor(private readonly binding: string) {}

  /**
   * Wait until every event the page has emitted so far has reached Node: the page sends what it holds, from an
   * evaluate on the binding's own CDP session, whose messages arrive in order, so the batch is in before the reply.
   * Throws while the page is between documents.
   */
  async flush(page: Page): Promise<void> {
    await this.evaluateThenFlush(page, 'undefined');
  }

  /**
   * Evaluate `expression` in the page's current document (awaiting the promise it may return), then flush, in one
   * round trip; returns the expression's value. Throws while the page is between documents.
   */
  async evaluateThenFlush(page: Page, expression: string): Promise<unknown> {
    const session = await this.attachPage(page);
    const reply = await session.send('Runtime.evaluate', {
      expression: `(async () => { const value = await (${expression}); if (typeof window.${DELIVER} === 'function') window.${DELIVER}(); return value; })()`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (reply.exceptionDetails) throw new Error(`could not flush the recording: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    return reply.result.value;
  }

  windowIdOf(page: Page): string {
    let id = this.windowIds.get(page);
    if (!id) this.windowIds.set(page, (id = `window-${this.nextWindow++}`));
    return id;
  }

  /**
   * Receive `page`'s events. Every page the context opens is attached as it opens; await this for a page before
   * navigating it, so its first document already has the binding.
   */
  attachPage(page: Page): Promise<CDPSession> {
    let session = this.sessions.get(page);
    if (!session) {
      session = (async () => {
        const cdp = await page.context().newCDPSession(page);
        const windowId = this.windowIdOf(page);
        cdp.on('Runtime.bindingCalled', ({ name, payload, executionContextId }) => {
          if (name !== this.binding) return;
          const key = `${windowId} ${executionContextId}`;
          let document = this.documents.get(key);
          if (document === undefined) this.documents.set(key, (document = this.documents.size));
          for (const event of JSON.parse(payload) as Omit<RecordedEvent, 'windowId'>[]) {
            this.events.push({ ...event, windowId });
            this.documentOf.push(document);
          }
        });
        // bindingCalled is a Runtime event: the domain must be on for this session to hear it.
        await cdp.send('Runtime.enable');
        await cdp.send('Runtime.addBinding', { name: this.binding });
        return cdp;
      })();
      this.sessions.set(page, session);
      // A page closed before it was attached has nothing to record; whoever awaits it hears why.
      session.catch(() => undefined);
    }
    return session;
  }

  /** Start recording all current and future pages of the context (await attachPage before navigating one). */
  static async attach(context: BrowserContext, options: RecordingOptions = {}): Promise<ContextRecorder> {
    const binding = options.binding ?? '__frictionRecord';
    const recorder = new ContextRecorder(binding);
    context.on('page', (page) => void recorder.attachPage(page));
    for (const page of context.pages()) void recorder.attachPage(page);
    const script =
      wrapUmd(umd('rrweb', 'rrweb.umd.min.cjs'), '__rrweb') +
      wrapUmd(umd('@rrweb/rrweb-plugin-console-record', 'rrweb-plugin-console-record.umd.min.cjs'), '__rrwebConsole') +
      // Starting rrweb on about:blank recurses until the stack overflows: record http(s) pages only.
      `if (/^https?:$/.test(location.protocol) && window.top === window) {
        var held = [];
        var deliver = function () {
          var send = window[${JSON.stringify(binding)}];
          // Not attached (yet): keep them for the next delivery.
          if (held.length === 0 || typeof send !== 'function') return;
          var batch = held;
          held = [];
          send(JSON.stringify(batch));
        };
        window[${JSON.stringify(DELIVER)}] = deliver;
        // What a document says as it is torn down does not arrive: a click (which may navigate) is sent at once,
        // and a page about to be left sends what it holds while it is still whole.
        window.addEventListener('beforeunload', deliver, true);
        window.addEventListener('pagehide', deliver, true);
        window.__rrweb.record({
          emit: function (event) {
            held.push(event);
            var interaction = event.type === 3 && event.data && event.data.source === 2;
            if (interaction || held.length >= ${BATCH_EVENTS}) deliver();
          },
          maskAllInputs: ${options.maskAllInputs ?? true},
          plugins: [window.__rrwebConsole.getRecordConsolePlugin({ level: ['error'] })],
        });
      }`;
    await context.addInitScript({ content: script });
    return recorder;
  }

  /**
   * Events sorted by time, ready to write out. At equal times the earlier document's come first, then arrival order:
   * the virtual clock stands still across a navigation, and what the old page sends as it is left (its pagehide
   * batch) may arrive after the new page's first snapshot, which it precedes.
   */
  sorted(): RecordedEvent[] {
    return sortRecorded(this.events, this.documentOf);
  }
}

/** `events` by time, then by the ordinal of the document that sent each (`documentOf[i]`), then arrival. */
export function sortRecorded(events: readonly RecordedEvent[], documentOf: readonly number[]): RecordedEvent[] {
  return events
    .map((e, i) => ({ e, i, document: documentOf[i] ?? 0 }))
    .sort((a, b) => a.e.timestamp - b.e.timestamp || a.document - b.document || a.i - b.i)
    .map(({ e }) => e);
}

// Records every page of a browser context with rrweb (plus its console plugin for uncaught errors), streaming
// events to Node. Install the context's fake clock *before* calling this: rrweb reads Date.now at load.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

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

/** Sent through the binding to mark "everything before me has been delivered"; never stored. */
const FLUSH_MARK = { flush: true } as const;

export interface RecordingOptions {
  /** rrweb's maskAllInputs (posthog-js defaults to true as well). */
  maskAllInputs?: boolean;
  /** Binding name exposed to the page. */
  binding?: string;
}

export class ContextRecorder {
  readonly events: RecordedEvent[] = [];
  private readonly windowIds = new WeakMap<Page, string>();
  private nextWindow = 1;

  private binding = '__frictionRecord';

  private constructor() {}

  /**
   * Wait until every event the page has emitted so far has reached Node: binding calls are delivered in
   * order and a page awaiting one resumes only after Node handled it, so a marker sent last arrives last.
   */
  async flush(page: Page): Promise<void> {
    await page.evaluate(([name, mark]) => (window as unknown as Record<string, (m: unknown) => Promise<void>>)[name]?.(mark), [this.binding, FLUSH_MARK] as const);
  }

  windowIdOf(page: Page): string {
    let id = this.windowIds.get(page);
    if (!id) this.windowIds.set(page, (id = `window-${this.nextWindow++}`));
    return id;
  }

  /** Start recording all current and future pages of the context. */
  static async attach(context: BrowserContext, options: RecordingOptions = {}): Promise<ContextRecorder> {
    const recorder = new ContextRecorder();
    const binding = options.binding ?? '__frictionRecord';
    await context.exposeBinding(binding, (source, event: Omit<RecordedEvent, 'windowId'> | typeof FLUSH_MARK) => {
      if ('flush' in event) return;
      recorder.events.push({ ...event, windowId: recorder.windowIdOf(source.page) });
    });
    recorder.binding = binding;
    const script =
      wrapUmd(umd('rrweb', 'rrweb.umd.min.cjs'), '__rrweb') +
      wrapUmd(umd('@rrweb/rrweb-plugin-console-record', 'rrweb-plugin-console-record.umd.min.cjs'), '__rrwebConsole') +
      // Starting rrweb on about:blank recurses until the stack overflows: record http(s) pages only.
      `if (/^https?:$/.test(location.protocol) && window.top === window) {
        window.__rrweb.record({
          emit: function (event) { window[${JSON.stringify(binding)}](event); },
          maskAllInputs: ${options.maskAllInputs ?? true},
          plugins: [window.__rrwebConsole.getRecordConsolePlugin({ level: ['error'] })],
        });
      }`;
    await context.addInitScript({ content: script });
    return recorder;
  }

  /** Events sorted by time (stable), ready to write out. */
  sorted(): RecordedEvent[] {
    return this.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i).map(({ e }) => e);
  }
}

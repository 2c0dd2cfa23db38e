// Records one persona session against a running shop: fake clock first, then rrweb (ours, or the page's own
// posthog-js) and the liveness probe, then the persona; returns the rrweb events, the action log and the
// derived ground truth.
import type { Browser, BrowserContext } from 'playwright-core';
import { ContextRecorder, type RecordedEvent } from '../../analyzer/simulate/rrweb-injection';
import type { RoutingMode } from '../../examples/shop/src/config';
import { Actor } from './actor';
import type { Action, PageError } from './action-log';
import { LIVENESS_BINDING, LIVENESS_PROBE_SCRIPT, LivenessLog, type ClickLiveness, type LivenessMessage } from './liveness-probe';
import { runPersona, type PersonaName } from './personas';
import { Rng } from './rng';
import { deriveTruth, type SessionTruth } from './truth';
import type { PosthogCapture, PosthogEvent } from './posthog-capture';

export type RecorderSdk = 'rrweb' | 'posthog';

export interface RecordOptions {
  /** 'rrweb': our own rrweb injection. 'posthog': the page's posthog-js snippet records into `capture`. */
  sdk: RecorderSdk;
  routing: RoutingMode;
  capture?: PosthogCapture;
}

/** posthog-js flushes its event queue and replay buffer on timers: virtual time to run before the tab closes. */
const POSTHOG_FLUSH_MS = 5000;

export interface RecordedSession {
  id: string;
  persona: PersonaName;
  seed: number;
  start: number;
  end: number;
  /** rrweb events; in posthog mode exactly as posthog-js sent them (compressed payloads and `cv` kept). */
  events: RecordedEvent[];
  /** posthog mode: the SDK's other events ($pageview, $autocapture, $rageclick, $dead_click, $exception, ...). */
  posthogEvents?: PosthogEvent[];
  truth: SessionTruth;
  /** What the live page did after each click (kept for debugging the truth). */
  liveness: ClickLiveness[];
  actions: Action[];
  /** Uncaught errors Playwright saw (a cross-check for the probe's error clicks). */
  pageErrors: number;
  viewport: { width: number; height: number };
}

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
  { width: 1366, height: 768 },
];

/**
 * Counts the context's requests in flight. The virtual clock fires posthog-js' flush timers in a few real ms,
 * but compressing and sending the batch takes real time: closing the tab before it lands loses the session's tail.
 */
function trackRequests(context: BrowserContext): { idle(quietMs: number, maxMs: number): Promise<void> } {
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (delta: number) => {
    inFlight += delta;
    lastChange = Date.now();
  };
  context.on('request', () => change(1));
  context.on('requestfinished', () => change(-1));
  context.on('requestfailed', () => change(-1));
  return {
    async idle(quietMs, maxMs) {
      const start = Date.now();
      while (Date.now() - start < maxMs && (inFlight > 0 || Date.now() - Math.max(start, lastChange) < quietMs)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** A $snapshot batch's rrweb events, each tagged with the SDK's window id (blob_v2 lines are [windowId, event]). */
function snapshotEvents(sent: PosthogEvent[]): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (const e of sent) {
    if (e.event !== '$snapshot') continue;
    const windowId = String(e.properties.$window_id);
    for (const item of e.properties.$snapshot_data as Record<string, unknown>[]) events.push({ ...item, windowId } as unknown as RecordedEvent);
  }
  // Stable: events of one timestamp keep the order the SDK emitted them in.
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i).map(({ e }) => e);
}

export async function recordSession(
  browser: Browser,
  baseUrl: string,
  spec: { id: string; seed: number; persona: PersonaName; startTime: number },
  options: RecordOptions = { sdk: 'rrweb', routing: 'mpa' },
): Promise<RecordedSession> {
  const rng = new Rng(spec.seed);
  const viewport = rng.pick(VIEWPORTS);
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  try {
    // The clock must be in place before rrweb (ours or posthog-js') loads, or it keeps the real Date.now (RECIPES.md).
    await context.clock.install({ time: spec.startTime - 1000 });
    await context.clock.pauseAt(spec.startTime);
    const recorder = options.sdk === 'rrweb' ? await ContextRecorder.attach(context) : undefined;
    const requests = options.sdk === 'posthog' ? trackRequests(context) : undefined;
    const liveness = new LivenessLog();
    await context.exposeBinding(LIVENESS_BINDING, (_source, message: LivenessMessage) => liveness.add(message));
    await context.addInitScript({ content: LIVENESS_PROBE_SCRIPT });
    const page = await context.newPage();
    await recorder?.attachPage(page);
    const actor = new Actor(page, context, rng, baseUrl, spec.startTime, options.routing);
    const errors: PageError[] = [];
    page.on('pageerror', (error) => errors.push({ t: actor.now, message: error.message }));
    const { converted } = await runPersona(spec.persona, actor);
    actor.record('leave');
    // Let rrweb flush its batched mouse moves and the probe report pending clicks before the tab closes.
    await actor.pause(1200);
    if (recorder) await recorder.flush(page);
    else await page.waitForTimeout(50);
    let id = spec.id;
    let events: RecordedEvent[];
    let posthogEvents: PosthogEvent[] | undefined;
    if (recorder) {
      events = recorder.sorted();
    } else {
      if (!options.capture) throw new Error('posthog mode needs a PosthogCapture');
      id = await page.evaluate(() => (window as unknown as { posthog: { get_session_id(): string } }).posthog.get_session_id());
      await actor.pause(POSTHOG_FLUSH_MS);
      await requests?.idle(500, 10_000);
      // Closing the tab makes posthog-js send what it keeps for pagehide ($pageleave, the replay tail) by beacon.
      await context.close();
      await options.capture.settle(id);
      const sent = options.capture.take(id);
      events = snapshotEvents(sent);
      posthogEvents = sent.filter((e) => e.event !== '$snapshot').sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
      if (events.length === 0) throw new Error(`posthog-js sent no $snapshot for session ${id}`);
    }
    const end = events.length > 0 ? events[events.length - 1].timestamp : actor.now;
    return {
      id,
      persona: spec.persona,
      seed: spec.seed,
      start: spec.startTime,
      end,
      events,
      posthogEvents,
      viewport,
      pageErrors: errors.length,
      liveness: liveness.entries(),
      actions: actor.log,
      truth: deriveTruth({ log: actor.log, liveness: liveness.entries(), converted, end }),
    };
  } finally {
    await context.close();
  }
}

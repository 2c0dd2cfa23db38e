// Records one persona session against a running shop: fake clock first, then rrweb and the liveness probe,
// then the persona; returns the rrweb events, the action log and the derived ground truth.
import type { Browser } from 'playwright-core';
import { ContextRecorder, type RecordedEvent } from '../../analyzer/simulate/rrweb-injection';
import { Actor } from './actor';
import type { Action, PageError } from './action-log';
import { LIVENESS_BINDING, LIVENESS_PROBE_SCRIPT, LivenessLog, type ClickLiveness, type LivenessMessage } from './liveness-probe';
import { runPersona, type PersonaName } from './personas';
import { Rng } from './rng';
import { deriveTruth, type SessionTruth } from './truth';

export interface RecordedSession {
  id: string;
  persona: PersonaName;
  seed: number;
  start: number;
  end: number;
  events: RecordedEvent[];
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

export async function recordSession(browser: Browser, baseUrl: string, spec: { id: string; seed: number; persona: PersonaName; startTime: number }): Promise<RecordedSession> {
  const rng = new Rng(spec.seed);
  const viewport = rng.pick(VIEWPORTS);
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  try {
    // The clock must be in place before rrweb loads, or rrweb keeps the real Date.now (RECIPES.md).
    await context.clock.install({ time: spec.startTime - 1000 });
    await context.clock.pauseAt(spec.startTime);
    const recorder = await ContextRecorder.attach(context);
    const liveness = new LivenessLog();
    await context.exposeBinding(LIVENESS_BINDING, (_source, message: LivenessMessage) => liveness.add(message));
    await context.addInitScript({ content: LIVENESS_PROBE_SCRIPT });
    const page = await context.newPage();
    const actor = new Actor(page, context, rng, baseUrl, spec.startTime);
    const errors: PageError[] = [];
    page.on('pageerror', (error) => errors.push({ t: actor.now, message: error.message }));
    const { converted } = await runPersona(spec.persona, actor);
    actor.record('leave');
    // Let rrweb flush its batched mouse moves and the probe report pending clicks before the tab closes.
    await actor.pause(1200);
    await page.waitForTimeout(50);
    const events = recorder.sorted();
    const end = events.length > 0 ? events[events.length - 1].timestamp : actor.now;
    return {
      id: spec.id,
      persona: spec.persona,
      seed: spec.seed,
      start: spec.startTime,
      end,
      events,
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

// Rage clicks, as posthog-js detects them (packages/browser/src/extensions/rageclick.ts): a run of clicks in
// which each click is < threshold px (Manhattan) and < timeout ms from the previous one; fires when the run
// reaches clickCount clicks. One signal per run, carrying the run's length.
import type { Interaction, Session } from '../replay/types';
import { clicksOf, routeAt } from './clicks';
import type { Signal, SignalDetector } from './types';

export interface RageClickOptions {
  /** posthog-js DEFAULT_THRESHOLD_PX. */
  thresholdPx: number;
  /** posthog-js DEFAULT_TIMEOUT_MS: max gap between consecutive clicks. */
  timeoutMs: number;
  /** posthog-js DEFAULT_CLICK_COUNT. */
  clickCount: number;
}

export const rageClickDetector: SignalDetector<RageClickOptions> = {
  kind: 'rage_click',
  defaults: { thresholdPx: 30, timeoutMs: 1000, clickCount: 3 },
  detect(session: Session, options: RageClickOptions): Signal[] {
    const signals: Signal[] = [];
    let run: Interaction[] = [];
    const flush = () => {
      if (run.length >= options.clickCount) {
        const first = run[0];
        signals.push({
          kind: 'rage_click',
          sessionId: session.id,
          timestamp: run[options.clickCount - 1].timestamp,
          page: routeAt(session, first.pageIndex),
          element: first.element,
          details: { clicks: run.length, durationMs: run[run.length - 1].timestamp - first.timestamp },
        });
      }
    };
    for (const click of clicksOf(session)) {
      const last = run[run.length - 1];
      const extends_ =
        last !== undefined &&
        last.pageIndex === click.pageIndex &&
        click.timestamp - last.timestamp < options.timeoutMs &&
        Math.abs((click.x ?? 0) - (last.x ?? 0)) + Math.abs((click.y ?? 0) - (last.y ?? 0)) < options.thresholdPx;
      if (extends_) run.push(click);
      else {
        flush();
        run = [click];
      }
    }
    flush();
    return signals;
  },
};

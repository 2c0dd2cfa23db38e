// Hesitation: a long idle (no clicks, keys or scrolls) before acting on an element, long both in absolute terms
// and relative to how long people usually pause on that page before acting (PostHog's session summaries list
// "hesitation" as a behavioural pattern; the relative test follows Clarity's page-baseline approach).
import type { Session } from '../replay/types';
import { actionGaps } from './baseline';
import { routeAt } from './clicks';
import type { Signal, SignalDetector } from './types';

export interface HesitationOptions {
  /** Shorter pauses are reading, not hesitating. */
  minIdleMs: number;
  /** Pause must also exceed this multiple of the page's median pause before an action. */
  relativeFactor: number;
  /** Pauses longer than this are the user away from the tab, not hesitating. */
  maxIdleMs: number;
}

export const hesitationDetector: SignalDetector<HesitationOptions> = {
  kind: 'hesitation',
  defaults: { minIdleMs: 5000, relativeFactor: 2.5, maxIdleMs: 120_000 },
  detect(session: Session, options: HesitationOptions): Signal[] {
    const signals: Signal[] = [];
    const seen = new Set<string>();
    for (const gap of actionGaps(session)) {
      if (gap.gapMs < options.minIdleMs || gap.gapMs > options.maxIdleMs) continue;
      const interaction = session.interactions[gap.interactionIndex];
      // A click on a field also focuses it: report the pause once per element and moment.
      const key = `${interaction.element?.fingerprint}@${Math.round(interaction.timestamp / 100)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      signals.push({
        kind: 'hesitation',
        sessionId: session.id,
        timestamp: interaction.timestamp,
        page: routeAt(session, gap.pageIndex),
        element: interaction.element,
        details: { idleMs: gap.gapMs },
      });
    }
    return signals;
  },
  refine(candidates, baseline, options) {
    return candidates.filter((s) => {
      const typical = baseline.routes[s.page]?.medianActionGapMs ?? 0;
      return Number(s.details.idleMs) >= options.relativeFactor * typical;
    });
  },
};

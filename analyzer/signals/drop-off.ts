// Funnel drop-off: where sessions that never reached the goal ended. Page-level (the funnel step); the last
// element the user touched there is kept in the details for context.
import type { Session } from '../replay/types';
import type { Signal, SignalDetector } from './types';

export interface DropOffOptions {
  /** Sessions shorter than this (ms) are bounces, not funnel drop-offs. */
  minSessionMs: number;
}

export const dropOffDetector: SignalDetector<DropOffOptions> = {
  kind: 'drop_off',
  defaults: { minSessionMs: 0 },
  detect(session: Session, options: DropOffOptions): Signal[] {
    if (session.outcome.converted || session.pages.length === 0 || session.end - session.start < options.minSessionMs) return [];
    const lastIndex = session.pages.length - 1;
    const last = session.pages[lastIndex];
    const lastTouched = session.interactions.filter((i) => i.pageIndex === lastIndex && i.element && i.kind !== 'blur').pop();
    return [
      {
        kind: 'drop_off',
        sessionId: session.id,
        timestamp: last.end,
        page: last.route,
        details: { pagesVisited: session.pages.length, lastElement: lastTouched?.element?.selector ?? '' },
      },
    ];
  },
};

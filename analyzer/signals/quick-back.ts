// Quick backs (Microsoft Clarity): the user navigates to a page and returns to the previous one sooner than a
// threshold dwell. The signal sits on the link that led away (on the page the user came back to), since that
// link is what promised something the target page did not deliver.
import type { Session } from '../replay/types';
import type { Signal, SignalDetector } from './types';
import { isClick } from './clicks';

export interface QuickBackOptions {
  /** Max time on the intermediate page. Clarity ties it to the page's dwell; we default to 6 s. */
  maxDwellMs: number;
  /** How long before leaving a click can be the one that navigated. */
  linkWindowMs: number;
}

export const quickBackDetector: SignalDetector<QuickBackOptions> = {
  kind: 'quick_back',
  defaults: { maxDwellMs: 6000, linkWindowMs: 3000 },
  detect(session: Session, options: QuickBackOptions): Signal[] {
    const signals: Signal[] = [];
    const windows = new Map<string, number[]>();
    session.pages.forEach((page, index) => windows.set(page.windowId, [...(windows.get(page.windowId) ?? []), index]));
    for (const indices of windows.values()) {
      for (let k = 1; k + 1 < indices.length; k++) {
        const [from, away, back] = [session.pages[indices[k - 1]], session.pages[indices[k]], session.pages[indices[k + 1]]];
        const dwell = back.start - away.start;
        if (back.url !== from.url || from.url === away.url || dwell > options.maxDwellMs) continue;
        const link = session.interactions
          .filter((i) => i.pageIndex === indices[k - 1] && isClick(i) && away.start - i.timestamp <= options.linkWindowMs)
          .pop();
        signals.push({
          kind: 'quick_back',
          sessionId: session.id,
          timestamp: away.start,
          page: link ? from.route : away.route,
          element: link?.element,
          details: { dwellMs: dwell, target: away.route, returnedTo: from.route },
        });
      }
    }
    return signals;
  },
};

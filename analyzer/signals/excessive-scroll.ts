// Excessive scrolling (Microsoft Clarity): "higher amounts of vertical scrolling activity in opposite directions
// than the expected average for a given page". Candidates need a few direction flips over at least two screens;
// `refine` keeps visits well above the route's median. The element is the first thing clicked after the
// searching, usually the call to action the user was looking for.
import type { Interaction, Session } from '../replay/types';
import { isClick, routeAt } from './clicks';
import type { Signal, SignalDetector } from './types';

export interface ExcessiveScrollOptions {
  minDirectionChanges: number;
  /** Scroll distance floor in viewport heights. */
  minViewports: number;
  /** Flips and distance must also exceed these multiples of the route's medians. */
  relativeFlips: number;
  relativeDistance: number;
}

const DEFAULT_VIEWPORT_HEIGHT = 800;

function flipTimes(scrolls: Interaction[]): number[] {
  const times: number[] = [];
  let lastY = 0;
  let direction = 0;
  for (const s of scrolls) {
    const y = s.scrollY ?? 0;
    const d = Math.sign(y - lastY);
    if (d !== 0 && direction !== 0 && d !== direction) times.push(s.timestamp);
    if (d !== 0) direction = d;
    lastY = y;
  }
  return times;
}

export const excessiveScrollDetector: SignalDetector<ExcessiveScrollOptions> = {
  kind: 'excessive_scroll',
  defaults: { minDirectionChanges: 3, minViewports: 2, relativeFlips: 2, relativeDistance: 1.5 },
  detect(session: Session, options: ExcessiveScrollOptions): Signal[] {
    const signals: Signal[] = [];
    session.pages.forEach((page, pageIndex) => {
      const viewport = page.viewport?.height ?? DEFAULT_VIEWPORT_HEIGHT;
      if (page.scroll.directionChanges < options.minDirectionChanges || page.scroll.distance < options.minViewports * viewport) return;
      const onPage = session.interactions.filter((i) => i.pageIndex === pageIndex);
      const flips = flipTimes(onPage.filter((i) => i.kind === 'scroll'));
      const searchEnd = flips[Math.min(flips.length, options.minDirectionChanges) - 1] ?? page.start;
      const target = onPage.find((i) => isClick(i) && i.timestamp > searchEnd);
      signals.push({
        kind: 'excessive_scroll',
        sessionId: session.id,
        timestamp: flips[0] ?? page.start,
        page: routeAt(session, pageIndex),
        element: target?.element,
        details: { directionChanges: page.scroll.directionChanges, distancePx: Math.round(page.scroll.distance), viewportHeight: viewport },
      });
    });
    return signals;
  },
  refine(candidates, baseline, options) {
    return candidates.filter((s) => {
      const route = baseline.routes[s.page];
      if (!route) return true;
      return (
        Number(s.details.directionChanges) >= options.relativeFlips * route.medianDirectionChanges &&
        Number(s.details.distancePx) >= options.relativeDistance * route.medianScrollDistance
      );
    });
  },
};

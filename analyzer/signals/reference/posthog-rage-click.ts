// posthog-js rage clicks, rule for rule (packages/browser/src/extensions/rageclick.ts, FACTS.md 1.1), as a
// yardstick for our detector: a click extends the run iff it is < 30 px (Manhattan) and < 1000 ms from the
// previous click, anywhere on the page; the run fires once, on its 3rd click. Unlike ours it ignores pages
// (the instance lives as long as the document) and only gates the event on the ignore classes.
import type { Interaction, Session } from '../../replay/types';
import type { Signal } from '../types';
import { documentKeys, domClicks, hasClassOnPath, routeOfClick } from './click-context';

export const POSTHOG_RAGE_CLICK = {
  /** DEFAULT_THRESHOLD_PX. */
  thresholdPx: 30,
  /** DEFAULT_TIMEOUT_MS, between consecutive clicks. */
  timeoutMs: 1000,
  /** DEFAULT_CLICK_COUNT. */
  clickCount: 3,
  /** DEFAULT_RAGE_CLICK_IGNORE_LIST in autocapture-utils.ts. */
  ignoreClasses: ['ph-no-rageclick', 'ph-no-capture'],
} as const;

function extendsRun(last: Interaction | undefined, click: Interaction, sameDocument: boolean): boolean {
  if (!last || !sameDocument || last.x === undefined || last.y === undefined || click.x === undefined || click.y === undefined) return false;
  const distance = Math.abs(click.x - last.x) + Math.abs(click.y - last.y);
  return distance < POSTHOG_RAGE_CLICK.thresholdPx && click.timestamp - last.timestamp < POSTHOG_RAGE_CLICK.timeoutMs;
}

export function posthogRageClicks(session: Session): Signal[] {
  const documents = documentKeys(session);
  const signals: Signal[] = [];
  let run: Interaction[] = [];
  for (const click of domClicks(session)) {
    const last = run[run.length - 1];
    if (extendsRun(last, click, last !== undefined && documents[last.pageIndex] === documents[click.pageIndex])) run.push(click);
    else run = [click];
    if (run.length !== POSTHOG_RAGE_CLICK.clickCount || (click.element && hasClassOnPath(click.element, POSTHOG_RAGE_CLICK.ignoreClasses))) continue;
    signals.push({
      kind: 'rage_click',
      sessionId: session.id,
      timestamp: click.timestamp,
      page: routeOfClick(session, click),
      element: click.element,
      details: { clicks: run.length, durationMs: click.timestamp - run[0].timestamp, rule: 'posthog-js' },
    });
  }
  return signals;
}

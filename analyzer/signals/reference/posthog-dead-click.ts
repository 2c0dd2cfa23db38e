// posthog-js dead clicks (packages/browser/src/entrypoints/dead-clicks-autocapture.ts, FACTS.md 1.2) as a
// yardstick: live iff the page mutates < 2500 ms, scrolls or changes selection < 100 ms after the click;
// otherwise dead once a timeout is seen (a late reaction, or 2750 ms of nothing). Anchors are skipped and a
// node clicked again within 1 s of a pending click is dropped. Unlike ours: no form-field exclusion and no
// error exclusion (posthog-js has neither), which is what the comparison measures.
import type { ElementDescriptor, Session } from '../../replay/types';
import type { Signal } from '../types';
import { documentKeys, domClicks, nodeKey, routeOfClick, unloadDelay } from './click-context';

export const POSTHOG_DEAD_CLICK = {
  mutationThresholdMs: 2500,
  scrollThresholdMs: 100,
  selectionThresholdMs: 100,
  /** mutation_threshold_ms * 1.1: "timeout eventually even if nothing else catches it". */
  absoluteTimeoutMs: 2750,
  /** `alreadyClickedInLastSecond`. */
  dedupeMs: 1000,
} as const;

function isAnchor(element: ElementDescriptor): boolean {
  return element.tag === 'a' || element.ancestors.some((a) => a.tag === 'a');
}

function isLate(value: number | undefined, thresholdMs: number): boolean {
  return value !== undefined && value >= thresholdMs;
}

export function posthogDeadClicks(session: Session): Signal[] {
  const rules = POSTHOG_DEAD_CLICK;
  const documents = documentKeys(session);
  const pendingSince = new Map<string, number>();
  const signals: Signal[] = [];
  for (const click of domClicks(session)) {
    const element = click.element;
    // Without a node (unknown to the mirror) posthog-js has nothing to attach the event to either.
    if (!element || element.tag === 'html' || isAnchor(element)) continue;
    const key = nodeKey(element);
    const pending = pendingSince.get(key);
    if (pending !== undefined && click.timestamp - pending < rules.dedupeMs) continue;
    pendingSince.set(key, click.timestamp);

    const r = click.reaction ?? {};
    const unload = unloadDelay(session, click, documents);
    const live =
      (r.mutationMs !== undefined && r.mutationMs < rules.mutationThresholdMs) ||
      (r.scrollMs !== undefined && r.scrollMs < rules.scrollThresholdMs) ||
      (r.selectionMs !== undefined && r.selectionMs < rules.selectionThresholdMs) ||
      // A route change is a reaction; a full page load before the verdict discards the pending click.
      (r.navigationMs !== undefined && r.navigationMs < rules.mutationThresholdMs) ||
      (unload !== undefined && unload < rules.absoluteTimeoutMs);
    if (live) continue;
    const timedOut =
      isLate(r.mutationMs, rules.mutationThresholdMs) ||
      isLate(r.scrollMs, rules.scrollThresholdMs) ||
      isLate(r.selectionMs, rules.selectionThresholdMs) ||
      session.end - click.timestamp >= rules.absoluteTimeoutMs;
    // No verdict when the recording (the tab) ends before any timeout could fire.
    if (!timedOut) continue;
    signals.push({
      kind: 'dead_click',
      sessionId: session.id,
      timestamp: click.timestamp,
      page: routeOfClick(session, click),
      element,
      details: { mutationDelayMs: r.mutationMs ?? -1, scrollDelayMs: r.scrollMs ?? -1, selectionDelayMs: r.selectionMs ?? -1, rule: 'posthog-js' },
    });
  }
  return signals;
}

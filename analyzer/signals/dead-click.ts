// Dead clicks, after posthog-js (packages/browser/src/entrypoints/dead-clicks-autocapture.ts): a click is live
// if the page mutates within 2500 ms, scrolls or changes selection within 100 ms, or navigates; dead if none of
// that happens before the absolute timeout (2750 ms). Like posthog-js we skip anchors, collapse repeat clicks on
// the same element within 1 s. Our additions: clicks into form fields are never dead (the field takes focus
// and the caret, which change no DOM), and a click followed by an error is an error click instead.
import type { Session } from '../replay/types';
import { clicksOf, routeAt } from './clicks';
import type { Signal, SignalDetector } from './types';

export interface DeadClickOptions {
  mutationThresholdMs: number;
  scrollThresholdMs: number;
  selectionThresholdMs: number;
  /** posthog-js: mutation_threshold_ms * 1.1. */
  absoluteTimeoutMs: number;
  /** posthog-js dedupes the same node clicked again within this window. */
  dedupeMs: number;
  ignoreTags: string[];
  /** A click followed by an uncaught error within this window is reported as error_click only. */
  errorWindowMs: number;
}

const FIELD_TAGS = new Set(['input', 'select', 'textarea']);
const BUTTON_INPUT_TYPES = new Set(['button', 'submit', 'reset', 'image']);

function isField(tag: string, type: string | undefined): boolean {
  return FIELD_TAGS.has(tag) && !(tag === 'input' && BUTTON_INPUT_TYPES.has(type ?? ''));
}

export const deadClickDetector: SignalDetector<DeadClickOptions> = {
  kind: 'dead_click',
  defaults: { mutationThresholdMs: 2500, scrollThresholdMs: 100, selectionThresholdMs: 100, absoluteTimeoutMs: 2750, dedupeMs: 1000, ignoreTags: ['a', 'html'], errorWindowMs: 1000 },
  detect(session: Session, options: DeadClickOptions): Signal[] {
    const signals: Signal[] = [];
    let previous: { fingerprint: string; timestamp: number } | undefined;
    for (const click of clicksOf(session)) {
      const element = click.element;
      if (!element || options.ignoreTags.includes(element.tag) || element.ancestors.some((a) => a.tag === 'a') || isField(element.tag, element.type)) continue;
      const repeat = previous && previous.fingerprint === element.fingerprint && click.timestamp - previous.timestamp < options.dedupeMs;
      previous = { fingerprint: element.fingerprint, timestamp: click.timestamp };
      if (repeat) continue;
      // A click too close to the end of the recording cannot be judged.
      if (session.end - click.timestamp < options.absoluteTimeoutMs) continue;
      const r = click.reaction ?? {};
      const live =
        (r.mutationMs !== undefined && r.mutationMs < options.mutationThresholdMs) ||
        (r.scrollMs !== undefined && r.scrollMs < options.scrollThresholdMs) ||
        (r.selectionMs !== undefined && r.selectionMs < options.selectionThresholdMs) ||
        (r.navigationMs !== undefined && r.navigationMs < options.absoluteTimeoutMs);
      if (live) continue;
      const errored = session.errors.some((e) => e.windowId === click.windowId && e.timestamp >= click.timestamp && e.timestamp - click.timestamp <= options.errorWindowMs);
      if (errored) continue;
      signals.push({
        kind: 'dead_click',
        sessionId: session.id,
        timestamp: click.timestamp,
        page: routeAt(session, click.pageIndex),
        element,
        details: { mutationDelayMs: r.mutationMs ?? -1, scrollDelayMs: r.scrollMs ?? -1 },
      });
    }
    return signals;
  },
};

// Precision / recall / F1 of detected signals against ground truth, per kind. A detection matches a truth
// occurrence of the same session and kind when it is close in time and, where the truth names an element,
// on that element (route for page-level kinds). Each truth occurrence matches at most one detection.
import { descriptorMatches } from '../replay/selector';
import type { Signal, SignalKind } from '../signals/types';
import type { TruthOccurrence, TruthSession } from './ground-truth';

export interface KindScore {
  kind: SignalKind;
  truth: number;
  detected: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

/** How far apart (ms) a detection and its truth may be: detectors timestamp different moments of an episode. */
export const MATCH_TOLERANCE_MS: Record<SignalKind, number> = {
  rage_click: 1500,
  dead_click: 500,
  error_click: 500,
  thrashed_cursor: 3000,
  hesitation: 1500,
  form_abandonment: 8000,
  quick_back: 3000,
  excessive_scroll: 8000,
  drop_off: Infinity,
};

function sameTarget(truth: TruthOccurrence, signal: Signal): boolean {
  if (truth.route !== signal.page && truth.kind !== 'drop_off') return false;
  if (truth.kind === 'drop_off') return truth.route === signal.page;
  if (!truth.selector) return true;
  return !!signal.element && descriptorMatches(signal.element, truth.selector);
}

export function scoreSignals(truthSessions: TruthSession[], signals: Signal[], kinds: readonly SignalKind[]): KindScore[] {
  const bySession = new Map<string, Signal[]>();
  for (const s of signals) bySession.set(s.sessionId, [...(bySession.get(s.sessionId) ?? []), s]);
  return kinds.map((kind) => {
    let truthCount = 0;
    let detected = 0;
    let matched = 0;
    for (const session of truthSessions) {
      const truths = session.occurrences.filter((o) => o.kind === kind);
      const found = (bySession.get(session.id) ?? []).filter((s) => s.kind === kind);
      truthCount += truths.length;
      detected += found.length;
      const used = new Set<number>();
      for (const truth of truths) {
        const index = found.findIndex(
          (s, i) => !used.has(i) && Math.abs(s.timestamp - truth.t) <= MATCH_TOLERANCE_MS[kind] && sameTarget(truth, s),
        );
        if (index >= 0) {
          used.add(index);
          matched++;
        }
      }
    }
    const precision = detected ? matched / detected : truthCount ? 0 : 1;
    const recall = truthCount ? matched / truthCount : detected ? 0 : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { kind, truth: truthCount, detected, matched, precision, recall, f1 };
  });
}

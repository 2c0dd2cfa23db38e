// Section a: our rage/dead click detectors vs posthog-js and Sentry rules replayed on the same Sessions, scored
// against the recorder's ground truth. Reference signals get the same learned route folding Analysis applies.
import { Analysis } from '../../analyzer/pipeline/analyze';
import { loadGroundTruth, type TruthSession } from '../../analyzer/evaluation/ground-truth';
import { scoreSignals, type KindScore } from '../../analyzer/evaluation/signal-accuracy';
import { parseGoal } from '../../analyzer/replay';
import { learnRouteFolder } from '../../analyzer/replay/route-folding';
import { readSessions } from '../../analyzer/sources/files';
import { posthogRules, sentryRules, sentrySlowClicks } from '../../analyzer/signals/reference';
import type { Signal, SignalKind } from '../../analyzer/signals/types';
import type { Corpus } from './corpus';
import type { BenchTable } from './tables';

const KINDS: readonly SignalKind[] = ['rage_click', 'dead_click'];
export const GOAL = '/checkout/confirmation';

export interface DetectorScores {
  detector: string;
  scores: KindScore[];
  /** Detections no truth occurrence could match, grouped by kind, route and element: where precision goes. */
  unmatched: { target: string; count: number }[];
}

export interface ComparisonResult {
  sessions: number;
  truthSessions: number;
  detectors: DetectorScores[];
}

function unmatchedTargets(truth: Map<string, TruthSession>, signals: Signal[]): { target: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const s of signals) {
    const session = truth.get(s.sessionId);
    const matched = session && scoreSignals([session], [s], [s.kind])[0].matched > 0;
    if (matched) continue;
    const target = `${s.kind} ${s.page} ${s.element?.selector ?? '(page)'}`;
    counts.set(target, (counts.get(target) ?? 0) + 1);
  }
  return [...counts].map(([target, count]) => ({ target, count })).sort((a, b) => b.count - a.count).slice(0, 6);
}

export async function compareDetectors(corpus: Corpus): Promise<ComparisonResult> {
  if (!corpus.truthFile) throw new Error(`${corpus.dir} has no ground-truth.json`);
  const truth = loadGroundTruth(corpus.truthFile);
  const goalText = truth.goal || GOAL;
  const analysis = new Analysis({ goal: parseGoal(goalText), goalText, detect: { kinds: KINDS } });
  const reference: Record<'posthog' | 'sentry' | 'sentryNoWait', Signal[]> = { posthog: [], sentry: [], sentryNoWait: [] };
  for await (const raw of readSessions(corpus.files)) {
    const session = analysis.addRaw(raw);
    reference.posthog.push(...posthogRules(session));
    reference.sentry.push(...sentryRules(session));
    reference.sentryNoWait.push(...sentrySlowClicks(session, { awaitVerdict: false }));
  }
  // Learned from the unfolded routes, exactly as Analysis.finish does (finish folds the summaries in place).
  const fold = learnRouteFolder(analysis.summaries.flatMap((s) => s.routes));
  const ours = (await analysis.finish()).signals.filter((s) => KINDS.includes(s.kind));
  const seen = new Set(analysis.summaries.map((s) => s.id));
  const truthSessions = truth.sessions.filter((s) => seen.has(s.id));
  const truthById = new Map(truthSessions.map((s) => [s.id, s]));
  const score = (detector: string, signals: Signal[]): DetectorScores => ({
    detector,
    scores: scoreSignals(truthSessions, signals, KINDS),
    unmatched: unmatchedTargets(truthById, signals),
  });
  const folded = (signals: Signal[]) => signals.map((s) => ({ ...s, page: fold(s.page) }));
  return {
    sessions: analysis.summaries.length,
    truthSessions: truthSessions.length,
    detectors: [
      score('ours', ours),
      score('posthog-js rules', folded(reference.posthog)),
      score('Sentry rules', folded(reference.sentry)),
      // Shows how much of Sentry's gap is its 7 s verdict (lost on page unload) rather than its thresholds.
      score('Sentry rules, no 7 s wait', folded(reference.sentryNoWait)),
    ],
  };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

export function comparisonTable(result: ComparisonResult): BenchTable {
  const rows = result.detectors.flatMap((d) =>
    d.scores.map((s) => [d.detector, s.kind, s.truth, s.detected, s.matched, pct(s.precision), pct(s.recall), pct(s.f1)]),
  );
  const notes = result.detectors
    .filter((d) => d.unmatched.length)
    .map((d) => `${d.detector} unmatched: ${d.unmatched.map((u) => `${u.count}× ${u.target}`).join('; ')}`);
  return {
    title: `Detector comparison (${result.sessions} sessions, ${result.truthSessions} with ground truth)`,
    head: ['detector', 'kind', 'truth', 'detected', 'matched', 'precision', 'recall', 'F1'],
    rows,
    notes,
  };
}

// How well a behaviour policy predicts what users do next: top-k accuracy over decision steps, and the two
// baselines any learned policy must beat, run by the same code: the route's most-clicked element, and a
// first-order Markov chain over action keys.
import type { PolicyStep } from '../../models/train/types';
import type { LabelledStep } from '../features/policy-steps';

/** One score per candidate of a step (higher = more likely); same order as `step.candidates`. */
export type StepScorer<S extends PolicyStep = LabelledStep> = (step: S) => ArrayLike<number>;

/**
 * Rank of the chosen candidate under `scores` (0 = best). Ties go to document order: among equal scores the
 * lower index ranks first (candidates are in document order, then BACK, LEAVE). NaN counts as -Infinity.
 */
export function rankOfChosen(scores: ArrayLike<number>, chosen: number): number {
  const value = (i: number) => (Number.isNaN(scores[i]) ? Number.NEGATIVE_INFINITY : scores[i]);
  const own = value(chosen);
  let rank = 0;
  for (let i = 0; i < scores.length; i++) {
    if (i === chosen) continue;
    const v = value(i);
    if (v > own || (v === own && i < chosen)) rank++;
  }
  return rank;
}

/** Share of steps whose chosen candidate is among the scorer's top k (0 when there are no steps). */
export function topKAccuracy<S extends PolicyStep>(steps: readonly S[], scorer: StepScorer<S>, k: number): number {
  if (steps.length === 0) return 0;
  let hits = 0;
  for (const step of steps) {
    const scores = scorer(step);
    if (scores.length !== step.candidates.length) throw new Error(`scorer returned ${scores.length} scores for ${step.candidates.length} candidates`);
    if (rankOfChosen(scores, step.chosen) < k) hits++;
  }
  return hits / steps.length;
}

function increment(map: Map<string, Map<string, number>>, outer: string, inner: string): void {
  let m = map.get(outer);
  if (!m) map.set(outer, (m = new Map()));
  m.set(inner, (m.get(inner) ?? 0) + 1);
}

function maxOf(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

/**
 * Most-clicked baseline: a candidate scores how often its key was chosen on the step's route in training (keys
 * include BACK and LEAVE); the key's count over all routes breaks ties and covers unseen routes; remaining ties
 * go to document order.
 */
export function mostClickedScorer(train: readonly LabelledStep[]): StepScorer {
  const byRoute = new Map<string, Map<string, number>>();
  const global = new Map<string, number>();
  for (const step of train) {
    increment(byRoute, step.route, step.chosenKey);
    global.set(step.chosenKey, (global.get(step.chosenKey) ?? 0) + 1);
  }
  // Scaled so that the fraction stays below 1: route count first, global count second (exact in float64).
  const globalScale = 1 / (maxOf(global.values()) + 1);
  return (step) => {
    const route = byRoute.get(step.route);
    return Float64Array.from(step.candidateKeys, (key) => (route?.get(key) ?? 0) + (global.get(key) ?? 0) * globalScale);
  };
}

/**
 * First-order Markov baseline: counts of (previous action key -> next key) in training, the session's first step
 * following 'START'. A candidate scores its transition count from the step's previous key; the most-clicked score
 * breaks ties and stands in for unseen transitions.
 */
export function markovScorer(train: readonly LabelledStep[]): StepScorer {
  const transitions = new Map<string, Map<string, number>>();
  for (const step of train) increment(transitions, step.previousKey, step.chosenKey);
  const fallback = mostClickedScorer(train);
  return (step) => {
    const base = fallback(step);
    const next = transitions.get(step.previousKey);
    let maxBase = 0;
    for (let i = 0; i < base.length; i++) maxBase = Math.max(maxBase, base[i]);
    const scale = 1 / (maxBase + 1);
    return Float64Array.from(step.candidateKeys, (key, i) => (next?.get(key) ?? 0) + base[i] * scale);
  };
}

export interface TopKAccuracy {
  top1: number;
  top3: number;
}

export interface BaselineAccuracies {
  steps: number;
  mostClicked: TopKAccuracy;
  markov: TopKAccuracy;
}

/** Both baselines fitted on `train` and scored on `test` (split by session: no session in both). */
export function baselineAccuracies(train: readonly LabelledStep[], test: readonly LabelledStep[]): BaselineAccuracies {
  const accuracy = (scorer: StepScorer): TopKAccuracy => ({ top1: topKAccuracy(test, scorer, 1), top3: topKAccuracy(test, scorer, 3) });
  return { steps: test.length, mostClicked: accuracy(mostClickedScorer(train)), markov: accuracy(markovScorer(train)) };
}

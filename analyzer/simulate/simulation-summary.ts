// The figures of a simulation, from its runs alone (pure): success rate with its Wilson interval, medians, how runs
// ended, where the policy hesitated (confusion points), grouped breakages, and warnings a reader must not miss.
import { describeGoal } from './flows';
import { wilsonInterval } from './stats';
import type { Breakage, ConfusionPoint, Flow, RunOutcome, RunResult, RunStep, SimulationReport } from './types';

/** A decision spread this wide (nats) is unsure: e^1 ≈ 2.7 equally likely actions. */
export const HIGH_ENTROPY_NATS = 1;
/** Sitting still this long before acting counts as hesitating (the hesitation detector's minIdleMs). */
export const LONG_IDLE_MS = 5000;
/** Confusion points listed in a report, most confused first. */
export const MAX_CONFUSION_POINTS = 10;
/** A confusion point needs this many confused decisions across the runs. */
const MIN_CONFUSED_STEPS = 2;

const OUTCOMES: readonly RunOutcome[] = ['success', 'left', 'dead_end', 'cap', 'error'];

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarizeRuns(runs: readonly RunResult[]): SimulationReport['summary'] {
  const successes = runs.filter((r) => r.outcome === 'success').length;
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, runs.filter((r) => r.outcome === o).length])) as Record<RunOutcome, number>;
  const withSteps = runs.filter((r) => r.steps.length > 0);
  return {
    runs: runs.length,
    successes,
    successRate: runs.length > 0 ? successes / runs.length : 0,
    successInterval: wilsonInterval(successes, runs.length),
    medianSteps: median(runs.map((r) => r.steps.length)),
    // Virtual time per decision, run by run: what a person would spend per step of the flow.
    medianStepMs: Math.round(median(withSteps.map((r) => r.durationMs / r.steps.length))),
    outcomes,
  };
}

/** The action of a step as a reader knows it: the element's selector, else its fingerprint, else BACK / LEAVE. */
function actionName(step: RunStep): string {
  if (step.action === 'back') return 'BACK';
  if (step.action === 'leave') return 'LEAVE';
  return step.selector ?? step.fingerprint ?? step.action;
}

/** Idle time before a step; reports without it (older runs) fall back on the whole dwell. */
const idleOf = (step: RunStep) => step.idleMs ?? step.dwellMs;
const isConfused = (step: RunStep) => step.entropy >= HIGH_ENTROPY_NATS || idleOf(step) >= LONG_IDLE_MS;

/**
 * Decision points (route + what the user had just done on that page) where decisions were confused: high entropy
 * or a long idle wait. Ranked by confused decisions, then mean entropy.
 */
export function confusionPoints(runs: readonly RunResult[]): ConfusionPoint[] {
  const groups = new Map<string, { route: string; after: string; steps: RunStep[]; runs: Set<string> }>();
  for (const run of runs) {
    run.steps.forEach((step, i) => {
      const previous = run.steps[i - 1];
      const samePage = previous && previous.route === step.route && previous.reaction !== 'navigation';
      const after = samePage ? actionName(previous) : '(arrival)';
      const key = `${step.route}\u0000${after}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { route: step.route, after, steps: [], runs: new Set() }));
      group.steps.push(step);
      group.runs.add(run.id);
    });
  }
  const points: ConfusionPoint[] = [];
  for (const group of groups.values()) {
    const confused = group.steps.filter(isConfused);
    if (confused.length < MIN_CONFUSED_STEPS) continue;
    const choices = new Map<string, number>();
    for (const step of group.steps) choices.set(actionName(step), (choices.get(actionName(step)) ?? 0) + 1);
    points.push({
      route: group.route,
      after: group.after,
      steps: group.steps.length,
      runs: group.runs.size,
      confusedSteps: confused.length,
      meanEntropy: group.steps.reduce((s, step) => s + step.entropy, 0) / group.steps.length,
      medianIdleMs: Math.round(median(group.steps.map(idleOf))),
      choices: [...choices].map(([action, count]) => ({ action, count })).sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)),
    });
  }
  return points.sort((a, b) => b.confusedSteps - a.confusedSteps || b.meanEntropy - a.meanEntropy).slice(0, MAX_CONFUSION_POINTS);
}

/** Exceptions and failed requests grouped by kind, route and message, most widespread first. */
export function breakagesOf(runs: readonly RunResult[]): Breakage[] {
  const groups = new Map<string, Breakage & { ids: Set<string> }>();
  for (const run of runs) {
    for (const error of run.errors) {
      const key = `${error.kind}\u0000${error.route}\u0000${error.message}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { ...error, runs: 0, occurrences: 0, ids: new Set() }));
      group.occurrences++;
      group.ids.add(run.id);
    }
  }
  return [...groups.values()]
    .map(({ ids, ...b }) => ({ ...b, runs: ids.size }))
    .sort((a, b) => b.runs - a.runs || b.occurrences - a.occurrences || a.message.localeCompare(b.message));
}

/** Where runs that did not succeed ended: the route of their last step (or the start). */
function endRoutes(runs: readonly RunResult[]): string {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const route = run.steps.length > 0 ? run.steps[run.steps.length - 1].route : '(start page)';
    counts.set(route, (counts.get(route) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([route, n]) => `${route} (${n})`).join(', ');
}

export function simulationWarnings(flow: Flow, runs: readonly RunResult[]): string[] {
  const warnings: string[] = [];
  if (runs.length === 0) return ['no run finished'];
  const failed = runs.filter((r) => r.outcome !== 'success');
  if (failed.length === runs.length) {
    const outcomes = OUTCOMES.filter((o) => o !== 'success')
      .map((o) => [o, runs.filter((r) => r.outcome === o).length] as const)
      .filter(([, n]) => n > 0)
      .map(([o, n]) => `${n} ${o}`)
      .join(', ');
    warnings.push(`no run reached the goal (${describeGoal(flow.goal)}): ${outcomes}; runs ended on ${endRoutes(runs)}`);
  }
  const errors = runs.filter((r) => r.outcome === 'error');
  if (errors.length > 0) warnings.push(`${errors.length} run(s) could not go on: ${errors[0].failure ?? 'unknown failure'}`);
  const capped = runs.filter((r) => r.outcome === 'cap').length;
  if (capped > runs.length / 2) warnings.push(`${capped} of ${runs.length} runs hit maxSteps (${flow.maxSteps}): raise it if the flow needs more actions`);
  return warnings;
}

// The decision a synthetic user faces now, built by exactly the code that built the policy's training steps: the
// run's own rrweb recording so far goes through policyStepsOf, whose final LEAVE step holds the page's candidates
// (DOM mirror rebuilt from the recorder's FullSnapshot + mutations, so node ids are rrweb's own) with their feature
// vectors and the context vector, priors included. Then a temperature-scaled draw from the policy's softmax.
import { policyStepsOf, type LabelledStep, type PolicyStepOptions } from '../features/policy-steps';
import type { PolicyPriors } from '../models/policy-runner';
import { softmax } from '../models/policy-runner';
import type { ReplayEvent } from '../replay/build-session';
import { learnRouteFolder, type RouteFolder } from '../replay/route-folding';
import type { SimulationRandom } from './simulation-random';

export interface DecisionPoint {
  /** Folded route of the page. */
  route: string;
  /** Element candidates then BACK, LEAVE (ELEMENT_FEATURE_NAMES vectors), as the scorer takes them. */
  candidates: Float32Array[];
  /** Fingerprint (or 'BACK' / 'LEAVE') of each candidate. */
  keys: string[];
  /** rrweb node id of each element candidate (shorter than `keys` by the two pseudo-actions). */
  nodeIds: number[];
  /** POLICY_CONTEXT_NAMES vector, for the dwell head. */
  context: Float32Array;
  /** Virtual time the wait before this decision began (the previous action, or the page's start). */
  since: number;
}

/**
 * Route templates at inference: the model's explicit patterns plus every templated route its priors were learned
 * on ("/product/:id"), so "/product/merino-crew" finds the priors of the product page.
 */
export function policyRoutePatterns(priors: PolicyPriors): string[] {
  const templated = new Set<string>(priors.routePatterns);
  const routes = [...priors.clickPriors.keys(), ...priors.transitionPriors.keys(), ...priors.funnel];
  for (const route of routes) if (route.split('/').some((segment) => segment.startsWith(':'))) templated.add(route);
  return [...templated];
}

export function policyRouteFolder(priors: PolicyPriors): RouteFolder {
  return learnRouteFolder([], policyRoutePatterns(priors));
}

/**
 * Step extraction exactly as the synthetic users build their decisions: the model's priors, its elements clicked in
 * training offered as candidates, its funnel and route folding. Evaluation and calibration replay with the same.
 */
export function policyStepOptions(priors: PolicyPriors, fold: RouteFolder = policyRouteFolder(priors)): PolicyStepOptions {
  return {
    clickPriors: priors.clickPriors,
    transitionPriors: priors.transitionPriors,
    extraFingerprints: priors.clickedFingerprints,
    funnel: priors.funnel,
    foldRoute: fold,
  };
}

/**
 * The current decision from the recording so far (events in time order), or undefined before the first page has
 * been recorded. `runId` only labels the replay.
 */
export function currentDecision(events: ReplayEvent[], priors: PolicyPriors, fold: RouteFolder, runId = 'live'): DecisionPoint | undefined {
  // No goal: the live run stops at its goal itself, and without one the replay always ends with a LEAVE step.
  const { steps } = policyStepsOf({ id: runId, origin: 'live', events }, undefined, { ...policyStepOptions(priors, fold), lastStepOnly: true });
  const last: LabelledStep | undefined = steps[steps.length - 1];
  if (!last || last.kind !== 'leave') return undefined;
  return {
    route: last.route,
    candidates: last.candidates as Float32Array[],
    keys: last.candidateKeys,
    nodeIds: last.candidateNodeIds ?? [],
    context: last.context as Float32Array,
    since: last.timestamp - last.dwellMs,
  };
}

export interface SampledAction {
  index: number;
  /** The policy's own probability of it (temperature 1). */
  probability: number;
}

/** Entropy (nats) of a distribution. */
export function entropyOf(probabilities: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probabilities.length; i++) if (probabilities[i] > 0) h -= probabilities[i] * Math.log(probabilities[i]);
  return h;
}

/**
 * Draw a candidate from softmax((logits + bias) / temperature), never one in `exclude` (candidates found
 * unreachable); undefined when every candidate is excluded. `bias`: index -> offset added to that logit (the
 * persona's intent, e.g. a LEAVE penalty). The returned probability is the policy's own, without bias or temperature.
 */
export function sampleAction(
  logits: ArrayLike<number>,
  temperature: number,
  random: SimulationRandom,
  exclude: ReadonlySet<number> = new Set(),
  bias: ReadonlyMap<number, number> = new Map(),
): SampledAction | undefined {
  const policy = softmax(logits);
  const scaled = Array.from(logits, (l, i) => (exclude.has(i) ? -Infinity : (l + (bias.get(i) ?? 0)) / Math.max(temperature, 1e-3)));
  if (scaled.every((s) => s === -Infinity)) return undefined;
  const index = random.categorical(softmax(scaled));
  return { index, probability: policy[index] };
}

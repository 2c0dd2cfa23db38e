// Decision steps for imitation learning of the behaviour policy, from one replay of a recorded session: each
// click, each back navigation and, for a session that ends without converting, a final LEAVE. Each step holds the
// candidate actions on the page AS IT WAS AT THAT MOMENT (the mirror before the click is applied), which one the
// user took, the situation (context vector, for the dwell head) and the wait before it. Steps stop at conversion.
// Sequence columns of the candidates: the route's training transitions from the previous action (filled here from
// options.transitionPriors, or later with setTransitionPriors) and the anchor, the element last clicked or typed
// into on this page (sequencePositions), so "the next field of the form" can be told from the others.
import { buildSession, type ReplayInput, type ReplayMoment, type ReplayObserver } from '../replay/build-session';
import type { MirrorNode } from '../replay/mirror';
import type { RouteFolder } from '../replay/route-folding';
import type { Goal, Interaction, Session } from '../replay/types';
import type { PolicyStep } from '../../models/train/types';
import { candidateElements, MAX_CANDIDATES } from './candidates';
import { BACK_KEY, BACK_LINK_WINDOW_MS, conversionCut, identityFold, isBackNavigation, LEAVE_KEY, previousPageInWindow, safeLog1p, START_KEY } from './common';
import {
  CLICK_PRIOR_COLUMN,
  ELEMENT_FEATURE_NAMES,
  TRANSITION_PRIOR_COLUMN,
  TRANSITION_SEEN_COLUMN,
  candidateTraits,
  scaledShare,
  sequencePositions,
  writeElementFeatures,
  writePseudoFeatures,
  type ClickPriors,
  type ElementTraits,
  type TransitionPriors,
} from './element-features';
import { funnelDepthOf } from './session-features';

export type ActionKind = 'click' | 'back' | 'leave';

/** A PolicyStep plus what baselines and analyses need: where it happened and which keys were on offer. */
export interface LabelledStep extends PolicyStep {
  kind: ActionKind;
  timestamp: number;
  pageIndex: number;
  /** Folded route of the page the decision was taken on. */
  route: string;
  /** Fingerprint of the chosen element, or 'BACK' / 'LEAVE'. */
  chosenKey: string;
  /** One key per candidate, same order as `candidates` (elements in document order, then 'BACK', 'LEAVE'). */
  candidateKeys: string[];
  /**
   * rrweb node id of each element candidate, same order (BACK and LEAVE have none): on a live page recorded with
   * rrweb, `record.mirror.getNode(id)` is the element itself, so the synthetic users act on what was scored.
   */
  candidateNodeIds?: number[];
  /** Key of the session's previous action ('START' for its first step). */
  previousKey: string;
  /** The clicked element was not among candidateElements() and was added (in document order when attached). */
  targetAdded: boolean;
}

/** Columns of a step's context vector. All are known when the wait before the action begins (no dwell leak). */
export const POLICY_CONTEXT_NAMES: readonly string[] = [
  'ctx:steps_so_far',
  'ctx:pages_so_far',
  'ctx:funnel_depth',
  'ctx:time_on_page_s',
  'ctx:session_time_s',
  'ctx:candidates',
  'ctx:form_fields',
  'ctx:fields_filled_on_page',
  'ctx:actions_on_page',
  'ctx:page_reached_by_back',
  'ctx:previous_action_back',
  'ctx:first_page',
  'ctx:errors_so_far',
  'ctx:scroll_depth_viewports',
];

export interface PolicyStepOptions {
  /** route -> key -> share, from TRAINING steps only (clickPriorsOf); can also be filled in later (setClickPriors). */
  clickPriors?: ClickPriors;
  /** route -> previous key -> key -> share, from TRAINING steps only (transitionPriorsOf; or setTransitionPriors later). */
  transitionPriors?: TransitionPriors;
  /** Fingerprints to offer as candidates whatever they look like (e.g. elements clicked in the training data). */
  extraFingerprints?: ReadonlySet<string>;
  /** Route folding (learnRouteFolder) so "/product/a" and "/product/b" share priors; default: routes as replayed. */
  foldRoute?: RouteFolder;
  /** A learned funnel (learnFunnel) for ctx:funnel_depth; default: generic depth (distinct routes reached forward). */
  funnel?: readonly string[];
  /** Cap on element candidates per step (default MAX_CANDIDATES). */
  maxCandidates?: number;
  /**
   * Only the last step is wanted whole (a live decision, rebuilt at every step of a run): earlier clicks keep the
   * element chosen and earlier backs none, which is all the last step reads of them (anchor, previous key, counts).
   */
  lastStepOnly?: boolean;
}

export interface PolicyStepStats {
  /** Clicks up to the conversion moment. */
  clicks: number;
  /** Clicks whose target (as the replay resolves it) was already among candidateElements(). */
  targetAmongCandidates: number;
  /** Clicks whose target had to be added to the candidates (a label is never dropped silently). */
  targetAdded: number;
  /** Of those, targets not reachable from the document (detached or in a skipped subtree): appended last. */
  targetDetached: number;
  /** Clicks on nodes unknown to the mirror: no element to label, no step. */
  unknownTargets: number;
  backs: number;
  leaves: number;
}

export interface PolicySteps {
  /** The replayed session (same as buildSession(input, goal)). */
  session: Session;
  steps: LabelledStep[];
  stats: PolicyStepStats;
}

interface Captured {
  kind: ActionKind;
  windowId: string;
  timestamp: number;
  pageIndex: number;
  /** Element candidates in document order, with their traits (the mirror is only valid during the callback). */
  elements: ElementTraits[];
  chosen?: number;
  targetAdded: boolean;
  targetDetached?: boolean;
  pageUrl: string;
}

function emptyStats(): PolicyStepStats {
  return { clicks: 0, targetAmongCandidates: 0, targetAdded: 0, targetDetached: 0, unknownTargets: 0, backs: 0, leaves: 0 };
}

/**
 * Replay `input` once and return its decision steps, the Session, and counts of how labels were found. Steps are
 * in time order and end at the conversion moment (actions at that very moment, e.g. a goal click, included).
 */
export function policyStepsOf(input: ReplayInput, goal: Goal | undefined, options: PolicyStepOptions = {}): PolicySteps {
  const fold = options.foldRoute ?? identityFold;
  const max = options.maxCandidates ?? MAX_CANDIDATES;
  const stats = emptyStats();
  const captured: Captured[] = [];
  let final: Captured | undefined;
  const lastClick = new Map<string, { timestamp: number; pageIndex: number }>();

  const candidatesAt = (moment: ReplayMoment, include?: MirrorNode) =>
    candidateElements(moment.mirror, options.extraFingerprints, { root: moment.documentId, max, include: include ? new Set([include.id]) : undefined });
  const capture = (kind: ActionKind, moment: ReplayMoment, nodes: MirrorNode[]): Captured => ({
    kind,
    windowId: moment.windowId,
    timestamp: moment.timestamp,
    pageIndex: moment.pageIndex,
    elements: candidateTraits(moment.mirror, nodes),
    targetAdded: false,
    pageUrl: moment.pages[moment.pageIndex]?.url ?? '',
  });

  const observer: ReplayObserver = {
    // Everything mirror-dependent is read here, during the callback; the rest waits for the finished Session.
    beforeClick(moment) {
      lastClick.set(moment.windowId, { timestamp: moment.timestamp, pageIndex: moment.pageIndex });
      const target = moment.target;
      if (!target) {
        captured.push({ kind: 'click', windowId: moment.windowId, timestamp: moment.timestamp, pageIndex: moment.pageIndex, elements: [], targetAdded: false, pageUrl: '' });
        return;
      }
      if (options.lastStepOnly) {
        captured.push({ ...capture('click', moment, [target]), chosen: 0 });
        return;
      }
      let nodes = candidatesAt(moment);
      let chosen = nodes.findIndex((n) => n.id === target.id);
      let added = false;
      let detached = false;
      if (chosen < 0) {
        added = true;
        nodes = candidatesAt(moment, target);
        chosen = nodes.findIndex((n) => n.id === target.id);
        if (chosen < 0) {
          detached = true;
          nodes = [...nodes, target];
          chosen = nodes.length - 1;
        }
      }
      const step = capture('click', moment, nodes);
      step.chosen = chosen;
      step.targetAdded = added;
      step.targetDetached = detached;
      captured.push(step);
    },
    beforeNavigation(moment) {
      // Only what the replay will mark 'back' (the URL before the previous one in this window) and no link was
      // clicked just before: confirmed against the Session afterwards.
      const previous = previousPageInWindow(moment.pages, moment.pageIndex);
      if (previous === undefined || moment.pages[previous].url !== moment.url) return;
      const click = lastClick.get(moment.windowId);
      if (click && click.pageIndex === moment.pageIndex && moment.timestamp - click.timestamp <= BACK_LINK_WINDOW_MS) return;
      captured.push(capture('back', moment, options.lastStepOnly ? [] : candidatesAt(moment)));
    },
    atEnd(moment) {
      if (moment.pageIndex === moment.pages.length - 1) final = capture('leave', moment, candidatesAt(moment));
    },
  };
  const session = buildSession(input, goal, observer);
  const steps = assembleSteps(session, captured, final, options, fold, stats);
  return { session, steps, stats };
}

/**
 * Input events this close to a page's start are the page's initial field values as rrweb records them on load,
 * not typing: they never make a field the anchor.
 */
export const PAGE_LOAD_INPUT_MS = 50;

/**
 * Fingerprint of the anchor of a step: the element last clicked (an earlier step on the same page) or typed into
 * (an input event on the page, after its load, strictly before the step) before `timestamp`; undefined when the
 * user has not acted on this page yet. An input at the very moment of the click it follows wins (a label's click
 * types into its field).
 */
export function anchorKeyOf(
  page: { start: number },
  lastClick: { timestamp: number; key: string } | undefined,
  inputsOnPage: readonly Interaction[],
  timestamp: number,
): string | undefined {
  let anchor = lastClick;
  for (const i of inputsOnPage) {
    const key = i.element?.fingerprint;
    if (key === undefined || i.timestamp >= timestamp || i.timestamp - page.start < PAGE_LOAD_INPUT_MS) continue;
    if (!anchor || i.timestamp >= anchor.timestamp) anchor = { timestamp: i.timestamp, key };
  }
  return anchor?.key;
}

/** Per-page state along the session: what the context vector and the features need at each step. */
function assembleSteps(session: Session, captured: Captured[], final: Captured | undefined, options: PolicyStepOptions, fold: RouteFolder, stats: PolicyStepStats): LabelledStep[] {
  const cut = conversionCut(session);
  const clicks = session.interactions.filter((i) => i.kind === 'click');
  const backPages = new Set<number>();
  session.pages.forEach((_, index) => {
    if (isBackNavigation(session.pages, clicks, index)) backPages.add(index);
  });
  const actions: Captured[] = [];
  for (const c of captured) {
    if (c.timestamp > cut) continue;
    if (c.kind === 'back') {
      // The page this navigation opened: the window's next page, starting at this moment.
      const opened = session.pages.findIndex((p, index) => index > c.pageIndex && p.windowId === c.windowId && p.start === c.timestamp);
      if (opened < 0 || !backPages.has(opened)) continue;
    }
    actions.push(c);
  }
  if (!session.outcome.converted && final) actions.push({ ...final, timestamp: Math.max(final.timestamp, session.end) });

  const steps: LabelledStep[] = [];
  const clicksSoFar = new Map<string, number>();
  const width = ELEMENT_FEATURE_NAMES.length;
  let previousTime: number | undefined;
  let previousKey = START_KEY;
  let longestDwellMs = 0;
  for (const action of actions) {
    if (action.kind === 'click') {
      stats.clicks++;
      if (action.chosen === undefined) {
        stats.unknownTargets++;
        continue;
      }
      if (action.targetAdded) stats.targetAdded++;
      else stats.targetAmongCandidates++;
      if (action.targetDetached) stats.targetDetached++;
    }
    const page = session.pages[action.pageIndex];
    const route = fold(page.route);
    const since = Math.max(previousTime ?? page.start, page.start);
    const inputsOnPage = session.interactions.filter((i) => i.pageIndex === action.pageIndex && i.kind === 'input' && i.timestamp < action.timestamp);
    const fieldValues = fieldValuesOf(inputsOnPage);
    let lastClick: LabelledStep | undefined;
    for (let k = steps.length - 1; k >= 0 && !lastClick; k--) if (steps[k].pageIndex === action.pageIndex && steps[k].kind === 'click') lastClick = steps[k];
    const anchorKey = anchorKeyOf(page, lastClick && { timestamp: lastClick.timestamp, key: lastClick.chosenKey }, inputsOnPage, action.timestamp);
    const sequence = sequencePositions(action.elements, anchorKey, fieldValues);
    const history = { steps: steps.length, previousDwellMs: steps.length > 0 ? steps[steps.length - 1].dwellMs : 0, longestDwellMs };
    const priors = { clickPriors: options.clickPriors, transitionPriors: options.transitionPriors, previousKey, history };

    const n = action.elements.length;
    const buffer = new Float32Array((n + 2) * width);
    const candidates: Float32Array[] = [];
    const keys: string[] = [];
    const nodeIds: number[] = [];
    action.elements.forEach((traits, i) => {
      writeElementFeatures(buffer, i * width, traits, { route, pageUrl: action.pageUrl || page.url, ...priors, clicksSoFar, candidateCount: n, candidateIndex: i, fieldValues, sequence });
      candidates.push(buffer.subarray(i * width, (i + 1) * width));
      keys.push(traits.fingerprint);
      nodeIds.push(traits.nodeId);
    });
    const hasHistory = previousPageInWindow(session.pages, action.pageIndex) !== undefined;
    ([BACK_KEY, LEAVE_KEY] as const).forEach((key, j) => {
      writePseudoFeatures(buffer, (n + j) * width, key, { route, ...priors, hasHistory });
      candidates.push(buffer.subarray((n + j) * width, (n + j + 1) * width));
      keys.push(key);
    });
    const chosen = action.kind === 'click' ? action.chosen! : action.kind === 'back' ? n : n + 1;
    const chosenKey = keys[chosen];

    const context = contextVector(session, {
      steps: steps.length,
      pageIndex: action.pageIndex,
      since,
      elements: action.elements,
      fieldsFilled: new Set(inputsOnPage.filter((i) => i.timestamp < since).map((i) => i.element?.fingerprint ?? '')).size,
      actionsOnPage: steps.filter((s) => s.pageIndex === action.pageIndex).length,
      previousKey,
      backPages,
      fold,
      funnel: options.funnel,
    });

    steps.push({
      candidates,
      chosen,
      context,
      dwellMs: Math.max(0, action.timestamp - since),
      sessionId: session.id,
      kind: action.kind,
      timestamp: action.timestamp,
      pageIndex: action.pageIndex,
      route,
      chosenKey,
      candidateKeys: keys,
      candidateNodeIds: nodeIds,
      previousKey,
      targetAdded: action.targetAdded,
    });
    if (action.kind === 'click') clicksSoFar.set(chosenKey, (clicksSoFar.get(chosenKey) ?? 0) + 1);
    else if (action.kind === 'back') stats.backs++;
    else stats.leaves++;
    previousTime = action.timestamp;
    previousKey = chosenKey;
    longestDwellMs = Math.max(longestDwellMs, steps[steps.length - 1].dwellMs);
  }
  return steps;
}

/** Value lengths by field fingerprint from input events (the replay does not write values into the mirror). */
function fieldValuesOf(inputs: readonly Interaction[]): Map<string, number> {
  const values = new Map<string, number>();
  for (const i of inputs) {
    const key = i.element?.fingerprint;
    if (key === undefined) continue;
    values.set(key, i.checked !== undefined ? (i.checked ? 1 : 0) : (i.valueLength ?? 0));
  }
  return values;
}

interface ContextParts {
  steps: number;
  pageIndex: number;
  since: number;
  elements: readonly ElementTraits[];
  fieldsFilled: number;
  actionsOnPage: number;
  previousKey: string;
  backPages: ReadonlySet<number>;
  fold: RouteFolder;
  funnel?: readonly string[];
}

function contextVector(session: Session, parts: ContextParts): Float32Array {
  const page = session.pages[parts.pageIndex];
  const visits = session.pages.slice(0, parts.pageIndex + 1).map((p, index) => ({ route: parts.fold(p.route), back: parts.backPages.has(index) }));
  let maxScroll = 0;
  for (const i of session.interactions) {
    if (i.kind === 'scroll' && i.pageIndex === parts.pageIndex && i.timestamp < parts.since && i.scrollY !== undefined) maxScroll = Math.max(maxScroll, i.scrollY);
  }
  const height = page.viewport?.height;
  const values: Record<string, number> = {
    'ctx:steps_so_far': safeLog1p(parts.steps),
    'ctx:pages_so_far': safeLog1p(parts.pageIndex + 1),
    'ctx:funnel_depth': safeLog1p(funnelDepthOf(visits, parts.funnel)),
    'ctx:time_on_page_s': safeLog1p((parts.since - page.start) / 1000),
    'ctx:session_time_s': safeLog1p((parts.since - session.start) / 1000),
    'ctx:candidates': safeLog1p(parts.elements.length),
    'ctx:form_fields': safeLog1p(parts.elements.filter((e) => e.isField).length),
    'ctx:fields_filled_on_page': safeLog1p(parts.fieldsFilled),
    'ctx:actions_on_page': safeLog1p(parts.actionsOnPage),
    'ctx:page_reached_by_back': parts.backPages.has(parts.pageIndex) ? 1 : 0,
    'ctx:previous_action_back': parts.previousKey === BACK_KEY ? 1 : 0,
    'ctx:first_page': previousPageInWindow(session.pages, parts.pageIndex) === undefined ? 1 : 0,
    'ctx:errors_so_far': safeLog1p(session.errors.filter((e) => e.timestamp < parts.since).length),
    'ctx:scroll_depth_viewports': height ? safeLog1p(maxScroll / height) : 0,
  };
  return Float32Array.from(POLICY_CONTEXT_NAMES, (name) => values[name]);
}

/** Element keys clicked in `steps` (fingerprints; not BACK/LEAVE): extraFingerprints for candidateElements. */
export function clickedFingerprints(steps: Iterable<LabelledStep>): Set<string> {
  const out = new Set<string>();
  for (const step of steps) if (step.kind === 'click') out.add(step.chosenKey);
  return out;
}

interface PriorCounts {
  totals: Map<string, number>;
  counts: Map<string, Map<string, number>>;
}

function countActions(steps: Iterable<LabelledStep>): PriorCounts {
  const totals = new Map<string, number>();
  const counts = new Map<string, Map<string, number>>();
  for (const step of steps) {
    totals.set(step.route, (totals.get(step.route) ?? 0) + 1);
    let perRoute = counts.get(step.route);
    if (!perRoute) counts.set(step.route, (perRoute = new Map()));
    perRoute.set(step.chosenKey, (perRoute.get(step.chosenKey) ?? 0) + 1);
  }
  return { totals, counts };
}

/**
 * route -> key -> share of that route's actions (clicks, backs, leaves) that chose the key. Build it from
 * TRAINING steps only: it is a feature, and test steps' own choices must not be in it.
 */
export function clickPriorsOf(steps: Iterable<LabelledStep>): Map<string, Map<string, number>> {
  const { totals, counts } = countActions(steps);
  const priors = new Map<string, Map<string, number>>();
  for (const [route, perRoute] of counts) {
    const total = totals.get(route) ?? 0;
    priors.set(route, new Map([...perRoute].map(([key, count]) => [key, total > 0 ? count / total : 0])));
  }
  return priors;
}

/**
 * Fill (in place) the click-prior column of every candidate of `steps` from `trainingSteps`, and return `steps`.
 * `leaveOneSessionOut` (for the training steps themselves): each session's own actions are taken out of the counts
 * its steps see, so the prior cannot echo the label (target leakage).
 */
export function setClickPriors<S extends LabelledStep>(steps: S[], trainingSteps: Iterable<LabelledStep>, options: { leaveOneSessionOut?: boolean } = {}): S[] {
  const all = countActions(trainingSteps);
  for (const list of groupBySession(steps).values()) {
    const own = options.leaveOneSessionOut ? countActions(list) : undefined;
    for (const step of list) {
      const total = (all.totals.get(step.route) ?? 0) - (own?.totals.get(step.route) ?? 0);
      const perRoute = all.counts.get(step.route);
      const ownPerRoute = own?.counts.get(step.route);
      step.candidateKeys.forEach((key, i) => {
        const count = (perRoute?.get(key) ?? 0) - (ownPerRoute?.get(key) ?? 0);
        // Steps from policyStepsOf hold Float32Array views, writable in place.
        (step.candidates[i] as Float32Array)[CLICK_PRIOR_COLUMN] = total > 0 && count > 0 ? scaledShare(count / total) : 0;
      });
    }
  }
  return steps;
}

/** Transition counts: route -> previous key -> next key -> count, and route -> previous key -> total. */
interface TransitionCounts {
  totals: Map<string, Map<string, number>>;
  counts: Map<string, Map<string, Map<string, number>>>;
}

function countTransitions(steps: Iterable<LabelledStep>): TransitionCounts {
  const totals = new Map<string, Map<string, number>>();
  const counts = new Map<string, Map<string, Map<string, number>>>();
  for (const step of steps) {
    let routeTotals = totals.get(step.route);
    if (!routeTotals) totals.set(step.route, (routeTotals = new Map()));
    routeTotals.set(step.previousKey, (routeTotals.get(step.previousKey) ?? 0) + 1);
    let routeCounts = counts.get(step.route);
    if (!routeCounts) counts.set(step.route, (routeCounts = new Map()));
    let next = routeCounts.get(step.previousKey);
    if (!next) routeCounts.set(step.previousKey, (next = new Map()));
    next.set(step.chosenKey, (next.get(step.chosenKey) ?? 0) + 1);
  }
  return { totals, counts };
}

/**
 * route -> previous key -> next key -> share of the route's steps following that previous key that chose the next
 * key (transitions of a route-conditioned first-order Markov chain; a session's first step follows 'START'). Build
 * it from TRAINING steps only, like clickPriorsOf.
 */
export function transitionPriorsOf(steps: Iterable<LabelledStep>): Map<string, Map<string, Map<string, number>>> {
  const { totals, counts } = countTransitions(steps);
  const priors = new Map<string, Map<string, Map<string, number>>>();
  for (const [route, byPrevious] of counts) {
    const perRoute = new Map<string, Map<string, number>>();
    for (const [previous, next] of byPrevious) {
      const total = totals.get(route)?.get(previous) ?? 0;
      perRoute.set(previous, new Map([...next].map(([key, count]) => [key, total > 0 ? count / total : 0])));
    }
    priors.set(route, perRoute);
  }
  return priors;
}

/**
 * Fill (in place) the two transition columns (seq:transition_share, seq:transition_seen) of every candidate of
 * `steps` from `trainingSteps`, and return `steps`. `leaveOneSessionOut` as in setClickPriors: each session's own
 * transitions are taken out of the counts its steps see, so the prior cannot echo the label.
 */
export function setTransitionPriors<S extends LabelledStep>(steps: S[], trainingSteps: Iterable<LabelledStep>, options: { leaveOneSessionOut?: boolean } = {}): S[] {
  const all = countTransitions(trainingSteps);
  for (const list of groupBySession(steps).values()) {
    const own = options.leaveOneSessionOut ? countTransitions(list) : undefined;
    for (const step of list) {
      const total = (all.totals.get(step.route)?.get(step.previousKey) ?? 0) - (own?.totals.get(step.route)?.get(step.previousKey) ?? 0);
      const next = all.counts.get(step.route)?.get(step.previousKey);
      const ownNext = own?.counts.get(step.route)?.get(step.previousKey);
      step.candidateKeys.forEach((key, i) => {
        const count = (next?.get(key) ?? 0) - (ownNext?.get(key) ?? 0);
        const vector = step.candidates[i] as Float32Array;
        vector[TRANSITION_PRIOR_COLUMN] = total > 0 && count > 0 ? scaledShare(count / total) : 0;
        vector[TRANSITION_SEEN_COLUMN] = total > 0 ? 1 : 0;
      });
    }
  }
  return steps;
}

function groupBySession<S extends LabelledStep>(steps: readonly S[]): Map<string, S[]> {
  const bySession = new Map<string, S[]>();
  for (const step of steps) {
    let list = bySession.get(step.sessionId);
    if (!list) bySession.set(step.sessionId, (list = []));
    list.push(step);
  }
  return bySession;
}

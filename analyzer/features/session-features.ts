// Behaviour of one session, for the session-outcome model P(convert | behaviour).
//
// Leakage rule: the model must not read the outcome off the features. Everything here is computed only from what
// happened strictly before the conversion moment (session.outcome.convertedAt; see conversionCut): the goal page
// itself (which starts at that moment for a URL goal) and everything after it are invisible, and funnel depth
// never counts the goal step. For a non-converting session the whole recording counts. Signal counts enter only
// through sessionFeatureVector's argument (so a hotspot's friction can be removed counterfactually), and
// drop_off is never a feature: it is defined by not converting.
import type { RouteFolder } from '../replay/route-folding';
import type { Interaction, Session } from '../replay/types';
import { SIGNAL_KINDS, type SignalKind } from '../signals/types';
import { conversionCut, identityFold, isBackNavigation, safeLog1p } from './common';

/** Plain numbers only (structured-cloneable, ~200 bytes): kept per session for 10k+ sessions. */
export interface SessionBehaviour {
  /** Page visits before the cut. */
  pages: number;
  /** Distinct (folded) routes visited. */
  distinctRoutes: number;
  /** How far down the funnel the session got, goal step excluded (see funnelDepthOf). */
  funnelDepth: number;
  /** Pages reached with the browser's back button (not through a link; see isBackNavigation). */
  backNavigations: number;
  /** Time per page visit, s. */
  meanDwellS: number;
  maxDwellS: number;
  /** Session start to the cut (or the last event), s. */
  durationS: number;
  /** Session start to the first click, tap or keystroke, s (the duration when there is none). */
  timeToFirstActionS: number;
  /** Longest stretch without any interaction or mouse movement, s. */
  maxIdleS: number;
  clicks: number;
  /** Keystroke-level input events. */
  inputs: number;
  /** Distinct fields typed into or toggled. */
  fieldsFilled: number;
  /** Times a field's value got shorter than it was (deletions, retyping). */
  inputCorrections: number;
  focuses: number;
  /** Console errors, exceptions and failed requests. */
  errors: number;
  /** Deepest document scroll on any page, px, and in viewport heights of that page (0 when unknown). */
  maxScrollPx: number;
  maxScrollViewports: number;
  /** Total vertical distance scrolled, px, and scroll direction reversals. */
  scrollDistancePx: number;
  scrollReversals: number;
  /** Browser windows (tabs) used. */
  windows: number;
}

/** Field order of the behaviour part of the feature vector. */
export const SESSION_BEHAVIOUR_FIELDS: readonly (keyof SessionBehaviour)[] = [
  'pages',
  'distinctRoutes',
  'funnelDepth',
  'backNavigations',
  'meanDwellS',
  'maxDwellS',
  'durationS',
  'timeToFirstActionS',
  'maxIdleS',
  'clicks',
  'inputs',
  'fieldsFilled',
  'inputCorrections',
  'focuses',
  'errors',
  'maxScrollPx',
  'maxScrollViewports',
  'scrollDistancePx',
  'scrollReversals',
  'windows',
];

/** Signal kinds that are features: all but drop_off, which is defined by not converting. */
export const SESSION_SIGNAL_KINDS: readonly SignalKind[] = SIGNAL_KINDS.filter((k) => k !== 'drop_off');

/** Columns of sessionFeatureVector: behaviour fields (log1p), then signal counts by kind (log1p). */
export const SESSION_FEATURE_NAMES: readonly string[] = [...SESSION_BEHAVIOUR_FIELDS, ...SESSION_SIGNAL_KINDS.map((k) => `signal:${k}`)];

export interface SessionBehaviourOptions {
  /** Folds routes such as "/product/merino-crew" into "/product/:id" (learnRouteFolder); default: as replayed. */
  foldRoute?: RouteFolder;
  /** A learned route order (learnFunnel, from training sessions only); without it funnel depth is generic. */
  funnel?: readonly string[];
  /**
   * Describe the session as it was at this moment (exclusive): the state a friction met the user in. The impact
   * stage compares P(convert) at the friction's moment with and without it, so only what happened before the
   * friction conditions the estimate (later behaviour is partly its consequence).
   */
  until?: number;
}

const ACTION_KINDS = new Set<Interaction['kind']>(['click', 'dblclick', 'contextmenu', 'touch', 'input']);

/** Indices of the pages that started before the cut (the goal page of a URL goal starts at the cut: excluded). */
function pagesBefore(session: Session, cut: number): number[] {
  const out: number[] = [];
  session.pages.forEach((page, index) => {
    if (page.start < cut) out.push(index);
  });
  return out;
}

/** Distinct folded routes of the pages before the cut, in first-visit order (goal page excluded). */
export function funnelRoutesOf(session: Session, foldRoute: RouteFolder = identityFold): string[] {
  const seen = new Set<string>();
  for (const index of pagesBefore(session, conversionCut(session))) seen.add(foldRoute(session.pages[index].route));
  return [...seen];
}

/**
 * Learn a funnel: the routes most converting sessions pass through, ordered by the median position at which they
 * are first reached. `samples` are funnelRoutesOf() of TRAINING sessions with their outcome; a route belongs to
 * the funnel when at least `minShare` of the converting samples reach it. Non-converting samples are ignored.
 */
export function learnFunnel(samples: Iterable<{ converted: boolean; routes: readonly string[] }>, minShare = 0.5): string[] {
  const positions = new Map<string, number[]>();
  let converting = 0;
  for (const sample of samples) {
    if (!sample.converted) continue;
    converting++;
    sample.routes.forEach((route, i) => {
      let list = positions.get(route);
      if (!list) positions.set(route, (list = []));
      list.push(i);
    });
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  return [...positions.entries()]
    .filter(([, list]) => converting > 0 && list.length / converting >= minShare)
    .map(([route, list]) => ({ route, median: median(list), mean: list.reduce((a, b) => a + b, 0) / list.length }))
    .sort((a, b) => a.median - b.median || a.mean - b.mean || a.route.localeCompare(b.route))
    .map((r) => r.route);
}

/**
 * Funnel depth of a sequence of visited (folded) routes, goal excluded. With a learned funnel: 1 + the furthest
 * funnel position reached (0 when no funnel route was reached). Without one (generic): the number of distinct
 * routes first reached by a forward navigation (a link, a load), i.e. distinct routes in first-visit order,
 * minus those only ever reached by going back.
 */
export function funnelDepthOf(visits: readonly { route: string; back: boolean }[], funnel?: readonly string[]): number {
  if (funnel && funnel.length > 0) {
    let depth = 0;
    for (const visit of visits) depth = Math.max(depth, funnel.indexOf(visit.route) + 1);
    return depth;
  }
  const seen = new Set<string>();
  let depth = 0;
  for (const visit of visits) {
    if (!seen.has(visit.route) && !visit.back) depth++;
    seen.add(visit.route);
  }
  return depth;
}

export function sessionBehaviour(session: Session, options: SessionBehaviourOptions = {}): SessionBehaviour {
  const fold = options.foldRoute ?? identityFold;
  const cut = Math.min(conversionCut(session), options.until ?? Number.POSITIVE_INFINITY);
  const end = Math.min(session.end, cut);
  const pageIndices = pagesBefore(session, cut);
  const before = session.interactions.filter((i) => i.timestamp < cut);
  const clicks = session.interactions.filter((i) => i.kind === 'click');

  const visits = pageIndices.map((index) => ({ route: fold(session.pages[index].route), back: isBackNavigation(session.pages, clicks, index) }));
  const dwells = pageIndices.map((index) => {
    const page = session.pages[index];
    return Math.max(0, Math.min(page.end, cut) - page.start) / 1000;
  });

  // Idle: gaps between consecutive interactions and mouse movements, from the start to the end.
  const times = before.map((i) => i.timestamp);
  for (const m of session.mouse) if (m.timestamp < cut) times.push(m.timestamp);
  times.sort((a, b) => a - b);
  let maxIdle = 0;
  let last = session.start;
  for (const t of times) {
    maxIdle = Math.max(maxIdle, t - last);
    last = Math.max(last, t);
  }
  maxIdle = Math.max(maxIdle, end - last);

  const firstAction = before.find((i) => ACTION_KINDS.has(i.kind));
  const fieldLengths = new Map<string, number>();
  const fields = new Set<string>();
  let inputs = 0;
  let corrections = 0;
  let focuses = 0;
  let clickCount = 0;
  // Scroll from the recorded scroll events (a page's aggregate stats could include scrolling after the cut).
  const scroll = new Map<number, { y: number; max: number; direction: number }>();
  let distance = 0;
  let reversals = 0;
  for (const i of before) {
    if (i.kind === 'click') clickCount++;
    else if (i.kind === 'focus') focuses++;
    else if (i.kind === 'input') {
      inputs++;
      const key = i.element?.fingerprint ?? i.element?.selector;
      if (key === undefined) continue;
      fields.add(key);
      const perPage = `${i.pageIndex}|${key}`;
      const previous = fieldLengths.get(perPage);
      if (i.valueLength !== undefined) {
        if (previous !== undefined && i.valueLength < previous) corrections++;
        fieldLengths.set(perPage, i.valueLength);
      }
    } else if (i.kind === 'scroll' && i.scrollY !== undefined) {
      const state = scroll.get(i.pageIndex) ?? { y: 0, max: 0, direction: 0 };
      const delta = i.scrollY - state.y;
      if (delta !== 0) {
        const direction = Math.sign(delta);
        if (state.direction !== 0 && direction !== state.direction) reversals++;
        state.direction = direction;
        distance += Math.abs(delta);
      }
      state.y = i.scrollY;
      state.max = Math.max(state.max, i.scrollY);
      scroll.set(i.pageIndex, state);
    }
  }
  let maxScrollPx = 0;
  let maxScrollViewports = 0;
  for (const [pageIndex, state] of scroll) {
    maxScrollPx = Math.max(maxScrollPx, state.max);
    const height = session.pages[pageIndex]?.viewport?.height;
    if (height && height > 0) maxScrollViewports = Math.max(maxScrollViewports, state.max / height);
  }

  const durationS = Math.max(0, end - session.start) / 1000;
  return {
    pages: pageIndices.length,
    distinctRoutes: new Set(visits.map((v) => v.route)).size,
    funnelDepth: funnelDepthOf(visits, options.funnel),
    backNavigations: visits.filter((v) => v.back).length,
    meanDwellS: dwells.length > 0 ? dwells.reduce((a, b) => a + b, 0) / dwells.length : 0,
    maxDwellS: dwells.length > 0 ? Math.max(...dwells) : 0,
    durationS,
    timeToFirstActionS: firstAction ? Math.max(0, firstAction.timestamp - session.start) / 1000 : durationS,
    maxIdleS: Math.max(0, maxIdle) / 1000,
    clicks: clickCount,
    inputs,
    fieldsFilled: fields.size,
    inputCorrections: corrections,
    focuses,
    errors: session.errors.filter((e) => e.timestamp < cut).length,
    maxScrollPx,
    maxScrollViewports,
    scrollDistancePx: distance,
    scrollReversals: reversals,
    windows: new Set(pageIndices.map((index) => session.pages[index].windowId)).size,
  };
}

/**
 * The session-outcome model's input: behaviour fields then signal counts by kind (drop_off excluded), all
 * log1p-scaled, in SESSION_FEATURE_NAMES order. Signal counts enter only through `signalCounts`: calling this
 * again with a hotspot's signals subtracted is the counterfactual "same session without that friction".
 */
export function sessionFeatureVector(behaviour: SessionBehaviour, signalCounts: Partial<Record<SignalKind, number>>): Float32Array {
  const out = new Float32Array(SESSION_FEATURE_NAMES.length);
  SESSION_BEHAVIOUR_FIELDS.forEach((field, i) => {
    out[i] = safeLog1p(behaviour[field]);
  });
  SESSION_SIGNAL_KINDS.forEach((kind, i) => {
    out[SESSION_BEHAVIOUR_FIELDS.length + i] = safeLog1p(signalCounts[kind] ?? 0);
  });
  return out;
}

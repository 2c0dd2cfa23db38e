// How closely synthetic users behave like real ones on the same app, from plain per-session data that real
// recordings and synthetic runs are both reduced to by the same replay: funnel step conversion, the clicked-element
// distribution of each page (Jensen–Shannon divergence) and the time before each action. Pure.
import { differenceInterval } from '../simulate/stats';

/** One session (real or synthetic) as these figures need it. */
export interface FidelitySession {
  /** Folded routes the session reached, in any order; the goal step's route too when it converted. */
  reached: readonly string[];
  /** Clicks before the goal: folded route and a stable key of the element (its fingerprint). */
  clicks: readonly { route: string; key: string }[];
  /** Time before each action (ms), with the folded route it was taken on. */
  steps: readonly { route: string; ms: number }[];
}

export interface FunnelStep {
  /** What a reader calls it ("cart"). */
  label: string;
  route: string;
}

/** How far a side got at one funnel step. */
export interface FunnelSide {
  /** Sessions that reached this step and every one before it. */
  reached: number;
  /** reached / the previous step's reached (the first step: / all sessions); NaN when nobody got to the previous one. */
  conversion: number;
}

export interface FunnelStepComparison {
  step: FunnelStep;
  real: FunnelSide;
  synthetic: FunnelSide;
  /** Synthetic minus real conversion, percentage points (NaN when either is). */
  errorPp: number;
  /**
   * 95 % interval of that difference (Newcombe), pp: both sides are samples, and with a few dozen sessions a side
   * the sampling noise alone spans more than the tolerance.
   */
  errorIntervalPp: [number, number];
  /** |errorPp| <= the tolerance. */
  withinTolerance: boolean;
}

export interface PageClickComparison {
  route: string;
  realClicks: number;
  syntheticClicks: number;
  /** Distinct elements clicked on either side. */
  elements: number;
  /** Jensen–Shannon divergence (base 2, 0..1) of the two click distributions; undefined when a side has no click here. */
  divergence?: number;
}

export interface StepTimeComparison {
  /** A folded route, or undefined for all steps together. */
  route?: string;
  realSteps: number;
  syntheticSteps: number;
  realMedianMs: number;
  syntheticMedianMs: number;
  /** syntheticMedianMs / realMedianMs (NaN when a side has no step). */
  ratio: number;
}

/** Sessions that reached each step together with every step before it (a funnel is walked in order). */
export function funnelReach(sessions: readonly FidelitySession[], steps: readonly FunnelStep[]): number[] {
  const reach = steps.map(() => 0);
  for (const session of sessions) {
    const reached = new Set(session.reached);
    for (let i = 0; i < steps.length && reached.has(steps[i].route); i++) reach[i]++;
  }
  return reach;
}

function funnelSides(sessions: readonly FidelitySession[], steps: readonly FunnelStep[]): FunnelSide[] {
  const reach = funnelReach(sessions, steps);
  return reach.map((reached, i) => {
    const before = i === 0 ? sessions.length : reach[i - 1];
    return { reached, conversion: before > 0 ? reached / before : Number.NaN };
  });
}

/** Step conversion of both sides and their difference, checked against `tolerancePp` percentage points. */
export function compareFunnels(real: readonly FidelitySession[], synthetic: readonly FidelitySession[], steps: readonly FunnelStep[], tolerancePp: number): FunnelStepComparison[] {
  const r = funnelSides(real, steps);
  const s = funnelSides(synthetic, steps);
  return steps.map((step, i) => {
    const errorPp = 100 * (s[i].conversion - r[i].conversion);
    const before = (sides: FunnelSide[], all: number) => (i === 0 ? all : sides[i - 1].reached);
    const [low, high] = differenceInterval(r[i].reached, before(r, real.length), s[i].reached, before(s, synthetic.length));
    return { step, real: r[i], synthetic: s[i], errorPp, errorIntervalPp: [100 * low, 100 * high], withinTolerance: Math.abs(errorPp) <= tolerancePp };
  });
}

/**
 * Jensen–Shannon divergence in bits between two distributions given as counts (normalised here): 0 for identical
 * distributions, 1 for disjoint ones. Throws on an empty side, where it is undefined.
 */
export function jensenShannonDivergence(p: ReadonlyMap<string, number>, q: ReadonlyMap<string, number>): number {
  const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const [sp, sq] = [total(p), total(q)];
  if (!(sp > 0 && sq > 0)) throw new RangeError('Jensen–Shannon divergence needs two non-empty distributions');
  let divergence = 0;
  for (const key of new Set([...p.keys(), ...q.keys()])) {
    const a = (p.get(key) ?? 0) / sp;
    const b = (q.get(key) ?? 0) / sq;
    const m = (a + b) / 2;
    // Half of KL(P‖M) plus half of KL(Q‖M); a term with zero probability contributes nothing.
    if (a > 0) divergence += (a / 2) * Math.log2(a / m);
    if (b > 0) divergence += (b / 2) * Math.log2(b / m);
  }
  // Rounding can leave a hair below 0 or above 1.
  return Math.min(1, Math.max(0, divergence));
}

/** Clicks per element key, per route. */
export function clickCountsByRoute(sessions: readonly FidelitySession[]): Map<string, Map<string, number>> {
  const byRoute = new Map<string, Map<string, number>>();
  for (const session of sessions) {
    for (const { route, key } of session.clicks) {
      let counts = byRoute.get(route);
      if (!counts) byRoute.set(route, (counts = new Map()));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return byRoute;
}

const sum = (m: ReadonlyMap<string, number> | undefined) => (m ? [...m.values()].reduce((a, b) => a + b, 0) : 0);

/** Per route clicked on either side: click counts and the divergence of the two distributions; most clicked first. */
export function compareClickDistributions(real: readonly FidelitySession[], synthetic: readonly FidelitySession[]): PageClickComparison[] {
  const r = clickCountsByRoute(real);
  const s = clickCountsByRoute(synthetic);
  const routes = new Set([...r.keys(), ...s.keys()]);
  return [...routes]
    .map((route) => {
      const [p, q] = [r.get(route), s.get(route)];
      const comparison: PageClickComparison = { route, realClicks: sum(p), syntheticClicks: sum(q), elements: new Set([...(p?.keys() ?? []), ...(q?.keys() ?? [])]).size };
      if (p && q) comparison.divergence = jensenShannonDivergence(p, q);
      return comparison;
    })
    .sort((a, b) => b.realClicks + b.syntheticClicks - (a.realClicks + a.syntheticClicks) || a.route.localeCompare(b.route));
}

/** Mean of the pages' divergences weighted by their clicks on both sides (pages clicked on one side only left out). */
export function weightedDivergence(pages: readonly PageClickComparison[]): number {
  let weight = 0;
  let total = 0;
  for (const page of pages) {
    if (page.divergence === undefined) continue;
    const w = page.realClicks + page.syntheticClicks;
    weight += w;
    total += w * page.divergence;
  }
  return weight > 0 ? total / weight : Number.NaN;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function stepTimes(real: readonly FidelitySession[], synthetic: readonly FidelitySession[], route?: string): StepTimeComparison {
  const times = (sessions: readonly FidelitySession[]) => sessions.flatMap((s) => s.steps.filter((step) => route === undefined || step.route === route).map((step) => step.ms));
  const [r, s] = [times(real), times(synthetic)];
  const [realMedianMs, syntheticMedianMs] = [median(r), median(s)];
  return { ...(route === undefined ? {} : { route }), realSteps: r.length, syntheticSteps: s.length, realMedianMs, syntheticMedianMs, ratio: syntheticMedianMs / realMedianMs };
}

/** Median time before an action, synthetic over real: over all steps first, then for each of `routes`. */
export function compareStepTimes(real: readonly FidelitySession[], synthetic: readonly FidelitySession[], routes: readonly string[] = []): StepTimeComparison[] {
  return [stepTimes(real, synthetic), ...routes.map((route) => stepTimes(real, synthetic, route))];
}

// Ground truth for the corpus, derived from what each persona did (the action log, in virtual time) and what
// the live page did (the liveness probe, page errors): never from the rrweb recording the analyzer reads.
// Each rule restates the industry definition the matching detector implements (FACTS.md section 1).
import type { Action } from './action-log';
import type { ClickLiveness } from './liveness-probe';
import { SEL } from './personas';

export type TruthKind =
  | 'rage_click'
  | 'dead_click'
  | 'error_click'
  | 'thrashed_cursor'
  | 'hesitation'
  | 'form_abandonment'
  | 'quick_back'
  | 'excessive_scroll'
  | 'drop_off';

export interface TruthOccurrence {
  kind: TruthKind;
  /** Virtual ms epoch. */
  t: number;
  route: string;
  /** CSS selector of the element the friction is about (absent for page-level truth). */
  selector?: string;
  /** The planted friction (examples/shop/frictions.json id) this occurrence comes from, if any. */
  frictionId?: string;
}

export interface SessionTruth {
  converted: boolean;
  /** Route where a non-converting session ended. */
  dropOffRoute?: string;
  occurrences: TruthOccurrence[];
}

/** Planted frictions by the selector personas use for them. */
const PLANTED: Record<string, string> = {
  [SEL.deadBadge]: 'returns-badge-dead',
  [SEL.pay]: 'pay-no-pending',
  [SEL.applyCoupon]: 'coupon-throws',
  [SEL.taxRef]: 'tax-ref-confusing',
  [SEL.sizeGuide]: 'size-guide-dead-end',
  [SEL.addToCart]: 'add-to-cart-below-fold',
};

const FIELD_TAGS = new Set(['input', 'select', 'textarea']);

function occurrence(kind: TruthKind, t: number, route: string, selector?: string): TruthOccurrence {
  const frictionId = selector ? PLANTED[selector] : undefined;
  return { kind, t, route, ...(selector ? { selector } : {}), ...(frictionId ? { frictionId } : {}) };
}

/** posthog-js rage click rule over the persona's own click coordinates. */
function rageClicks(clicks: Action[]): TruthOccurrence[] {
  const out: TruthOccurrence[] = [];
  let run: Action[] = [];
  const flush = () => {
    if (run.length >= 3) out.push(occurrence('rage_click', run[2].t, run[0].route, run[0].selector));
  };
  for (const c of clicks) {
    const last = run[run.length - 1];
    const extends_ = last && last.route === c.route && c.t - last.t < 1000 && Math.abs((c.x ?? 0) - (last.x ?? 0)) + Math.abs((c.y ?? 0) - (last.y ?? 0)) < 30;
    if (extends_) run.push(c);
    else {
      flush();
      run = [c];
    }
  }
  flush();
  return out;
}

/** posthog-js dead click rule over what the live page did after each click. */
function deadClicks(log: Action[], liveness: ClickLiveness[], end: number): TruthOccurrence[] {
  const out: TruthOccurrence[] = [];
  let previous: Action | undefined;
  const clicks = log.filter((a) => a.kind === 'click');
  // Navigation is read from the log (the next page load), since a page cannot report its own unload reliably.
  const loads = log.filter((a) => a.kind === 'goto' || a.kind === 'back').map((a) => a.t);
  for (const c of clicks) {
    const probe = liveness.find((l) => Math.abs(l.t - c.t) <= 2);
    const repeat = previous && previous.selector === c.selector && c.t - previous.t < 1000;
    previous = c;
    if (!probe || repeat || probe.inAnchor || probe.tag === 'a' || FIELD_TAGS.has(probe.tag) || end - c.t < 2750) continue;
    const live =
      (probe.mutationMs ?? Infinity) < 2500 ||
      (probe.scrollMs ?? Infinity) < 100 ||
      (probe.selectionMs ?? Infinity) < 100 ||
      loads.some((t) => t >= c.t && t - c.t < 2750);
    // A click whose handler throws is an error click, not a dead one.
    const errored = (probe.errorMs ?? Infinity) <= 1000;
    // The pointer may have landed elsewhere than the persona aimed (a layout shift under it): truth is what was hit.
    if (!live && !errored) out.push(occurrence('dead_click', c.t, c.route, probe.onTarget ? c.selector : probe.selector));
  }
  return out;
}

/** A click followed within 1 s by an uncaught error, as the live page saw it. */
function errorClicks(clicks: Action[], liveness: ClickLiveness[]): TruthOccurrence[] {
  return clicks
    .filter((c) => liveness.some((l) => Math.abs(l.t - c.t) <= 2 && (l.errorMs ?? Infinity) <= 1000))
    .map((c) => occurrence('error_click', c.t, c.route, c.selector));
}

/** Idle of 5 s or more (no click, key, scroll or page load) before a click, on the same page. */
function hesitations(log: Action[]): TruthOccurrence[] {
  const out: TruthOccurrence[] = [];
  let lastActivity = -Infinity;
  for (const a of log) {
    if (a.kind === 'goto' || a.kind === 'back') {
      lastActivity = a.t;
      continue;
    }
    if (a.kind === 'click') {
      if (a.t - lastActivity >= 5000 && a.t - lastActivity <= 120_000) out.push(occurrence('hesitation', a.t, a.route, a.selector));
      lastActivity = a.t;
    } else if (a.kind === 'type' || a.kind === 'scroll' || a.kind === 'select') {
      lastActivity = Math.max(lastActivity, a.t);
    }
  }
  return out;
}

/** Clarity's quick back: page A, then B, then A again (however reached) with less than 6 s on B. */
function quickBacks(log: Action[]): TruthOccurrence[] {
  const out: TruthOccurrence[] = [];
  const loads = log.filter((a) => a.kind === 'goto' || a.kind === 'back');
  for (let i = 1; i + 1 < loads.length; i++) {
    const [from, away, back] = [loads[i - 1], loads[i], loads[i + 1]];
    if (back.url !== from.url || from.url === away.url || back.t - away.t > 6000) continue;
    const link = log.filter((a) => a.kind === 'click' && a.t >= from.t && a.t <= away.t && away.t - a.t <= 3000).pop();
    out.push(link ? occurrence('quick_back', link.t, link.route, link.selector) : occurrence('quick_back', away.t, away.route));
  }
  return out;
}

function formAbandonments(log: Action[]): TruthOccurrence[] {
  const lastField = new Map<string, Action>();
  const submitted = new Set<string>();
  log.forEach((a, i) => {
    if (a.kind === 'click' && a.submits) {
      const next = log.slice(i + 1).find((x) => x.kind === 'goto' || x.kind === 'back');
      if (next && next.kind === 'goto' && next.t - a.t <= 10_000) submitted.add(a.submits);
    } else if ((a.kind === 'type' || a.kind === 'select' || a.kind === 'click') && a.form) {
      lastField.set(a.form, a);
    }
  });
  return [...lastField.entries()].filter(([form]) => !submitted.has(form)).map(([, a]) => occurrence('form_abandonment', a.t, a.route, a.selector));
}

export function deriveTruth(input: { log: Action[]; liveness: ClickLiveness[]; converted: boolean; end: number }): SessionTruth {
  const { log, liveness, converted, end } = input;
  const clicks = log.filter((a) => a.kind === 'click');
  const occurrences = [
    ...rageClicks(clicks),
    ...deadClicks(log, liveness, end),
    ...errorClicks(clicks, liveness),
    ...log.filter((a) => a.kind === 'thrash').map((a) => occurrence('thrashed_cursor', a.t, a.route)),
    ...hesitations(log),
    ...formAbandonments(log),
    ...quickBacks(log),
    ...log.filter((a) => a.kind === 'search_scroll').map((a) => occurrence('excessive_scroll', a.t, a.route, a.selector)),
  ];
  const lastRoute = log.length > 0 ? log[log.length - 1].route : '/';
  if (!converted) occurrences.push(occurrence('drop_off', end, lastRoute));
  occurrences.sort((a, b) => a.t - b.t);
  return { converted, dropOffRoute: converted ? undefined : lastRoute, occurrences };
}

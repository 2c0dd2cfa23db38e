// Which form fields real visitors could answer: of the sessions that typed into a field, how many gave up on the
// page's form right there. A field asking for something personal (a tax reference, a membership number) is passed
// by those who have it at hand and defeats the others; the synthetic users draw "has it at hand" from this share
// (agent.ts), so a planted field blocks the same share of them as of real visitors. Learned from the policy's
// training steps; pure.
import { ELEMENT_FEATURE_NAMES } from './element-features';
import type { LabelledStep } from './policy-steps';

/** Column of a candidate's vector saying it is a form field. */
const IS_FIELD = ELEMENT_FEATURE_NAMES.indexOf('field:is_field');

/** Whether the step clicked into a form field (and so typed into it). */
export function choseField(step: LabelledStep): boolean {
  return step.candidates[step.chosen][IS_FIELD] === 1;
}

/** Training sessions that typed into a field, and how many of them gave up on the page there. */
export interface FieldKnowledge {
  sessions: number;
  gaveUp: number;
}

/** route -> field fingerprint -> counts. */
export type FieldKnowledgeTable = ReadonlyMap<string, ReadonlyMap<string, FieldKnowledge>>;

/** One visit of a page: its steps in order. */
function visitsOf(steps: readonly LabelledStep[]): LabelledStep[][] {
  const visits: LabelledStep[][] = [];
  for (const step of steps) {
    const last = visits.at(-1);
    if (last && last[0].sessionId === step.sessionId && last[0].pageIndex === step.pageIndex) last.push(step);
    else visits.push([step]);
  }
  return visits;
}

/**
 * Count, per field, the sessions that typed into it and those whose last visit of the field's page ended in giving
 * up (BACK, LEAVE, or going to a page earlier in the funnel) with this field the last one typed into: where the
 * form detector would also say they abandoned. `isField(step)` tells whether a step clicked into a field; steps are
 * in session order, as policyStepsOf returns them. A session that left by the funnel's next page, or converted,
 * passed the form.
 */
export function fieldKnowledgeOf(steps: readonly LabelledStep[], isField: (step: LabelledStep) => boolean, funnel: readonly string[]): Map<string, Map<string, FieldKnowledge>> {
  const depth = (route: string) => funnel.indexOf(route);
  const visits = visitsOf(steps);
  /** session|route|field -> gave up on its last visit (later visits overwrite earlier ones). */
  const outcome = new Map<string, { route: string; field: string; gaveUp: boolean }>();
  visits.forEach((visit, i) => {
    const typed = visit.filter(isField);
    if (typed.length === 0) return;
    const last = visit.at(-1)!;
    const next = visits[i + 1]?.[0].sessionId === last.sessionId ? visits[i + 1][0] : undefined;
    const leftBackwards = last.kind !== 'click' || (next !== undefined && depth(next.route) >= 0 && depth(next.route) <= depth(last.route));
    // No later step and no BACK / LEAVE: the session converted from this page.
    const gaveUpOn = leftBackwards ? typed.at(-1)!.chosenKey : undefined;
    for (const field of new Set(typed.map((s) => s.chosenKey))) {
      outcome.set(`${last.sessionId}\u0000${last.route}\u0000${field}`, { route: last.route, field, gaveUp: field === gaveUpOn });
    }
  });
  const table = new Map<string, Map<string, FieldKnowledge>>();
  for (const { route, field, gaveUp } of outcome.values()) {
    let fields = table.get(route);
    if (!fields) table.set(route, (fields = new Map()));
    const counts = fields.get(field) ?? { sessions: 0, gaveUp: 0 };
    fields.set(field, { sessions: counts.sessions + 1, gaveUp: counts.gaveUp + (gaveUp ? 1 : 0) });
  }
  return table;
}

/**
 * Share of visitors who have a valid answer for the field at hand; 1 for a field never seen in training. One
 * imagined session that passed is added, so a field seen once or twice is not judged on that alone.
 */
export function shareAtHand(table: FieldKnowledgeTable, route: string, field: string): number {
  const counts = table.get(route)?.get(field);
  if (!counts) return 1;
  return (counts.sessions - counts.gaveUp + 1) / (counts.sessions + 1);
}

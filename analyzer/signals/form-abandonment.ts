// Form abandonment: a user focused or edited a field of a form that the session never submitted. Submission is
// seen as a click on the form's submit control followed by a navigation (rrweb records no submit event).
// The signal points at the last field touched, where the user gave up.
import type { Interaction, Session } from '../replay/types';
import { isClick, routeAt } from './clicks';
import type { Signal, SignalDetector } from './types';

export interface FormAbandonmentOptions {
  /** A submit click counts if the page navigates within this time. */
  submitNavigationMs: number;
  /** Ignore forms where the user only clicked into a field for less than this many interactions. */
  minFieldInteractions: number;
}

const FIELD_TAGS = new Set(['input', 'textarea', 'select']);

function formKey(session: Session, interaction: Interaction): string | undefined {
  const el = interaction.element;
  if (!el) return undefined;
  const index = el.ancestors.findIndex((a) => a.tag === 'form');
  if (index < 0) return undefined;
  const form = el.ancestors[index];
  return `${routeAt(session, interaction.pageIndex)}|${form.id ?? form.testId ?? form.classes.join('.')}`;
}

function isSubmitControl(interaction: Interaction): boolean {
  const el = interaction.element;
  if (!el) return false;
  if (el.tag === 'button') return el.type !== 'button' && el.type !== 'reset';
  return el.tag === 'input' && (el.type === 'submit' || el.type === 'image');
}

export const formAbandonmentDetector: SignalDetector<FormAbandonmentOptions> = {
  kind: 'form_abandonment',
  defaults: { submitNavigationMs: 10_000, minFieldInteractions: 1 },
  detect(session: Session, options: FormAbandonmentOptions): Signal[] {
    const touched = new Map<string, { last: Interaction; count: number; fields: Set<string> }>();
    const submitted = new Set<string>();
    for (const interaction of session.interactions) {
      const key = formKey(session, interaction);
      if (!key) continue;
      const el = interaction.element!;
      if (isClick(interaction) && isSubmitControl(interaction)) {
        const nav = interaction.reaction?.navigationMs;
        if (nav !== undefined && nav <= options.submitNavigationMs) submitted.add(key);
        continue;
      }
      if (!FIELD_TAGS.has(el.tag) || !['focus', 'input', 'click'].includes(interaction.kind)) continue;
      if (el.type && /^(submit|button|reset|hidden|image)$/.test(el.type)) continue;
      const entry = touched.get(key) ?? { last: interaction, count: 0, fields: new Set<string>() };
      entry.last = interaction;
      entry.count++;
      entry.fields.add(el.fingerprint);
      touched.set(key, entry);
    }
    const signals: Signal[] = [];
    for (const [key, entry] of touched) {
      if (submitted.has(key) || entry.count < options.minFieldInteractions) continue;
      signals.push({
        kind: 'form_abandonment',
        sessionId: session.id,
        timestamp: entry.last.timestamp,
        page: routeAt(session, entry.last.pageIndex),
        element: entry.last.element,
        details: { fieldsTouched: entry.fields.size, interactions: entry.count },
      });
    }
    return signals;
  },
};

// Compares the JSX ancestors of a candidate with the DOM ancestors of the element: the weakest signal, a tie-breaker.
import type { AncestorDescriptor } from '../replay/types';
import type { JsxAncestor } from './types';

export interface AncestorAgreement {
  /** Additive bonus to a candidate's raw score. */
  bonus: number;
  evidence: string[];
}

/**
 * Bonus when the JSX ancestors line up with DOM ancestors, and extra when an ancestor id / test id agrees. Kept small
 * on purpose: context may order two identical candidates but must not make either look certain.
 */
export const ANCESTOR_BONUS = 0.04;
export const ANCESTOR_IDENTIFIER_BONUS = 0.02;
export const MAX_ANCESTOR_BONUS = ANCESTOR_BONUS + ANCESTOR_IDENTIFIER_BONUS;
/** How many JSX ancestors to compare, and how far up the DOM to look for each (components add wrapper elements). */
const MAX_JSX_ANCESTORS = 4;
const MAX_DOM_SKIP = 6;

export function compareAncestors(jsx: JsxAncestor[] | undefined, dom: AncestorDescriptor[], explain = true): AncestorAgreement {
  const none = { bonus: 0, evidence: [] };
  if (!jsx?.length || !dom.length) return none;
  let compared = 0;
  let agreed = 0;
  let identifierAgreed = false;
  let cursor = 0;
  const evidence: string[] = [];
  for (const ancestor of jsx.slice(0, MAX_JSX_ANCESTORS)) {
    const informative = ancestor.classes.length > 0 || !!ancestor.id || !!ancestor.testId;
    // A component without static props says nothing about the DOM it renders.
    if (!ancestor.intrinsic && !informative) continue;
    compared++;
    for (let j = cursor; j < Math.min(dom.length, cursor + MAX_DOM_SKIP); j++) {
      const found = agreement(ancestor, dom[j]);
      if (!found) continue;
      cursor = j + 1;
      agreed += found.detail ? 1 : 0.5;
      identifierAgreed ||= found.identifier;
      if (found.detail && explain) evidence.push(`ancestor=${found.detail}`);
      break;
    }
  }
  if (!compared || !agreed) return none;
  return {
    bonus: ANCESTOR_BONUS * (agreed / compared) + (identifierAgreed ? ANCESTOR_IDENTIFIER_BONUS : 0),
    evidence,
  };
}

/** Whether one JSX ancestor can be this DOM ancestor; `detail` names what agreed beyond the tag. */
function agreement(jsx: JsxAncestor, dom: AncestorDescriptor): { detail?: string; identifier: boolean } | undefined {
  if (jsx.intrinsic && jsx.tag !== dom.tag) return undefined;
  if (jsx.id !== undefined && jsx.id !== dom.id) return undefined;
  if (jsx.testId !== undefined && jsx.testId !== dom.testId) return undefined;
  const shared = jsx.classes.filter((c) => dom.classes.includes(c));
  if (jsx.classes.length && !shared.length) return undefined;
  if (jsx.id) return { detail: `${dom.tag}#${jsx.id}`, identifier: true };
  if (jsx.testId) return { detail: `${dom.tag}[data-testid="${jsx.testId}"]`, identifier: true };
  if (shared.length) return { detail: `${dom.tag}.${shared[0]}`, identifier: false };
  return jsx.intrinsic ? { identifier: false } : undefined;
}

// What the agent reads from the live page about the element the policy chose, found by its rrweb node id
// (rrweb's own record.mirror, so it is exactly the node the candidate was built from): where it is, whether a
// person could see and reach it, and, for form fields, what a person sees of them (label, placeholder, hint).
import type { Page } from 'playwright-core';
import type { ElementBox } from './human-motion';

/** A form field as a person sees it: what fills it is decided from these (field-values.ts). */
export interface FieldInfo {
  tag: 'input' | 'select' | 'textarea';
  /** Lowercased input type ('text' by default; '' for select / textarea). */
  type: string;
  name: string;
  id: string;
  autocomplete: string;
  /** Text of its <label>s, aria-label or aria-labelledby. */
  label: string;
  placeholder: string;
  /** Text of the elements named by aria-describedby (hints). */
  hint: string;
  required: boolean;
  /** Length of the current value (never the value: it may be personal data). */
  valueLength: number;
  checked: boolean;
  /** A select's options. */
  options: { value: string; label: string; disabled: boolean }[];
}

export interface LiveElement {
  tag: string;
  box: ElementBox;
  /** Laid out with a size, not display:none / visibility:hidden / transparent. */
  visible: boolean;
  disabled: boolean;
  /** Set for fields a person types into or picks from (not buttons). */
  field?: FieldInfo;
}

/** The element with rrweb id `id` on the current page, or null when it is gone. */
export async function inspectElement(page: Page, id: number): Promise<LiveElement | null> {
  return page.evaluate((nodeId) => {
    const rrweb = (window as unknown as { __rrweb?: { record: { mirror: { getNode(id: number): Node | null } } } }).__rrweb;
    const el = rrweb?.record.mirror.getNode(nodeId);
    if (!el || !(el instanceof HTMLElement || el instanceof SVGElement) || !el.isConnected) return null;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const visible =
      r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && (typeof el.checkVisibility !== 'function' || el.checkVisibility({ opacityProperty: true }));
    const tag = el.tagName.toLowerCase();
    // No helper functions in here: the test runner's transpiler would wrap them in a helper the page lacks.
    const idText: Record<'aria-labelledby' | 'aria-describedby', string> = { 'aria-labelledby': '', 'aria-describedby': '' };
    for (const attribute of ['aria-labelledby', 'aria-describedby'] as const) {
      for (const ref of (el.getAttribute(attribute) ?? '').split(/\s+/)) if (ref) idText[attribute] += ` ${document.getElementById(ref)?.textContent ?? ''}`;
      idText[attribute] = idText[attribute].replace(/\s+/g, ' ').trim();
    }
    let field: FieldInfo | undefined;
    const type = tag === 'input' ? (el.getAttribute('type') ?? 'text').toLowerCase() : '';
    const isField = (tag === 'input' && !['submit', 'button', 'reset', 'image', 'hidden'].includes(type)) || tag === 'select' || tag === 'textarea';
    if (isField) {
      const control = el as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
      const labels = [...(control.labels ?? [])].map((l) => l.textContent ?? '').join(' ');
      field = {
        tag: tag as FieldInfo['tag'],
        type,
        name: control.name ?? '',
        id: control.id ?? '',
        autocomplete: (control.getAttribute('autocomplete') ?? '').toLowerCase(),
        label: `${labels} ${control.getAttribute('aria-label') ?? ''} ${idText['aria-labelledby']}`.replace(/\s+/g, ' ').trim(),
        placeholder: control.getAttribute('placeholder') ?? '',
        hint: idText['aria-describedby'],
        required: control.required,
        valueLength: control.value.length,
        checked: control instanceof HTMLInputElement && control.checked,
        options: control instanceof HTMLSelectElement ? [...control.options].map((o) => ({ value: o.value, label: o.label, disabled: o.disabled })) : [],
      };
    }
    return {
      tag,
      box: { x: r.x, y: r.y, width: r.width, height: r.height, scrollY: window.scrollY, viewportHeight: window.innerHeight },
      visible,
      disabled: (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true',
      field,
    };
  }, id);
}

/**
 * The first of `points` (viewport coordinates) where a click would land on the element (or inside it) rather than
 * on something covering it; -1 when none would. One round trip for all of them.
 */
export async function firstHittingPoint(page: Page, id: number, points: readonly { x: number; y: number }[]): Promise<number> {
  return page.evaluate(
    ([nodeId, candidates]) => {
      const rrweb = (window as unknown as { __rrweb?: { record: { mirror: { getNode(id: number): Node | null } } } }).__rrweb;
      const el = rrweb?.record.mirror.getNode(nodeId);
      if (!el) return -1;
      return candidates.findIndex(({ x, y }) => {
        const hit = document.elementFromPoint(x, y);
        return !!hit && (hit === el || el.contains(hit));
      });
    },
    [id, points] as const,
  );
}

/**
 * In the page: does it say it is working (a visible aria-busy region, progress bar or spinner role)? People wait
 * then. Self-contained: it runs in the page.
 */
export const pageSaysBusy = (): boolean =>
  [...document.querySelectorAll('[aria-busy="true"], [role="progressbar"], progress')].some((el) =>
    typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0,
  );

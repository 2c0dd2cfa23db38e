import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText } from '../../analyzer/fixes/apply-fix';
import { largerTapTargetFix } from '../../analyzer/fixes/larger-tap-target';
import { prepareTarget } from '../../analyzer/fixes/apply-fix';
import type { ReportElement, ReportHotspot } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

function element(tag: string, attributes: Record<string, string>, text?: string): ReportElement {
  return { selector: `${tag}.${(attributes.class ?? '').split(' ').join('.')}`, tag, text, fingerprint: `${tag}-fixture`, attributes };
}

const removeOne = hotspotFor({ kind: 'rage_click', page: '/cart', element: element('button', { class: 'btn btn-small', type: 'button', 'aria-label': 'Remove one Linen shirt' }, '−') });

function problemOf(name: string, line: number, column: number, hotspot: ReportHotspot) {
  const text = readFileSync(path.join(FIXTURES, `${name}.before.tsx`), 'utf8');
  const result = applyFixToText({ fix: largerTapTargetFix, hotspot, file: `${name}.tsx`, text, line, column, srcRoot: FIXTURES });
  assert.ok('problem' in result, `${name}:${line}:${column} should not be fixed`);
  return result.problem;
}

describe('larger-tap-target fix', () => {
  it("gives the shop cart's \"−\" quantity button (btn-small, one glyph) a 44×44 min size on an attribute line of its own", () => {
    assertGolden({ fix: largerTapTargetFix, name: 'larger-tap-target-shop-cart', line: 45, column: 17, hotspot: removeOne });
  });

  it('puts the new style before {...spread} props, so a style callers pass still wins (icon-only close button, clsx, conditional rendering)', () => {
    const hotspot = hotspotFor({ kind: 'dead_click', page: '/', element: element('button', { class: 'toast-close icon-btn', type: 'button', 'aria-label': 'Dismiss' }) });
    assertGolden({ fix: largerTapTargetFix, name: 'larger-tap-target-toast', line: 15, column: 9, hotspot });
  });

  it('merges into a one-line style object that sets a small width and height', () => {
    const hotspot = hotspotFor({ kind: 'rage_click', page: '/product/:id', element: element('button', { type: 'button', 'aria-label': 'Decrease' }, '−') });
    assertGolden({ fix: largerTapTargetFix, name: 'larger-tap-target-stepper', after: 'larger-tap-target-stepper-decrease.after.tsx', line: 5, column: 7, hotspot });
  });

  it('merges into a multi-line style object, one property a line with its trailing comma', () => {
    const hotspot = hotspotFor({ kind: 'rage_click', page: '/product/:id', element: element('button', { type: 'button', 'aria-label': 'Increase' }, '+') });
    assertGolden({ fix: largerTapTargetFix, name: 'larger-tap-target-stepper', after: 'larger-tap-target-stepper-increase.after.tsx', line: 9, column: 7, hotspot });
  });

  it('spreads the style constant of a styled-components link and makes the inline <a> an inline-flex box so the min size applies', () => {
    const hotspot = hotspotFor({ kind: 'rage_click', page: '/', element: element('a', { class: 'header-icon', href: '/cart', 'aria-label': 'Cart, 2 items' }) });
    assertGolden({ fix: largerTapTargetFix, name: 'larger-tap-target-styled-link', line: 19, column: 5, hotspot });
  });

  it('refuses a full-size "Pay now" button: nothing says it is small, so the repeated clicks have another cause', () => {
    const hotspot = hotspotFor({ kind: 'rage_click', page: '/checkout/payment', element: element('button', { class: 'btn btn-primary btn-large', 'data-testid': 'pay-now' }, 'Pay now') });
    const problem = problemOf('larger-tap-target-pay', 6, 7, hotspot);
    assert.equal(problem.kind, 'not_applicable');
    assert.match(problem.message, /nothing in the code says "Pay now" is small/);
    assert.match(problem.message, /pending-submit-state/);
  });

  it('refuses a <span> badge: it is not a control, so a bigger box would not make it do anything', () => {
    const hotspot = hotspotFor({ kind: 'dead_click', page: '/checkout/payment', element: element('span', { class: 'badge' }, 'Secure checkout') });
    const problem = problemOf('larger-tap-target-pay', 5, 7, hotspot);
    assert.equal(problem.kind, 'not_applicable');
    assert.match(problem.message, /^<span> is not a control/);
  });

  it('cites the share of sessions, the size cues and WCAG in the rationale, and rage clicks on the element in the plan', () => {
    const text = readFileSync(path.join(FIXTURES, 'larger-tap-target-shop-cart.before.tsx'), 'utf8');
    const prepared = prepareTarget({ hotspot: removeOne, file: 'Cart.tsx', text, line: 45, column: 17, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.equal(
      largerTapTargetFix.rationale(prepared.target),
      '31 % of /cart sessions (31 of 100) clicked repeatedly on "Remove one Linen shirt", a small target (only the symbol "−", the size class "btn-small"); WCAG 2.5.5 asks for 44×44 CSS px.',
    );
    assert.equal(largerTapTargetFix.title(prepared.target), 'Enlarge the hit area of "Remove one Linen shirt" to 44×44 px');
    const plan = largerTapTargetFix.verification(prepared.target, 'larger-remove-one');
    assert.equal(plan.flag, 'larger-remove-one');
    assert.match(plan.metric, /rage clicks on "Remove one Linen shirt"/);
    assert.ok(plan.steps.some((step) => step.includes('"larger-remove-one"')));
  });
});

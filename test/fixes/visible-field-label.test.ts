import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText, prepareTarget } from '../../analyzer/fixes/apply-fix';
import { humanise, visibleFieldLabelFix } from '../../analyzer/fixes/visible-field-label';
import type { ReportElement, ReportHotspot } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

function field(tag: string, attributes: Record<string, string>, id?: string): ReportElement {
  return { selector: id ? `#${id}` : tag, tag, id, fingerprint: `${tag}-fixture`, attributes: id ? { id, ...attributes } : attributes };
}

const coupon = hotspotFor({ kind: 'hesitation', page: '/cart', element: field('input', { placeholder: 'e.g. WELCOME10' }, 'coupon-code') });

function problemOf(name: string, line: number, column: number, hotspot: ReportHotspot) {
  const text = readFileSync(path.join(FIXTURES, `${name}.before.tsx`), 'utf8');
  const result = applyFixToText({ fix: visibleFieldLabelFix, hotspot, file: `${name}.tsx`, text, line, column, srcRoot: FIXTURES });
  assert.ok('problem' in result, `${name}:${line}:${column} should not be fixed`);
  return result.problem;
}

describe('visible-field-label fix', () => {
  it("labels the shop cart's coupon field (here without its label) from its id, since its placeholder is an example", () => {
    assertGolden({ fix: visibleFieldLabelFix, name: 'visible-field-label-shop-coupon', line: 69, column: 9, hotspot: coupon });
  });

  it('leaves the shop\'s labelled tax-reference field alone: it already has a visible <label htmlFor>', () => {
    const hotspot = hotspotFor({ kind: 'form_abandonment', page: '/checkout/shipping', element: field('input', { name: 'taxRef' }, 'tax-ref') });
    const problem = problemOf('visible-field-label-shop-tax-reference', 15, 7, hotspot);
    assert.equal(problem.kind, 'already_applied');
  });

  it('adds a label before a placeholder-only email field, and an id from its name (clsx, {...spread})', () => {
    const hotspot = hotspotFor({ kind: 'form_abandonment', page: '/', element: field('input', { name: 'email', type: 'email', placeholder: 'Your email address' }) });
    assertGolden({ fix: visibleFieldLabelFix, name: 'visible-field-label-newsletter', line: 13, column: 7, hotspot });
  });

  it('wraps a conditionally rendered select in a <div> with its label, the words taken from its aria-label', () => {
    const hotspot = hotspotFor({ kind: 'hesitation', page: '/', element: field('select', { 'aria-label': 'Sort by' }) });
    assertGolden({ fix: visibleFieldLabelFix, name: 'visible-field-label-sort', line: 7, column: 9, hotspot });
  });

  it('puts the label after a checkbox', () => {
    const hotspot = hotspotFor({ kind: 'form_abandonment', page: '/checkout/payment', element: field('input', { type: 'checkbox', name: 'acceptTerms', 'aria-label': 'I accept the terms' }) });
    assertGolden({ fix: visibleFieldLabelFix, name: 'visible-field-label-consent', line: 18, column: 7, hotspot });
  });

  it("wraps the field a concise arrow component returns, so the component still renders one box", () => {
    const hotspot = hotspotFor({ kind: 'hesitation', page: '/cart', element: field('input', { name: 'promoCode', placeholder: 'e.g. SPRING24' }) });
    assertGolden({ fix: visibleFieldLabelFix, name: 'visible-field-label-promo', line: 5, column: 3, hotspot });
  });

  it('refuses a styled-components field: whether it passes the id on cannot be seen', () => {
    const hotspot = hotspotFor({ kind: 'hesitation', page: '/checkout/payment', element: field('input', { type: 'search', placeholder: 'Search the terms…' }) });
    const problem = problemOf('visible-field-label-consent', 17, 7, hotspot);
    assert.equal(problem.kind, 'not_applicable');
    assert.equal(problem.message, '<SearchInput> is a component: whether it passes an id on to its field cannot be seen here; add the label inside <SearchInput>.');
  });

  it('refuses an element that is not a field', () => {
    const hotspot = hotspotFor({ kind: 'hesitation', page: '/', element: field('button', { type: 'submit' }) });
    const problem = problemOf('visible-field-label-newsletter', 14, 7, hotspot);
    assert.equal(problem.message, '<button> is not a form field (an input, a select or a textarea), so there is nothing to label.');
  });

  it('cites the pause, what names the field now and the conversion gap', () => {
    const text = readFileSync(path.join(FIXTURES, 'visible-field-label-shop-coupon.before.tsx'), 'utf8');
    const prepared = prepareTarget({ hotspot: coupon, file: 'Cart.tsx', text, line: 69, column: 9, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.equal(
      visibleFieldLabelFix.rationale(prepared.target),
      '31 % of /cart sessions (31 of 100) paused before the "Coupon code" field, far longer than usual on this page; it is named only by its placeholder ("e.g. WELCOME10"), which disappears as they type; they converted 12 % vs 41 % without it.',
    );
    assert.equal(visibleFieldLabelFix.title(prepared.target), 'Give the "Coupon code" field a visible label');
    assert.match(visibleFieldLabelFix.verification(prepared.target).metric, /hesitation before the "Coupon code" field/);
  });

  it('turns names into label words', () => {
    assert.equal(humanise('couponCode'), 'Coupon code');
    assert.equal(humanise('postal_code'), 'Postal code');
    assert.equal(humanise('address[line1]'), 'Address line1');
  });
});

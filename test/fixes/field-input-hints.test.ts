// Golden tests for field-input-hints: the field where sessions abandon gets the type, inputMode and autoComplete its
// name and label call for, and a visible, aria-describedby-tied description of its pattern; `required` stays.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText, prepareTarget } from '../../analyzer/fixes/apply-fix';
import { fieldInputHintsFix as fix } from '../../analyzer/fixes/field-input-hints';
import type { ReportHotspot } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

/** The shop's tax reference abandonment as analysed from examples/shop/corpus. */
const taxReference: ReportHotspot = hotspotFor({
  kind: 'form_abandonment',
  page: '/checkout/shipping',
  sessions: 65,
  pageSessions: 188,
  share: 65 / 188,
  conversionAffected: 0,
  conversionUnaffected: 0.968,
  impact: { lostConversions: 43.36, conversionWith: 0.002, conversionWithout: 0.669, model: 'session-outcome@test' },
  element: { selector: '#tax-ref', tag: 'input', id: 'tax-ref', fingerprint: 'tax-ref', attributes: { name: 'taxRef' } },
});

const abandonment = (page: string) => hotspotFor({ kind: 'form_abandonment', page });

function refusal(text: string, line: number, column: number): string {
  const result = applyFixToText({ fix, hotspot: abandonment('/checkout'), file: 'Inline.tsx', text, line, column, srcRoot: FIXTURES });
  assert.ok('problem' in result && result.problem.kind === 'not_applicable', `expected a refusal, got ${JSON.stringify(result)}`);
  return result.problem.message;
}

describe('fix: field-input-hints', () => {
  it('describes the shop tax reference pattern after the field, ties it with aria-describedby and asks for capitals', () => {
    assertGolden({ fix, name: 'tax-reference-field', line: 15, column: 7, hotspot: taxReference });
  });

  it('cites the abandonment and lost conversions, and names making the required field optional as the next lever', () => {
    const text = readFileSync(path.join(FIXTURES, 'tax-reference-field.before.tsx'), 'utf8');
    const prepared = prepareTarget({ hotspot: taxReference, file: 'TaxReferenceField.tsx', text, line: 15, column: 7, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.equal(fix.title(prepared.target), 'Add a format hint and autoCapitalize to “Tax reference (required)”');
    assert.equal(
      fix.rationale(prepared.target),
      '35 % of /checkout/shipping sessions (65 of 188) abandoned the form at “Tax reference (required)”, a required field whose pattern is not explained on screen; they converted 0 % vs 97 % without it; about 43 conversions lost (modelled).',
    );
    const plan = fix.verification(prepared.target, 'tax-ref-hints');
    assert.match(plan.expectation, /rises from 63 % toward 97 %/);
    assert.match(plan.steps[1], /about 100 sessions reaching \/checkout\/shipping per arm.*takes about 22 per arm/);
    assert.match(plan.steps[2], /sessions that changed #tax-ref and left \/checkout\/shipping without submitting/);
    assert.match(plan.steps[3], /it is required and 35 % of \/checkout\/shipping sessions stopped at it/);
  });

  it('gives a field registered through a spread and wrapped in its label type="email" and autoComplete, one attribute per line', () => {
    assertGolden({ fix, name: 'newsletter-email', line: 23, column: 7, hotspot: abandonment('/') });
  });

  it('corrects type="number" on a card number in a ternary and puts the field and its hint in a fragment', () => {
    assertGolden({ fix, name: 'card-number-field', line: 9, column: 9, hotspot: abandonment('/checkout/payment'), movedTo: { line: 10, column: 11 } });
  });

  it('replaces autoComplete="off" on a styled postcode input with its token', () => {
    assertGolden({ fix, name: 'postcode-field', line: 22, column: 7, hotspot: abandonment('/checkout/shipping') });
  });

  it('reads a pattern from a constant, appends to an existing aria-describedby and uses a <span> hint inside a <p>', () => {
    assertGolden({ fix, name: 'vat-number-field', line: 8, column: 7, hotspot: abandonment('/checkout/shipping') });
  });

  it('refuses a component it cannot see into, such as the shop\'s <Field>', () => {
    const text = "import type { InputHTMLAttributes } from 'react';\n\nfunction Field(props: InputHTMLAttributes<HTMLInputElement> & { label: string }) {\n  return <input {...props} />;\n}\n\nexport function Payment() {\n  return <Field label=\"Name on card\" name=\"cardName\" />;\n}\n";
    assert.match(refusal(text, 8, 10), /<Field> is not a text field/);
  });

  it('refuses a checkbox, and a field it knows nothing to say about', () => {
    assert.match(refusal('export function F() {\n  return <input type="checkbox" name="gift" />;\n}\n', 2, 10), /<input type="checkbox">, which is not typed into/);
    assert.match(refusal('export function F() {\n  return <input name="giftMessage" />;\n}\n', 2, 10), /nothing to add to the “giftMessage” field/);
  });
});

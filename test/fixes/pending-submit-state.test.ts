// Golden tests for pending-submit-state: a rage-clicked submit button reads useFormStatus() in its own component and
// is disabled, aria-busy and labelled with the progress while the form's action runs; buttons it cannot serve are refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText, prepareTarget } from '../../analyzer/fixes/apply-fix';
import { pendingSubmitStateFix as fix } from '../../analyzer/fixes/pending-submit-state';
import type { ReportHotspot } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

/** The shop's "Pay now" rage clicks as analysed from examples/shop/corpus. */
const payNow: ReportHotspot = hotspotFor({
  kind: 'rage_click',
  page: '/checkout/payment',
  sessions: 31,
  pageSessions: 123,
  share: 31 / 123,
  conversionAffected: 1,
  conversionUnaffected: 0.957,
  impact: { lostConversions: -0.726, conversionWith: 0.999, conversionWithout: 0.976, model: 'session-outcome@test' },
  element: { selector: '[data-testid="pay-now"]', tag: 'button', text: 'Pay now', fingerprint: 'pay-now', attributes: { 'data-testid': 'pay-now', type: 'submit' } },
});

const rageClick = (page: string) => hotspotFor({ kind: 'rage_click', page });

function refusal(text: string, line: number, column: number): string {
  const result = applyFixToText({ fix, hotspot: rageClick('/checkout'), file: 'Inline.tsx', text, line, column, srcRoot: FIXTURES });
  assert.ok('problem' in result && result.problem.kind === 'not_applicable', `expected a refusal, got ${JSON.stringify(result)}`);
  return result.problem.message;
}

describe('fix: pending-submit-state', () => {
  it('gives the shop\'s "Pay now" useFormStatus, disabled, aria-busy and a progress label, one attribute per line', () => {
    assertGolden({ fix, name: 'pay-button', line: 4, column: 5, hotspot: payNow, movedTo: { line: 7, column: 5 } });
  });

  it('merges into the react-dom import, turns an arrow\'s expression body into a block and keeps an existing disabled condition', () => {
    assertGolden({ fix, name: 'subscribe-button', line: 20, column: 3, hotspot: rageClick('/'), movedTo: { line: 22, column: 5 } });
  });

  it('handles a styled submit button rendered in a ternary, moving its children to their own line', () => {
    assertGolden({ fix, name: 'save-bar', line: 22, column: 9, hotspot: rageClick('/account/address'), movedTo: { line: 24, column: 9 } });
  });

  it('cites the rage clicks and conversion, and checks the form uses an action before shipping', () => {
    const text = readFileSync(path.join(FIXTURES, 'pay-button.before.tsx'), 'utf8');
    const prepared = prepareTarget({ hotspot: payNow, file: 'PayButton.tsx', text, line: 4, column: 5, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.equal(fix.title(prepared.target), 'Show a pending state on “Pay now” while the form submits');
    assert.equal(
      fix.rationale(prepared.target),
      '25 % of /checkout/payment sessions (31 of 123) rage-clicked “Pay now” while the form submitted with nothing changing on screen; they converted 100 % vs 96 % without it; no conversions lost (modelled).',
    );
    const plan = fix.verification(prepared.target, 'pay-pending');
    assert.match(plan.steps[0], /<form> around <PayButton \/> submits through an action/);
    assert.match(plan.steps[1], /feature flag "pay-pending"/);
    assert.match(plan.steps[2], /about 151 sessions reaching \/checkout\/payment per arm/);
    assert.match(plan.steps[3], /\$rageclick events on \[data-testid="pay-now"\]/);
    assert.match(plan.expectation, /conversion is not expected to move/);
  });

  it('refuses a span: it is not a submit button', () => {
    assert.match(refusal('export function Total() {\n  return <span className="total">Pay now</span>;\n}\n', 2, 10), /“Pay now” is not a submit button \(<span>\)/);
  });

  it('refuses a button whose <form> is in the same component: useFormStatus would not see it', () => {
    const text = 'export function Checkout() {\n  return (\n    <form action={async () => {}}>\n      <button type="submit">Pay</button>\n    </form>\n  );\n}\n';
    assert.match(refusal(text, 4, 7), /the <form> is rendered by Checkout itself.*move “Pay” into its own component first/);
  });

  it('refuses a button in a class component: hooks need a function component', () => {
    const text = "import { Component } from 'react';\n\nexport class PayButton extends Component {\n  render() {\n    return <button type=\"submit\">Pay now</button>;\n  }\n}\n";
    assert.match(refusal(text, 5, 12), /class component PayButton, and hooks need a function component/);
  });

  it('refuses a type="button" button and one with its own onClick', () => {
    assert.match(refusal('export function B() {\n  return <button type="button">Pay</button>;\n}\n', 2, 10), /type="button" button, which does not submit/);
    assert.match(refusal('export function B({ go }: { go: () => void }) {\n  return <button type="submit" onClick={go}>Pay</button>;\n}\n', 2, 10), /has its own onClick handler/);
  });
});

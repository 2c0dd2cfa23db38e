// Golden tests for guarded-click-handler: a throwing onClick is wrapped in try/catch, the error is logged and shown
// in a role="alert" message right after the element, from a useState the fix adds to the component.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText, prepareTarget } from '../../analyzer/fixes/apply-fix';
import { guardedClickHandlerFix as fix } from '../../analyzer/fixes/guarded-click-handler';
import type { ReportHotspot } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

/** The shop's coupon "Apply" error clicks as analysed from examples/shop/corpus. */
const applyCoupon: ReportHotspot = hotspotFor({
  kind: 'error_click',
  page: '/cart',
  sessions: 40,
  pageSessions: 212,
  share: 40 / 212,
  conversionAffected: 0.525,
  conversionUnaffected: 0.57,
  impact: { lostConversions: 1.8, conversionWith: 0.517, conversionWithout: 0.56, model: 'session-outcome@test' },
  element: { selector: 'button.btn.btn-secondary', tag: 'button', text: 'Apply', fingerprint: 'apply', attributes: { 'aria-label': 'Apply coupon', class: 'btn btn-secondary' } },
});

const errorClick = (page: string) => hotspotFor({ kind: 'error_click', page });

function refusal(text: string, line: number, column: number): string {
  const result = applyFixToText({ fix, hotspot: errorClick('/'), file: 'Inline.tsx', text, line, column, srcRoot: FIXTURES });
  assert.ok('problem' in result && result.problem.kind === 'not_applicable', `expected a refusal, got ${JSON.stringify(result)}`);
  return result.problem.message;
}

describe('fix: guarded-click-handler', () => {
  it('catches the shop coupon button\'s throwing handler and shows an alert after it, with the state among the other hooks', () => {
    assertGolden({ fix, name: 'cart-coupon', line: 76, column: 9, hotspot: applyCoupon, movedTo: { line: 77, column: 9 } });
  });

  it('keeps an async inline handler async with its await inside the try, in a fragment under `cond &&`, with spread props', () => {
    assertGolden({ fix, name: 'product-actions', line: 19, column: 9, hotspot: errorClick('/product/:id'), movedTo: { line: 22, column: 11 } });
  });

  it('passes the event to a prop handler that takes it, on a styled button, merging useState into the react import', () => {
    assertGolden({ fix, name: 'saved-address', line: 27, column: 7, hotspot: errorClick('/account/addresses'), movedTo: { line: 28, column: 7 } });
  });

  it('awaits a useCallback handler that returns a promise, with the state after the callback hook', () => {
    assertGolden({ fix, name: 'retry-banner', line: 11, column: 7, hotspot: errorClick('/account/orders'), movedTo: { line: 12, column: 7 } });
  });

  it('cites the error clicks and lost conversions, and warns that caught errors need counting', () => {
    const text = readFileSync(path.join(FIXTURES, 'cart-coupon.before.tsx'), 'utf8');
    const prepared = prepareTarget({ hotspot: applyCoupon, file: 'Cart.tsx', text, line: 76, column: 9, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.equal(fix.title(prepared.target), 'Show a message when “Apply” fails instead of failing silently');
    assert.equal(
      fix.rationale(prepared.target),
      '19 % of /cart sessions (40 of 212) clicked “Apply” and hit a JavaScript error with nothing shown on screen; they converted 53 % vs 57 % without it; about 1.8 conversions lost (modelled).',
    );
    const plan = fix.verification(prepared.target);
    assert.equal(plan.flag, undefined);
    assert.match(plan.steps[0], /with no feature flag, compare equal periods/);
    assert.match(plan.expectation, /conversion of sessions reaching \/cart rises from 56 % toward 57 %/);
    assert.match(plan.steps[3], /Caught errors no longer reach window.onerror/);
  });

  it('refuses an element without an onClick of its own', () => {
    assert.match(refusal('export function Note() {\n  return <p className="note">Apply</p>;\n}\n', 2, 10), /has no onClick handler of its own/);
  });

  it('refuses a computed handler it cannot wrap faithfully', () => {
    const text = 'export function Row({ handlers }: { handlers: Record<string, () => void> }) {\n  return <button type="button" onClick={handlers.apply ?? handlers.fallback}>Apply</button>;\n}\n';
    assert.match(refusal(text, 2, 10), /the onClick of “Apply” is computed/);
  });

  it('refuses a keyed list item that would need a fragment around it', () => {
    const text = 'export function Codes({ codes, use }: { codes: string[]; use: (code: string) => void }) {\n  return codes.map((code) => <button key={code} type="button" onClick={() => use(code)}>{code}</button>);\n}\n';
    assert.match(refusal(text, 2, 30), /keyed list item/);
  });
});

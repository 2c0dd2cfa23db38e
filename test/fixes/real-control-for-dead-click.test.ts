// Golden tests for real-control-for-dead-click: dead-clicked content becomes a link to the page the affected sessions
// went to next, in the shape the element has (renamed tag, link inside, link around, styled `as`), or says why not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText, prepareTarget } from '../../analyzer/fixes/apply-fix';
import { realControlForDeadClickFix as fix } from '../../analyzer/fixes/real-control-for-dead-click';
import type { ReportHotspot } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

/** The shop's "Free returns" hotspot as analysed from examples/shop/corpus, with `nextPages` given by each test. */
function returnsBadge(nextPages: ReportHotspot['nextPages']): ReportHotspot {
  return hotspotFor({
    kind: 'dead_click',
    page: '/product/:id',
    sessions: 47,
    pageSessions: 320,
    share: 47 / 320,
    conversionAffected: 0.489,
    conversionUnaffected: 0.352,
    impact: { lostConversions: -7.2, conversionWith: 0.381, conversionWithout: 0.228, model: 'session-outcome@test' },
    element: { selector: 'span.pill.pill--returns', tag: 'span', text: 'Free returns', fingerprint: 'span.pill.pill--returns', attributes: { class: 'pill pill--returns' } },
    nextPages,
  });
}

function deadClick(page: string, nextPages: ReportHotspot['nextPages'], sessions = 40): ReportHotspot {
  return hotspotFor({ kind: 'dead_click', page, sessions, nextPages });
}

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, `${name}.before.tsx`), 'utf8');
}

function problemOf(text: string, line: number, column: number, hotspot: ReportHotspot, file = 'Inline.tsx') {
  const result = applyFixToText({ fix, hotspot, file, text, line, column, srcRoot: FIXTURES });
  assert.ok('problem' in result, 'expected the fix to be refused');
  return result.problem;
}

describe('fix: real-control-for-dead-click', () => {
  it('renames the shop\'s "Free returns" span to a link to /returns when most affected sessions went there next', () => {
    const hotspot = returnsBadge([{ page: '/returns', sessions: 27 }, { page: '/cart', sessions: 14 }]);
    assertGolden({ fix, name: 'returns-badge', line: 4, column: 5, hotspot });
  });

  it('cites the dead clicks, the destination share and the conversion figures in its rationale, and sizes the test', () => {
    const hotspot = returnsBadge([{ page: '/returns', sessions: 27 }, { page: '/cart', sessions: 14 }]);
    const prepared = prepareTarget({ hotspot, file: 'ReturnsBadge.tsx', text: fixture('returns-badge'), line: 4, column: 5, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.equal(fix.title(prepared.target), 'Make “Free returns” a link to /returns');
    assert.equal(
      fix.rationale(prepared.target),
      '15 % of /product/:id sessions (47 of 320) clicked “Free returns” and nothing happened; 57 % of them went to /returns next; they converted 49 % vs 35 % without it; no conversions lost (modelled).',
    );
    const plan = fix.verification(prepared.target, 'fix-returns-badge');
    assert.equal(plan.flag, 'fix-returns-badge');
    assert.match(plan.metric, /dead clicks on “Free returns”/);
    assert.match(plan.steps[0], /feature flag "fix-returns-badge"/);
    assert.match(plan.steps[1], /about 285 sessions reaching \/product\/:id per arm/);
    assert.match(plan.steps[2], /\$dead_click events on span\.pill\.pill--returns/);
  });

  it('refuses the shop badge with the real figures: 41 of 47 sessions went on to /cart, which is the funnel, not the badge', () => {
    const problem = problemOf(fixture('returns-badge'), 4, 5, returnsBadge([{ page: '/cart', sessions: 41 }, { page: '/size-guide', sessions: 6 }]));
    assert.equal(problem.kind, 'not_applicable');
    assert.match(problem.message, /no destination to link “Free returns” to: of the 47 sessions that clicked it, 41 went to \/cart, 6 to \/size-guide next/);
  });

  it('puts the file\'s router Link inside a conditionally rendered list item', () => {
    assertGolden({ fix, name: 'perk-list', line: 13, column: 9, hotspot: deadClick('/product/:id', [{ page: '/size-guide', sessions: 18 }, { page: '/cart', sessions: 12 }]) });
  });

  it('wraps an image with spread props and clsx classes, in a ternary, in a link', () => {
    assertGolden({ fix, name: 'product-thumbnail', line: 18, column: 9, hotspot: deadClick('/product/:id', [{ page: '/gallery', sessions: 22 }], 35) });
  });

  it('gives a styled component `as="a"` and the href, keeping its styles', () => {
    assertGolden({ fix, name: 'shipping-badge', line: 20, column: 10, hotspot: deadClick('/product/:id', [{ page: '/shipping', sessions: 30 }], 52) });
  });

  it('drops the role and tabIndex of a span under `cond &&`, and moves the link into parentheses when it no longer fits', () => {
    assertGolden({ fix, name: 'help-chip', line: 5, column: 20, hotspot: deadClick('/checkout/shipping', [{ page: '/help', sessions: 15 }], 25), movedTo: { line: 6, column: 9 } });
  });

  it('refuses an element holding a control: HTML forbids a control inside a link', () => {
    const text = 'export function Card({ add }: { add: () => void }) {\n  return (\n    <div className="card">\n      Merino crew\n      <button type="button" onClick={add}>Add</button>\n    </div>\n  );\n}\n';
    const problem = problemOf(text, 3, 5, deadClick('/', [{ page: '/merino-crew', sessions: 30 }]));
    assert.match(problem.message, /it holds a <button>, and a link may not contain another control/);
  });

  it('refuses a <button>: it is a control already', () => {
    const problem = problemOf(fixture('pay-button'), 4, 5, deadClick('/checkout/payment', [{ page: '/checkout/confirmation', sessions: 40 }]));
    assert.equal(problem.kind, 'not_applicable');
    assert.match(problem.message, /<button> is already a real control/);
  });

  it('refuses a span with an onClick handler: the click runs code', () => {
    const text = `export function Note({ onOpen }: { onOpen: () => void }) {\n  return <span className="note" onClick={onOpen}>Returns</span>;\n}\n`;
    const problem = problemOf(text, 2, 10, deadClick('/product/:id', [{ page: '/returns', sessions: 30 }]));
    assert.match(problem.message, /it has an onClick handler/);
  });

  it('refuses to edit a file that does not parse', () => {
    const problem = problemOf('export function Broken() {\n  return <span className="pill">Free returns</span\n}\n', 2, 10, deadClick('/product/:id', [{ page: '/returns', sessions: 30 }]));
    assert.equal(problem.kind, 'unparsable');
  });

  it('refuses a location that no longer starts the element (the code moved since the analysis)', () => {
    const moved = `\n${fixture('returns-badge')}`;
    const problem = problemOf(moved, 4, 5, returnsBadge([{ page: '/returns', sessions: 27 }]));
    assert.equal(problem.kind, 'drifted');
  });
});

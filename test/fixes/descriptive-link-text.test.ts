import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText, prepareTarget } from '../../analyzer/fixes/apply-fix';
import { descriptiveLinkTextFix } from '../../analyzer/fixes/descriptive-link-text';
import type { ReportElement, ReportHotspot } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

function link(href: string, text: string, attributes: Record<string, string> = {}): ReportElement {
  return { selector: `a[href="${href}"]`, tag: 'a', text, fingerprint: `a-${href}`, attributes: { href, ...attributes } };
}

const sizeGuide = hotspotFor({
  kind: 'quick_back',
  page: '/product/:id',
  element: link('/size-guide', 'Size guide', { class: 'size-guide-link' }),
  nextPages: [
    { page: '/cart', sessions: 12 },
    { page: '/', sessions: 5 },
  ],
});

function problemOf(line: number, column: number, hotspot: ReportHotspot) {
  const text = readFileSync(path.join(FIXTURES, 'descriptive-link-text-negatives.before.tsx'), 'utf8');
  const result = applyFixToText({ fix: descriptiveLinkTextFix, hotspot, file: 'HelpLinks.tsx', text, line, column, srcRoot: FIXTURES });
  assert.ok('problem' in result, `${line}:${column} should not be fixed`);
  assert.equal(result.problem.kind, 'not_applicable');
  return result.problem.message;
}

describe('descriptive-link-text fix', () => {
  it("previews the shop's size guide beside the \"Size guide\" link, read from the page its route renders (the heading already matches the link)", () => {
    assertGolden({ fix: descriptiveLinkTextFix, name: 'descriptive-link-text-shop-size-guide-link', line: 6, column: 5, hotspot: sizeGuide });
  });

  it('renames an inline "Learn more" after the heading of the page its route object renders, keeping the wrapper on the line of the text around it (clsx, {...spread})', () => {
    const hotspot = hotspotFor({ kind: 'quick_back', page: '/', element: link('/returns', 'Learn more', { class: 'footer-link' }) });
    assertGolden({ fix: descriptiveLinkTextFix, name: 'descriptive-link-text-footer', line: 14, column: 23, hotspot });
  });

  it('describes a styled-components link rendered conditionally, following a route table of switch cases', () => {
    const hotspot = hotspotFor({ kind: 'quick_back', page: '/product/:id', element: link('/size-guide', 'Sizing help', { class: 'help-link' }) });
    assertGolden({ fix: descriptiveLinkTextFix, name: 'descriptive-link-text-styled-help', line: 18, column: 9, hotspot });
  });

  it('refuses a destination whose heading and first paragraph are built from data', () => {
    const message = problemOf(5, 7, hotspotFor({ kind: 'quick_back', page: '/', element: link('/help/shipping', 'Shipping questions') }));
    assert.match(message, /^link-destinations\/HelpTopic\.tsx \(<HelpTopic>\) has no <p> whose first sentence is written out in the code/);
  });

  it('refuses a link whose destination no route renders', () => {
    const message = problemOf(6, 7, hotspotFor({ kind: 'quick_back', page: '/', element: link('/wishlist', 'Saved items') }));
    assert.match(message, /^no route under .* renders \/wishlist \(looked for <Route path>, route objects, switch cases and regex routes\)/);
  });

  it('refuses a button: a quick back starts from a link', () => {
    const message = problemOf(7, 7, hotspotFor({ kind: 'quick_back', page: '/', element: { selector: 'button', tag: 'button', text: 'Chat with us', fingerprint: 'b', attributes: {} } }));
    assert.equal(message, '<button> is not a link (an <a href> or a router <Link to>): a quick back starts from a link people follow.');
  });

  it('cites the round trips, where people went next and what the page says', () => {
    const text = readFileSync(path.join(FIXTURES, 'descriptive-link-text-shop-size-guide-link.before.tsx'), 'utf8');
    const prepared = prepareTarget({ hotspot: sizeGuide, file: 'SizeGuideLink.tsx', text, line: 6, column: 5, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.equal(
      descriptiveLinkTextFix.rationale(prepared.target),
      '31 % of /product/:id sessions (31 of 100) followed "Size guide" to /size-guide and came back within 6 s; afterwards they went to /cart (12), / (5). The page opens with "Size guide: Our garments follow standard European sizing."',
    );
    assert.equal(descriptiveLinkTextFix.title(prepared.target), 'Say what "Size guide" leads to: a preview of /size-guide beside the link');
    assert.match(descriptiveLinkTextFix.verification(prepared.target).metric, /quick backs after following "Size guide" to \/size-guide/);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText, prepareTarget } from '../../analyzer/fixes/apply-fix';
import { ctaAboveFoldFix } from '../../analyzer/fixes/cta-above-fold';
import type { ReportElement } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

function element(tag: string, attributes: Record<string, string>, text?: string, id?: string): ReportElement {
  return { selector: id ? `#${id}` : tag, tag, id, text, fingerprint: `${tag}-fixture`, attributes };
}

const addToCart = hotspotFor({
  kind: 'excessive_scroll',
  page: '/product/:id',
  element: element('button', { id: 'add-to-cart', type: 'button', class: 'btn btn-primary btn-large' }, 'Add to cart', 'add-to-cart'),
});

describe('cta-above-fold fix', () => {
  it("makes the wrapper of the shop's below-the-fold \"Add to cart\" sticky at the bottom: the wrapper holds only the button, and sticky moves an element only within its parent", () => {
    assertGolden({ fix: ctaAboveFoldFix, name: 'cta-above-fold-shop-product', line: 53, column: 9, hotspot: addToCart });
  });

  it('makes a conditionally rendered trial button sticky itself, its style placed before the {...spread} props (clsx class names)', () => {
    const hotspot = hotspotFor({ kind: 'excessive_scroll', page: '/pricing', element: element('button', { type: 'button', class: 'btn btn--yearly' }, 'Start free trial') });
    assertGolden({ fix: ctaAboveFoldFix, name: 'cta-above-fold-pricing', line: 27, column: 9, hotspot });
  });

  it('merges the sticky position into the existing style object of a styled-components button', () => {
    const hotspot = hotspotFor({ kind: 'excessive_scroll', page: '/story', element: element('button', { type: 'button' }, 'Buy now') });
    assertGolden({ fix: ctaAboveFoldFix, name: 'cta-above-fold-styled-buy', line: 22, column: 7, hotspot });
  });

  it('refuses an element that is not a call to action, saying why', () => {
    const hotspot = hotspotFor({ kind: 'excessive_scroll', page: '/product/:id', element: element('div', { class: 'product-cta' }) });
    const text = readFileSync(path.join(FIXTURES, 'cta-above-fold-shop-product.before.tsx'), 'utf8');
    const result = applyFixToText({ fix: ctaAboveFoldFix, hotspot, file: 'Product.tsx', text, line: 52, column: 7, srcRoot: FIXTURES });
    assert.ok('problem' in result);
    assert.equal(result.problem.kind, 'not_applicable');
    assert.equal(
      result.problem.message,
      '<div> is not a call to action (a button, a link, a submit input or role="button"): pinning it would keep content in view, not the action people scrolled for.',
    );
  });

  it('cites the scrolling sessions and their conversion in the rationale, and clicks on #add-to-cart in the plan', () => {
    const text = readFileSync(path.join(FIXTURES, 'cta-above-fold-shop-product.before.tsx'), 'utf8');
    const prepared = prepareTarget({ hotspot: addToCart, file: 'Product.tsx', text, line: 53, column: 9, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.equal(
      ctaAboveFoldFix.rationale(prepared.target),
      '31 % of /product/:id sessions (31 of 100) scrolled up and down far more than usual on this page before they clicked "Add to cart"; they converted 12 % vs 41 % without it.',
    );
    assert.equal(ctaAboveFoldFix.title(prepared.target), 'Keep "Add to cart" in view while people scroll (sticky at the bottom)');
    assert.match(ctaAboveFoldFix.verification(prepared.target).steps.join(' '), /#add-to-cart/);
  });
});

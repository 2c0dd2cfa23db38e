import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyFixToText, prepareTarget } from '../../analyzer/fixes/apply-fix';
import { ctaAboveFoldFix } from '../../analyzer/fixes/cta-above-fold';
import { descriptiveLinkTextFix } from '../../analyzer/fixes/descriptive-link-text';
import { behindFeatureFlag, FeatureFlagKeyError, FeatureFlagPlacementError, flagVariableName } from '../../analyzer/fixes/feature-flag';
import { largerTapTargetFix } from '../../analyzer/fixes/larger-tap-target';
import { visibleFieldLabelFix } from '../../analyzer/fixes/visible-field-label';
import type { ReportElement } from '../../analyzer/report/types';
import { assertGolden, FIXTURES, hotspotFor } from './golden';

function element(tag: string, attributes: Record<string, string>, text?: string, id?: string): ReportElement {
  return { selector: id ? `#${id}` : tag, tag, id, text, fingerprint: `${tag}-fixture`, attributes };
}

// The hook and the import above it, and the conditional around it, move the element: each case says where the
// flag-on branch now holds it (`movedTo`), which is where the second application must find the fix already there.
describe('applying a fix behind a PostHog feature flag', () => {
  it('switches the sticky "Add to cart" wrapper among JSX children, with the hook first in the component (before its early return) and the import before the relative ones', () => {
    const hotspot = hotspotFor({
      kind: 'excessive_scroll',
      page: '/product/:id',
      element: element('button', { id: 'add-to-cart', type: 'button', class: 'btn btn-primary btn-large' }, 'Add to cart', 'add-to-cart'),
    });
    assertGolden({
      fix: ctaAboveFoldFix,
      name: 'cta-above-fold-shop-product',
      after: 'cta-above-fold-shop-product-flagged.after.tsx',
      movedTo: { line: 56, column: 11 },
      line: 53,
      column: 9,
      hotspot,
      behindFlag: behindFeatureFlag('sticky-add-to-cart'),
    });
  });

  it('keeps the parentheses of `open && (...)` around the conditional (larger tap target on a conditionally rendered close button)', () => {
    const hotspot = hotspotFor({ kind: 'dead_click', page: '/', element: element('button', { class: 'toast-close icon-btn', type: 'button', 'aria-label': 'Dismiss' }) });
    assertGolden({
      fix: largerTapTargetFix,
      name: 'larger-tap-target-toast',
      after: 'larger-tap-target-toast-flagged.after.tsx',
      movedTo: { line: 18, column: 11 },
      line: 15,
      column: 9,
      hotspot,
      behindFlag: behindFeatureFlag('larger-dismiss'),
    });
  });

  it('replaces the layout parentheses of `return (...)` when the link is the component\'s returned root', () => {
    const hotspot = hotspotFor({
      kind: 'quick_back',
      page: '/product/:id',
      element: { selector: 'a.size-guide-link', tag: 'a', text: 'Size guide', fingerprint: 'a-size-guide', attributes: { href: '/size-guide', class: 'size-guide-link' } },
    });
    assertGolden({
      fix: descriptiveLinkTextFix,
      name: 'descriptive-link-text-shop-size-guide-link',
      after: 'descriptive-link-text-shop-size-guide-link-flagged.after.tsx',
      movedTo: { line: 9, column: 7 },
      line: 6,
      column: 5,
      hotspot,
      behindFlag: behindFeatureFlag('size-guide-preview'),
    });
  });

  it('switches only the children a fix changed (a label inserted before a field, an id added to it), not the whole form', () => {
    const hotspot = hotspotFor({ kind: 'form_abandonment', page: '/', element: element('input', { name: 'email', type: 'email', placeholder: 'Your email address' }) });
    assertGolden({
      fix: visibleFieldLabelFix,
      name: 'visible-field-label-newsletter',
      after: 'visible-field-label-newsletter-flagged.after.tsx',
      movedTo: { line: 18, column: 11 },
      line: 13,
      column: 7,
      hotspot,
      behindFlag: behindFeatureFlag('newsletter-label'),
    });
  });

  it('turns a concise arrow component into a block for the hook and merges the import into the file\'s posthog-js/react import', () => {
    const hotspot = hotspotFor({ kind: 'hesitation', page: '/cart', element: element('input', { name: 'promoCode', placeholder: 'e.g. SPRING24' }) });
    assertGolden({
      fix: visibleFieldLabelFix,
      name: 'visible-field-label-promo',
      after: 'visible-field-label-promo-flagged.after.tsx',
      movedTo: { line: 9, column: 7 },
      line: 5,
      column: 3,
      hotspot,
      behindFlag: behindFeatureFlag('promo-label'),
    });
  });

  it('rejects a key PostHog would not accept, naming the allowed characters', () => {
    assert.throws(() => behindFeatureFlag('sticky add to cart!'), (error: unknown) => {
      assert.ok(error instanceof FeatureFlagKeyError);
      assert.equal(
        error.message,
        '"sticky add to cart!" is not a valid PostHog feature-flag key: use only letters, numbers, hyphens (-) and underscores (_), e.g. "larger-tap-target-cart".',
      );
      return true;
    });
    assert.throws(() => behindFeatureFlag(''), FeatureFlagKeyError);
  });

  it('refuses markup outside any function component, where no hook can run', () => {
    const text = 'export const closeButton = (\n  <button type="button" className="icon-btn" aria-label="Close">\n    ×\n  </button>\n);\n';
    const hotspot = hotspotFor({ kind: 'rage_click', page: '/', element: element('button', { class: 'icon-btn', 'aria-label': 'Close' }, '×') });
    // The wrapper throws FeatureFlagPlacementError; the engine turns it into a refusal that names the place.
    const flag = behindFeatureFlag('larger-close');
    const prepared = prepareTarget({ hotspot, file: 'close.tsx', text, line: 2, column: 3, srcRoot: FIXTURES });
    assert.ok('target' in prepared);
    assert.throws(() => flag(largerTapTargetFix.apply(prepared.target), prepared.target), FeatureFlagPlacementError);
    const result = applyFixToText({ fix: largerTapTargetFix, hotspot, file: 'close.tsx', text, line: 2, column: 3, srcRoot: FIXTURES, behindFlag: flag });
    assert.ok('problem' in result, 'nothing is offered');
    assert.equal(result.problem.kind, 'not_applicable');
    assert.match(result.problem.message, /cannot put larger-tap-target behind a feature flag here: close\.tsx:2: the changed markup is not inside a function component or hook/);
  });

  it('names the flag variable after the key in camelCase', () => {
    assert.equal(flagVariableName('size-guide-hint'), 'sizeGuideHintEnabled');
    assert.equal(flagVariableName('checkout_v2'), 'checkoutV2Enabled');
    assert.equal(flagVariableName('2024-cta'), 'flag2024CtaEnabled');
  });

  it('leaves the file as the fix alone would make it when the flag is not requested', () => {
    const hotspot = hotspotFor({ kind: 'dead_click', page: '/', element: element('button', { class: 'toast-close icon-btn', type: 'button', 'aria-label': 'Dismiss' }) });
    const text = readFileSync(path.join(FIXTURES, 'larger-tap-target-toast.before.tsx'), 'utf8');
    const result = applyFixToText({ fix: largerTapTargetFix, hotspot, file: 'toast.tsx', text, line: 15, column: 9, srcRoot: FIXTURES });
    assert.ok(!('problem' in result));
    assert.equal(result.after, readFileSync(path.join(FIXTURES, 'larger-tap-target-toast.after.tsx'), 'utf8'));
  });
});

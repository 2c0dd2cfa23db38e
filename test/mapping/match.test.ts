import assert from 'node:assert/strict';
import { indexSources, indexSourceText, mapElementToSource } from '../../analyzer/mapping';
import type { SourceIndex, SourceLocation } from '../../analyzer/mapping';
import { domElement, FIXTURE_APP, lineOf } from './helpers';

const index = indexSources(FIXTURE_APP);

function assertAt(result: SourceLocation | undefined, file: string, needle: string): SourceLocation {
  assert.ok(result, `expected a result at ${file}`);
  assert.deepEqual([result.file, result.line], [file, lineOf(file, needle)]);
  return result;
}

describe('mapElementToSource: strong identifiers', () => {
  it('maps a unique id to its element with confidence ≥ 0.9', () => {
    const el = domElement({ tag: 'form', classes: ['checkout'], attrs: { id: 'checkout-form' } });
    const [top] = mapElementToSource(el, index);
    assertAt(top, 'pages/Checkout.tsx', '<form className="checkout"');
    assert.ok(top.confidence >= 0.9, `confidence ${top.confidence}`);
    assert.ok(top.evidence.includes('id="checkout-form"'));
    assert.equal(top.component, 'Checkout');
  });

  it('maps a DOM <button data-testid> to the <Button data-testid> that passed it through (custom component)', () => {
    const el = domElement({ tag: 'button', classes: ['btn', 'btn-primary'], text: 'Checkout', attrs: { 'data-testid': 'checkout' } });
    const results = mapElementToSource(el, index);
    const top = assertAt(results[0], 'pages/Cart.tsx', '<Button data-testid="checkout"');
    assert.ok(top.confidence >= 0.9, `confidence ${top.confidence}`);
    assert.deepEqual(top.evidence.slice(0, 2), ['data-testid="checkout"', 'text="Checkout"']);
    assert.equal(results.length, 1, 'the shared <button> inside Button.tsx is not offered against a unique test id');
  });

  it('maps data-attr (PostHog convention) and a unique aria-label with confidence ≥ 0.9', () => {
    const addToBag = domElement({ tag: 'button', classes: ['add-to-bag'], text: 'Add to bag', attrs: { 'data-attr': 'add-to-bag' } });
    const [bag] = mapElementToSource(addToBag, index);
    assertAt(bag, 'pages/ProductPage.tsx', 'data-attr="add-to-bag"');
    assert.ok(bag.confidence >= 0.9 && bag.evidence[0] === 'data-attr="add-to-bag"');

    const apply = domElement({ tag: 'button', classes: ['btn', 'btn-secondary'], text: 'Apply', attrs: { 'aria-label': 'Apply discount code' } });
    const [label] = mapElementToSource(apply, index);
    assertAt(label, 'pages/Checkout.tsx', 'aria-label="Apply discount code"');
    assert.ok(label.confidence >= 0.9, `confidence ${label.confidence}`);
    assert.ok(label.evidence.includes('aria-label="Apply discount code"'));
  });

  it('matches name / placeholder and router links by href', () => {
    const [search] = mapElementToSource(domElement({ tag: 'input', classes: ['input'], attrs: { name: 'q', placeholder: 'Search products' } }), index);
    assertAt(search, 'components/SearchBar.tsx', '<input');
    assert.ok(search.evidence.includes('name="q"') && search.evidence.includes('placeholder="Search products"'));
    const help = domElement({ tag: 'a', text: 'Help', attrs: { href: 'https://shop.example/help' }, ancestors: [{ tag: 'nav', classes: ['main-nav'] }] });
    const [link] = mapElementToSource(help, index);
    assertAt(link, 'components/Header.tsx', '<Link to="/help">');
    assert.ok(link.evidence.includes('href="/help"') && link.evidence.includes('ancestor=nav.main-nav'));
  });

  it('matches a dynamic test id through its template literal', () => {
    const el = domElement({ tag: 'a', classes: ['product-link'], text: 'Wool coat', attrs: { 'data-testid': 'product-42', href: '/product/42' } });
    const [top] = mapElementToSource(el, index);
    assertAt(top, 'pages/ProductList.tsx', 'data-testid={`product-');
    assert.ok(top.evidence.includes('data-testid="product-42" (template)'));
  });
});

describe('mapElementToSource: text, classes and ambiguity', () => {
  it('maps unique text + tag (through a nested span) at about 0.7–0.8', () => {
    const [top, ...rest] = mapElementToSource(domElement({ tag: 'button', text: 'Pay now' }), index);
    assertAt(top, 'pages/Checkout.tsx', 'className={`btn btn-primary');
    assert.ok(top.confidence >= 0.7 && top.confidence <= 0.8, `confidence ${top.confidence}`);
    assert.deepEqual(top.evidence, ['text="Pay now"', 'tag=button']);
    assert.deepEqual(rest, [], 'the wrapping div and the span have other tags');
  });

  it('maps the clicked inner span to the span, not its button', () => {
    const el = domElement({ tag: 'span', classes: ['label'], text: 'Pay now', ancestors: [{ tag: 'button', classes: ['btn', 'btn-primary'] }] });
    const [top] = mapElementToSource(el, index);
    assertAt(top, 'pages/Checkout.tsx', '<span className="label">');
    assert.ok(top.confidence < 0.9, 'text and classes never claim identifier-level confidence');
    assert.ok(top.evidence.includes('ancestor=button.btn'));
  });

  it('splits confidence between duplicated texts in two files, none above 0.6', () => {
    const el = domElement({ tag: 'button', classes: ['link-button'], text: 'Continue shopping' });
    const results = mapElementToSource(el, index);
    assert.deepEqual(results.map((r) => r.file).sort(), ['pages/Cart.tsx', 'pages/Checkout.tsx']);
    for (const r of results) assert.ok(r.confidence < 0.6, `confidence ${r.confidence}`);
    assert.equal(results[0].confidence, results[1].confidence);
  });

  it('lets ancestor context order duplicates without making either certain', () => {
    const el = domElement({
      tag: 'button', classes: ['link-button'], text: 'Continue shopping',
      ancestors: [{ tag: 'form', id: 'checkout-form', classes: ['checkout'] }, { tag: 'main' }],
    });
    const [first, second] = mapElementToSource(el, index);
    assertAt(first, 'pages/Checkout.tsx', '<button type="button" className="link-button">');
    assert.ok(first.evidence.includes('ancestor=form#checkout-form'));
    assert.ok(first.confidence < 0.6 && second.confidence < first.confidence);
  });

  it('keeps a classes-only match at or below 0.5', () => {
    const [top] = mapElementToSource(domElement({ tag: 'div', classes: ['product-grid'] }), index);
    assertAt(top, 'pages/ProductList.tsx', 'className="product-grid"');
    assert.ok(top.confidence <= 0.5, `confidence ${top.confidence}`);
    assert.deepEqual(top.evidence, ['class=product-grid', 'tag=div']);
  });

  it('never matches masked text', () => {
    assert.deepEqual(mapElementToSource(domElement({ tag: 'button', text: '*** ***' }), index), []);
    assert.deepEqual(mapElementToSource(domElement({ tag: 'p', text: '***' }), index), []);
    const masked = mapElementToSource(domElement({ tag: 'button', classes: ['link-button'], text: '******** ********' }), index);
    assert.ok(masked.every((r) => !r.evidence.some((e) => e.startsWith('text'))));
  });

  it('returns at most three results, all above the minimum confidence', () => {
    const el = domElement({ tag: 'h1', classes: ['page-title'] });
    const results = mapElementToSource(el, index);
    assert.ok(results.length <= 3);
    assert.ok(results.every((r) => r.confidence >= 0.25));
    assert.equal(mapElementToSource(el, index, { minConfidence: 0.01, maxResults: 10 }).length, 3, 'three h1.page-title');
  });

  it('maps an unlabelled icon through its identified ancestor, at reduced confidence', () => {
    const el = domElement({ tag: 'svg', ancestors: [{ tag: 'button', testId: 'wishlist-toggle' }, { tag: 'main', classes: ['product-page'] }] });
    const [top] = mapElementToSource(el, index);
    assertAt(top, 'pages/ProductPage.tsx', 'data-testid="wishlist-toggle"');
    assert.ok(top.confidence <= 0.6);
    assert.equal(top.evidence[0], 'via ancestor button[data-testid="wishlist-toggle"]');
  });
});

describe('mapElementToSource: custom components and dynamic values', () => {
  const twoSaves: SourceIndex = {
    root: '/virtual',
    files: 2,
    elements: [
      ...indexSourceText('a/Toolbar.tsx', 'export const Toolbar = () => <Button data-testid="save">Save</Button>;'),
      ...indexSourceText('b/Editor.tsx', 'export const Editor = () => <button data-testid="save">Save</button>;'),
    ],
  };

  it('prefers the intrinsic entry when a component matches equally, and calls the tie ambiguous', () => {
    const results = mapElementToSource(domElement({ tag: 'button', text: 'Save', attrs: { 'data-testid': 'save' } }), twoSaves);
    assert.deepEqual(results.map((r) => r.file), ['b/Editor.tsx', 'a/Toolbar.tsx']);
    assert.ok(results[0].confidence < 0.6);
  });

  it('never matches on the value of a dynamic attribute', () => {
    const dynamic: SourceIndex = {
      root: '/virtual',
      files: 1,
      elements: indexSourceText('c/Dyn.tsx', 'export const Dyn = ({ l }: { l: string }) => <button aria-label={l} id={l} />;'),
    };
    assert.deepEqual(mapElementToSource(domElement({ tag: 'button', attrs: { 'aria-label': 'true', id: 'true' } }), dynamic), []);
  });

  it('rejects an element whose static test id contradicts the DOM', () => {
    const el = domElement({ tag: 'button', text: 'Save', attrs: { 'data-testid': 'publish' } });
    assert.deepEqual(mapElementToSource(el, twoSaves), []);
  });
});

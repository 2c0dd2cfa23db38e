import assert from 'node:assert/strict';
import { indexSources } from '../../analyzer/mapping';
import type { JsxElementEntry, SourceIndex } from '../../analyzer/mapping';
import { FIXTURE_APP, lineOf } from './helpers';

function entryAt(index: SourceIndex, file: string, needle: string): JsxElementEntry {
  const line = lineOf(file, needle);
  const entry = index.elements.find((e) => e.file === file && e.line === line);
  assert.ok(entry, `no JSX element indexed at ${file}:${line}`);
  return entry;
}

describe('indexSources over the fixture app', () => {
  const index = indexSources(FIXTURE_APP);

  it('indexes every .tsx file, with root-relative forward-slash paths and no problems', () => {
    assert.equal(index.files, 10);
    assert.deepEqual(index.problems, []);
    const files = new Set(index.elements.map((e) => e.file));
    assert.ok(files.has('pages/Checkout.tsx'));
    assert.ok(files.has('routes.tsx'));
    assert.ok(![...files].some((f) => f.includes('\\') || f.startsWith('/') || f.endsWith('.ts')));
  });

  it('records the 1-based line and column of the opening "<"', () => {
    const entry = entryAt(index, 'pages/Checkout.tsx', '<form className="checkout"');
    assert.equal(entry.column, 5);
    assert.equal(entry.tag, 'form');
    assert.equal(entry.intrinsic, true);
  });

  it('keeps literal attributes as strings and dynamic ones as true', () => {
    const form = entryAt(index, 'pages/Checkout.tsx', '<form className="checkout"');
    assert.equal(form.attributes.id, 'checkout-form');
    assert.equal(form.attributes.onSubmit, true);
    const link = entryAt(index, 'pages/ProductList.tsx', 'data-testid={`product-');
    assert.equal(link.attributes['data-testid'], true);
    assert.deepEqual(link.attributeTemplates?.['data-testid'], ['product-', '']);
  });

  it('reads classes from literals, template static parts and clsx calls (object keys, &&)', () => {
    assert.deepEqual(entryAt(index, 'components/Header.tsx', 'className="cart-link"').classes, ['cart-link']);
    // `btn btn-primary ${busy ? 'is-busy' : ''}`: static words plus both branches of the substitution.
    assert.deepEqual(entryAt(index, 'pages/Checkout.tsx', 'className={`btn btn-primary').classes.sort(), ['btn', 'btn-primary', 'is-busy']);
    // clsx('btn', `btn-${variant}`, { 'btn-block': block }, className): the partial `btn-` is not a class.
    assert.deepEqual(entryAt(index, 'components/Button.tsx', '    <button').classes.sort(), ['btn', 'btn-block']);
    assert.deepEqual(entryAt(index, 'components/SearchBar.tsx', '<input').classes.sort(), ['input', 'input-compact']);
  });

  it('collects static text through nested intrinsic children, decoding entities', () => {
    assert.equal(entryAt(index, 'pages/Checkout.tsx', 'className={`btn btn-primary').text, 'Pay now');
    assert.equal(entryAt(index, 'pages/Checkout.tsx', '<p className="fine-print">').text, 'By paying you accept the terms.');
    assert.equal(entryAt(index, 'components/Header.tsx', '<Link to="/" className="logo">').text, 'Thread & Co.');
    assert.equal(entryAt(index, 'pages/Cart.tsx', '<li key=').text, '×', 'dynamic children contribute nothing');
  });

  it('names the enclosing component: function, arrow const, default export, and map callbacks inside them', () => {
    assert.equal(entryAt(index, 'components/SearchBar.tsx', '<form').component, 'SearchBar');
    assert.equal(entryAt(index, 'pages/ProductList.tsx', '<article').component, 'ProductList');
    assert.equal(entryAt(index, 'pages/Cart.tsx', '<li key=').component, 'Cart');
  });

  it('lists JSX ancestors nearest first, across .map() callbacks, with their classes and ids', () => {
    const span = entryAt(index, 'pages/Checkout.tsx', '<span className="label">');
    assert.deepEqual(span.ancestorTags, ['button', 'div', 'form']);
    assert.equal(span.ancestors?.[2].id, 'checkout-form');
    assert.deepEqual(entryAt(index, 'pages/Cart.tsx', '<li key=').ancestorTags, ['ul', 'section']);
  });

  it('distinguishes components from intrinsic tags and remembers spread props', () => {
    const button = entryAt(index, 'pages/Cart.tsx', '<Button data-testid="checkout"');
    assert.equal(button.intrinsic, false);
    assert.equal(button.attributes['data-testid'], 'checkout');
    assert.equal(entryAt(index, 'components/Button.tsx', '    <button').hasSpread, true);
  });

  it('finds route declarations (objects and JSX) and component declarations', () => {
    const routes = (index.routes ?? []).map((r) => [r.path, r.kind, r.component, r.line]);
    assert.deepEqual(routes, [
      ['/', 'object', 'ProductList', lineOf('routes.tsx', "path: '/',")],
      ['/cart', 'object', 'Cart', lineOf('routes.tsx', "path: '/cart'")],
      ['/checkout', 'object', 'Checkout', lineOf('routes.tsx', "path: '/checkout'")],
      ['/product/:id', 'object', 'ProductPage', lineOf('routes.tsx', "path: '/product/:id'")],
      ['/help', 'jsx', 'Help', lineOf('routes.tsx', '<Route path="/help"')],
    ]);
    const cart = index.components?.find((c) => c.name === 'Cart');
    assert.deepEqual(cart && [cart.file, cart.line], ['pages/Cart.tsx', lineOf('pages/Cart.tsx', 'export function Cart(')]);
  });

  it('honours include and exclude patterns', () => {
    const pagesOnly = indexSources(FIXTURE_APP, { include: ['pages/**/*.tsx'] });
    assert.equal(pagesOnly.files, 5);
    const withoutComponents = indexSources(FIXTURE_APP, { exclude: ['components', 'lib'] });
    assert.equal(withoutComponents.files, 6);
    assert.ok(!withoutComponents.elements.some((e) => e.file.startsWith('components/')));
    assert.equal(indexSources(FIXTURE_APP, { include: ['Cart.tsx', '{Help,Checkout}.tsx'] }).files, 3, 'slash-free globs match at any depth');
    assert.equal(indexSources(FIXTURE_APP, { exclude: ['**/pages/**', 'routes.tsx'] }).files, 4);
  });
});

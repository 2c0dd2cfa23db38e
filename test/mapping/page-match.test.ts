import assert from 'node:assert/strict';
import { extractSourceText, indexSources, indexSourceText, mapPageToSource } from '../../analyzer/mapping';
import type { SourceIndex } from '../../analyzer/mapping';
import { FIXTURE_APP, lineOf } from './helpers';

describe('mapPageToSource', () => {
  const index = indexSources(FIXTURE_APP);

  it('maps a static path to its route object, then to the component it renders, at ≤ 0.6', () => {
    const [route, component] = mapPageToSource('/cart', index);
    assert.deepEqual([route.file, route.line, route.component], ['routes.tsx', lineOf('routes.tsx', "path: '/cart'"), 'Cart']);
    assert.equal(route.confidence, 0.6);
    assert.deepEqual(route.evidence, ['route="/cart"', 'component=Cart']);
    assert.deepEqual([component.file, component.line], ['pages/Cart.tsx', lineOf('pages/Cart.tsx', 'export function Cart(')]);
    assert.ok(component.confidence < route.confidence);
  });

  it('matches parameters, ignores query, hash, origin and trailing slash', () => {
    const [product] = mapPageToSource('https://shop.example/product/42/?ref=home#reviews', index);
    assert.deepEqual([product.line, product.component], [lineOf('routes.tsx', "path: '/product/:id'"), 'ProductPage']);
    assert.ok(product.confidence < 0.6);
  });

  it('maps a JSX <Route path> and returns nothing for unknown paths', () => {
    const [help] = mapPageToSource('/help', index);
    assert.deepEqual([help.file, help.line, help.component], ['routes.tsx', lineOf('routes.tsx', '<Route path="/help"'), 'Help']);
    assert.deepEqual(mapPageToSource('/nowhere', index), []);
  });

  it('reads switch-on-pathname routes, regex routes and nested route objects', () => {
    const app = extractSourceText('App.tsx', `
function route(pathname: string) {
  const m = /^\\/product\\/([^/]+)\\/?$/.exec(pathname);
  if (m) return <ProductPage id={m[1]} />;
  switch (pathname) {
    case '/cart':
      return <Cart />;
    default:
      return <NotFound />;
  }
}
export const routes = [{ path: '/account', element: <Account />, children: [{ path: 'orders', lazy: () => import('./pages/Orders') }] }];
export const tree = (
  <Routes>
    <Route path="/shop" element={<Shop />}>
      <Route path="items/:id" element={<Item />} />
    </Route>
  </Routes>
);
`);
    const index: SourceIndex = { root: '/virtual', files: 1, elements: app.elements, routes: app.routes, components: [] };
    assert.deepEqual(mapPageToSource('/cart', index).map((r) => [r.line, r.component]), [[6, 'Cart']]);
    assert.deepEqual(mapPageToSource('/product/abc', index).map((r) => [r.line, r.component]), [[3, 'ProductPage']]);
    assert.deepEqual(mapPageToSource('/account/orders', index).map((r) => r.component), ['Orders']);
    assert.deepEqual(mapPageToSource('/shop/items/7', index).map((r) => [r.line, r.component, r.evidence[0]]), [[16, 'Item', 'route="/shop/items/:id"']]);
  });

  it('gives a path literal with no component in sight less confidence', () => {
    const api = extractSourceText('api.tsx', `export function load(url: string) {
  switch (url) {
    case '/orders':
      return fetch('/api/orders');
  }
}`);
    const [only] = mapPageToSource('/orders', { root: '/virtual', files: 1, elements: [], routes: api.routes });
    assert.deepEqual([only.line, only.component, only.confidence], [3, undefined, 0.45]);
  });

  it('does not mistake config objects with a relative path for routes', () => {
    const elements = indexSourceText('c.tsx', `export const c = { path: 'dist/out', name: 'x' };`);
    assert.deepEqual(extractSourceText('c.tsx', `export const c = { path: 'dist/out', name: 'x' };`).routes, []);
    assert.deepEqual(elements, []);
  });
});

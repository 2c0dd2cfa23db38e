// Recognises route declarations (React Router JSX, route objects, switch on a path, regex routes) for page-level hotspots.
import { ts } from 'ts-morph';
import type { RouteEntry } from './types';

const COMPONENT_KEYS = new Set(['component', 'Component', 'element', 'page', 'view', 'lazy']);
const CHILD_ROUTE_KEYS = new Set(['children', 'routes']);

type Position = Pick<RouteEntry, 'file' | 'line' | 'column'>;
type Locate = (node: ts.Node) => Position;

/** <Route path="/cart" element={<Cart />} /> and nested <Route path="items"> under a parent <Route path="/shop">. */
export function routeFromJsx(opening: ts.JsxOpeningLikeElement, locate: Locate): RouteEntry | undefined {
  const path = staticPathAttribute(opening);
  if (path === undefined) return undefined;
  let component: string | undefined;
  for (const prop of opening.attributes.properties) {
    if (!ts.isJsxAttribute(prop) || !ts.isIdentifier(prop.name) || !COMPONENT_KEYS.has(prop.name.text)) continue;
    const init = prop.initializer;
    component ??= componentOf(init && ts.isJsxExpression(init) ? init.expression : undefined);
  }
  if (!component && ts.isJsxOpeningElement(opening)) component = firstJsxTag(opening.parent.children);
  return { path: joinPaths(parentJsxRoutePath(opening), path), kind: 'jsx', ...locate(opening), component };
}

/** { path: '/cart', component: Cart } (also element / lazy), joined with a parent route object's path via `children`. */
export function routeFromObject(node: ts.ObjectLiteralExpression, locate: Locate): RouteEntry | undefined {
  const path = stringProperty(node, 'path');
  if (path === undefined) return undefined;
  let component: string | undefined;
  for (const prop of node.properties) {
    if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name) && COMPONENT_KEYS.has(prop.name.text)) {
      component ??= componentOf(prop.initializer);
    }
  }
  // Plain config objects also have `path` (file paths, API paths); without a component they must look like a URL path.
  if (!component && !path.startsWith('/')) return undefined;
  return { path: joinPaths(parentObjectRoutePath(node), path), kind: 'object', ...locate(node), component };
}

/** switch (pathname) { case '/cart': return <Cart />; } */
export function routeFromCase(node: ts.CaseClause, locate: Locate): RouteEntry | undefined {
  const expr = node.expression;
  if (!(ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) || !expr.text.startsWith('/')) return undefined;
  return { path: expr.text, kind: 'switch', ...locate(expr), component: firstJsxTag(node.statements) };
}

/** const m = /^\/product\/([^/]+)$/.exec(pathname); if (m) return <ProductPage ... /> */
export function routeFromRegex(node: ts.RegularExpressionLiteral, locate: Locate): RouteEntry | undefined {
  const match = /^\/(\^\\\/.*)\/[a-z]*$/.exec(node.text);
  if (!match) return undefined;
  return { path: match[1], kind: 'regex', ...locate(node), component: jsxNear(node) };
}

function staticPathAttribute(opening: ts.JsxOpeningLikeElement): string | undefined {
  for (const prop of opening.attributes.properties) {
    if (!ts.isJsxAttribute(prop) || !ts.isIdentifier(prop.name) || prop.name.text !== 'path') continue;
    const init = prop.initializer;
    const expr = init && ts.isJsxExpression(init) ? init.expression : init;
    if (expr && (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr))) return expr.text;
  }
  return undefined;
}

function parentJsxRoutePath(opening: ts.JsxOpeningLikeElement): string {
  // opening -> JsxElement -> parent JsxElement (the enclosing <Route>).
  const element = ts.isJsxOpeningElement(opening) ? opening.parent : opening;
  const parent = element.parent;
  if (!parent || !ts.isJsxElement(parent)) return '';
  const path = staticPathAttribute(parent.openingElement);
  return path === undefined ? '' : joinPaths(parentJsxRoutePath(parent.openingElement), path);
}

function parentObjectRoutePath(node: ts.ObjectLiteralExpression): string {
  const array = node.parent;
  const prop = array?.parent;
  const owner = prop?.parent;
  if (!array || !ts.isArrayLiteralExpression(array) || !prop || !ts.isPropertyAssignment(prop)) return '';
  if (!ts.isIdentifier(prop.name) || !CHILD_ROUTE_KEYS.has(prop.name.text) || !owner || !ts.isObjectLiteralExpression(owner)) return '';
  const path = stringProperty(owner, 'path');
  return path === undefined ? '' : joinPaths(parentObjectRoutePath(owner), path);
}

function stringProperty(node: ts.ObjectLiteralExpression, key: string): string | undefined {
  for (const prop of node.properties) {
    if (!ts.isPropertyAssignment(prop) || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) continue;
    if (prop.name.text !== key) continue;
    const value = prop.initializer;
    return ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value) ? value.text : undefined;
  }
  return undefined;
}

/** The component a route value names: Cart, <Cart />, lazy(() => import('./pages/Cart')). */
function componentOf(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isParenthesizedExpression(expr)) return componentOf(expr.expression);
  if (ts.isJsxSelfClosingElement(expr)) return expr.tagName.getText();
  if (ts.isJsxElement(expr)) return expr.openingElement.tagName.getText();
  let imported: string | undefined;
  const find = (node: ts.Node): void => {
    if (imported) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) imported = arg.text.split('/').pop()?.replace(/\.\w+$/, '');
    }
    ts.forEachChild(node, find);
  };
  find(expr);
  return imported;
}

function firstJsxTag(nodes: readonly ts.Node[]): string | undefined {
  let tag: string | undefined;
  const find = (node: ts.Node): void => {
    if (tag) return;
    if (ts.isJsxSelfClosingElement(node)) tag = node.tagName.getText();
    else if (ts.isJsxOpeningElement(node)) tag = node.tagName.getText();
    else ts.forEachChild(node, find);
  };
  nodes.forEach(find);
  return tag;
}

/** The first JSX in the statement holding the regex or the two statements after it. */
function jsxNear(node: ts.Node): string | undefined {
  let statement: ts.Node = node;
  while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) statement = statement.parent;
  const block = statement.parent as ts.Block | ts.SourceFile | undefined;
  if (!block) return undefined;
  const at = block.statements.indexOf(statement as ts.Statement);
  return firstJsxTag(block.statements.slice(at, at + 3));
}

export function joinPaths(parent: string, child: string): string {
  if (!parent || child.startsWith('/')) return child;
  return `${parent.replace(/\/+$/, '')}/${child}`;
}

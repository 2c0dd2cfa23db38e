// One pass over a parsed file: every JSX element with its static facts, the components rendering them, and routes.
// Walks the raw TypeScript nodes under ts-morph's SourceFile: wrapping every node in ts-morph objects costs ~3x the parse.
import { ts } from 'ts-morph';
import { routeFromCase, routeFromJsx, routeFromObject, routeFromRegex } from './extract-routes';
import { readAttributes } from './jsx-attributes';
import { cleanJsxText, collapseWhitespace } from './jsx-text';
import type { ComponentEntry, JsxAncestor, JsxElementEntry, RouteEntry } from './types';

export interface FileExtract {
  elements: JsxElementEntry[];
  components: ComponentEntry[];
  routes: RouteEntry[];
}

/** Test-hook attributes; whichever the DOM carries counts as the element's test id. */
export const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-cy', 'data-qa'];

interface Scope {
  /** Nearest PascalCase function/class, else nearest named function. */
  name?: string;
  pascal: boolean;
  /** The declaration to record in `components` once it is seen rendering JSX. */
  declaration?: { name: string; node: ts.Node; recorded: boolean };
  ancestors: JsxAncestor[];
}

export function extractFile(sf: ts.SourceFile, file: string): FileExtract {
  const out: FileExtract = { elements: [], components: [], routes: [] };
  const locate = (node: ts.Node) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { file, line: line + 1, column: character + 1 };
  };
  const addRoute = (route: RouteEntry | undefined) => route && out.routes.push(route);

  // Raw text of each element, filled bottom-up so a parent reuses its children's text instead of re-walking them.
  const texts = new Map<ts.Node, string>();

  const addElement = (opening: ts.JsxOpeningLikeElement, scope: Scope): { entry: JsxElementEntry; self: JsxAncestor } => {
    const tag = opening.tagName.getText(sf);
    const intrinsic = isIntrinsic(tag);
    const { attributes, templates, classes, hasSpread } = readAttributes(opening.attributes);
    const { line, column } = locate(opening);
    const entry: JsxElementEntry = {
      file,
      line,
      column,
      tag,
      intrinsic,
      attributes,
      classes,
      text: '',
      component: scope.name,
      ancestorTags: scope.ancestors.map((a) => a.tag),
      ancestors: scope.ancestors,
    };
    if (templates) entry.attributeTemplates = templates;
    if (hasSpread) entry.hasSpread = true;
    out.elements.push(entry);
    const decl = scope.declaration;
    if (decl && !decl.recorded) {
      decl.recorded = true;
      out.components.push({ name: decl.name, ...locate(decl.node) });
    }
    if (!intrinsic) addRoute(routeFromJsx(opening, locate));
    const self: JsxAncestor = { tag, intrinsic, classes };
    if (typeof attributes.id === 'string') self.id = attributes.id;
    for (const name of TEST_ID_ATTRIBUTES) {
      const value = attributes[name];
      if (typeof value === 'string') {
        self.testId = value;
        break;
      }
    }
    return { entry, self };
  };

  const visit = (node: ts.Node, scope: Scope): void => {
    if (ts.isJsxElement(node)) {
      const { entry, self } = addElement(node.openingElement, scope);
      // JSX passed as a prop (icon={<Icon />}) is not a DOM child of this element, so it keeps the outer ancestors.
      visit(node.openingElement.attributes, scope);
      const inner = { ...scope, ancestors: [self, ...scope.ancestors] };
      for (const child of node.children) visit(child, inner);
      const text = staticText(node.children, texts);
      // A component's children may be rendered anywhere (or not at all): its text does not flow into its parent.
      texts.set(node, entry.intrinsic ? text : '');
      entry.text = collapseWhitespace(text);
      return;
    }
    if (ts.isJsxSelfClosingElement(node)) {
      addElement(node, scope);
      visit(node.attributes, scope);
      return;
    }
    if (cannotHoldJsx(node)) return;
    if (ts.isObjectLiteralExpression(node)) addRoute(routeFromObject(node, locate));
    else if (ts.isCaseClause(node)) addRoute(routeFromCase(node, locate));
    else if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      addRoute(routeFromRegex(node as ts.RegularExpressionLiteral, locate));
    }
    ts.forEachChild(node, (child) => visit(child, enterScope(child, scope)));
  };
  ts.forEachChild(sf, (child) => visit(child, enterScope(child, { pascal: false, ancestors: [] })));
  return out;
}

/** Types, interfaces and imports hold no JSX or routes: skipping them shortens the walk. */
function cannotHoldJsx(node: ts.Node): boolean {
  const kind = node.kind;
  return (
    (kind >= ts.SyntaxKind.FirstTypeNode && kind <= ts.SyntaxKind.LastTypeNode) ||
    kind === ts.SyntaxKind.InterfaceDeclaration ||
    kind === ts.SyntaxKind.TypeAliasDeclaration ||
    kind === ts.SyntaxKind.ImportDeclaration
  );
}

/** JSX treats lower-case names and dashed custom elements as DOM tags; member expressions (motion.div) are components. */
export function isIntrinsic(tag: string): boolean {
  return !tag.includes('.') && (/^[a-z]/.test(tag) || tag.includes('-'));
}

function enterScope(node: ts.Node, scope: Scope): Scope {
  if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) return scope;
  const named = declaredName(node);
  if (!named) return scope;
  const pascal = /^[A-Z]/.test(named.name);
  if (pascal) return { name: named.name, pascal, declaration: { ...named, recorded: false }, ancestors: [] };
  // A lower-case helper inside a component still belongs to that component.
  return scope.pascal ? scope : { ...scope, name: named.name, pascal: false };
}

/** The name a function or class is known by: its own, or the variable / property it is assigned to (through memo(), forwardRef()). */
function declaredName(node: ts.Node): { name: string; node: ts.Node } | undefined {
  const own = (node as ts.FunctionDeclaration | ts.ClassLikeDeclaration).name;
  if (own && ts.isIdentifier(own)) return { name: own.text, node: own };
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node) && !ts.isClassExpression(node)) return undefined;
  let parent = node.parent;
  while (parent && (ts.isCallExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent))) {
    parent = parent.parent;
  }
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) {
    return { name: parent.name.text, node: parent.name };
  }
  return undefined;
}

/**
 * Static text the element renders, including text inside intrinsic children (what the DOM shows). Pieces are
 * joined with spaces because React renders each JSX child as its own text node and the replay joins text nodes so.
 * `known` holds the raw text of elements already visited ('' for components), so nesting is not re-walked.
 */
function staticText(children: readonly ts.JsxChild[], known: Map<ts.Node, string>): string {
  const pieces: string[] = [];
  for (const child of children) {
    if (ts.isJsxText(child)) pieces.push(cleanJsxText(child.text));
    else if (ts.isJsxExpression(child)) {
      const expr = child.expression;
      if (expr && (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr))) pieces.push(expr.text);
    } else if (ts.isJsxElement(child)) {
      const text = known.get(child);
      if (text !== undefined) pieces.push(text);
      else if (isIntrinsic(child.openingElement.tagName.getText())) pieces.push(staticText(child.children, known));
    } else if (ts.isJsxFragment(child)) pieces.push(staticText(child.children, known));
  }
  return pieces.join(' ');
}

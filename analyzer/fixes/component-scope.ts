// The function component around an element, and the edits a hook needs there: the hook call among the component's
// other hooks (hooks run unconditionally, so before any early return) and its named import merged into the file's.
import { Node, SyntaxKind, type ArrowFunction, type FunctionDeclaration, type FunctionExpression, type SourceFile } from 'ts-morph';
import { reindent } from './text-layout';
import { indentUnitOf, lineIndentOf } from './jsx-markup';
import { styleOf } from './project-style';

export type ComponentFunction = FunctionDeclaration | ArrowFunction | FunctionExpression;

/** Wrappers that keep a function a component: `memo(...)`, `forwardRef(...)`, `React.memo(...)`. */
const COMPONENT_WRAPPER = /(^|\.)(memo|forwardRef)$/;

/** A function's component name: capitalised (React's rule for components), or a default-exported function. */
function componentNameOf(fn: ComponentFunction): string | undefined {
  if (Node.isFunctionDeclaration(fn)) return fn.getName() ?? (fn.isDefaultExport() ? 'the default export' : undefined);
  let parent: Node | undefined = fn.getParent();
  while (parent && Node.isCallExpression(parent) && COMPONENT_WRAPPER.test(parent.getExpression().getText())) parent = parent.getParent();
  if (parent && Node.isVariableDeclaration(parent)) return parent.getName();
  if (parent && Node.isExportAssignment(parent)) return 'the default export';
  return Node.isFunctionExpression(fn) ? fn.getName() : undefined;
}

/**
 * The nearest enclosing function component (callbacks such as `.map(...)` in between are fine: hooks go at the
 * component's top and the callback closes over them), or why there is none.
 */
export function enclosingComponent(node: Node): { component: ComponentFunction; name: string } | { reason: string } {
  for (let current: Node | undefined = node.getParent(); current; current = current.getParent()) {
    if (Node.isClassDeclaration(current) || Node.isClassExpression(current)) {
      return { reason: `it is rendered by the class component ${current.getName() ?? '(anonymous)'}, and hooks need a function component` };
    }
    if (Node.isFunctionDeclaration(current) || Node.isArrowFunction(current) || Node.isFunctionExpression(current)) {
      const name = componentNameOf(current);
      if (name && (/^[A-Z]/.test(name) || name === 'the default export')) return { component: current, name };
    }
  }
  return { reason: 'it is not rendered by a function component, and hooks need one' };
}

function isHookCall(node: Node | undefined): boolean {
  return !!node && Node.isCallExpression(node) && /^(React\.)?use[A-Z0-9]/.test(node.getExpression().getText());
}

function isHookStatement(statement: Node): boolean {
  if (Node.isVariableStatement(statement)) return statement.getDeclarations().every((d) => isHookCall(d.getInitializer()));
  return Node.isExpressionStatement(statement) && isHookCall(statement.getExpression());
}

/** The `const { pending } = useFormStatus()`-like statement of a hook already called at the component's top. */
export function hookDeclarationIn(component: ComponentFunction, hook: string): Node | undefined {
  const body = component.getBody();
  if (!body || !Node.isBlock(body)) return undefined;
  return body.getStatements().find((s) => Node.isVariableStatement(s) && s.getDeclarations().some((d) => {
    const initializer = d.getInitializer();
    return !!initializer && Node.isCallExpression(initializer) && initializer.getExpression().getText() === hook;
  }));
}

/** A name is taken when any identifier in the component spells it (crude and safe: a collision only costs an alias). */
export function usesName(component: ComponentFunction, name: string): boolean {
  return component.getDescendantsOfKind(SyntaxKind.Identifier).some((identifier) => identifier.getText() === name);
}

/**
 * Whether the file ends statements with semicolons, read before any edit (the fix's own lines would sway the count).
 */
export function usesSemicolons(sourceFile: SourceFile): boolean {
  return styleOf(sourceFile.getFullText()).semicolons;
}

/** A statement as the file writes them: with or without the trailing semicolon. */
export function statement(semicolons: boolean, text: string): string {
  return semicolons ? `${text};` : text;
}

/**
 * Adds a hook call after the hooks the component already calls first (before any early return). An arrow with an
 * expression body gets a block body whose `return` keeps the expression. Returns nothing: nodes may be forgotten.
 */
export function insertHookCall(component: ComponentFunction, hookStatement: string, semicolons: boolean): void {
  const body = component.getBody();
  if (!body) return;
  const sourceFile = component.getSourceFile();
  if (Node.isBlock(body)) {
    const statements = body.getStatementsWithComments();
    let index = 0;
    statements.forEach((s, i) => {
      if (isHookStatement(s) && statements.slice(0, i).every((before) => isHookStatement(before) || before.getKind() === SyntaxKind.SingleLineCommentTrivia)) index = i + 1;
    });
    (component as FunctionDeclaration).insertStatements(index, statement(semicolons, hookStatement));
    return;
  }
  const indent = lineIndentOf(component);
  const unit = indentUnitOf(sourceFile);
  const inner = indent + unit;
  // A multi-line JSX body goes in parentheses on its own lines, as Prettier writes a returned element.
  const returned =
    Node.isParenthesizedExpression(body) || !body.getText().includes('\n')
      ? reindent(body.getText(), indent, inner)
      : `(\n${inner}${unit}${reindent(body.getText(), indent, inner + unit)}\n${inner})`;
  sourceFile.replaceText([body.getStart(), body.getEnd()], `{\n${inner}${statement(semicolons, hookStatement)}\n${inner}${statement(semicolons, `return ${returned}`)}\n${indent}}`);
}

/** Import order: packages before relative paths, alphabetical within each. */
function moduleOrder(a: string, b: string): number {
  const rank = (m: string) => (m.startsWith('.') ? 1 : 0);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** `import { name } from 'moduleName'`: merged into an import of that module when there is one, else a new import in order. */
export function ensureNamedImport(sourceFile: SourceFile, moduleName: string, name: string, semicolons: boolean): void {
  const same = sourceFile.getImportDeclarations().filter((i) => i.getModuleSpecifierValue() === moduleName && !i.isTypeOnly());
  if (same.some((i) => i.getNamedImports().some((n) => !n.isTypeOnly() && n.getName() === name && !n.getAliasNode()))) return;
  const mergeable = same.find((i) => !i.getNamespaceImport());
  if (mergeable) {
    mergeable.addNamedImport(name);
    return;
  }
  const statements = sourceFile.getStatementsWithComments();
  const imports = sourceFile.getImportDeclarations();
  let index: number;
  if (imports.length > 0) {
    const before = imports.filter((i) => moduleOrder(i.getModuleSpecifierValue(), moduleName) <= 0);
    index = before.length > 0 ? statements.indexOf(before[before.length - 1]) + 1 : statements.indexOf(imports[0]);
  } else {
    // After the file's header comments and directives ('use client'), which describe the module, not its first statement.
    index = 0;
    while (index < statements.length && isHeader(statements[index])) index++;
  }
  const declaration = sourceFile.insertImportDeclaration(index, { moduleSpecifier: moduleName, namedImports: [name] });
  // ts-morph always ends the import with a semicolon.
  if (!semicolons) declaration.replaceWithText(declaration.getText().replace(/;$/, ''));
}

function isHeader(statement: Node): boolean {
  if (statement.getKind() === SyntaxKind.SingleLineCommentTrivia || statement.getKind() === SyntaxKind.MultiLineCommentTrivia) return true;
  return Node.isExpressionStatement(statement) && Node.isStringLiteral(statement.getExpression());
}

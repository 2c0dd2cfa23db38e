// "Apply behind a PostHog feature flag": the markup a fix changed becomes a conditional of the new and the original
// version, switched by posthog-js's useFeatureFlagEnabled hook, so the fix ships as an experiment. Only the markup is
// conditional: the flag's hook and import, and anything a fix added outside the markup (a hook, an import), stay
// unconditional, because hooks must run on every render (React's Rules of Hooks).
import { Node, ts, type Block, type SourceFile } from 'ts-morph';
import { styleOf } from './project-style';
import { applySplices, indentationAt, lineStart, PRINT_WIDTH, reindent, startsLine, type Splice } from './text-layout';
import type { ChangedMarkup, FixTarget } from './types';

/** PostHog's rule for flag keys: posthog/api/feature_flag.py `validate_key` (the app's flag form uses the same pattern). */
export const FLAG_KEY_PATTERN = /^[a-zA-Z0-9_-]+$/;
const HOOK = 'useFeatureFlagEnabled';
const HOOK_MODULE = 'posthog-js/react';

export class FeatureFlagKeyError extends Error {
  override name = 'FeatureFlagKeyError';
}

/** The markup is not inside a function component or hook, so no hook can read the flag there. */
export class FeatureFlagPlacementError extends Error {
  override name = 'FeatureFlagPlacementError';
}

export function validateFlagKey(flagKey: string): void {
  if (!FLAG_KEY_PATTERN.test(flagKey)) {
    throw new FeatureFlagKeyError(
      `"${flagKey}" is not a valid PostHog feature-flag key: use only letters, numbers, hyphens (-) and underscores (_), e.g. "larger-tap-target-cart".`,
    );
  }
}

/** The engine's `behindFlag` option: validates the key now, edits the file when the fix has been applied. */
export function behindFeatureFlag(flagKey: string): (changed: ChangedMarkup, target: FixTarget) => void {
  validateFlagKey(flagKey);
  return (changed, target) => {
    target.sourceFile.replaceWithText(flaggedText(changed, target.sourceFile, flagKey));
  };
}

/** `size-guide-hint` -> `sizeGuideHintEnabled`: the variable holding the flag in the component. */
export function flagVariableName(flagKey: string): string {
  const parts = flagKey.split(/[-_]+/).filter(Boolean);
  const camel = parts.map((part, i) => (i === 0 ? part[0].toLowerCase() + part.slice(1) : part[0].toUpperCase() + part.slice(1))).join('');
  const name = /^[a-zA-Z]/.test(camel) ? camel : `flag${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
  return `${name}Enabled`;
}

interface Layout {
  unit: string;
  quote: string;
  semicolon: string;
}

/** One version of the markup: its text (first line unindented, later lines as in the file) and its line's indentation. */
interface Branch {
  text: string;
  from: string;
}

function flaggedText(changed: ChangedMarkup, sourceFile: SourceFile, flagKey: string): string {
  const text = sourceFile.getFullText();
  const settings = sourceFile.getProject().manipulationSettings;
  const layout: Layout = { unit: settings.getIndentationText(), quote: settings.getQuoteKind(), semicolon: styleOf(text).semicolons ? ';' : '' };
  const component = enclosingComponent(changed.node);
  const hookImport = planImport(sourceFile, layout);
  const existing = existingFlagVariable(component, hookImport.localName, flagKey);
  const variable = existing ?? uniqueName(text, flagVariableName(flagKey));
  const markup = planMarkup(changed, text, variable, layout);
  const splices = [markup];
  if (hookImport.splice) splices.push(hookImport.splice);
  if (!existing) {
    const hookCall = `const ${variable} = ${hookImport.localName}(${layout.quote}${flagKey}${layout.quote})${layout.semicolon}`;
    const body = component.getBody();
    if (body && Node.isBlock(body)) splices.push(hookAtTop(body, hookCall, text));
    else if (body) return applySplices(text, [...splices.filter((s) => s !== markup), blockBody(body, hookCall, markup, text, layout)]);
  }
  return applySplices(text, splices);
}

type FunctionLike = Node & { getBody(): Node | undefined };

/** Function components are PascalCase, hooks start with `use`; anything else (a .map callback, a render helper) is skipped. */
function enclosingComponent(node: Node): FunctionLike {
  for (const ancestor of node.getAncestors()) {
    if (Node.isClassDeclaration(ancestor) || Node.isClassExpression(ancestor)) break;
    if (!(Node.isFunctionDeclaration(ancestor) || Node.isFunctionExpression(ancestor) || Node.isArrowFunction(ancestor))) continue;
    const name = functionName(ancestor);
    if (name === undefined ? isDefaultExport(ancestor) : /^[A-Z]|^use[A-Z0-9]/.test(name)) return ancestor;
  }
  const { line } = node.getSourceFile().getLineAndColumnAtPos(node.getStart());
  throw new FeatureFlagPlacementError(
    `${node.getSourceFile().getBaseName()}:${line}: the changed markup is not inside a function component or hook, so useFeatureFlagEnabled cannot be called for it; apply the fix without a flag or move the markup into a component.`,
  );
}

/** The name a function is known by: its own, or the variable it is assigned to (through memo(...) / forwardRef(...)). */
function functionName(fn: Node): string | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn)) {
    const own = fn.getName();
    if (own) return own;
  }
  let parent = fn.getParent();
  while (parent && Node.isCallExpression(parent)) parent = parent.getParent();
  return parent && Node.isVariableDeclaration(parent) ? parent.getName() : undefined;
}

function isDefaultExport(fn: Node): boolean {
  return (Node.isFunctionDeclaration(fn) && fn.isDefaultExport()) || Node.isExportAssignment(fn.getParent());
}

/** A `const x = useFeatureFlagEnabled('<key>')` already at the component's top level: reuse it. */
function existingFlagVariable(component: FunctionLike, hookName: string, flagKey: string): string | undefined {
  const body = component.getBody();
  if (!body || !Node.isBlock(body)) return undefined;
  for (const declaration of body.getVariableStatements().flatMap((s) => s.getDeclarations())) {
    const init = declaration.getInitializer();
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== hookName) continue;
    const [argument] = init.getArguments();
    if (argument && Node.isStringLiteral(argument) && argument.getLiteralValue() === flagKey) return declaration.getName();
  }
  return undefined;
}

function uniqueName(text: string, name: string): string {
  const taken = (candidate: string) => new RegExp(`\\b${candidate}\\b`).test(text);
  let candidate = name;
  for (let n = 2; taken(candidate); n++) candidate = `${name}${n}`;
  return candidate;
}

/** `import { useFeatureFlagEnabled } from 'posthog-js/react'`, merged into an existing import of the module. */
function planImport(sourceFile: SourceFile, layout: Layout): { localName: string; splice?: Splice } {
  const imports = sourceFile.getImportDeclarations();
  const existing = imports.find((d) => d.getModuleSpecifierValue() === HOOK_MODULE && !d.isTypeOnly() && !d.getNamespaceImport());
  const named = existing?.getNamedImports() ?? [];
  const present = named.find((n) => n.getName() === HOOK && !n.isTypeOnly());
  if (present) return { localName: present.getAliasNode()?.getText() ?? HOOK };
  if (named.length > 0) {
    const last = named[named.length - 1];
    const after = sourceFile.getFullText().slice(last.getEnd());
    const trailingComma = /^\s*,/.exec(after);
    const multiline = existing!.getText().includes('\n');
    if (trailingComma && multiline) {
      const indentation = indentationAt(sourceFile.getFullText(), last.getStart());
      return { localName: HOOK, splice: { start: last.getEnd() + trailingComma[0].length, end: last.getEnd() + trailingComma[0].length, text: `\n${indentation}${HOOK},` } };
    }
    return { localName: HOOK, splice: { start: last.getEnd(), end: last.getEnd(), text: `, ${HOOK}` } };
  }
  const statement = `import { ${HOOK} } from ${layout.quote}${HOOK_MODULE}${layout.quote}${layout.semicolon}`;
  // Packages before relative imports, as most import orders have it.
  const firstRelative = imports.find((d) => d.getModuleSpecifierValue().startsWith('.'));
  if (firstRelative) return { localName: HOOK, splice: { start: firstRelative.getStart(), end: firstRelative.getStart(), text: `${statement}\n` } };
  if (imports.length > 0) {
    const end = imports[imports.length - 1].getEnd();
    return { localName: HOOK, splice: { start: end, end, text: `\n${statement}` } };
  }
  const first = sourceFile.getStatements().find((s) => !(Node.isExpressionStatement(s) && Node.isStringLiteral(s.getExpression())));
  const at = first?.getStart() ?? sourceFile.getEnd();
  return { localName: HOOK, splice: { start: at, end: at, text: `${statement}\n\n` } };
}

/** The hook call as the first statement of the component's body. */
function hookAtTop(body: Block, hookCall: string, text: string): Splice {
  const [first] = body.getStatements();
  if (!first) {
    const inside = body.getStart() + 1;
    return { start: inside, end: inside, text: ` ${hookCall} ` };
  }
  const start = first.getStart();
  if (!startsLine(text, start)) return { start, end: start, text: `${hookCall} ` };
  const at = lineStart(text, start);
  return { start: at, end: at, text: `${indentationAt(text, start)}${hookCall}\n` };
}

/** A concise arrow body becomes a block that calls the hook and returns the (now conditional) expression. */
function blockBody(body: Node, hookCall: string, markup: Splice, text: string, layout: Layout): Splice {
  const start = body.getStart();
  const end = body.getEnd();
  const outer = indentationAt(text, start);
  const inner = outer + layout.unit;
  const expression = applySplices(text.slice(start, end), [{ ...markup, start: markup.start - start, end: markup.end - start }]);
  return { start, end, text: `{\n${inner}${hookCall}\n${inner}return ${reindent(expression, outer, inner)}${layout.semicolon}\n${outer}}` };
}

/** Replaces the changed markup with `flag ? new : old`, in `{...}` among JSX children, plain where an expression goes. */
function planMarkup(changed: ChangedMarkup, text: string, flag: string, layout: Layout): Splice {
  const narrowed = changedChildren(changed, text, layout.unit);
  if (narrowed) {
    const base = indentationAt(text, narrowed.start);
    return { start: narrowed.start, end: narrowed.end, text: conditional(flag, narrowed.on, narrowed.off, { base, column: narrowed.start - lineStart(text, narrowed.start), unit: layout.unit, child: true }) };
  }
  const node = changed.node;
  const from = indentationAt(text, node.getStart());
  const on = { text: node.getText(), from };
  const off = { text: changed.originalText, from };
  const parent = node.getParentOrThrow();
  const child = Node.isJsxElement(parent) || Node.isJsxFragment(parent);
  // `return (<x/>)` and `=> (<x/>)`: the parentheses only lay the markup out, so the conditional replaces them;
  // other parentheses (`open && (<x/>)`) stay and hold the conditional.
  const layoutParens = Node.isParenthesizedExpression(parent) && (Node.isReturnStatement(parent.getParent()) || Node.isArrowFunction(parent.getParent()));
  const range = layoutParens ? parent : node;
  const start = range.getStart();
  const parens = !child && needsParentheses(range.getParentOrThrow(), range);
  const base = indentationAt(text, start);
  const column = start - lineStart(text, start);
  const body = conditional(flag, on, off, { base, column: column + (parens ? 1 : 0), unit: layout.unit, child });
  return { start, end: range.getEnd(), text: parens ? `(${body})` : body };
}

/** Where a conditional can stand without parentheses: a return, an arrow body, a `{}` in JSX, an initializer, an argument. */
function needsParentheses(parent: Node, range: Node): boolean {
  if (Node.isArrowFunction(parent)) return parent.getBody() !== range;
  return !(
    Node.isReturnStatement(parent) ||
    Node.isJsxExpression(parent) ||
    Node.isVariableDeclaration(parent) ||
    Node.isPropertyAssignment(parent) ||
    Node.isArrayLiteralExpression(parent) ||
    Node.isCallExpression(parent) ||
    Node.isParenthesizedExpression(parent)
  );
}

function conditional(flag: string, on: Branch, off: Branch | undefined, at: { base: string; column: number; unit: string; child: boolean }): string {
  const [open, close] = at.child ? ['{', '}'] : ['', ''];
  const singleLine = !on.text.includes('\n') && !(off?.text.includes('\n') ?? false);
  const oneLine = off ? `${open}${flag} ? ${on.text} : ${off.text}${close}` : `${open}${flag} && ${on.text}${close}`;
  if (singleLine && at.column + oneLine.length <= PRINT_WIDTH) return oneLine;
  const inner = at.base + at.unit;
  const branch = (b: Branch) => `(\n${inner}${reindent(b.text, b.from, inner)}\n${at.base})`;
  return off ? `${open}${flag} ? ${branch(on)} : ${branch(off)}${close}` : `${open}${flag} && ${branch(on)}${close}`;
}

interface Child {
  start: number;
  end: number;
  text: string;
  isText: boolean;
}

function childrenOf(element: ts.JsxElement, file: ts.SourceFile, offset: number): Child[] {
  return element.children
    .filter((c) => !(ts.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces))
    .map((c) => ({ start: offset + c.getStart(file), end: offset + c.getEnd(), text: c.getText(file), isText: ts.isJsxText(c) }));
}

function parseElement(text: string): { element: ts.JsxElement; file: ts.SourceFile } | undefined {
  const file = ts.createSourceFile('markup.tsx', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const [statement] = file.statements;
  if (file.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement) || !ts.isJsxElement(statement.expression)) return undefined;
  return { element: statement.expression, file };
}

/** Each run of children sits on lines of its own, so wrapping it in `{...}` changes no JSX whitespace. */
function ownLines(text: string, children: Child[]): boolean {
  const first = children[0];
  const last = children[children.length - 1];
  return startsLine(text, first.start) && /^[ \t]*(\r?\n|$)/.test(text.slice(last.end));
}

/**
 * When a fix changed only some children of an element (a label inserted before a field, an id added to it), the
 * flag switches just those children instead of repeating the whole element (which may be a whole form).
 */
function changedChildren(changed: ChangedMarkup, text: string, unit: string): { start: number; end: number; on: Branch; off?: Branch } | undefined {
  const node = changed.node;
  if (!Node.isJsxElement(node)) return undefined;
  const now = parseElement(node.getText());
  const before = parseElement(changed.originalText);
  if (!now || !before) return undefined;
  const sameTag = (a: ts.JsxElement, fa: ts.SourceFile, b: ts.JsxElement, fb: ts.SourceFile) =>
    a.openingElement.getText(fa) === b.openingElement.getText(fb) && a.closingElement.getText(fa) === b.closingElement.getText(fb);
  if (!sameTag(now.element, now.file, before.element, before.file)) return undefined;
  const nowKids = childrenOf(now.element, now.file, node.getStart());
  const beforeKids = childrenOf(before.element, before.file, 0);
  let prefix = 0;
  while (prefix < nowKids.length && prefix < beforeKids.length && nowKids[prefix].text === beforeKids[prefix].text) prefix++;
  let suffix = 0;
  while (
    suffix < nowKids.length - prefix &&
    suffix < beforeKids.length - prefix &&
    nowKids[nowKids.length - 1 - suffix].text === beforeKids[beforeKids.length - 1 - suffix].text
  ) suffix++;
  const on = nowKids.slice(prefix, nowKids.length - suffix);
  const off = beforeKids.slice(prefix, beforeKids.length - suffix);
  if (on.length === 0 || [...on, ...off].some((c) => c.isText)) return undefined;
  if (!ownLines(text, on) || (off.length > 0 && !ownLines(changed.originalText, off))) return undefined;
  return {
    start: on[0].start,
    end: on[on.length - 1].end,
    on: run(text, on, unit),
    off: off.length > 0 ? run(changed.originalText, off, unit) : undefined,
  };
}

/** A run of sibling children as one branch: the child itself, or a fragment around several. */
function run(text: string, children: Child[], unit: string): Branch {
  const from = indentationAt(text, children[0].start);
  const slice = text.slice(children[0].start, children[children.length - 1].end);
  if (children.length === 1) return { text: slice, from };
  return { text: `<>\n${from}${unit}${reindent(slice, from, from + unit)}\n${from}</>`, from };
}

// Reading and rewriting JSX markup the way a developer would: the element behind a tag, its static text, the tag a
// styled component wraps, a tag re-printed with Prettier's layout (one attribute per line once it no longer fits
// PRINT_WIDTH), markup placed right after an element. ts-morph's own attribute printer puts new attributes on the
// line of the previous one, so tags are re-printed here; statements and imports go through ts-morph. Indentation
// helpers shared with the other fixes live in feature-flag.ts.
import { Node, SyntaxKind, type JsxAttributeLike, type JsxChild, type JsxElement, type JsxFragment, type JsxSelfClosingElement, type SourceFile } from 'ts-morph';
import { PRINT_WIDTH, reindent } from './text-layout';
import { openingElements, staticAttribute, type JsxOpening } from './locate-element';
import type { FixTarget } from './types';

export type JsxTagElement = JsxElement | JsxSelfClosingElement;

/** The whole element a tag opens: the JsxElement around an opening tag, or the self-closing element itself. */
export function elementOf(opening: JsxOpening): JsxTagElement {
  return Node.isJsxOpeningElement(opening) ? opening.getParentIfKindOrThrow(SyntaxKind.JsxElement) : opening;
}

export function openingOf(element: JsxTagElement): JsxOpening {
  return Node.isJsxElement(element) ? element.getOpeningElement() : element;
}

export function tagNameOf(opening: JsxOpening): string {
  return opening.getTagNameNode().getText();
}

/**
 * The HTML tag an element renders when the file says so: its own lower-case tag, or the tag of a styled-components /
 * emotion declaration in the same file (`const Badge = styled.span`…``, `styled('span')`).
 */
export function intrinsicTagOf(opening: JsxOpening): { tag: string; styled: boolean } | undefined {
  const name = tagNameOf(opening);
  if (/^[a-z][\w-]*$/.test(name)) return { tag: name, styled: false };
  if (!/^[A-Z]\w*$/.test(name)) return undefined;
  const declaration = opening.getSourceFile().getVariableDeclaration(name);
  let initializer = declaration?.getInitializer();
  if (initializer && Node.isTaggedTemplateExpression(initializer)) initializer = initializer.getTag();
  else if (initializer && Node.isCallExpression(initializer)) initializer = initializer.getExpression();
  if (initializer && Node.isPropertyAccessExpression(initializer) && initializer.getExpression().getText() === 'styled') {
    return { tag: initializer.getName(), styled: true };
  }
  if (initializer && Node.isCallExpression(initializer) && initializer.getExpression().getText() === 'styled') {
    const [argument] = initializer.getArguments();
    if (argument && Node.isStringLiteral(argument)) return { tag: argument.getLiteralValue(), styled: true };
  }
  return undefined;
}

/** The text a user sees in the element when the markup states it: JSX text and string literals, whitespace collapsed. */
export function staticTextOf(node: Node): string {
  const parts: string[] = [];
  node.forEachDescendant((child, traversal) => {
    if (Node.isJsxText(child)) parts.push(child.getText());
    else if (Node.isStringLiteral(child) && Node.isJsxExpression(child.getParent())) parts.push(child.getLiteralValue());
    else if (child.getKind() === SyntaxKind.JsxAttributes) traversal.skip();
  });
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** How users know the element: its text, else its aria-label, title or alt, else its tag. */
export function displayNameOf(opening: JsxOpening, recordedText?: string): string {
  const text = staticTextOf(elementOf(opening)) || staticAttribute(opening, 'aria-label') || staticAttribute(opening, 'title') || staticAttribute(opening, 'alt') || recordedText?.trim();
  if (!text) return `<${tagNameOf(opening)}>`;
  return `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}

/** The hotspot's element as the fixes name it in titles and rationales. */
export function nameOf(target: FixTarget): string {
  return displayNameOf(target.opening, target.hotspot.element?.text);
}

/** Children that render something: everything but whitespace-only text. */
export function meaningfulChildren(element: JsxTagElement): JsxChild[] {
  if (!Node.isJsxElement(element)) return [];
  return element.getJsxChildren().filter((child) => !(Node.isJsxText(child) && child.containsOnlyTriviaWhiteSpaces()));
}

/** Offsets of the rendered children, without the whitespace around them; undefined for an empty element. */
export function childrenSpan(element: JsxTagElement): { start: number; end: number } | undefined {
  const children = meaningfulChildren(element);
  if (children.length === 0) return undefined;
  const first = children[0];
  const last = children[children.length - 1];
  const leading = Node.isJsxText(first) ? first.getText().length - first.getText().trimStart().length : 0;
  const trailing = Node.isJsxText(last) ? last.getText().length - last.getText().trimEnd().length : 0;
  return { start: first.getStart() + leading, end: last.getEnd() - trailing };
}

/** The indentation one level deeper, as the file indents (the engine sets it from the file). */
export function indentUnitOf(sourceFile: SourceFile): string {
  return sourceFile.getProject().manipulationSettings.getIndentationText();
}

/** The leading whitespace of the line a node starts on. */
export function lineIndentOf(node: Node): string {
  return lineIndentAt(node.getSourceFile(), node.getStart());
}

/** The leading whitespace of the line holding an offset. */
export function lineIndentAt(sourceFile: SourceFile, position: number): string {
  const text = sourceFile.getFullText();
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** 0-based column of an offset. */
export function columnAt(sourceFile: SourceFile, position: number): number {
  return position - (sourceFile.getFullText().lastIndexOf('\n', position - 1) + 1);
}

/** Nothing but whitespace follows the node on its line. */
function endsLine(node: Node): boolean {
  const text = node.getSourceFile().getFullText();
  const lineEnd = text.indexOf('\n', node.getEnd());
  return text.slice(node.getEnd(), lineEnd < 0 ? text.length : lineEnd).trim() === '';
}

/** Where new attributes go: after the last spread (so they win over it) and before the first event handler after it. */
export function attributeInsertIndex(opening: JsxOpening): number {
  const attributes = opening.getAttributes();
  const lastSpread = attributes.map((a) => Node.isJsxSpreadAttribute(a)).lastIndexOf(true);
  const handler = attributes.findIndex((a, index) => index > lastSpread && Node.isJsxAttribute(a) && /^on[A-Z]/.test(a.getNameNode().getText()));
  return handler < 0 ? attributes.length : handler;
}

/** An existing attribute (kept as written) or a new one's text (lines after the first already at attribute indentation). */
export type AttributeSource = JsxAttributeLike | string;

/**
 * The opening tag printed with `attributes`: on one line when it was on one line and still fits, else one attribute
 * per line with the closing bracket on its own line, as Prettier prints it.
 */
export function printOpening(opening: JsxOpening, tagName: string, attributes: AttributeSource[]): string {
  const selfClosing = Node.isJsxSelfClosingElement(opening);
  const texts = attributes.map((a) => (typeof a === 'string' ? a : a.getText()));
  const single = `<${tagName}${texts.map((t) => ` ${t}`).join('')}${selfClosing ? ' />' : '>'}`;
  // In `cond && <X>` the tag may fit once it moves into parentheses on its own line, one level in.
  const columns = [columnAt(opening.getSourceFile(), opening.getStart())];
  if (wantsParentheses(elementOf(opening))) columns.push((lineIndentOf(opening) + indentUnitOf(opening.getSourceFile())).length);
  const fits = !single.includes('\n') && columns.some((column) => column + single.length <= PRINT_WIDTH);
  if (attributes.length === 0 || (fits && !opening.getText().includes('\n'))) return single;
  const indent = lineIndentOf(opening);
  const attributeIndent = indent + indentUnitOf(opening.getSourceFile());
  const lines = attributes.map((a) => attributeIndent + (typeof a === 'string' ? a : reindent(a.getText(), lineIndentOf(a), attributeIndent)));
  return `<${tagName}\n${lines.join('\n')}\n${indent}${selfClosing ? '/>' : '>'}`;
}

/**
 * The element's text with a new opening tag (the closing tag renamed to match) and optionally new children. Inline
 * children move to their own lines when the opening tag broke onto several lines or the element no longer fits one.
 */
export function elementTextWith(element: JsxTagElement, openingText: string, tagName: string, children?: { start: number; end: number; text: string }): string {
  if (!Node.isJsxElement(element)) return openingText;
  const opening = element.getOpeningElement();
  const closing = element.getClosingElement();
  const sourceFile = element.getSourceFile();
  const text = sourceFile.getFullText();
  const body = children
    ? text.slice(opening.getEnd(), children.start) + children.text + text.slice(children.end, closing.getStart())
    : text.slice(opening.getEnd(), closing.getStart());
  const inline = `${openingText}${body}</${tagName}>`;
  const tooLong = !inline.includes('\n') && columnAt(sourceFile, element.getStart()) + inline.length > PRINT_WIDTH;
  if (body.trim() === '' || body.includes('\n') || !(tooLong || openingText.includes('\n'))) return inline;
  const indent = lineIndentOf(element);
  return `${openingText}\n${indent}${indentUnitOf(sourceFile)}${body.trim()}\n${indent}</${tagName}>`;
}

/**
 * `markup` placed right after the element: inside its JSX parent (the parent is what changes), or, when the element
 * stands in an expression (`cond && <X />`, a ternary, a return), in a fragment around it.
 */
export function withMarkupAfter(element: JsxTagElement, elementText: string, markup: string): { node: Node; text: string } {
  const parent = element.getParentOrThrow();
  if (Node.isJsxElement(parent) || Node.isJsxFragment(parent)) {
    const parentText = parent.getText();
    const separator = endsLine(element) ? `\n${lineIndentOf(element)}` : '';
    const start = element.getStart() - parent.getStart();
    const end = element.getEnd() - parent.getStart();
    return { node: parent, text: parentText.slice(0, start) + elementText + separator + markup + parentText.slice(end) };
  }
  if (!elementText.includes('\n')) return { node: element, text: `<>${elementText}${markup}</>` };
  const indent = lineIndentOf(element);
  const inner = indent + indentUnitOf(element.getSourceFile());
  return { node: element, text: `<>\n${inner}${reindent(elementText, indent, inner)}\n${inner}${markup}\n${indent}</>` };
}

/** The element has to be wrapped in a fragment to get a sibling, and its key would then sit on the wrong element. */
export function needsKeyedFragment(element: JsxTagElement): boolean {
  const parent = element.getParentOrThrow();
  return !Node.isJsxElement(parent) && !Node.isJsxFragment(parent) && openingOf(element).getAttribute('key') !== undefined;
}

/** A string literal in the file's quote style. */
export function quoted(text: string, quote: string): string {
  return `${quote}${text.replace(/\\/g, '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
}

/**
 * Where a changed piece of markup is, in a way that survives edits elsewhere: the index of its first tag among the
 * file's JSX tags (edits before it add no tags), and whether the change is the fragment around that tag.
 */
export interface MarkupAnchor {
  ordinal: number;
  fragment: boolean;
}

function tagsInOrder(sourceFile: SourceFile): JsxOpening[] {
  return openingElements(sourceFile).sort((a, b) => a.getStart() - b.getStart());
}

/** Places where multi-line JSX goes in parentheses on its own lines (Prettier's layout): `cond && (`, `return (`. */
function wantsParentheses(node: Node): boolean {
  const parent = node.getParent();
  return (
    !!parent &&
    (Node.isBinaryExpression(parent) ||
      Node.isConditionalExpression(parent) ||
      Node.isArrowFunction(parent) ||
      Node.isReturnStatement(parent) ||
      Node.isVariableDeclaration(parent) ||
      Node.isJsxExpression(parent))
  );
}

/** Replaces a JSX node's text and returns the anchor of what now stands there. */
export function replaceMarkup(node: Node, text: string): MarkupAnchor {
  const sourceFile = node.getSourceFile();
  const start = node.getStart();
  const fragment = text.startsWith('<>');
  if (text.includes('\n') && wantsParentheses(node)) {
    const indent = lineIndentOf(node);
    const inner = indent + indentUnitOf(sourceFile);
    text = `(\n${inner}${reindent(text, indent, inner)}\n${indent})`;
  }
  sourceFile.replaceText([start, node.getEnd()], text);
  const tags = tagsInOrder(sourceFile);
  return { ordinal: tags.findIndex((tag) => tag.getStart() >= start), fragment };
}

/** The changed markup an anchor names, in the file as it is now. */
export function markupAt(sourceFile: SourceFile, anchor: MarkupAnchor): JsxTagElement | JsxFragment {
  const element = elementOf(tagsInOrder(sourceFile)[anchor.ordinal]);
  return anchor.fragment ? element.getParentIfKindOrThrow(SyntaxKind.JsxFragment) : element;
}

/** How people know the element: its aria-label or text (as written, else as recorded), quoted; else its tag. */
export function elementLabel(target: FixTarget): string {
  const { opening, hotspot } = target;
  const element = opening.getParent();
  const text = Node.isJsxElement(element)
    ? element.getJsxChildren().filter((c) => Node.isJsxText(c)).map((c) => c.getText()).join(' ').replace(/\s+/g, ' ').trim()
    : '';
  // The recorded text is what users saw (entities decoded, variables filled); masked text ("***") is not.
  const recorded = hotspot.element?.text && !/^\*+$/.test(hotspot.element.text) ? hotspot.element.text : undefined;
  const label = staticAttribute(opening, 'aria-label') ?? hotspot.element?.attributes['aria-label'] ?? recorded ?? (text || undefined);
  return label ? `"${label}"` : `<${opening.getTagNameNode().getText()}>`;
}

/** A string literal in the file's quote style. */
export function quotedIn(target: FixTarget, value: string): string {
  const quote = target.sourceFile.getProject().manipulationSettings.getQuoteKind();
  return `${quote}${value}${quote}`;
}

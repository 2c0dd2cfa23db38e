// Finds the JSX element a hotspot was mapped to in the file as it is now. The report's line and column name the
// element's opening tag when the data was analysed; edits since then may have moved it, so a miss says where an
// element with the same identity went (or that none is left) instead of editing the wrong tag.
import { Node, SyntaxKind, type JsxOpeningElement, type JsxSelfClosingElement, type SourceFile } from 'ts-morph';
import type { ReportElement } from '../report/types';
import type { FixProblem } from './types';

export type JsxOpening = JsxOpeningElement | JsxSelfClosingElement;

export function openingElements(sourceFile: SourceFile): JsxOpening[] {
  return [...sourceFile.getDescendantsOfKind(SyntaxKind.JsxOpeningElement), ...sourceFile.getDescendantsOfKind(SyntaxKind.JsxSelfClosingElement)];
}

/** 1-based line and column of a node's first character (what the source index records). */
export function positionOf(node: Node): { line: number; column: number } {
  const { line, column } = node.getSourceFile().getLineAndColumnAtPos(node.getStart());
  return { line, column };
}

/** Static string value of an attribute, or undefined (absent, or an expression we cannot read). */
export function staticAttribute(opening: JsxOpening, name: string): string | undefined {
  const attribute = opening.getAttribute(name);
  if (!attribute || !Node.isJsxAttribute(attribute)) return undefined;
  const initializer = attribute.getInitializer();
  if (!initializer) return 'true';
  if (Node.isStringLiteral(initializer)) return initializer.getLiteralValue();
  if (Node.isJsxExpression(initializer)) {
    const expression = initializer.getExpression();
    if (expression && (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression))) return expression.getLiteralValue();
  }
  return undefined;
}

/** Identity clues of the recorded element that a JSX tag states literally: id, test id, name, aria-label. */
function identityOf(element: ReportElement | undefined): [string, string][] {
  if (!element) return [];
  const clues: [string, string][] = [];
  if (element.id) clues.push(['id', element.id]);
  for (const name of ['data-testid', 'name', 'aria-label', 'href']) {
    const value = element.attributes[name];
    if (value) clues.push([name === 'href' ? 'to' : name, value]);
  }
  return clues;
}

function matchesIdentity(opening: JsxOpening, clues: [string, string][]): boolean {
  return clues.some(([name, value]) => staticAttribute(opening, name) === value || (name === 'to' && staticAttribute(opening, 'href') === value));
}

/** Elements of the file carrying the recorded element's literal identity (id, test id, name, aria-label, link target). */
export function elementsWithIdentity(sourceFile: SourceFile, element: ReportElement | undefined): JsxOpening[] {
  const clues = identityOf(element);
  return clues.length > 0 ? openingElements(sourceFile).filter((o) => matchesIdentity(o, clues)) : [];
}

/**
 * Whether the tag at the recorded position is still the recorded element: when the recorded identity (id, test id,
 * ...) is written on some tag of the file, it must be this one. (Not the tag name: a fix may turn a span into a link.)
 */
function isSameElement(sourceFile: SourceFile, opening: JsxOpening, element: ReportElement | undefined): boolean {
  if (!element) return true;
  const clues = identityOf(element);
  if (clues.length === 0 || matchesIdentity(opening, clues)) return true;
  return elementsWithIdentity(sourceFile, element).length === 0;
}

export type Located = { opening: JsxOpening } | { problem: FixProblem };

/**
 * The element whose opening tag starts at line:column. When none does, the location drifted: the message names
 * where the same element (by id, test id, name, aria-label or link target) is now, if it is still in the file.
 */
export function locateElement(sourceFile: SourceFile, line: number, column: number, element?: ReportElement): Located {
  const exact = openingElements(sourceFile).find((o) => {
    const at = positionOf(o);
    return at.line === line && at.column === column;
  });
  if (exact && isSameElement(sourceFile, exact, element)) return { opening: exact };
  const file = sourceFile.getBaseName();
  const moved = elementsWithIdentity(sourceFile, element);
  const where = moved.map((o) => `${file}:${positionOf(o).line}:${positionOf(o).column}`);
  const now =
    moved.length === 1
      ? `; the same element is now at ${where[0]}`
      : moved.length > 1
        ? `; elements with the same identity are at ${where.join(', ')}`
        : identityOf(element).length > 0
          ? ' and none with the recorded identity is left in the file'
          : '';
  return {
    problem: {
      kind: 'drifted',
      message: `the code moved since the data was recorded: no JSX element starts at ${file}:${line}:${column}${now}. Re-run the analysis to map the hotspot again.`,
    },
  };
}

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

export type Located = { opening: JsxOpening } | { problem: FixProblem };

/**
 * The element whose opening tag starts at line:column. When none does, the location drifted: the message names
 * where the same element (by id, test id, name, aria-label or link target) is now, if it is still in the file.
 */
export function locateElement(sourceFile: SourceFile, line: number, column: number, element?: ReportElement): Located {
  const all = openingElements(sourceFile);
  const exact = all.find((o) => {
    const at = positionOf(o);
    return at.line === line && at.column === column;
  });
  if (exact) return { opening: exact };
  const file = sourceFile.getBaseName();
  const clues = identityOf(element);
  const moved = clues.length > 0 ? all.filter((o) => matchesIdentity(o, clues)) : [];
  if (moved.length === 1) {
    const at = positionOf(moved[0]);
    return {
      problem: {
        kind: 'drifted',
        message: `the code moved since the data was recorded: ${file}:${line}:${column} is no longer the start of a JSX element; the same element is now at ${file}:${at.line}:${at.column}. Re-run the analysis to map the hotspot again.`,
      },
    };
  }
  return {
    problem: {
      kind: 'drifted',
      message: `the code changed since the data was recorded: no JSX element starts at ${file}:${line}:${column}${clues.length > 0 ? ' and none with the recorded identity is left in the file' : ''}. Re-run the analysis to map the hotspot again.`,
    },
  };
}

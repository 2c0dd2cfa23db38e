// Text-level layout the fixes share: where a line starts and how it is indented, re-indenting a moved block, JSX
// text escaping, the JSX node at an offset after an edit, and splices applied to a parsed file's text.
import { Node, ts, type SourceFile } from 'ts-morph';

/** Markup that fits this width stays on one line (the width jsx-markup.ts re-prints tags at, so fixes lay out alike). */
export const PRINT_WIDTH = 100;

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Leading whitespace of the line holding `pos`. */
export function indentationAt(text: string, pos: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, pos)))![0];
}

/** Nothing but whitespace before `pos` on its line. */
export function startsLine(text: string, pos: number): boolean {
  return text.slice(lineStart(text, pos), pos).trim() === '';
}

/** The line numbers (0-based, within `block`) that lie inside a multi-line template literal: re-indenting them would change a string. */
function templateLines(block: string): Set<number> {
  const lines = new Set<number>();
  const file = ts.createSourceFile('block.tsx', block, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      for (let line = lineOf(node.getStart(file)) + 1; line <= lineOf(node.getEnd()); line++) lines.add(line);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

/**
 * Moves a block of code from one indentation to another: every line after the first (the caller places the first)
 * loses `from` and gains `to`. Blank lines stay empty; lines inside multi-line template literals are left alone.
 */
export function reindent(block: string, from: string, to: string): string {
  if (from === to || !block.includes('\n')) return block;
  const keep = templateLines(block);
  return block
    .split('\n')
    .map((line, i) => {
      if (i === 0 || keep.has(i)) return line;
      if (line.trim() === '') return '';
      return to + (line.startsWith(from) ? line.slice(from.length) : line.trimStart());
    })
    .join('\n');
}

/** Words as JSX children: as they are, or as a string expression when they hold characters JSX reads as markup. */
export function jsxText(text: string, quote: string): string {
  if (!/[{}<>]/.test(text)) return text;
  return `{${quote}${text.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`)}${quote}}`;
}

export function isJsxMarkup(node: Node): boolean {
  return Node.isJsxElement(node) || Node.isJsxSelfClosingElement(node) || Node.isJsxFragment(node);
}

/** The JSX element or fragment that starts exactly at `pos` (after an edit, to hand back a live node). */
export function jsxNodeStartingAt(sourceFile: SourceFile, pos: number): Node {
  let node: Node | undefined = sourceFile.getDescendantAtPos(pos);
  while (node && !(isJsxMarkup(node) && node.getStart() === pos)) node = node.getParent();
  if (!node) throw new Error(`${sourceFile.getBaseName()}: no JSX element starts at offset ${pos} after the edit`);
  return node;
}

/** A replacement of [start, end) in a text by `text`; several apply together as long as they do not overlap. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

export function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** Edits a parsed file by splices computed on its current text (previously navigated nodes are forgotten). */
export function spliceFile(sourceFile: SourceFile, splices: Splice[]): void {
  sourceFile.replaceWithText(applySplices(sourceFile.getFullText(), splices));
}

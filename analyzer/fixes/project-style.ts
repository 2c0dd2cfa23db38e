// The formatting a fix's edits follow: indentation, quotes and semicolons read from the file being edited (and a
// Prettier config beside the sources when it says more), so inserted code looks like the code around it.
import { IndentationText, QuoteKind, type ManipulationSettings } from 'ts-morph';

export type FixStyle = Pick<ManipulationSettings, 'indentationText' | 'quoteKind' | 'useTrailingCommas'> & { semicolons: boolean };

/** The indentation most lines of the file step by: tabs, or the most common positive difference in leading spaces. */
function indentationOf(text: string): IndentationText {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.filter((line) => line.startsWith('\t')).length > lines.length / 4) return IndentationText.Tab;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    const step = indent - previous;
    if (step > 0) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = indent;
  }
  const [best] = [...steps.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [2];
  return best >= 8 ? IndentationText.EightSpaces : best >= 4 ? IndentationText.FourSpaces : IndentationText.TwoSpaces;
}

/** Quotes of the file's string literals outside JSX attributes (those are usually double either way). */
function quoteOf(text: string): QuoteKind {
  const withoutJsxAttributes = text.replace(/[\w-]+="[^"\n]*"/g, '');
  const single = (withoutJsxAttributes.match(/'[^'\n]*'/g) ?? []).length;
  const double = (withoutJsxAttributes.match(/"[^"\n]*"/g) ?? []).length;
  return double > single ? QuoteKind.Double : QuoteKind.Single;
}

/** Statements ending in `;` outnumber those that do not: keep semicolons. */
function semicolonsOf(text: string): boolean {
  const statementEnds = text.split('\n').map((line) => line.trimEnd()).filter((line) => /^\s*(import|export|const|let|return|throw)\b/.test(line));
  if (statementEnds.length === 0) return true;
  return statementEnds.filter((line) => line.endsWith(';') || line.endsWith('{') || line.endsWith('(')).length >= statementEnds.length / 2;
}

export interface PrettierOptions {
  useTabs?: boolean;
  tabWidth?: number;
  singleQuote?: boolean;
  semi?: boolean;
  trailingComma?: string;
}

export function styleOf(text: string, prettier?: PrettierOptions): FixStyle {
  const indentationText =
    prettier?.useTabs === true
      ? IndentationText.Tab
      : prettier?.tabWidth === 4
        ? IndentationText.FourSpaces
        : prettier?.tabWidth === 2
          ? IndentationText.TwoSpaces
          : indentationOf(text);
  return {
    indentationText,
    quoteKind: prettier?.singleQuote === undefined ? quoteOf(text) : prettier.singleQuote ? QuoteKind.Single : QuoteKind.Double,
    useTrailingCommas: prettier?.trailingComma === undefined ? /,\n\s*[)\]}]/.test(text) : prettier.trailingComma !== 'none',
    semicolons: prettier?.semi ?? semicolonsOf(text),
  };
}

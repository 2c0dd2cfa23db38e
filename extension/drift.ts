// Keeps an annotation on the element the data was recorded on while the code changes. The report's line is
// checked against the element's evidence (id, test id, aria-label, text...); when the element moved, the file is
// searched for it; when it is gone, the annotation is marked drifted rather than left on a wrong line.
// Text-level matching, cheap enough for every save (no parser on the extension host); no vscode import.
import { decodeEntities } from '../analyzer/mapping/jsx-text';
import { containsWords, textWords } from '../analyzer/mapping/text-key';

/** What a hotspot's source evidence says to look for in the code. */
export type Anchor =
  /** id, name, aria-label, data-* (test ids): identify the element on their own. */
  | { kind: 'identifier'; name: string; value: string }
  /** href, title, placeholder, alt, type...: shared by many elements, only telling together with text. */
  | { kind: 'label'; name: string; value: string }
  | { kind: 'text'; text: string }
  | { kind: 'class'; name: string }
  | { kind: 'tag'; name: string };

export type PlacementStatus = 'unchanged' | 'moved' | 'drifted' | 'unverifiable';

export interface Placement {
  /** unchanged: the element is still on the given line; moved: found on another line; drifted: not found;
   *  unverifiable: the evidence names nothing checkable (only ancestors or tags), so the line is kept. */
  status: PlacementStatus;
  /** 1-based. */
  line: number;
  column: number;
  /** Characters to underline from the column: the element's `<tag`. */
  length: number;
}

export interface RecordedLocation {
  /** 1-based line and column where the element is expected. */
  line: number;
  column: number;
  evidence: string[];
}

const IDENTIFIER_NAME = /^(id|name|aria-label|data-[\w-]+)$/;
/** Props that custom components take for the DOM attribute the evidence names (the mapper normalises them). */
const PROP_ALIASES: Record<string, string[]> = { href: ['href', 'to'] };

/** Reads the mapper's evidence strings (`data-testid="pay-now"`, `text="Pay now"`, `class=btn`, `tag=button`). */
export function anchorsFromEvidence(evidence: string[]): Anchor[] {
  const anchors: Anchor[] = [];
  for (const item of evidence) {
    let m: RegExpMatchArray | null;
    if ((m = item.match(/^text~?="(.*)"$/s))) anchors.push({ kind: 'text', text: m[1] });
    else if ((m = item.match(/^class=(\S+)$/))) anchors.push({ kind: 'class', name: m[1] });
    else if ((m = item.match(/^tag=(\S+)$/))) anchors.push({ kind: 'tag', name: m[1] });
    // Attribute evidence; "(template)" values are rendered, not written, and routes are page-level evidence.
    else if ((m = item.match(/^([A-Za-z][\w:.-]*)="(.*)"$/s)) && m[1] !== 'route') {
      anchors.push({ kind: IDENTIFIER_NAME.test(m[1]) ? 'identifier' : 'label', name: m[1], value: m[2] });
    }
  }
  return anchors;
}

/** The anchors an element must all carry to be the recorded one: identifiers, else labels and text, else classes. */
export function requiredAnchors(anchors: Anchor[]): Anchor[] {
  const identifiers = anchors.filter((a) => a.kind === 'identifier');
  if (identifiers.length) return identifiers;
  const described = anchors.filter((a) => a.kind === 'label' || a.kind === 'text');
  if (described.length) return described;
  return anchors.filter((a) => a.kind === 'class');
}

/** A JSX element as written: where it opens, its opening tag and (for text) what it wraps. */
export interface JsxElementText {
  offset: number;
  line: number;
  column: number;
  tag: string;
  openingTag: string;
  /** Words of the element's text content, entities decoded. */
  words: string[];
  /** Characters from the element's start to its end (or the scan limit): smaller is more specific. */
  extent: number;
}

/** Scan limits: an opening tag longer than this is not one; content past this is not the element's own text. */
const MAX_OPENING_TAG_CHARS = 5000;
const MAX_CONTENT_CHARS = 4000;

/** Blanks comments that can hide JSX (`{/* … *\/}`, whole-line `//` and `/* *\/`), keeping offsets and lines. */
function blankComments(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return text
    .replace(/\{\s*\/\*[\s\S]*?\*\/\s*\}/g, blank)
    .replace(/^[ \t]*\/\*[\s\S]*?\*\//gm, blank)
    .replace(/^[ \t]*\/\/.*$/gm, blank);
}

/** Index of the `>` closing the opening tag that starts before `from`, skipping strings and `{…}` expressions. */
function openingTagEnd(text: string, from: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  const limit = Math.min(text.length, from + MAX_OPENING_TAG_CHARS);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '>' && depth === 0) return i;
  }
  return undefined;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The element's content up to its matching closing tag (same-name nesting counted), capped. */
function elementContent(text: string, tag: string, from: number): string {
  const limit = Math.min(text.length, from + MAX_CONTENT_CHARS);
  const tags = new RegExp(`<(/?)${escapeRegExp(tag)}(?=[\\s>/])`, 'g');
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(text); m && m.index < limit; m = tags.exec(text)) {
    if (m[1]) depth--;
    else {
      const end = openingTagEnd(text, m.index + m[0].length);
      if (end !== undefined && text[end - 1] !== '/') depth++;
    }
    if (depth === 0) return text.slice(from, m.index);
  }
  return text.slice(from, limit);
}

/** Keywords an expression (so JSX) may follow directly: `return <div/>`. */
const KEYWORD_BEFORE_JSX = /(?<![\w$])(?:return|yield|await|default|case|else|in|of)$/;

/** Every JSX opening tag in a TSX/JSX file, comments skipped. */
export function indexJsxElements(source: string): JsxElementText[] {
  const text = blankComments(source);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const elements: JsxElementText[] = [];
  const opening = /<([A-Za-z_$][\w$.:-]*)/g;
  for (let m = opening.exec(text); m; m = opening.exec(text)) {
    // `a < b` and `useState<T>` have an operand or a name before the `<`; JSX follows `(`, `>`, `{`, `?`, `&&`, `=`...
    let before = m.index - 1;
    while (before >= 0 && /\s/.test(text[before])) before--;
    if (before >= 0 && /[\w$)\]]/.test(text[before]) && !KEYWORD_BEFORE_JSX.test(text.slice(Math.max(0, before - 8), before + 1))) continue;
    const end = openingTagEnd(text, m.index + m[0].length);
    if (end === undefined) continue;
    const selfClosing = text[end - 1] === '/';
    const content = selfClosing ? '' : elementContent(text, m[1], end + 1);
    const line = lineOf(m.index);
    elements.push({
      offset: m.index,
      line: line + 1,
      column: m.index - lineStarts[line] + 1,
      tag: m[1],
      openingTag: text.slice(m.index, end + 1),
      words: textWords(decodeEntities(content.replace(/<[^>]*>/g, ' '))),
      extent: end + 1 - m.index + content.length,
    });
  }
  return elements;
}

/** How well an anchor is met: 1 in full, less for a weaker form (a value under another prop name), 0 not at all. */
function anchorScore(anchor: Anchor, element: JsxElementText): number {
  switch (anchor.kind) {
    case 'identifier':
    case 'label': {
      const literal = `(["'\`])${escapeRegExp(anchor.value)}\\1`;
      const names = (PROP_ALIASES[anchor.name] ?? [anchor.name]).map(escapeRegExp).join('|');
      if (new RegExp(`(?<![\\w-])(?:${names})\\s*=\\s*\\{?\\s*${literal}`).test(element.openingTag)) return 1;
      return new RegExp(literal).test(element.openingTag) ? 0.75 : 0;
    }
    case 'text': {
      const words = textWords(decodeEntities(anchor.text));
      return words.length ? (containsWords(element.words, words) ? 1 : 0) : 0;
    }
    case 'class':
      return new RegExp(`(?<![\\w-])${escapeRegExp(anchor.name)}(?![\\w-])`).test(element.openingTag) ? 0.5 : 0;
    case 'tag':
      return element.tag === anchor.name ? 0.5 : 0;
    default: {
      const unknown: never = anchor;
      throw new Error(`unknown anchor ${JSON.stringify(unknown)}`);
    }
  }
}

interface Candidate {
  element: JsxElementText;
  score: number;
}

function candidates(elements: JsxElementText[], anchors: Anchor[], required: Anchor[]): Candidate[] {
  return elements
    .filter((element) => required.every((a) => anchorScore(a, element) > 0))
    .map((element) => ({ element, score: anchors.reduce((sum, a) => sum + anchorScore(a, element), 0) }));
}

const placed = (status: PlacementStatus, e: JsxElementText): Placement => ({ status, line: e.line, column: e.column, length: e.tag.length + 1 });

/** Where the recorded element is now, in a file already indexed (one index serves all of a file's annotations). */
export function relocateIn(elements: JsxElementText[], recorded: RecordedLocation): Placement {
  const anchors = anchorsFromEvidence(recorded.evidence);
  const required = requiredAnchors(anchors);
  if (required.length === 0) return { status: 'unverifiable', line: recorded.line, column: recorded.column, length: 1 };
  const fits = candidates(elements, anchors, required);
  if (fits.length === 0) return { status: 'drifted', line: recorded.line, column: recorded.column, length: 1 };
  const best = Math.max(...fits.map((c) => c.score));
  const strongest = fits.filter((c) => c.score >= best - 1e-9);
  const here = strongest.find((c) => c.element.line === recorded.line);
  if (here) return placed('unchanged', here.element);
  // Nearest first (an edit above shifts the element a few lines), then the most specific (not a wrapper).
  strongest.sort((a, b) => Math.abs(a.element.line - recorded.line) - Math.abs(b.element.line - recorded.line) || a.element.extent - b.element.extent);
  return placed('moved', strongest[0].element);
}

export function relocate(source: string, recorded: RecordedLocation): Placement {
  return relocateIn(indexJsxElements(source), recorded);
}

/** Line (1-based) and column of `function Name`, `const Name =` or `class Name`, for lenses on components. */
export function findComponentDeclaration(source: string, component: string): { line: number; column: number } | undefined {
  const name = escapeRegExp(component);
  const declaration = new RegExp(`^(.*?\\b(?:function\\s*\\*?\\s*|(?:const|let|var)\\s+|class\\s+))(${name})\\b(?=\\s*[=(<:{]|\\s+extends\\b)`);
  const lines = blankComments(source).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = declaration.exec(lines[i]);
    if (m) return { line: i + 1, column: m[1].length + 1 };
  }
  return undefined;
}

/** One text change, 1-based, as it applies to the document before it: the range replaced and its new line breaks. */
export interface LineEdit {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  insertedLineBreaks: number;
}

/**
 * Where a line goes while the document is edited (before the save that checks it): lines below an edit shift by
 * the lines it added or removed; an edit on the element's own line shifts it only if it ends before the element
 * starts (e.g. Enter at the start of the line); a line inside a removed range lands where the range started.
 */
export function lineAfterEdit(line: number, column: number, edit: LineEdit): number {
  const delta = edit.insertedLineBreaks - (edit.endLine - edit.startLine);
  if (line < edit.startLine) return line;
  if (line > edit.endLine) return line + delta;
  if (line === edit.endLine && edit.endColumn <= column) return line + delta;
  return edit.startLine;
}

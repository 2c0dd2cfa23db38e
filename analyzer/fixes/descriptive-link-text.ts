// Descriptive link text: the link people follow and come straight back from (Clarity's quick backs) promised something
// its destination does not hold. The fix reads the destination from the sources (the route the link leads to, the
// component rendering it, that component's first <h1>/<h2> and the first sentence of its first <p>), names the page by
// its heading and shows that sentence beside the link, tied to it with aria-describedby, so people who need something
// else no longer make the round trip.
// Link and preview are wrapped in one <span className="link-with-hint">: a flex or grid parent (the shop's size row)
// lays them out as one item, and a component that returned the link still returns one element.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Node, ts } from 'ts-morph';
import { extractSourceText, mapPageToSource, type SourceIndex } from '../mapping';
import { cleanJsxText, collapseWhitespace } from '../mapping/jsx-text';
import { normalisePath } from '../mapping/page-match';
import { listSourceFiles } from '../mapping/walk-files';
import { quickBackDetector } from '../signals/quick-back';
import { applySplices, indentationAt, jsxNodeStartingAt, jsxText, PRINT_WIDTH, reindent, spliceFile, startsLine, type Splice } from './text-layout';
import { reachOf, verificationPlan } from './fix-evidence';
import { newAttribute } from './inline-style';
import { elementLabel } from './jsx-markup';
import { staticAttribute, type JsxOpening } from './locate-element';
import type { FixDefinition, FixTarget, NotApplicable } from './types';

const WRAPPER_CLASS = 'link-with-hint';
const HINT_CLASS = 'link-hint';
/** A preview longer than this is cut at a word: a hint, not the page. */
const MAX_PREVIEW_CHARS = 140;

interface Destination {
  /** The path the link leads to, e.g. "/size-guide". */
  path: string;
  component: string;
  /** Relative to the source root. */
  file: string;
  heading?: string;
  sentence: string;
}

// ---- the link ----

/** The link the data points at: the element itself, or the link inside the wrapper this fix put at its place. */
function linkOf(opening: JsxOpening): JsxOpening {
  const element = opening.getParent();
  if (opening.getTagNameNode().getText() !== 'span' || staticAttribute(opening, 'className') !== WRAPPER_CLASS || !Node.isJsxElement(element)) return opening;
  for (const child of element.getJsxChildren()) {
    if (Node.isJsxElement(child)) return child.getOpeningElement();
    if (Node.isJsxSelfClosingElement(child)) return child;
  }
  return opening;
}

function href(target: FixTarget, link: JsxOpening): string | undefined {
  return staticAttribute(link, 'to') ?? staticAttribute(link, 'href') ?? target.hotspot.element?.attributes.href;
}

function isLink(target: FixTarget, link: JsxOpening): boolean {
  const tag = link.getTagNameNode().getText();
  return link.getAttribute('to') !== undefined || link.getAttribute('href') !== undefined || (tag !== 'a' && target.hotspot.element?.tag === 'a');
}

function hintIdOf(link: JsxOpening): string | undefined {
  const id = staticAttribute(link, 'aria-describedby');
  if (!id) return undefined;
  const hint = link.getSourceFile().getDescendants().find((n) => (Node.isJsxOpeningElement(n) || Node.isJsxSelfClosingElement(n)) && staticAttribute(n, 'id') === id);
  return hint && staticAttribute(hint as JsxOpening, 'className') === HINT_CLASS ? id : undefined;
}

// ---- the destination ----

const destinations = new WeakMap<FixTarget, Destination | NotApplicable>();

function destinationOf(target: FixTarget): Destination | NotApplicable {
  let destination = destinations.get(target);
  if (!destination) {
    destination = readDestination(target);
    destinations.set(target, destination);
  }
  return destination;
}

function notApplicable(reason: string): NotApplicable {
  return { applicable: false, reason };
}

function readDestination(target: FixTarget): Destination | NotApplicable {
  const link = linkOf(target.opening);
  const to = href(target, link);
  if (!to) return notApplicable('the link has no static `to` or `href` and the recording has none either, so where it leads cannot be read.');
  if (/^(mailto:|tel:|javascript:|#)/i.test(to)) return notApplicable(`the link leads to ${to}, which is not a page of this app.`);
  // An absolute URL counts by its path: recorded hrefs carry the app's own origin.
  const destinationPath = normalisePath(to);
  const { files } = listSourceFiles(target.srcRoot);
  const texts = new Map<string, string>();
  const read = (file: string) => texts.get(file) ?? texts.set(file, fs.readFileSync(path.join(target.srcRoot, file), 'utf8')).get(file)!;
  // Parse only files that can declare the route or the component: reading is cheap, parsing is not.
  const segment = destinationPath.split('/').filter(Boolean)[0];
  const routes = files.filter((f) => !segment || read(f).includes(segment)).flatMap((f) => extractSourceText(f, read(f)).routes);
  const index: SourceIndex = { root: target.srcRoot, files: files.length, elements: [], routes, components: [] };
  const [route] = mapPageToSource(destinationPath, index, { maxResults: 1 }).filter((r) => r.component);
  if (!route?.component) return notApplicable(`no route under ${target.srcRoot} renders ${destinationPath} (looked for <Route path>, route objects, switch cases and regex routes), so the page behind the link cannot be read.`);
  const component = route.component;
  const declaring = new RegExp(`\\b(function|const|let|var|class)\\s+${component}\\b`);
  const declarations = files.filter((f) => declaring.test(read(f))).flatMap((f) => extractSourceText(f, read(f)).components.filter((c) => c.name === component));
  if (declarations.length !== 1) {
    return notApplicable(`the route for ${destinationPath} renders <${component}>, but ${declarations.length === 0 ? 'no component of that name is declared' : `${declarations.length} components of that name are declared (${declarations.map((d) => d.file).join(', ')})`} under ${target.srcRoot}.`);
  }
  const [declaration] = declarations;
  const content = firstContent(read(declaration.file), declaration.line, declaration.column);
  if (!content.sentence) {
    return notApplicable(`${declaration.file} (<${component}>) has no <p> whose first sentence is written out in the code (text built from data cannot be previewed), so there is nothing to tell people before they follow the link.`);
  }
  return { path: destinationPath, component, file: declaration.file, heading: content.heading, sentence: content.sentence };
}

/** Text the markup states, up to the first part built from data (an expression or a component). */
function staticContent(children: readonly ts.JsxChild[]): { text: string; dynamic: boolean } {
  const pieces: string[] = [];
  for (const child of children) {
    if (ts.isJsxText(child)) pieces.push(cleanJsxText(child.text));
    else if (ts.isJsxExpression(child)) {
      if (!child.expression) continue;
      if (ts.isStringLiteral(child.expression) || ts.isNoSubstitutionTemplateLiteral(child.expression)) pieces.push(child.expression.text);
      else return { text: pieces.join(' '), dynamic: true };
    } else if (ts.isJsxElement(child) && /^[a-z]/.test(child.openingElement.tagName.getText())) {
      const inner = staticContent(child.children);
      pieces.push(inner.text);
      if (inner.dynamic) return { text: pieces.join(' '), dynamic: true };
    } else return { text: pieces.join(' '), dynamic: true };
  }
  return { text: pieces.join(' '), dynamic: false };
}

function firstSentence(text: string, complete: boolean): string | undefined {
  const collapsed = collapseWhitespace(text);
  const sentence = /^(.+?[.!?])(?=\s|$)/.exec(collapsed)?.[1] ?? (complete && collapsed ? collapsed : undefined);
  if (!sentence || sentence.length <= MAX_PREVIEW_CHARS) return sentence;
  return `${sentence.slice(0, sentence.lastIndexOf(' ', MAX_PREVIEW_CHARS))}…`;
}

/** The first <h1>/<h2> (fully static) and the first sentence of the first <p> in the component declared at line:column. */
function firstContent(text: string, line: number, column: number): { heading?: string; sentence?: string } {
  const file = ts.createSourceFile('destination.tsx', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  let node: ts.Node | undefined = findToken(file, file.getPositionOfLineAndCharacter(line - 1, column - 1));
  while (node && node.parent && node.parent !== file) node = node.parent;
  const found: { heading?: string; sentence?: string } = {};
  const visit = (n: ts.Node): void => {
    if (found.sentence) return;
    if (ts.isJsxElement(n)) {
      const tag = n.openingElement.tagName.getText(file);
      if ((tag === 'h1' || tag === 'h2') && found.heading === undefined) {
        const content = staticContent(n.children);
        found.heading = content.dynamic ? '' : collapseWhitespace(content.text);
      } else if (tag === 'p') {
        const content = staticContent(n.children);
        const sentence = firstSentence(content.text, !content.dynamic);
        if (sentence) found.sentence = sentence;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  if (node) visit(node);
  return { heading: found.heading || undefined, sentence: found.sentence };
}

function findToken(file: ts.SourceFile, pos: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (pos >= n.getStart(file) && pos < n.getEnd()) {
      found = n;
      ts.forEachChild(n, visit);
    }
  };
  ts.forEachChild(file, visit);
  return found;
}

// ---- the edit ----

function slug(destinationPath: string): string {
  return destinationPath.split('/').filter(Boolean).join('-').replace(/[^a-zA-Z0-9_-]+/g, '-').toLowerCase() || 'home';
}

function uniqueId(link: JsxOpening, id: string): string {
  const taken = new Set(link.getSourceFile().getDescendants().filter((n) => Node.isJsxAttribute(n) && n.getNameNode().getText() === 'id').map((n) => n.getText()));
  let candidate = id;
  for (let n = 2; taken.has(`id="${candidate}"`); n++) candidate = `${id}-${n}`;
  return candidate;
}

/** The link's words, when its children are one piece of text (else the text is not ours to rewrite). */
function textChild(link: JsxOpening): Node | undefined {
  const element = link.getParent();
  if (!Node.isJsxElement(element)) return undefined;
  const children = element.getJsxChildren().filter((c) => !(Node.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces()));
  return children.length === 1 && Node.isJsxText(children[0]) ? children[0] : undefined;
}

function sameWords(a: string, b: string): boolean {
  return collapseWhitespace(a).toLowerCase() === collapseWhitespace(b).toLowerCase();
}

function linkTarget(target: FixTarget): FixTarget {
  return { ...target, opening: linkOf(target.opening) };
}

/** Only called after check() accepted the target, so the destination was read. */
function readDestinationOf(target: FixTarget): Destination {
  const destination = destinationOf(target);
  if ('applicable' in destination) throw new Error(destination.reason);
  return destination;
}

export const descriptiveLinkTextFix: FixDefinition = {
  id: 'descriptive-link-text',
  kinds: ['quick_back'],
  title(target) {
    const destination = destinationOf(target);
    const where = 'applicable' in destination ? 'its destination' : destination.path;
    return `Say what ${elementLabel(linkTarget(target))} leads to: a preview of ${where} beside the link`;
  },
  check(target) {
    const link = linkOf(target.opening);
    if (!isLink(target, link)) {
      return notApplicable(`<${link.getTagNameNode().getText()}> is not a link (an <a href> or a router <Link to>): a quick back starts from a link people follow.`);
    }
    if (link.getAttribute('aria-describedby') && !hintIdOf(link)) {
      return notApplicable('the link already has an aria-describedby of its own; add the destination preview to that description instead.');
    }
    const destination = destinationOf(target);
    return 'applicable' in destination ? destination : { applicable: true };
  },
  isApplied(target) {
    return hintIdOf(linkOf(target.opening)) !== undefined;
  },
  rationale(target) {
    const h = target.hotspot;
    const destination = readDestinationOf(target);
    const seconds = quickBackDetector.defaults.maxDwellMs / 1000;
    const next = h.nextPages?.length ? `; afterwards they went to ${h.nextPages.map((p) => `${p.page} (${p.sessions})`).join(', ')}` : '';
    return `${reachOf(h)} followed ${elementLabel(linkTarget(target))} to ${destination.path} and came back within ${seconds} s${next}. The page opens with "${destination.heading ? `${destination.heading}: ` : ''}${destination.sentence}"`;
  },
  apply(target) {
    const link = linkOf(target.opening);
    const destination = readDestinationOf(target);
    const element = Node.isJsxOpeningElement(link) ? link.getParentOrThrow() : link;
    const sourceFile = target.sourceFile;
    const text = sourceFile.getFullText();
    const start = element.getStart();
    const end = element.getEnd();
    const originalText = element.getText();
    const quote = sourceFile.getProject().manipulationSettings.getQuoteKind();
    const id = uniqueId(link, `${slug(destination.path)}-hint`);
    // The link with its new words and the aria-describedby, as text relative to the link's start.
    const edits: Splice[] = [newAttribute(link, () => `aria-describedby="${id}"`, text)];
    const words = textChild(link);
    if (words && destination.heading && !sameWords(words.getText(), destination.heading)) {
      const raw = words.getText();
      const leading = raw.length - raw.trimStart().length;
      edits.push({ start: words.getStart() + leading, end: words.getStart() + raw.trimEnd().length, text: jsxText(destination.heading, quote) });
    }
    const newLink = applySplices(text, edits).slice(start, end + edits.reduce((sum, e) => sum + e.text.length - (e.end - e.start), 0));
    const hint = `<small id="${id}" className="${HINT_CLASS}">`;
    const sentence = jsxText(destination.sentence, quote);
    const ownLines = startsLine(text, start) && /^[ \t]*(\r?\n|$)/.test(text.slice(end));
    let wrapped: string;
    if (ownLines) {
      const outer = indentationAt(text, start);
      const unit = sourceFile.getProject().manipulationSettings.getIndentationText();
      const inner = outer + unit;
      const oneLineHint = `${hint}${sentence}</small>`;
      const hintMarkup = inner.length + oneLineHint.length <= PRINT_WIDTH ? oneLineHint : `${hint}\n${inner}${unit}${sentence}\n${inner}</small>`;
      wrapped = `<span className="${WRAPPER_CLASS}">\n${inner}${reindent(newLink, outer, inner)}{${quote} ${quote}}\n${inner}${hintMarkup}\n${outer}</span>`;
    } else {
      wrapped = `<span className="${WRAPPER_CLASS}">${newLink} ${hint}${sentence}</small></span>`;
    }
    spliceFile(sourceFile, [{ start, end, text: wrapped }]);
    return { node: jsxNodeStartingAt(sourceFile, start), originalText };
  },
  verification(target, flag) {
    const h = target.hotspot;
    const destination = readDestinationOf(target);
    const label = elementLabel(linkTarget(target));
    const seconds = quickBackDetector.defaults.maxDwellMs / 1000;
    return verificationPlan({
      hotspot: h,
      friction: `quick backs after following ${label} to ${destination.path}`,
      measure: `$pageview events of ${destination.path} followed by a return to ${h.page} within ${seconds} s`,
      flag,
    });
  },
};

// Dead clicks on content that looks clickable: the element becomes a real link to the page the affected sessions
// went to next, when the data names one. A page qualifies when at least MIN_DESTINATION_SHARE of those sessions went
// there next and its path shares a word with the element (text, class, id, labels): the top next page alone is
// usually the funnel's next step, not what the element promised (41 of the 47 shop sessions that dead-clicked
// "Free returns" went on to /cart). With no such page the fix does not apply, and says so with the figures: a button
// would need a behaviour no data states (the hand fix in examples/shop/fixed/ReturnsBadge.tsx writes the returns
// policy), and a button that does nothing would only move the dead click.
// The link is the file's router `Link` (`to`) when it imports one from a local module or react-router, else `<a href>`.
// Phrasing elements are renamed (span -> a, keeping classes and children; a role or tabIndex is dropped, the link has
// its own), list items, cells, paragraphs and headings get the link inside, images are wrapped, and styled components
// get `as`. Elements holding a control are refused: HTML forbids a control inside a link.
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { PRINT_WIDTH, reindent } from './text-layout';
import { elementReference, outcomeOf, percent, reachOf, verificationPlan } from './fix-evidence';
import {
  childrenSpan,
  columnAt,
  elementOf,
  elementTextWith,
  indentUnitOf,
  intrinsicTagOf,
  lineIndentAt,
  markupAt,
  meaningfulChildren,
  nameOf,
  printOpening,
  replaceMarkup,
  staticTextOf,
  tagNameOf,
} from './jsx-markup';
import { staticAttribute, type JsxOpening } from './locate-element';
import type { FixDefinition, FixTarget, NotApplicable } from './types';

/** Share of the affected sessions that must have gone to a page next for it to count as the element's destination. */
export const MIN_DESTINATION_SHARE = 0.3;

/** Content elements a link can replace or hold; anything else is either a control already or not content. */
const RENAMED = new Set(['span', 'div', 'strong', 'em', 'b', 'i', 'small', 'mark', 'section', 'article', 'aside', 'figure', 'header', 'footer']);
const HOLDS_LINK = new Set(['li', 'td', 'th', 'dt', 'dd', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'caption']);
const WRAPPED = new Set(['img', 'svg', 'picture']);
const CONTROLS = new Set(['a', 'button', 'input', 'select', 'textarea', 'summary', 'details', 'label', 'option']);
const INTERACTIVE_ROLES = new Set(['button', 'link', 'menuitem', 'tab', 'checkbox', 'radio', 'switch', 'option', 'combobox']);
const CLICK_HANDLERS = ['onClick', 'onMouseDown', 'onMouseUp', 'onPointerDown', 'onPointerUp', 'onTouchStart', 'onKeyDown'];
/** Words that describe the look of an element, not where it leads. */
const FILLER_WORDS = new Set(['the', 'and', 'for', 'with', 'your', 'our', 'btn', 'button', 'link', 'pill', 'badge', 'chip', 'tag', 'icon', 'label', 'text', 'item']);

interface LinkKind {
  tag: string;
  prop: 'to' | 'href';
}

/** The file's router link: a `Link` imported from a local module or react-router, else a plain anchor. */
function linkKindOf(sourceFile: SourceFile): LinkKind {
  for (const declaration of sourceFile.getImportDeclarations()) {
    const moduleName = declaration.getModuleSpecifierValue();
    if (declaration.isTypeOnly() || !(moduleName.startsWith('.') || /^react-router(-dom)?$/.test(moduleName))) continue;
    const link = declaration.getNamedImports().find((n) => n.getName() === 'Link' && !n.isTypeOnly());
    if (link) return { tag: link.getAliasNode()?.getText() ?? 'Link', prop: 'to' };
  }
  return { tag: 'a', prop: 'href' };
}

function isLink(opening: JsxOpening, link: LinkKind): boolean {
  const tag = tagNameOf(opening);
  return (tag === 'a' && opening.getAttribute('href') !== undefined) || (tag === link.tag && opening.getAttribute(link.prop) !== undefined);
}

function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 3 && !FILLER_WORDS.has(word))
    .map((word) => word.replace(/ies$/, 'y').replace(/s$/, ''));
}

/** What the element says it is about: its text, the string literals of its class, id and labels, the recorded text. */
function elementWords(target: FixTarget): Set<string> {
  const { opening, hotspot } = target;
  const texts = [staticTextOf(elementOf(opening)), hotspot.element?.text ?? '', hotspot.element?.attributes.class ?? ''];
  for (const name of ['className', 'id', 'aria-label', 'title', 'alt']) {
    const attribute = opening.getAttribute(name);
    if (attribute) texts.push(...attribute.getDescendantsOfKind(SyntaxKind.StringLiteral).map((s) => s.getLiteralValue()));
  }
  return new Set(texts.flatMap(wordsOf));
}

/** The page the element evidently leads to: enough of the affected sessions went there next, and it is named like it. */
function destinationOf(target: FixTarget): { page: string; sessions: number } | undefined {
  const { hotspot } = target;
  const words = elementWords(target);
  return (hotspot.nextPages ?? []).find(
    (next) =>
      hotspot.sessions > 0 &&
      next.sessions / hotspot.sessions >= MIN_DESTINATION_SHARE &&
      next.page !== hotspot.page &&
      !/[:*]/.test(next.page) &&
      wordsOf(next.page).some((word) => words.has(word)),
  );
}

function noDestination(target: FixTarget): NotApplicable {
  const { hotspot } = target;
  const name = nameOf(target);
  const next = hotspot.nextPages ?? [];
  if (next.length === 0) {
    return { applicable: false, reason: `there is no destination to link ${name} to: the report does not say where the ${hotspot.sessions} sessions that clicked it went next` };
  }
  const went = next.map((n, index) => `${n.sessions} ${index === 0 ? 'went to ' : 'to '}${n.page}`).join(', ');
  return {
    applicable: false,
    reason: `there is no destination to link ${name} to: of the ${hotspot.sessions} sessions that clicked it, ${went} next, and no page with at least ${percent(MIN_DESTINATION_SHARE)} of them is named like it. Decide what it should do (e.g. show the details in place), or drop its button-like styling.`,
  };
}

/** The JSX element or router link around the element, which makes the click do something already. */
function controlAround(opening: JsxOpening, link: LinkKind): string | undefined {
  for (let current: Node | undefined = elementOf(opening).getParent(); current; current = current.getParent()) {
    if (Node.isJsxElement(current)) {
      const tag = tagNameOf(current.getOpeningElement());
      if (tag === 'a' || tag === 'button' || tag === link.tag) return tag;
    }
    if (Node.isFunctionLikeDeclaration(current)) return undefined;
  }
  return undefined;
}

/** A control inside the element: a link around it would nest interactive content, which HTML forbids. */
function controlInside(opening: JsxOpening, link: LinkKind): string | undefined {
  const element = elementOf(opening);
  if (!Node.isJsxElement(element)) return undefined;
  const tags = [...element.getDescendantsOfKind(SyntaxKind.JsxOpeningElement), ...element.getDescendantsOfKind(SyntaxKind.JsxSelfClosingElement)].map(tagNameOf);
  return tags.find((tag) => CONTROLS.has(tag) || tag === link.tag);
}

function isApplied(target: FixTarget): boolean {
  const { opening, sourceFile } = target;
  const link = linkKindOf(sourceFile);
  if (isLink(opening, link)) return true;
  if (intrinsicTagOf(opening)?.styled && opening.getAttribute('as') && (opening.getAttribute('href') || opening.getAttribute('to'))) return true;
  const children = meaningfulChildren(elementOf(opening));
  return children.length === 1 && Node.isJsxElement(children[0]) && isLink(children[0].getOpeningElement(), link);
}

function check(target: FixTarget): { applicable: true } | NotApplicable {
  if (isApplied(target)) return { applicable: true };
  const { opening } = target;
  const tag = tagNameOf(opening);
  const intrinsic = intrinsicTagOf(opening);
  if (!intrinsic) return { applicable: false, reason: `<${tag}> is a component and this file does not show what it renders: apply the fix where its markup is` };
  if (CONTROLS.has(intrinsic.tag)) {
    return { applicable: false, reason: `<${tag}> is already a real control: a dead click on it needs its handler to show a visible reaction, not a new tag` };
  }
  if (!RENAMED.has(intrinsic.tag) && !HOLDS_LINK.has(intrinsic.tag) && !WRAPPED.has(intrinsic.tag)) {
    return { applicable: false, reason: `<${intrinsic.tag}> is not a content element this fix turns into a link` };
  }
  const handler = CLICK_HANDLERS.find((name) => opening.getAttribute(name));
  if (handler) return { applicable: false, reason: `it has an ${handler} handler, so the click runs code: make that code show a visible reaction instead` };
  const role = staticAttribute(opening, 'role');
  if (role && INTERACTIVE_ROLES.has(role)) return { applicable: false, reason: `it has role="${role}", so it claims to be a control already: give it the behaviour its role promises` };
  const link = linkKindOf(target.sourceFile);
  const around = controlAround(opening, link);
  if (around) return { applicable: false, reason: `it sits inside <${around}>, which already handles the click` };
  const inside = controlInside(opening, link);
  if (inside) return { applicable: false, reason: `it holds a <${inside}>, and a link may not contain another control: link the part that should navigate instead` };
  if (WRAPPED.has(intrinsic.tag) && opening.getAttribute('key') && !Node.isJsxElement(elementOf(opening).getParent())) {
    return { applicable: false, reason: `it is a keyed list item, and the link around it would need the key: wrap it where the list is rendered` };
  }
  return destinationOf(target) ? { applicable: true } : noDestination(target);
}

/** `<a href="/x">` + markup + `</a>`, on one line when it fits, else the markup indented inside. */
function wrapInLink(sourceFile: SourceFile, start: number, markup: string, link: LinkKind, page: string): string {
  const open = `<${link.tag} ${link.prop}="${page}">`;
  const close = `</${link.tag}>`;
  const inline = `${open}${markup}${close}`;
  if (!inline.includes('\n') && columnAt(sourceFile, start) + inline.length <= PRINT_WIDTH) return inline;
  const indent = lineIndentAt(sourceFile, start);
  const inner = indent + indentUnitOf(sourceFile);
  return `${open}\n${inner}${reindent(markup, indent, inner)}\n${indent}${close}`;
}

function apply(target: FixTarget) {
  const { opening, sourceFile } = target;
  const element = elementOf(opening);
  const originalText = element.getText();
  const destination = destinationOf(target)!;
  const link = linkKindOf(sourceFile);
  const intrinsic = intrinsicTagOf(opening)!;
  const tag = tagNameOf(opening);
  const linkAttribute = `${link.prop}="${destination.page}"`;
  const span = childrenSpan(element);
  let text: string;
  if (WRAPPED.has(intrinsic.tag)) {
    text = wrapInLink(sourceFile, element.getStart(), originalText, link, destination.page);
  } else if (HOLDS_LINK.has(intrinsic.tag) && span) {
    const children = sourceFile.getFullText().slice(span.start, span.end);
    text = elementTextWith(element, opening.getText(), tag, { ...span, text: wrapInLink(sourceFile, span.start, children, link, destination.page) });
  } else if (intrinsic.styled) {
    const as = link.tag === 'a' ? 'as="a"' : `as={${link.tag}}`;
    text = elementTextWith(element, printOpening(opening, tag, [as, linkAttribute, ...opening.getAttributes()]), tag);
  } else {
    // A link is focusable and has its own role: a role or tabIndex written for the old element would fight it.
    const kept = opening.getAttributes().filter((a) => !(Node.isJsxAttribute(a) && ['role', 'tabIndex'].includes(a.getNameNode().getText())));
    text = elementTextWith(element, printOpening(opening, link.tag, [linkAttribute, ...kept]), link.tag);
  }
  const anchor = replaceMarkup(element, text);
  return { node: markupAt(sourceFile, anchor), originalText };
}

export const realControlForDeadClickFix: FixDefinition = {
  id: 'real-control-for-dead-click',
  kinds: ['dead_click'],
  title(target) {
    const destination = destinationOf(target);
    return destination ? `Make ${nameOf(target)} a link to ${destination.page}` : `Make ${nameOf(target)} a real link`;
  },
  check,
  isApplied,
  rationale(target) {
    const { hotspot } = target;
    const destination = destinationOf(target);
    const next = destination ? `; ${percent(destination.sessions / hotspot.sessions)} of them went to ${destination.page} next` : '';
    return `${reachOf(hotspot)} clicked ${nameOf(target)} and nothing happened${next}; ${outcomeOf(hotspot)}.`;
  },
  apply,
  verification(target, flag) {
    const { hotspot } = target;
    const name = nameOf(target);
    const reference = elementReference(hotspot, `the element with text ${name}`);
    const destination = destinationOf(target);
    return verificationPlan({
      hotspot,
      friction: `dead clicks on ${name}`,
      measure: `$dead_click events on ${reference}`,
      flag,
      extraSteps: destination
        ? [`Check that the clicks now lead somewhere: $autocapture clicks on ${name} followed by a $pageview of ${destination.page}.`]
        : [],
    });
  },
};

// Larger tap target: a small control people keep missing or doubting (rage clicks, dead clicks on it) gets a hit area
// of at least 44×44 CSS px, the size WCAG 2.2 SC 2.5.5 Target Size (Enhanced) asks for (Apple's HIG: 44×44 pt;
// SC 2.5.8, level AA, sets 24×24 as the floor). minWidth/minHeight grow the box, not the icon or text inside, and
// leave larger controls untouched; inline elements (a, span) also need inline-flex for a min size to apply, centred
// so the icon stays where the eye expects it.
// Trigger: the report carries no measured box (ReportElement has no `box`, though the replay's ElementDescriptor has
// one), so size comes from static cues: icon-only content, size classes (btn-sm, icon-button, Tailwind w-6), a
// size="sm" prop, a small inline width or height. A control with visible words and none of these is refused.
// thrashed_cursor is not a kind here: its signals carry no element, so its hotspots never map onto a control.
import { Node, type JsxAttribute, type ObjectLiteralExpression } from 'ts-morph';
import { staticAttribute, type JsxOpening } from './locate-element';
import { indentationAt, jsxNodeStartingAt, PRINT_WIDTH, spliceFile, startsLine, type Splice } from './feature-flag';
import { elementReference, reachOf, verificationPlan } from './fix-evidence';
import type { FixDefinition, FixTarget } from './types';

/** WCAG 2.2 SC 2.5.5 (AAA) and Apple's Human Interface Guidelines. */
export const MIN_TARGET_PX = 44;
/** Tailwind spacing step in px (w-6 = 24 px). */
const TAILWIND_STEP_PX = 4;

const SIZE_WORDS = new Set(['xs', 'sm', 'small', 'tiny', 'mini', 'icon', 'compact']);
const CONTROL_TAGS = new Set(['button', 'a', 'input', 'summary']);
const CONTROL_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'option']);
/** Input types that are clicked rather than typed into. */
const CLICKED_INPUT_TYPES = new Set(['button', 'submit', 'reset', 'image', 'checkbox', 'radio']);
/** Inline boxes ignore min-width/min-height. */
const INLINE_TAGS = new Set(['a', 'span', 'label']);

// ---- inline style: shared with cta-above-fold ----

/** One property of an inline style object: its name and the JS source of its value, e.g. ['minWidth', '44']. */
export type StyleDeclaration = [property: string, source: string];

function styleAttribute(opening: JsxOpening): JsxAttribute | undefined {
  const attribute = opening.getAttribute('style');
  return attribute && Node.isJsxAttribute(attribute) ? attribute : undefined;
}

/** The object literal of `style={{ ... }}`, or undefined. */
function styleObject(opening: JsxOpening): ObjectLiteralExpression | undefined {
  const initializer = styleAttribute(opening)?.getInitializer();
  const expression = initializer && Node.isJsxExpression(initializer) ? initializer.getExpression() : undefined;
  return expression && Node.isObjectLiteralExpression(expression) ? expression : undefined;
}

/** JS source of a property set in the element's inline style object, e.g. "44" or "'sticky'". */
export function styleValue(opening: JsxOpening, property: string): string | undefined {
  for (const p of styleObject(opening)?.getProperties() ?? []) {
    if (Node.isPropertyAssignment(p) && p.getName().replace(/^['"]|['"]$/g, '') === property) return p.getInitializerOrThrow().getText();
    if (Node.isShorthandPropertyAssignment(p) && p.getName() === property) return p.getName();
  }
  return undefined;
}

/** A style value in px when it is a literal: 44, '44px', "44". */
export function pixels(source: string | undefined): number | undefined {
  const match = source === undefined ? null : /^['"`]?(\d+(?:\.\d+)?)(px)?['"`]?$/.exec(source.trim());
  return match ? Number(match[1]) : undefined;
}

/** Why the style prop cannot take more properties (a string, a bare attribute), or undefined. */
export function styleProblem(opening: JsxOpening): string | undefined {
  const attribute = styleAttribute(opening);
  if (!attribute) return undefined;
  const initializer = attribute.getInitializer();
  if (!initializer) return 'its style prop has no value';
  if (!Node.isJsxExpression(initializer) || !initializer.getExpression()) return 'its style prop is a string, which React does not accept; make it an object first';
  return undefined;
}

/**
 * An object literal on one line, unless it would not fit the print width even on a line of its own (a long tag line
 * is the formatter's to wrap, not a reason to break one prop); then one entry a line.
 */
function objectSource(entries: string[], offset: number, indentation: string, opening: JsxOpening): string {
  const oneLine = `{ ${entries.join(', ')} }`;
  if (indentation.length + offset + oneLine.length + 2 <= PRINT_WIDTH) return oneLine;
  const settings = opening.getProject().manipulationSettings;
  const inner = indentation + settings.getIndentationText();
  return `{\n${inner}${entries.join(`,\n${inner}`)}${settings.getUseTrailingCommas() ? ',' : ''}\n${indentation}}`;
}

function entriesOf(declarations: StyleDeclaration[]): string[] {
  return declarations.map(([name, value]) => `${name}: ${value}`);
}

/**
 * Sets style properties on the element in place: inside a `style={{...}}` object (replacing a property of the same
 * name), as `{ ...expr, ... }` around any other style expression, or as a new style prop. A new prop goes before the
 * first {...spread}, so a style that callers pass through still wins over ours.
 */
export function mergeInlineStyle(opening: JsxOpening, declarations: StyleDeclaration[]): void {
  const sourceFile = opening.getSourceFile();
  const text = sourceFile.getFullText();
  const splices: Splice[] = [];
  const object = styleObject(opening);
  const attribute = styleAttribute(opening);
  if (object) {
    const missing: StyleDeclaration[] = [];
    const properties = object.getProperties();
    for (const [name, value] of declarations) {
      const existing = properties.find((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && p.getName().replace(/^['"]|['"]$/g, '') === name);
      if (existing && Node.isPropertyAssignment(existing)) {
        const init = existing.getInitializerOrThrow();
        splices.push({ start: init.getStart(), end: init.getEnd(), text: value });
      } else if (existing) splices.push({ start: existing.getStart(), end: existing.getEnd(), text: `${name}: ${value}` });
      else missing.push([name, value]);
    }
    if (missing.length > 0) splices.push(appendToObject(object, missing, text));
  } else if (attribute) {
    const expression = (attribute.getInitializerOrThrow() as Node & { getExpressionOrThrow(): Node }).getExpressionOrThrow();
    const simple = Node.isIdentifier(expression) || Node.isPropertyAccessExpression(expression) || Node.isCallExpression(expression) || Node.isElementAccessExpression(expression);
    const spread = simple ? expression.getText() : `(${expression.getText()})`;
    const start = expression.getStart();
    splices.push({ start, end: expression.getEnd(), text: objectSource([`...${spread}`, ...entriesOf(declarations)], 'style={'.length, indentationAt(text, start), opening) });
  } else {
    splices.push(newAttribute(opening, (indentation) => `style={${objectSource(entriesOf(declarations), 'style={'.length, indentation, opening)}}`, text));
  }
  spliceFile(sourceFile, splices);
}

function appendToObject(object: ObjectLiteralExpression, declarations: StyleDeclaration[], text: string): Splice {
  const properties = object.getProperties();
  const last = properties[properties.length - 1];
  const entries = entriesOf(declarations);
  if (!last) return { start: object.getStart(), end: object.getEnd(), text: `{ ${entries.join(', ')} }` };
  if (!object.getText().includes('\n')) return { start: last.getEnd(), end: last.getEnd(), text: `, ${entries.join(', ')}` };
  const indentation = indentationAt(text, last.getStart());
  const comma = /^\s*,/.exec(text.slice(last.getEnd()));
  if (comma) {
    const at = last.getEnd() + comma[0].length;
    return { start: at, end: at, text: entries.map((e) => `\n${indentation}${e},`).join('') };
  }
  return { start: last.getEnd(), end: last.getEnd(), text: entries.map((e) => `,\n${indentation}${e}`).join('') };
}

/**
 * A new attribute, laid out like the others: on its own line when they are, else inline; before the first
 * {...spread} if there is one. `render` gets the indentation of the line the attribute lands on.
 */
export function newAttribute(opening: JsxOpening, render: (indentation: string) => string, text: string): Splice {
  const attributes = opening.getAttributes();
  const spread = attributes.find((a) => Node.isJsxSpreadAttribute(a));
  if (spread) {
    const at = spread.getStart();
    const indentation = indentationAt(text, at);
    return { start: at, end: at, text: startsLine(text, at) ? `${render(indentation)}\n${indentation}` : `${render(indentation)} ` };
  }
  const last = attributes[attributes.length - 1];
  const indentation = indentationAt(text, (last ?? opening).getStart());
  if (last && startsLine(text, last.getStart())) return { start: last.getEnd(), end: last.getEnd(), text: `\n${indentation}${render(indentation)}` };
  const at = (last ?? opening.getTagNameNode()).getEnd();
  return { start: at, end: at, text: ` ${render(indentation)}` };
}

// ---- the trigger ----

/** The DOM tag the element renders: its own tag, or the recorded one for a component (<Link> renders <a>). */
function domTag(target: FixTarget): string {
  const tag = target.opening.getTagNameNode().getText();
  return /^[a-z]/.test(tag) && !tag.includes('.') ? tag : (target.hotspot.element?.tag ?? tag);
}

function isControl(target: FixTarget): boolean {
  const { opening } = target;
  const tag = domTag(target);
  const role = staticAttribute(opening, 'role');
  if (role && CONTROL_ROLES.has(role)) return true;
  if (tag === 'input') return CLICKED_INPUT_TYPES.has(staticAttribute(opening, 'type') ?? target.hotspot.element?.attributes.type ?? 'text');
  return CONTROL_TAGS.has(tag);
}

/** Words of the element's class names: literal, template parts, clsx(...) string arguments, and the recorded class. */
function classWords(target: FixTarget): string[] {
  const strings: string[] = [target.hotspot.element?.attributes.class ?? ''];
  const attribute = target.opening.getAttribute('className');
  if (attribute && Node.isJsxAttribute(attribute)) {
    const value = attribute.getInitializer();
    if (value) {
      if (Node.isStringLiteral(value)) strings.push(value.getLiteralValue());
      else value.forEachDescendant((d) => {
        if (Node.isStringLiteral(d) || Node.isNoSubstitutionTemplateLiteral(d)) strings.push(d.getLiteralValue());
        else if (Node.isTemplateHead(d) || Node.isTemplateMiddle(d) || Node.isTemplateTail(d)) strings.push(d.getLiteralText());
      });
    }
  }
  return strings.join(' ').split(/\s+/).filter(Boolean);
}

function sizeClass(words: string[]): string | undefined {
  for (const word of words) {
    const tailwind = /^(?:[a-z]+:)*(?:w|h|size)-(\d+(?:\.5)?)$/.exec(word);
    if (tailwind && Number(tailwind[1]) * TAILWIND_STEP_PX < MIN_TARGET_PX) return word;
    const parts = word.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().split(/[-_]+/);
    if (parts.some((p) => SIZE_WORDS.has(p))) return word;
  }
  return undefined;
}

/** A single symbol (×, +, −, ☰, ›) reads as an icon. */
function isGlyph(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length > 0 && [...trimmed].length <= 2 && !/[\p{L}\p{N}]/u.test(trimmed);
}

/** No words inside: only icons (svg, img, *Icon components) or a glyph, named by aria-label or title if at all. */
function iconOnly(target: FixTarget): string | undefined {
  const { opening } = target;
  const recorded = target.hotspot.element?.text;
  const labelled = opening.getAttribute('aria-label') !== undefined || opening.getAttribute('title') !== undefined;
  const element = opening.getParent();
  if (!Node.isJsxElement(element)) return labelled && Node.isJsxSelfClosingElement(opening) ? 'no content but an aria-label' : undefined;
  const children = element.getJsxChildren().filter((c) => !(Node.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces()));
  if (children.length === 0) return labelled ? 'no content but an aria-label' : undefined;
  let icon: string | undefined;
  for (const child of children) {
    if (Node.isJsxText(child)) {
      if (!isGlyph(child.getText())) return undefined;
      icon = `only the symbol "${child.getText().trim()}"`;
    } else if (Node.isJsxElement(child) || Node.isJsxSelfClosingElement(child)) {
      const tag = (Node.isJsxElement(child) ? child.getOpeningElement() : child).getTagNameNode().getText();
      if (!(tag === 'svg' || tag === 'img' || /Icon$|^Icon/.test(tag))) return undefined;
      icon ??= `only an icon (<${tag}>)`;
    } else return undefined;
  }
  if (recorded !== undefined && recorded.trim() !== '' && !isGlyph(recorded)) return undefined;
  return icon;
}

function sizeCues(target: FixTarget): string[] {
  const { opening } = target;
  const cues: string[] = [];
  const icon = iconOnly(target);
  if (icon) cues.push(icon);
  const word = sizeClass(classWords(target));
  if (word) cues.push(`the size class "${word}"`);
  const size = staticAttribute(opening, 'size');
  if (size && SIZE_WORDS.has(size.toLowerCase())) cues.push(`size="${size}"`);
  for (const property of ['width', 'height']) {
    const px = pixels(styleValue(opening, property));
    if (px !== undefined && px < MIN_TARGET_PX) cues.push(`an inline ${property} of ${px}px`);
  }
  return cues;
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

const MISSES: Partial<Record<string, string>> = { rage_click: 'clicked repeatedly on', dead_click: 'clicked without effect on' };

export const largerTapTargetFix: FixDefinition = {
  id: 'larger-tap-target',
  kinds: ['rage_click', 'dead_click'],
  title: (target) => `Enlarge the hit area of ${elementLabel(target)} to ${MIN_TARGET_PX}×${MIN_TARGET_PX} px`,
  check(target) {
    const tag = target.opening.getTagNameNode().getText();
    if (!isControl(target)) {
      return { applicable: false, reason: `<${tag}> is not a control (a button, a link, a clickable input or role="button"): a bigger box would not make it do anything; real-control-for-dead-click fits a clickable-looking element.` };
    }
    const problem = styleProblem(target.opening);
    if (problem) return { applicable: false, reason: `<${tag}> cannot take a min size: ${problem}.` };
    for (const property of ['minWidth', 'minHeight']) {
      const value = styleValue(target.opening, property);
      if (value !== undefined && pixels(value) === undefined) return { applicable: false, reason: `<${tag}> sets ${property} from an expression (${value}); check that size there.` };
    }
    if (sizeCues(target).length === 0) {
      return { applicable: false, reason: `nothing in the code says ${elementLabel(target)} is small: it has visible text, no size class (sm, xs, icon, tiny, w-6), no size prop and no small inline width or height, and the report carries no measured size. Repeated clicks on a normal-sized control point to a slow or missing response instead (pending-submit-state, guarded-click-handler).` };
    }
    return { applicable: true };
  },
  isApplied(target) {
    return ['minWidth', 'minHeight'].every((p) => (pixels(styleValue(target.opening, p)) ?? 0) >= MIN_TARGET_PX);
  },
  rationale(target) {
    const h = target.hotspot;
    return `${reachOf(h)} ${MISSES[h.kind] ?? 'struggled with'} ${elementLabel(target)}, a small target (${sizeCues(target).join(', ')}); WCAG 2.5.5 asks for ${MIN_TARGET_PX}×${MIN_TARGET_PX} CSS px.`;
  },
  apply(target) {
    const { opening } = target;
    const element = Node.isJsxOpeningElement(opening) ? opening.getParentOrThrow() : opening;
    const start = element.getStart();
    const originalText = element.getText();
    const declarations: StyleDeclaration[] = [];
    if (INLINE_TAGS.has(domTag(target)) && styleValue(opening, 'display') === undefined) {
      declarations.push(['display', quoted(target, 'inline-flex')], ['alignItems', quoted(target, 'center')], ['justifyContent', quoted(target, 'center')]);
    }
    for (const property of ['minWidth', 'minHeight']) {
      if ((pixels(styleValue(opening, property)) ?? 0) < MIN_TARGET_PX) declarations.push([property, String(MIN_TARGET_PX)]);
    }
    mergeInlineStyle(opening, declarations);
    return { node: jsxNodeStartingAt(target.sourceFile, start), originalText };
  },
  verification(target, flag) {
    const h = target.hotspot;
    const clicks = h.kind === 'dead_click' ? 'dead clicks' : 'rage clicks';
    const event = h.kind === 'dead_click' ? '$dead_click' : '$rageclick';
    return verificationPlan({ hotspot: h, friction: `${clicks} on ${elementLabel(target)}`, measure: `${event} events on ${elementReference(h, elementLabel(target))}`, flag });
  },
};

/** A string literal in the file's quote style. */
export function quoted(target: FixTarget, value: string): string {
  const quote = target.sourceFile.getProject().manipulationSettings.getQuoteKind();
  return `${quote}${value}${quote}`;
}

// Larger tap target: a small control people keep missing or doubting (rage clicks, dead clicks on it) gets a hit area
// of at least 44×44 CSS px, the size WCAG 2.2 SC 2.5.5 Target Size (Enhanced) asks for (Apple's HIG: 44×44 pt;
// SC 2.5.8, level AA, sets 24×24 as the floor). minWidth/minHeight grow the box, not the icon or text inside, and
// leave larger controls untouched; inline elements (a, span) also need inline-flex for a min size to apply, centred
// so the icon stays where the eye expects it.
// Trigger: the report carries no measured box (ReportElement has no `box`, though the replay's ElementDescriptor has
// one), so size comes from static cues: icon-only content, size classes (btn-sm, icon-button, Tailwind w-6), a
// size="sm" prop, a small inline width or height. A control with visible words and none of these is refused.
// thrashed_cursor is not a kind here: its signals carry no element, so its hotspots never map onto a control.
import { Node } from 'ts-morph';
import { staticAttribute } from './locate-element';
import { mergeInlineStyle, pixels, styleProblem, styleValue, type StyleDeclaration } from './inline-style';
import { elementLabel, quotedIn } from './jsx-markup';
import { jsxNodeStartingAt } from './text-layout';
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
      declarations.push(['display', quotedIn(target, 'inline-flex')], ['alignItems', quotedIn(target, 'center')], ['justifyContent', quotedIn(target, 'center')]);
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

// CTA above the fold: the call to action people scroll up and down looking for (Clarity's excessive scrolling; the
// signal's element is the first thing clicked after the search) stays in view while they scroll.
// `position: sticky; bottom: 0` pins it to the bottom edge of the viewport for as long as its section is on screen,
// and it settles into its own place once the reader gets there. `bottom`, not `top`: the CTA sits below the fold, and
// a top-sticky element sticks only after it has been scrolled past, which never happens for those still looking for
// it. zIndex 1 keeps the content scrolling underneath from painting over it.
// Sticky moves an element only within its parent's box, so when the CTA is the only thing in a wrapper
// (<div className="product-cta"><button>), the outermost such wrapper takes the style: its parent spans the page.
import { Node } from 'ts-morph';
import { jsxNodeStartingAt } from './text-layout';
import { elementReference, outcomeOf, reachOf, verificationPlan } from './fix-evidence';
import { mergeInlineStyle, styleProblem, styleValue, type StyleDeclaration } from './inline-style';
import { elementLabel, quotedIn } from './jsx-markup';
import { staticAttribute, type JsxOpening } from './locate-element';
import type { FixDefinition, FixTarget } from './types';

const ACTION_ROLES = new Set(['button', 'link']);
const ACTION_INPUT_TYPES = new Set(['submit', 'button', 'image']);
const PINNED_POSITIONS = new Set(['sticky', 'fixed']);

function isIntrinsic(tag: string): boolean {
  return /^[a-z]/.test(tag) && !tag.includes('.');
}

/** A button, a link, a submit input or role="button"/"link"; a component counts by the tag it rendered. */
function isAction(target: FixTarget): boolean {
  const { opening } = target;
  const written = opening.getTagNameNode().getText();
  const tag = isIntrinsic(written) ? written : (target.hotspot.element?.tag ?? written);
  const role = staticAttribute(opening, 'role');
  if (role && ACTION_ROLES.has(role)) return true;
  if (tag === 'button') return true;
  if (tag === 'a') return opening.getAttribute('href') !== undefined || opening.getAttribute('to') !== undefined || !isIntrinsic(written);
  if (tag === 'input') return ACTION_INPUT_TYPES.has(staticAttribute(opening, 'type') ?? target.hotspot.element?.attributes.type ?? '');
  return false;
}

function openingOf(element: Node): JsxOpening {
  if (Node.isJsxElement(element)) return element.getOpeningElement();
  if (Node.isJsxSelfClosingElement(element)) return element;
  throw new Error(`expected a JSX element, got ${element.getKindName()}`);
}

/** The element to make sticky: the CTA, or the outermost intrinsic wrapper that holds nothing else. */
function stickyElement(opening: JsxOpening): JsxOpening {
  let current: Node = Node.isJsxOpeningElement(opening) ? opening.getParentOrThrow() : opening;
  for (let parent = current.getParent(); parent && Node.isJsxElement(parent); parent = current.getParent()) {
    if (!isIntrinsic(parent.getOpeningElement().getTagNameNode().getText())) break;
    const children = parent.getJsxChildren().filter((c) => !(Node.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces()));
    if (children.length !== 1) break;
    current = parent;
  }
  return openingOf(current);
}

function isPinned(opening: JsxOpening): boolean {
  const position = styleValue(opening, 'position');
  return position !== undefined && PINNED_POSITIONS.has(position.replace(/['"`]/g, ''));
}

export const ctaAboveFoldFix: FixDefinition = {
  id: 'cta-above-fold',
  kinds: ['excessive_scroll'],
  title: (target) => `Keep ${elementLabel(target)} in view while people scroll (sticky at the bottom)`,
  check(target) {
    const tag = target.opening.getTagNameNode().getText();
    if (!isAction(target)) {
      return { applicable: false, reason: `<${tag}> is not a call to action (a button, a link, a submit input or role="button"): pinning it would keep content in view, not the action people scrolled for.` };
    }
    const sticky = stickyElement(target.opening);
    const problem = styleProblem(sticky);
    if (problem) return { applicable: false, reason: `<${sticky.getTagNameNode().getText()}> cannot be made sticky inline: ${problem}.` };
    return { applicable: true };
  },
  isApplied(target) {
    return isPinned(target.opening) || isPinned(stickyElement(target.opening));
  },
  rationale(target) {
    const h = target.hotspot;
    return `${reachOf(h)} scrolled up and down far more than usual on this page before they clicked ${elementLabel(target)}; ${outcomeOf(h)}.`;
  },
  apply(target) {
    const sticky = stickyElement(target.opening);
    const element = Node.isJsxOpeningElement(sticky) ? sticky.getParentOrThrow() : sticky;
    const start = element.getStart();
    const originalText = element.getText();
    const declarations: StyleDeclaration[] = [['position', quotedIn(target, 'sticky')], ['bottom', '0'], ['zIndex', '1']];
    mergeInlineStyle(sticky, declarations);
    return { node: jsxNodeStartingAt(target.sourceFile, start), originalText };
  },
  verification(target, flag) {
    const h = target.hotspot;
    const label = elementLabel(target);
    return verificationPlan({
      hotspot: h,
      friction: `excessive scrolling before ${label}`,
      measure: `excessive scrolling (friction analyze on the new recordings) and clicks on ${elementReference(h, label)} ($autocapture)`,
      flag,
    });
  },
};

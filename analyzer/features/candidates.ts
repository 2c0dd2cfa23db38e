// The actions a user could take on a page: its interactive elements, plus elements that merely look clickable
// (users dead-click those, so the policy must be able to choose them). Read from a DomMirror only, so the same
// code serves a replayed recording and a live page snapshotted with rrweb's snapshot().
import { assembleDescriptor, isValueTag } from '../replay/assemble-descriptor';
import { textOf } from '../replay/describe-element';
import type { DomMirror, MirrorNode } from '../replay/mirror';
import { NodeType } from '../replay/rrweb-constants';

/** Default cap on candidates per page; beyond it the least likely kinds go first (see candidateElements). */
export const MAX_CANDIDATES = 200;

const INTERACTIVE_TAGS = new Set(['a', 'button', 'input', 'select', 'textarea', 'summary']);
const INTERACTIVE_ROLES = new Set(['button', 'link', 'tab', 'checkbox', 'radio', 'switch', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option']);
/** Subtrees nobody sees or clicks. */
const INVISIBLE_TAGS = new Set(['head', 'script', 'style', 'template', 'noscript', 'meta', 'link', 'title', 'base']);
/** Controls whose inner nodes are not separate targets (a <select>'s options, an <svg>'s shapes). */
const OPAQUE_TAGS = new Set(['select', 'svg', 'textarea', 'iframe', 'video', 'audio', 'canvas']);
/** Class words that hide an element by convention (Bootstrap, Tailwind, a11y helpers). */
const HIDING_CLASS_WORDS = new Set(['hidden', 'sr-only', 'visually-hidden', 'visuallyhidden', 'd-none', 'is-hidden', 'invisible']);
/** Class words that make a non-interactive element look clickable. */
export const CLICKABLE_CLASS_WORDS = new Set(['btn', 'button', 'link', 'pill', 'badge', 'chip', 'card', 'tab', 'clickable']);

/** Split class names into lowercase words: "product-card__link" -> product, card, link; "navTab" -> nav, tab. */
export function classWords(node: MirrorNode): string[] {
  const raw = node.attributes.class;
  if (!raw) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
}

function classNames(node: MirrorNode): string[] {
  return (node.attributes.class ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** Inline style cue; the replay's mirror drops `style` attributes, so this fires only on mirrors that keep them. */
export function hasPointerCursor(node: MirrorNode): boolean {
  return /cursor\s*:\s*pointer/i.test(node.attributes.style ?? '');
}

/** Natively interactive: what a browser or assistive technology treats as a control. */
export function isInteractive(node: MirrorNode): boolean {
  const tag = node.tag ?? '';
  const a = node.attributes;
  if (tag === 'a') return a.href !== undefined;
  if (tag === 'input') return (a.type ?? '').toLowerCase() !== 'hidden';
  if (INTERACTIVE_TAGS.has(tag)) return true;
  if (tag === 'label') return a.for !== undefined;
  if (INTERACTIVE_ROLES.has((a.role ?? '').toLowerCase())) return true;
  if (a.onclick !== undefined) return true;
  return a.tabindex !== undefined && Number(a.tabindex) >= 0;
}

/** Not a control, but styled like one: button-, link-, pill-, badge-, chip-, card- or tab-like classes, or a pointer cursor. */
export function looksClickable(node: MirrorNode): boolean {
  if (hasPointerCursor(node)) return true;
  for (const word of classWords(node)) if (CLICKABLE_CLASS_WORDS.has(word)) return true;
  return false;
}

/** Hidden with its whole subtree: hidden attribute, aria-hidden, inert, an <input type=hidden>, hiding classes or inline style. */
export function isHidden(node: MirrorNode): boolean {
  const a = node.attributes;
  if (a.hidden !== undefined || a.inert !== undefined || a['aria-hidden'] === 'true') return true;
  if (node.tag === 'input' && (a.type ?? '').toLowerCase() === 'hidden') return true;
  if (node.tag === 'dialog' && a.open === undefined) return true;
  if (a.style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style)) return true;
  for (const name of classNames(node)) if (HIDING_CLASS_WORDS.has(name)) return true;
  return false;
}

/**
 * The element's fingerprint, equal to `describeElement(mirror, node).fingerprint` (the fingerprint ignores the
 * ancestors and the selector, so they are not computed): cheap enough to test every element of a page. `text`:
 * textOf(mirror, node) when the caller already has it.
 */
export function fingerprintOfNode(mirror: DomMirror, node: MirrorNode, text?: string): string {
  const tag = node.tag ?? 'unknown';
  const classes = (node.attributes.class ?? '').split(/\s+/).filter(Boolean);
  return assembleDescriptor({
    tag,
    rawAttributes: node.attributes,
    classes,
    text: isValueTag(tag) ? undefined : (text ?? textOf(mirror, node)),
    ancestors: [],
    steps: [{ tag, id: node.attributes.id, testId: node.attributes['data-testid'], classes }],
  }).fingerprint;
}

/**
 * The mirror's document node. rrweb serialises the document first, so it holds the smallest id of a snapshot:
 * probe the first ids and climb to the top. Pass the root id when known (the replay tracks it per window).
 */
export function documentRootOf(mirror: DomMirror, rootId?: number): MirrorNode | undefined {
  if (rootId !== undefined) {
    const root = mirror.get(rootId);
    if (root) return root;
  }
  for (let id = 0; id <= 1024; id++) {
    let node = mirror.get(id);
    if (!node) continue;
    for (let guard = 0; node.parentId !== undefined && guard < 10_000; guard++) {
      const parent = mirror.get(node.parentId);
      if (!parent) break;
      node = parent;
    }
    if (node.type === NodeType.Document) return node;
  }
  return undefined;
}

export interface CandidateOptions {
  /** Id of the document node (default: found with documentRootOf). */
  root?: number;
  /** Cap on the number of candidates (default MAX_CANDIDATES). */
  max?: number;
  /** Node ids to include whatever they are (e.g. the element a click landed on), kept through the cap. */
  include?: ReadonlySet<number>;
}

/** Why an element is a candidate; lower ranks survive the cap first. */
const RANK_INCLUDED = 0;
const RANK_EXTRA = 1;
const RANK_INTERACTIVE = 2;
const RANK_LOOKS_CLICKABLE = 3;

/**
 * The page's candidate elements in document order: controls (a[href], button, input other than hidden, select,
 * textarea, summary, label[for], ARIA widget roles, onclick, tabindex >= 0), elements that look clickable, and any
 * element whose fingerprint is in `extraFingerprints` (e.g. elements clicked in the training data). Subtrees that
 * are not displayed are skipped (<head>, <script>, <template>, [hidden], aria-hidden="true", a closed <details>
 * apart from its <summary>, …), as are nodes detached from the document. When more than `max` qualify, included
 * ids go first, then extra fingerprints, then controls, then look-alikes, each in document order: the cap is
 * deterministic.
 */
export function candidateElements(mirror: DomMirror, extraFingerprints?: ReadonlySet<string>, options: CandidateOptions = {}): MirrorNode[] {
  const root = documentRootOf(mirror, options.root);
  if (!root) return [];
  const max = options.max ?? MAX_CANDIDATES;
  const withExtras = extraFingerprints !== undefined && extraFingerprints.size > 0;
  const found: { node: MirrorNode; rank: number; order: number }[] = [];
  const stack: number[] = [root.id];
  // Bounded: a cycle forged by hostile mutations must not hang the extractor.
  let budget = mirror.size + 1;
  while (stack.length > 0 && budget-- > 0) {
    const node = mirror.get(stack.pop()!);
    if (!node) continue;
    let children = node.children;
    if (node.type === NodeType.Element) {
      const tag = node.tag ?? '';
      if (INVISIBLE_TAGS.has(tag) || isHidden(node)) continue;
      let rank: number | undefined;
      if (options.include?.has(node.id)) rank = RANK_INCLUDED;
      else if (withExtras && extraFingerprints.has(fingerprintOfNode(mirror, node))) rank = RANK_EXTRA;
      else if (isInteractive(node)) rank = RANK_INTERACTIVE;
      else if (looksClickable(node)) rank = RANK_LOOKS_CLICKABLE;
      if (rank !== undefined) found.push({ node, rank, order: found.length });
      if (OPAQUE_TAGS.has(tag)) continue;
      if (tag === 'details' && node.attributes.open === undefined) {
        // Only the <summary> of a closed disclosure is on screen.
        children = children.filter((id) => mirror.get(id)?.tag === 'summary');
      }
    } else if (node.type !== NodeType.Document) {
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  if (found.length <= max) return found.map((f) => f.node);
  return found
    .slice()
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.order - b.order)
    .map((f) => f.node);
}

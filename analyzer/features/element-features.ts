// Feature vector of one candidate action for the behaviour policy: what the element is (tag, role, input type,
// words), where it sits, whether it looks clickable, its field state, whether it leads to another page, and how
// it was clicked before (earlier in the session; by other users on this route), and how it follows the previous
// action (sequence columns: the route's training transitions from the previous action's key, and where it sits
// after the element last clicked or typed into on this page), plus a few session:* columns shared by all candidates
// of a step (how far and how hesitantly the session went so far). Everything element-level is
// read from a DomMirror + MirrorNode, never from recording-specific data, so a live page snapshotted with rrweb's
// snapshot() goes through the same code.
//
// Position: rrweb snapshots carry no layout (no boxes, no computed styles), so position, size and "above the
// fold" can only be approximated by document order and DOM depth. Click coordinates exist only for the element
// that was clicked: using them would leak the label, so they are never read.
import type { DomMirror, MirrorNode } from '../replay/mirror';
import { classWords, fingerprintOfNode, hasPointerCursor, isInteractive, looksClickable } from './candidates';
import { BACK_KEY, fnv1a32, LEAVE_KEY, safeLog1p, START_KEY } from './common';
import { textOf } from '../replay/describe-element';
import { scrubText } from '../privacy/pii';
import { isValueTag } from '../replay/assemble-descriptor';

const TAGS = ['a', 'button', 'input', 'select', 'textarea', 'label', 'img', 'span', 'div', 'li'] as const;
const ROLES = ['button', 'link', 'tab', 'checkbox', 'radio', 'menuitem'] as const;
const INPUT_TYPES = ['text', 'email', 'tel', 'number', 'password', 'checkbox', 'radio', 'submit'] as const;
/** Buckets of the hashed bag of words. */
export const TEXT_BUCKETS = 32;
const MAX_TOKENS = 64;
const MAX_DEPTH = 40;
const MAX_TEXT_CHARS = 200;

const BUTTON_CLASS_WORDS = new Set(['btn', 'button', 'cta', 'pill', 'badge', 'chip', 'toggle', 'clickable']);
const LINK_CLASS_WORDS = new Set(['link', 'underline', 'anchor']);
const CARD_CLASS_WORDS = new Set(['card', 'tab', 'tile']);
const FIELD_TAGS = new Set(['input', 'select', 'textarea']);
const BUTTON_INPUT_TYPES = new Set(['submit', 'button', 'reset', 'image']);

/** Names of the element feature vector's columns, in order. */
export const ELEMENT_FEATURE_NAMES: readonly string[] = [
  ...TAGS.map((t) => `tag:${t}`),
  'tag:other',
  'role:none',
  ...ROLES.map((r) => `role:${r}`),
  'role:other',
  ...INPUT_TYPES.map((t) => `type:${t}`),
  'type:other',
  ...Array.from({ length: TEXT_BUCKETS }, (_, i) => `text:${i}`),
  'text:length',
  'text:present',
  'position:document_order',
  'position:depth',
  'cue:interactive',
  'cue:looks_clickable_only',
  'cue:button_class',
  'cue:link_class',
  'cue:card_class',
  'cue:pointer_cursor',
  'cue:onclick',
  'cue:tabindex',
  'form:inside_form',
  'field:is_field',
  'field:has_value',
  'field:required',
  'field:disabled',
  'field:is_submit',
  'nav:has_href',
  'nav:new_page',
  'nav:external',
  'nav:same_page',
  'history:clicked_before',
  'prior:click_share',
  'seq:transition_share',
  'seq:transition_seen',
  'seq:is_anchor',
  'seq:after_anchor',
  'seq:next_after_anchor',
  'seq:next_field_after_anchor',
  'seq:next_empty_field_after_anchor',
  'session:steps_so_far',
  'session:previous_dwell_s',
  'session:longest_dwell_s',
  'pseudo:back',
  'pseudo:leave',
  'pseudo:has_history',
];

const column = (name: string): number => {
  const i = ELEMENT_FEATURE_NAMES.indexOf(name);
  if (i < 0) throw new Error(`no element feature ${name}`);
  return i;
};
const COL = {
  tag: column('tag:a'),
  role: column('role:none'),
  type: column('type:text'),
  text: column('text:0'),
  textLength: column('text:length'),
  textPresent: column('text:present'),
  order: column('position:document_order'),
  depth: column('position:depth'),
  interactive: column('cue:interactive'),
  looksOnly: column('cue:looks_clickable_only'),
  buttonClass: column('cue:button_class'),
  linkClass: column('cue:link_class'),
  cardClass: column('cue:card_class'),
  pointer: column('cue:pointer_cursor'),
  onclick: column('cue:onclick'),
  tabindex: column('cue:tabindex'),
  inForm: column('form:inside_form'),
  isField: column('field:is_field'),
  hasValue: column('field:has_value'),
  required: column('field:required'),
  disabled: column('field:disabled'),
  isSubmit: column('field:is_submit'),
  hasHref: column('nav:has_href'),
  newPage: column('nav:new_page'),
  external: column('nav:external'),
  samePage: column('nav:same_page'),
  clickedBefore: column('history:clicked_before'),
  prior: column('prior:click_share'),
  transition: column('seq:transition_share'),
  transitionSeen: column('seq:transition_seen'),
  isAnchor: column('seq:is_anchor'),
  afterAnchor: column('seq:after_anchor'),
  nextAfterAnchor: column('seq:next_after_anchor'),
  nextField: column('seq:next_field_after_anchor'),
  nextEmptyField: column('seq:next_empty_field_after_anchor'),
  stepsSoFar: column('session:steps_so_far'),
  previousDwell: column('session:previous_dwell_s'),
  longestDwell: column('session:longest_dwell_s'),
  back: column('pseudo:back'),
  leave: column('pseudo:leave'),
  hasHistory: column('pseudo:has_history'),
} as const;

/** Index of the click-prior column, for filling it after extraction (see setClickPriors in policy-steps). */
export const CLICK_PRIOR_COLUMN = COL.prior;

/** Indices of the transition-prior columns, for filling them after extraction (see setTransitionPriors). */
export const TRANSITION_PRIOR_COLUMN = COL.transition;
export const TRANSITION_SEEN_COLUMN = COL.transitionSeen;

/** route -> element key (fingerprint, 'BACK' or 'LEAVE') -> share of the route's actions in the training data. */
export type ClickPriors = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * route -> previous action's key (a fingerprint, 'BACK' or 'START') -> next key -> share of the training
 * transitions from that previous key, on that route, that chose the next key (a route-conditioned first-order
 * Markov chain, used as a feature: built from TRAINING steps only, see transitionPriorsOf).
 */
export type TransitionPriors = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>;

/**
 * The session so far, the same for every candidate of a step (session:* columns): the scorer is shared by all
 * candidates, so these only act through its hidden layer, e.g. a user who hesitated long before is likelier to
 * open the size guide or leave than to buy. Only waits already over count (never the wait before this action).
 */
export interface SessionHistory {
  /** Decision steps taken so far. */
  steps: number;
  /** Wait before the previous action (0 for the first step). */
  previousDwellMs: number;
  /** Longest wait before any earlier action. */
  longestDwellMs: number;
}

/**
 * Where the candidates sit relative to the anchor: the element the user last clicked or typed into on this page
 * (indices into the page's element candidates, -1 for none). With no anchor on the page, "after the anchor" means
 * from the top of the document, so the next field is the page's first field.
 */
export interface SequencePositions {
  anchor: number;
  /** First candidate after the anchor in document order (-1 without an anchor: the top of a page is no cue). */
  next: number;
  /** First form field (input, select, textarea; not a button) after the anchor. */
  nextField: number;
  /** First field after the anchor that holds no value yet. */
  nextEmptyField: number;
}

/**
 * Sequence positions of a page's candidates (document order, as candidateElements returns them). `anchorKey`:
 * fingerprint of the element last clicked or typed into on this page (undefined when none, or when it is not
 * among the candidates); `fieldValues` as in ElementContext, so fields typed into count as filled.
 */
export function sequencePositions(elements: readonly ElementTraits[], anchorKey?: string, fieldValues?: ReadonlyMap<string, number>): SequencePositions {
  const anchor = anchorKey === undefined ? -1 : elements.findIndex((e) => e.fingerprint === anchorKey);
  const positions: SequencePositions = { anchor, next: -1, nextField: -1, nextEmptyField: -1 };
  for (let i = anchor + 1; i < elements.length; i++) {
    const e = elements[i];
    if (anchor >= 0 && positions.next < 0) positions.next = i;
    if (!e.isField) continue;
    if (positions.nextField < 0) positions.nextField = i;
    if (positions.nextEmptyField < 0 && !e.hasValue && !((fieldValues?.get(e.fingerprint) ?? 0) > 0)) positions.nextEmptyField = i;
    if (positions.next >= 0 && positions.nextEmptyField >= 0) break;
  }
  return positions;
}

export interface ElementContext {
  /** The page's route (folded the same way as the click priors' routes). */
  route: string;
  /** The page's URL, to tell same-origin, external and same-page links apart (optional). */
  pageUrl?: string;
  /** Built from training steps only (clickPriorsOf). */
  clickPriors?: ClickPriors;
  /** This session's clicks so far, by element fingerprint. */
  clicksSoFar?: ReadonlyMap<string, number>;
  /** Number of element candidates on the page, and this element's index among them (document order). */
  candidateCount: number;
  candidateIndex: number;
  /**
   * Value length (or 1 for a checked box) of fields by fingerprint, when known from elsewhere: the replay does not
   * write typed values into the mirror, so a recording's fields look empty without it.
   */
  fieldValues?: ReadonlyMap<string, number>;
  /** Key of the session's previous action (START_KEY for the first), for the transition prior. */
  previousKey?: string;
  /** Built from training steps only (transitionPriorsOf). */
  transitionPriors?: TransitionPriors;
  /** sequencePositions() of the page's candidates; without it the anchor columns stay 0. */
  sequence?: SequencePositions;
  /** The session so far; without it the session:* columns stay 0. */
  history?: SessionHistory;
}

/** What the mirror says about an element: everything in its feature vector that does not depend on the context. */
export interface ElementTraits {
  nodeId: number;
  fingerprint: string;
  tag: string;
  role: string;
  /** Lowercased input type ('' for non-inputs). */
  inputType: string;
  /** Hashed bag of words (L2-normalised) of text, aria-label, placeholder, title, alt and button values. */
  words: Float32Array;
  textLength: number;
  depth: number;
  interactive: boolean;
  looksClickable: boolean;
  buttonClass: boolean;
  linkClass: boolean;
  cardClass: boolean;
  pointer: boolean;
  onclick: boolean;
  tabindex: boolean;
  inForm: boolean;
  isField: boolean;
  /** Value or checked state in the mirror itself. */
  hasValue: boolean;
  required: boolean;
  disabled: boolean;
  isSubmit: boolean;
  href?: string;
}

/** Lowercase word tokens, digits folded to '#' (prices and counts vary between renders). */
export function tokensOf(text: string): string[] {
  const tokens = text
    .toLowerCase()
    .replace(/\d+/g, '#')
    .split(/[^\p{L}\p{N}#]+/u)
    .filter(Boolean);
  return tokens.length > MAX_TOKENS ? tokens.slice(0, MAX_TOKENS) : tokens;
}

/** Hashed bag of words: FNV-1a of each token modulo TEXT_BUCKETS, counts L2-normalised. */
export function hashedWords(tokens: readonly string[]): Float32Array {
  const out = new Float32Array(TEXT_BUCKETS);
  for (const token of tokens) out[fnv1a32(token) % TEXT_BUCKETS] += 1;
  let norm = 0;
  for (const v of out) norm += v * v;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < out.length; i++) out[i] *= scale;
  }
  return out;
}

function visibleWords(node: MirrorNode, text: string, labelText: string): { tokens: string[]; textLength: number } {
  const a = node.attributes;
  const tag = node.tag ?? '';
  const isButtonInput = tag === 'input' && BUTTON_INPUT_TYPES.has((a.type ?? '').toLowerCase());
  const parts = [text, labelText, a['aria-label'], a.placeholder, a.title, a.alt, isButtonInput ? a.value : undefined].filter((p): p is string => !!p);
  const joined = scrubText(parts.join(' ')).slice(0, MAX_TEXT_CHARS * 2);
  return { tokens: tokensOf(joined), textLength: Math.min(text.length, MAX_TEXT_CHARS) };
}

/** Text of the <label for=…> elements among `nodes`, by the id they point at (a field's words include its label). */
export function labelTextsOf(mirror: DomMirror, nodes: readonly MirrorNode[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const node of nodes) {
    const target = node.tag === 'label' ? node.attributes.for : undefined;
    if (target) labels.set(target, `${labels.get(target) ?? ''} ${textOf(mirror, node)}`.trim());
  }
  return labels;
}

/**
 * Read an element's traits from the mirror (its fingerprint equals describeElement's). A field's words include its
 * label: a wrapping <label>, or `labels` (labelTextsOf the page's candidates) for <label for=…>.
 */
export function elementTraits(mirror: DomMirror, node: MirrorNode, labels?: ReadonlyMap<string, string>): ElementTraits {
  const a = node.attributes;
  const tag = node.tag ?? '';
  // Field values may hold PII and are no label: a field's own text is not read (nor is it part of its fingerprint).
  const text = isValueTag(tag) ? '' : textOf(mirror, node);
  const fingerprint = fingerprintOfNode(mirror, node, text);
  let depth = 0;
  let inForm = false;
  let disabled = a.disabled !== undefined || a['aria-disabled'] === 'true';
  let wrappingLabel: MirrorNode | undefined;
  for (let p = node.parentId !== undefined ? mirror.get(node.parentId) : undefined; p && depth < 256; p = p.parentId !== undefined ? mirror.get(p.parentId) : undefined) {
    if (p.tag !== undefined) depth++;
    if (p.tag === 'form') inForm = true;
    if (p.tag === 'label' && !wrappingLabel) wrappingLabel = p;
    if (p.tag === 'fieldset' && p.attributes.disabled !== undefined) disabled = true;
  }
  const inputType = tag === 'input' ? (a.type ?? 'text').toLowerCase() : '';
  const isField = FIELD_TAGS.has(tag) && !BUTTON_INPUT_TYPES.has(inputType);
  const labelText = isField ? [a.id ? labels?.get(a.id) : undefined, wrappingLabel ? textOf(mirror, wrappingLabel) : undefined].filter(Boolean).join(' ') : '';
  const words = visibleWords(node, text, labelText);
  const cls = classWords(node);
  const checkable = inputType === 'checkbox' || inputType === 'radio';
  return {
    nodeId: node.id,
    fingerprint,
    tag,
    role: (a.role ?? '').toLowerCase(),
    inputType,
    words: hashedWords(words.tokens),
    textLength: words.textLength,
    depth,
    interactive: isInteractive(node),
    looksClickable: looksClickable(node),
    buttonClass: cls.some((w) => BUTTON_CLASS_WORDS.has(w)),
    linkClass: cls.some((w) => LINK_CLASS_WORDS.has(w)),
    cardClass: cls.some((w) => CARD_CLASS_WORDS.has(w)),
    pointer: hasPointerCursor(node),
    onclick: a.onclick !== undefined,
    tabindex: a.tabindex !== undefined && Number(a.tabindex) >= 0,
    inForm,
    isField,
    hasValue: isField && (checkable ? a.checked !== undefined : (a.value ?? '').length > 0),
    required: a.required !== undefined || a['aria-required'] === 'true',
    disabled,
    isSubmit: (tag === 'button' && ((a.type ?? '').toLowerCase() === 'submit' || (a.type === undefined && inForm))) || (tag === 'input' && (inputType === 'submit' || inputType === 'image')),
    href: tag === 'a' || tag === 'area' ? a.href : undefined,
  };
}

interface LinkKind {
  newPage: boolean;
  external: boolean;
  samePage: boolean;
}

function linkKind(href: string | undefined, pageUrl: string | undefined): LinkKind {
  const none = { newPage: false, external: false, samePage: false };
  if (href === undefined) return none;
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { ...none, samePage: true };
  if (/^(javascript|mailto|tel|sms|data|blob):/i.test(trimmed)) return none;
  let base: URL | undefined;
  try {
    base = pageUrl ? new URL(pageUrl) : undefined;
  } catch {
    base = undefined;
  }
  let target: URL;
  try {
    target = new URL(trimmed, base ?? 'http://same.origin.invalid/');
  } catch {
    return none;
  }
  const sameOrigin = base ? target.origin === base.origin : target.host === 'same.origin.invalid';
  if (!sameOrigin) return { newPage: false, external: true, samePage: false };
  const samePage = !!base && target.pathname === base.pathname && target.search === base.search;
  return { newPage: !samePage, external: false, samePage };
}

/** `log1p(100 * share) / log1p(100)`: 0 for never, 1 for every action, and small shares still visible. */
export function scaledShare(share: number): number {
  return share > 0 ? Math.min(1, Math.log1p(100 * share) / Math.log1p(100)) : 0;
}

function oneHot(out: Float32Array, start: number, values: readonly string[], value: string, other: boolean): void {
  const i = values.indexOf(value);
  if (i >= 0) out[start + i] = 1;
  else if (other) out[start + values.length] = 1;
}

/** Write an element's features into `out` (length ELEMENT_FEATURE_NAMES.length, zeroed) at `offset`. */
export function writeElementFeatures(out: Float32Array, offset: number, traits: ElementTraits, context: ElementContext): void {
  const v = out.subarray(offset, offset + ELEMENT_FEATURE_NAMES.length);
  oneHot(v, COL.tag, TAGS, traits.tag, true);
  if (traits.role === '') v[COL.role] = 1;
  else oneHot(v, COL.role + 1, ROLES, traits.role, true);
  if (traits.tag === 'input') oneHot(v, COL.type, INPUT_TYPES, traits.inputType === '' || traits.inputType === 'search' ? 'text' : traits.inputType, true);
  v.set(traits.words, COL.text);
  v[COL.textLength] = safeLog1p(traits.textLength) / Math.log1p(MAX_TEXT_CHARS);
  v[COL.textPresent] = traits.textLength > 0 ? 1 : 0;
  v[COL.order] = context.candidateCount > 1 ? Math.min(1, Math.max(0, context.candidateIndex / (context.candidateCount - 1))) : 0;
  v[COL.depth] = Math.min(traits.depth, MAX_DEPTH) / MAX_DEPTH;
  v[COL.interactive] = traits.interactive ? 1 : 0;
  v[COL.looksOnly] = traits.looksClickable && !traits.interactive ? 1 : 0;
  v[COL.buttonClass] = traits.buttonClass ? 1 : 0;
  v[COL.linkClass] = traits.linkClass ? 1 : 0;
  v[COL.cardClass] = traits.cardClass ? 1 : 0;
  v[COL.pointer] = traits.pointer ? 1 : 0;
  v[COL.onclick] = traits.onclick ? 1 : 0;
  v[COL.tabindex] = traits.tabindex ? 1 : 0;
  v[COL.inForm] = traits.inForm ? 1 : 0;
  v[COL.isField] = traits.isField ? 1 : 0;
  v[COL.hasValue] = traits.hasValue || (traits.isField && (context.fieldValues?.get(traits.fingerprint) ?? 0) > 0) ? 1 : 0;
  v[COL.required] = traits.required ? 1 : 0;
  v[COL.disabled] = traits.disabled ? 1 : 0;
  v[COL.isSubmit] = traits.isSubmit ? 1 : 0;
  const link = linkKind(traits.href, context.pageUrl);
  v[COL.hasHref] = traits.href !== undefined ? 1 : 0;
  v[COL.newPage] = link.newPage ? 1 : 0;
  v[COL.external] = link.external ? 1 : 0;
  v[COL.samePage] = link.samePage ? 1 : 0;
  v[COL.clickedBefore] = safeLog1p(context.clicksSoFar?.get(traits.fingerprint) ?? 0);
  v[COL.prior] = scaledShare(context.clickPriors?.get(context.route)?.get(traits.fingerprint) ?? 0);
  writeTransitionFeatures(v, traits.fingerprint, context);
  writeHistory(v, context.history);
  const seq = context.sequence;
  if (seq) {
    const i = context.candidateIndex;
    v[COL.isAnchor] = i === seq.anchor ? 1 : 0;
    v[COL.afterAnchor] = seq.anchor >= 0 && i > seq.anchor ? 1 : 0;
    v[COL.nextAfterAnchor] = i === seq.next ? 1 : 0;
    v[COL.nextField] = i === seq.nextField ? 1 : 0;
    v[COL.nextEmptyField] = i === seq.nextEmptyField ? 1 : 0;
  }
}

function writeHistory(v: Float32Array, history: SessionHistory | undefined): void {
  if (!history) return;
  v[COL.stepsSoFar] = safeLog1p(history.steps);
  v[COL.previousDwell] = safeLog1p(history.previousDwellMs / 1000);
  v[COL.longestDwell] = safeLog1p(history.longestDwellMs / 1000);
}

/** The two transition columns of a candidate (v: its feature vector) from the route's training transitions. */
function writeTransitionFeatures(v: Float32Array, key: string, context: { route: string; previousKey?: string; transitionPriors?: TransitionPriors }): void {
  const next = context.transitionPriors?.get(context.route)?.get(context.previousKey ?? START_KEY);
  v[COL.transition] = scaledShare(next?.get(key) ?? 0);
  v[COL.transitionSeen] = next !== undefined && next.size > 0 ? 1 : 0;
}

/** Traits of a page's candidates (candidateElements), fields labelled by the page's <label for=…>. */
export function candidateTraits(mirror: DomMirror, nodes: readonly MirrorNode[]): ElementTraits[] {
  const labels = labelTextsOf(mirror, nodes);
  return nodes.map((node) => elementTraits(mirror, node, labels));
}

/**
 * The feature vector of one candidate element (ELEMENT_FEATURE_NAMES). `labels`: labelTextsOf(mirror, candidates),
 * so a field's words include its <label for=…> (a wrapping label is found without it).
 */
export function elementFeatureVector(mirror: DomMirror, node: MirrorNode, context: ElementContext, labels?: ReadonlyMap<string, string>): Float32Array {
  const out = new Float32Array(ELEMENT_FEATURE_NAMES.length);
  writeElementFeatures(out, 0, elementTraits(mirror, node, labels), context);
  return out;
}

export interface PseudoContext {
  route: string;
  clickPriors?: ClickPriors;
  /** As in ElementContext: the previous action's key and the training transitions (transitionPriorsOf). */
  previousKey?: string;
  transitionPriors?: TransitionPriors;
  history?: SessionHistory;
  /** The window has a page to go back to. */
  hasHistory: boolean;
}

/**
 * The BACK and LEAVE pseudo-candidates: their indicator, plus (deliberately, beyond "zeros elsewhere") their
 * training share on the route, their transition share from the previous action, the session:* columns and, for
 * BACK, whether there is a page to go back to, so their score can depend on the page and the sequence rather than
 * be one constant. The anchor columns stay 0: BACK and LEAVE have no place in the document.
 */
export function writePseudoFeatures(out: Float32Array, offset: number, key: typeof BACK_KEY | typeof LEAVE_KEY, context: PseudoContext): void {
  const v = out.subarray(offset, offset + ELEMENT_FEATURE_NAMES.length);
  v[key === BACK_KEY ? COL.back : COL.leave] = 1;
  if (key === BACK_KEY) v[COL.hasHistory] = context.hasHistory ? 1 : 0;
  v[COL.prior] = scaledShare(context.clickPriors?.get(context.route)?.get(key) ?? 0);
  writeTransitionFeatures(v, key, context);
  writeHistory(v, context.history);
}

export function backCandidateVector(context: PseudoContext): Float32Array {
  const out = new Float32Array(ELEMENT_FEATURE_NAMES.length);
  writePseudoFeatures(out, 0, BACK_KEY, context);
  return out;
}

export function leaveCandidateVector(context: PseudoContext): Float32Array {
  const out = new Float32Array(ELEMENT_FEATURE_NAMES.length);
  writePseudoFeatures(out, 0, LEAVE_KEY, context);
  return out;
}

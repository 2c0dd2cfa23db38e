// The numbers behind source matching, in one place: evidence weights (design order id > data-* > labels > text+tag >
// classes > ancestors), ceilings per kind of evidence, and penalties for contradictions. Label weights live in
// identifiers.ts next to the attribute list, ancestor bonuses in ancestor-context.ts.

/** Strength of each kind of evidence on its own (the raw score before ambiguity is accounted for). */
export const WEIGHTS = {
  id: 0.96,
  testId: 0.95,
  dataAttribute: 0.92,
  /** A template (`card-${id}`) fitting the DOM value: specific, but not a literal equality. */
  templateFactor: 0.85,
  textExact: 0.78,
  textContainedMin: 0.35,
  textContainedSpan: 0.2,
  classMin: 0.2,
  classSpan: 0.25,
} as const;

export type EvidenceKind = 'identifier' | 'text' | 'class';

/**
 * Ceilings by the strongest evidence present: only identifiers may claim ≥ 0.9; text, however well supported by
 * classes and ancestors, stays below; classes alone never pass 0.5.
 */
export const CEILINGS: Record<EvidenceKind, number> = { identifier: 0.99, text: 0.85, class: 0.5 };

/** Multipliers for evidence that argues against a candidate. */
export const PENALTIES = {
  /** The entry states a different id / test id / label than the DOM shows (components forward ids and test ids too). */
  conflict: 0.25,
  /** A component's label-like prop (title, name) differs: it may not be forwarded as that attribute. */
  conflictComponentLabel: 0.6,
  /** The DOM has a test id the entry cannot produce (no such attribute, no spread). */
  missingTestIdIntrinsic: 0.6,
  missingTestIdComponent: 0.75,
  /** The texts disagree. Mild when an identifier matched: copy changes more often than test ids. */
  textConflict: 0.6,
  textConflictIdentified: 0.96,
  /** The entry renders static text but the DOM element shows none (ignored when an identifier matched). */
  textlessDom: 0.7,
  tagMismatchForText: 0.5,
  tagMismatchForIdentifier: 0.8,
  /** Unknown-tag components match a little less than a DOM-tag entry: prefer intrinsic entries on equal evidence. */
  component: 0.98,
  /** Text matched on a component whose rendered tag we cannot check. */
  componentTagUnknown: 0.95,
} as const;

/** Identifier weight from which the element is considered identified (aria-label and up). */
export const STRONG_IDENTIFIER = 0.9;

/** Secondary evidence adds half its weight (noisy-OR), so agreeing features raise but never jump tiers. */
export const SECONDARY_DAMPING = 0.5;

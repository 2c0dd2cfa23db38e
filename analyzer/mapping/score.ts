// Scores one JSX entry against one DOM element: identifiers > data-* > labels > text+tag > classes, minus contradictions.
import { compareAncestors } from './ancestor-context';
import { templateValue, type ElementQuery } from './element-query';
import { isTestIdAttribute, LABEL_WEIGHTS } from './identifiers';
import type { PreparedEntry } from './match-index';
import { containsWords } from './text-key';

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

/**
 * Ceilings by the strongest evidence present: only identifiers may claim ≥ 0.9; text, however well supported by
 * classes and ancestors, stays below; classes alone never pass 0.5.
 */
export const CEILINGS = { identifier: 0.99, text: 0.85, class: 0.5 } as const;

/** Multipliers for evidence that argues against a candidate. */
export const PENALTIES = {
  /** The entry states a different id / test id / label than the DOM shows. */
  conflictIntrinsic: 0.25,
  conflictComponent: 0.6,
  /** The DOM has a test id the entry cannot produce (no such attribute, no spread). */
  missingTestIdIntrinsic: 0.6,
  missingTestIdComponent: 0.75,
  textConflict: 0.6,
  /** The entry renders static text but the DOM element shows none. */
  textlessDom: 0.7,
  tagMismatchForText: 0.5,
  tagMismatchForIdentifier: 0.8,
  /** Unknown-tag components match a little less than a DOM-tag entry: prefer intrinsic entries on equal evidence. */
  component: 0.98,
  /** Text matched on a component whose rendered tag we cannot check. */
  componentTagUnknown: 0.95,
} as const;

/** Secondary evidence adds half its weight (noisy-OR), so agreeing features raise but never jump tiers. */
const SECONDARY_DAMPING = 0.5;

type Kind = 'identifier' | 'text' | 'class';
interface Feature {
  weight: number;
  evidence: string;
  kind: Kind;
}

export interface CandidateScore {
  raw: number;
  evidence: string[];
  /** An id / test id / data-* / label matched (not only text or classes). */
  strong: boolean;
}

export function scoreCandidate(q: ElementQuery, prepared: PreparedEntry): CandidateScore | undefined {
  const { entry } = prepared;
  const tagState = tagAgreement(entry.tag, entry.intrinsic, q.tag);
  const features: Feature[] = [];
  let factor = entry.intrinsic ? 1 : PENALTIES.component;
  const conflict = entry.intrinsic ? PENALTIES.conflictIntrinsic : PENALTIES.conflictComponent;

  for (const { kind, name, value, key } of prepared.identifiers) {
    if (kind === 'id') {
      if (key === q.id) features.push(identifier(WEIGHTS.id, `id="${value}"`));
      else factor *= conflict;
    } else if (kind === 'testId') {
      if (q.testIds.has(key)) features.push(identifier(WEIGHTS.testId, `${name}="${value}"`));
      else factor *= conflict;
    } else if (kind === 'data') {
      if (q.data.get(name) === key) features.push(identifier(WEIGHTS.dataAttribute, `${name}="${value}"`));
    } else if (q.labels.get(name) === key) features.push(identifier(LABEL_WEIGHTS[name], `${name}="${value}"`));
    // Components may use name/title/href-like props for other things; only aria-label is reliably forwarded.
    else if (entry.intrinsic || name === 'aria-label') factor *= conflict;
  }
  for (const { name, parts } of prepared.templates) {
    const domValue = templateValue(q, name, parts);
    const base = name === 'id' ? WEIGHTS.id : isTestIdAttribute(name) ? WEIGHTS.testId : LABEL_WEIGHTS[name];
    if (domValue !== undefined) features.push(identifier(base * WEIGHTS.templateFactor, `${name}="${domValue}" (template)`));
  }
  if (q.testIds.size && !prepared.declaresTestId && !entry.hasSpread) {
    factor *= entry.intrinsic ? PENALTIES.missingTestIdIntrinsic : PENALTIES.missingTestIdComponent;
  }
  if (tagState === 'mismatch' && features.length) factor *= PENALTIES.tagMismatchForIdentifier;

  const text = textFeature(q, prepared, tagState);
  if (text === 'conflict') factor *= PENALTIES.textConflict;
  else if (text === 'textless') factor *= PENALTIES.textlessDom;
  else if (text) features.push(text);

  const classes = classFeature(q, entry.classes, tagState);
  if (classes) features.push(...classes);

  if (!features.length) return undefined;
  features.sort((a, b) => b.weight - a.weight);
  let missing = 1 - features[0].weight;
  for (const f of features.slice(1)) missing *= 1 - SECONDARY_DAMPING * f.weight;
  const ancestors = compareAncestors(entry.ancestors, q.ancestors);
  const raw = Math.min((1 - missing) * factor + ancestors.bonus, CEILINGS[features[0].kind]);
  const evidence = features.map((f) => f.evidence);
  if (tagState === 'match') evidence.push(`tag=${q.tag}`);
  return { raw, evidence: [...evidence, ...ancestors.evidence], strong: features[0].kind === 'identifier' };
}

type TagState = 'match' | 'mismatch' | 'unknown';

/** Intrinsic entries must carry the DOM tag; components (Button, motion.div) render a tag we only sometimes know. */
function tagAgreement(tag: string, intrinsic: boolean, domTag: string): TagState {
  const rendered = tag.slice(tag.lastIndexOf('.') + 1);
  if (rendered === domTag) return 'match';
  return intrinsic ? 'mismatch' : 'unknown';
}

function identifier(weight: number, evidence: string): Feature {
  return { weight, evidence, kind: 'identifier' };
}

function textFeature(q: ElementQuery, p: PreparedEntry, tagState: TagState): Feature | 'conflict' | 'textless' | undefined {
  if (!p.textKey) return undefined;
  if (q.textless) return 'textless';
  if (!q.textKey) return undefined; // masked or unknown: no information either way
  const tagFactor = tagState === 'match' ? 1 : tagState === 'unknown' ? PENALTIES.componentTagUnknown : PENALTIES.tagMismatchForText;
  if (p.textKey === q.textKey) return { weight: WEIGHTS.textExact * tagFactor, evidence: `text="${p.entry.text}"`, kind: 'text' };
  let coverage = 0;
  if (containsWords(q.words, p.words)) coverage = p.words.length / q.words.length;
  else if (containsWords(p.words, q.words)) coverage = q.words.length / p.words.length;
  if (!coverage) return 'conflict';
  const weight = (WEIGHTS.textContainedMin + WEIGHTS.textContainedSpan * coverage) * tagFactor;
  return { weight, evidence: `text~="${p.entry.text}"`, kind: 'text' };
}

/** Class overlap as a Dice coefficient; the evidence names up to three shared classes. */
function classFeature(q: ElementQuery, classes: string[], tagState: TagState): Feature[] | undefined {
  if (!q.classes.size || !classes.length) return undefined;
  const shared = classes.filter((c) => q.classes.has(c));
  if (!shared.length) return undefined;
  const dice = (2 * shared.length) / (q.classes.size + classes.length);
  const tagFactor = tagState === 'mismatch' ? PENALTIES.tagMismatchForText : 1;
  const weight = (WEIGHTS.classMin + WEIGHTS.classSpan * dice) * tagFactor;
  // One feature carries the weight; the rest only add evidence strings.
  return shared.slice(0, 3).map((c, i) => ({ weight: i === 0 ? weight : 0, evidence: `class=${c}`, kind: 'class' as const }));
}

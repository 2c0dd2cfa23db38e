// Scores one JSX entry against one DOM element: identifiers > data-* > labels > text+tag > classes, minus contradictions.
import { compareAncestors } from './ancestor-context';
import { templateValue, type ElementQuery } from './element-query';
import { isTestIdAttribute, LABEL_WEIGHTS } from './identifiers';
import type { PreparedEntry } from './match-index';
import { CEILINGS, PENALTIES, SECONDARY_DAMPING, STRONG_IDENTIFIER, WEIGHTS, type EvidenceKind } from './scoring-table';
import { containsWords } from './text-key';

/**
 * Accumulates evidence as a damped noisy-OR: raw = 1 − (1 − w_max) · Π_others (1 − ½·w). Evidence strings are
 * only built when explaining, because most scored candidates are discarded.
 */
class Tally {
  max = 0;
  maxKind: EvidenceKind = 'class';
  /** Π (1 − ½·w) over all features; the strongest one's term is divided out at the end. */
  damped = 1;
  count = 0;
  readonly evidence: Array<{ weight: number; texts: string | string[] }> | undefined;

  constructor(explain: boolean) {
    this.evidence = explain ? [] : undefined;
  }

  /** `describe` is only called when explaining: building strings for every discarded candidate costs more than scoring. */
  add(weight: number, kind: EvidenceKind, describe: () => string | string[]): void {
    this.count++;
    this.damped *= 1 - SECONDARY_DAMPING * weight;
    if (weight > this.max) {
      this.max = weight;
      this.maxKind = kind;
    }
    this.evidence?.push({ weight, texts: describe() });
  }

  combined(): number {
    return 1 - (1 - this.max) * (this.damped / (1 - SECONDARY_DAMPING * this.max));
  }
}

export interface CandidateScore {
  raw: number;
  /** Strongest first; empty unless scored with `explain`. */
  evidence: string[];
}

/** The element's own agreement, before ancestor context: equal for entries in the same scoring group. */
export interface OwnScore {
  own: number;
  /** Cap for own + ancestor bonus, set by the strongest kind of evidence. */
  ceiling: number;
  evidence: string[];
}

export function scoreCandidate(q: ElementQuery, prepared: PreparedEntry, explain = false): CandidateScore | undefined {
  const own = scoreOwn(q, prepared, explain);
  if (!own) return undefined;
  const ancestors = compareAncestors(prepared.entry.ancestors, q.ancestors, explain);
  return { raw: Math.min(own.own + ancestors.bonus, own.ceiling), evidence: [...own.evidence, ...ancestors.evidence] };
}

export function scoreOwn(q: ElementQuery, prepared: PreparedEntry, explain = false): OwnScore | undefined {
  const { entry } = prepared;
  const tagState = tagAgreement(entry.tag, entry.intrinsic, q.tag);
  const tally = new Tally(explain);
  let factor = entry.intrinsic ? 1 : PENALTIES.component;
  const labelConflict = entry.intrinsic ? PENALTIES.conflict : PENALTIES.conflictComponentLabel;

  for (const { kind, name, value, key } of prepared.identifiers) {
    if (kind === 'id') {
      if (key === q.id) tally.add(WEIGHTS.id, 'identifier', () => `id="${value}"`);
      else factor *= PENALTIES.conflict;
    } else if (kind === 'testId') {
      if (q.testIds.has(key)) tally.add(WEIGHTS.testId, 'identifier', () => `${name}="${value}"`);
      else factor *= PENALTIES.conflict;
    } else if (kind === 'data') {
      if (q.data.get(name) === key) tally.add(WEIGHTS.dataAttribute, 'identifier', () => `${name}="${value}"`);
    } else if (q.labels.get(name) === key) tally.add(LABEL_WEIGHTS[name], 'identifier', () => `${name}="${value}"`);
    // Components may use name/title/href-like props for other things; aria-label is reliably forwarded.
    else factor *= name === 'aria-label' ? PENALTIES.conflict : labelConflict;
  }
  for (const { name, parts } of prepared.templates) {
    const domValue = templateValue(q, name, parts);
    const strict = name === 'id' || isTestIdAttribute(name) || name === 'aria-label';
    const base = name === 'id' ? WEIGHTS.id : isTestIdAttribute(name) ? WEIGHTS.testId : LABEL_WEIGHTS[name];
    if (domValue !== undefined) tally.add(base * WEIGHTS.templateFactor, 'identifier', () => `${name}="${domValue}" (template)`);
    // A template always renders a value of its shape: a DOM value that does not fit it (or none) contradicts it.
    else factor *= strict ? PENALTIES.conflict : labelConflict;
  }
  if (q.testIds.size && !prepared.declaresTestId && !entry.hasSpread) {
    factor *= entry.intrinsic ? PENALTIES.missingTestIdIntrinsic : PENALTIES.missingTestIdComponent;
  }
  if (tagState === 'mismatch' && tally.count) factor *= PENALTIES.tagMismatchForIdentifier;

  // Only a strong identifier (id, test id, data-*, aria-label) outweighs disagreeing text; a shared href does not.
  const identified = tally.max >= STRONG_IDENTIFIER;
  const text = textAgreement(q, prepared, tagState);
  if (text === 'conflict') factor *= identified ? PENALTIES.textConflictIdentified : PENALTIES.textConflict;
  else if (text === 'textless') factor *= identified ? 1 : PENALTIES.textlessDom;
  else if (text) tally.add(text.weight, 'text', () => `${text.exact ? 'text=' : 'text~='}"${entry.text}"`);

  addClasses(tally, q, entry.classes, tagState);
  if (!tally.count) return undefined;

  const evidence = (tally.evidence ?? []).sort((a, b) => b.weight - a.weight).flatMap((e) => e.texts);
  if (explain && tagState === 'match') evidence.push(`tag=${q.tag}`);
  return { own: tally.combined() * factor, ceiling: CEILINGS[tally.maxKind], evidence };
}

type TagState = 'match' | 'mismatch' | 'unknown';

/** Intrinsic entries must carry the DOM tag; components (Button, motion.div) render a tag we only sometimes know. */
function tagAgreement(tag: string, intrinsic: boolean, domTag: string): TagState {
  const rendered = tag.slice(tag.lastIndexOf('.') + 1);
  if (rendered === domTag) return 'match';
  return intrinsic ? 'mismatch' : 'unknown';
}

function textAgreement(q: ElementQuery, p: PreparedEntry, tagState: TagState): { weight: number; exact: boolean } | 'conflict' | 'textless' | undefined {
  if (!p.textKey) return undefined;
  if (q.textless) return 'textless';
  if (!q.textKey) return undefined; // masked or unknown: no information either way
  const tagFactor = tagState === 'match' ? 1 : tagState === 'unknown' ? PENALTIES.componentTagUnknown : PENALTIES.tagMismatchForText;
  if (p.textKey === q.textKey) return { weight: WEIGHTS.textExact * tagFactor, exact: true };
  let coverage = 0;
  if (containsWords(q.words, p.words)) coverage = p.words.length / q.words.length;
  else if (containsWords(p.words, q.words)) coverage = q.words.length / p.words.length;
  if (!coverage) return 'conflict';
  return { weight: (WEIGHTS.textContainedMin + WEIGHTS.textContainedSpan * coverage) * tagFactor, exact: false };
}

/** Class overlap as a Dice coefficient; one feature carries the weight, the evidence names up to three classes. */
function addClasses(tally: Tally, q: ElementQuery, classes: string[], tagState: TagState): void {
  if (!q.classes.size || !classes.length) return;
  let shared = 0;
  for (const c of classes) if (q.classes.has(c)) shared++;
  if (!shared) return;
  const dice = (2 * shared) / (q.classes.size + classes.length);
  const tagFactor = tagState === 'mismatch' ? PENALTIES.tagMismatchForText : 1;
  const names = () => classes.filter((c) => q.classes.has(c)).slice(0, 3).map((c) => `class=${c}`);
  tally.add((WEIGHTS.classMin + WEIGHTS.classSpan * dice) * tagFactor, 'class', names);
}

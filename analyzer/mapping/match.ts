// Maps a DOM element from a recording onto the JSX that most likely rendered it, ranked, with honest confidence.
import type { AncestorDescriptor, ElementDescriptor } from '../replay/types';
import { toElementQuery, type ElementQuery } from './element-query';
import { isTestIdAttribute } from './identifiers';
import { fitsTemplate } from './jsx-attributes';
import { matchIndexFor, type MatchIndex } from './match-index';
import { compareAncestors, MAX_ANCESTOR_BONUS } from './ancestor-context';
import { scoreCandidate, scoreOwn, type OwnScore } from './score';
import type { SourceIndex, SourceLocation } from './types';

export interface MatchOptions {
  /** Results below this confidence are dropped (default 0.25). */
  minConfidence?: number;
  /** At most this many results (default 3). */
  maxResults?: number;
}

export const DEFAULT_MIN_CONFIDENCE = 0.25;
export const DEFAULT_MAX_RESULTS = 3;
/**
 * Ambiguity: a candidate's confidence is its raw score divided by the "competition" Σ (raw_j / raw_i)^6 over
 * candidates within 70% of it (itself counts 1). Two equal candidates get half each; a much weaker rival barely counts.
 */
const COMPETITION_EXPONENT = 6;
const COMPETITION_FLOOR = 0.7;
/** Class-only lookups stop at this many candidates (the ones sharing the most classes). */
const MAX_CLASS_CANDIDATES = 200;
/** Text-containment lookups stop here: beyond it the words are too common to single anything out. */
const MAX_CONTAINMENT_CANDIDATES = 500;
/**
 * When nothing matches the element itself (an unlabelled icon inside a button), its nearest ancestor with an id or
 * test id is mapped instead: a location near the right one, so its confidence is scaled down and capped.
 */
const ANCESTOR_FALLBACK_FACTOR = 0.7;
const ANCESTOR_FALLBACK_CAP = 0.6;
const ANCESTOR_FALLBACK_DEPTH = 3;

export function mapElementToSource(el: ElementDescriptor, index: SourceIndex, opts: MatchOptions = {}): SourceLocation[] {
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const maxResults = opts.maxResults ?? DEFAULT_MAX_RESULTS;
  const m = matchIndexFor(index);
  const results = rank(m, toElementQuery(el), minConfidence, maxResults);
  return results.length ? results : viaAncestor(m, el, minConfidence, maxResults);
}

/** Scores every candidate, then explains only the best `limit` at or above `minConfidence`. */
function rank(m: MatchIndex, q: ElementQuery, minConfidence: number, limit: number): SourceLocation[] {
  const owned: Array<{ i: number; own: OwnScore }> = [];
  const byGroup = new Map<number, OwnScore | undefined>();
  let bestOwn = 0;
  for (const i of candidates(m, q)) {
    const prepared = m.entries[i];
    let own = byGroup.get(prepared.scoringGroup);
    if (!byGroup.has(prepared.scoringGroup)) byGroup.set(prepared.scoringGroup, (own = scoreOwn(q, prepared)));
    if (!own) continue;
    owned.push({ i, own });
    bestOwn = Math.max(bestOwn, own.own);
  }
  // Ancestor context can only matter for candidates that may come within rivalry range of the best one.
  const contextFloor = COMPETITION_FLOOR * bestOwn - MAX_ANCESTOR_BONUS;
  const scored = owned.map(({ i, own }) => {
    const withContext = q.ancestors.length > 0 && own.own >= contextFloor;
    const bonus = withContext ? compareAncestors(m.entries[i].entry.ancestors, q.ancestors, false).bonus : 0;
    return { i, raw: Math.min(own.own + bonus, own.ceiling), confidence: 0 };
  });
  const competition = competitionOf(scored.map((s) => s.raw));
  scored.forEach((s, k) => (s.confidence = round(s.raw / competition[k])));
  return scored
    .filter((s) => s.confidence >= minConfidence)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, limit)
    .map(({ i, confidence }) => {
      const { entry } = m.entries[i];
      const evidence = scoreCandidate(q, m.entries[i], true)?.evidence ?? [];
      const location: SourceLocation = { file: entry.file, line: entry.line, column: entry.column, confidence, evidence };
      if (entry.component) location.component = entry.component;
      return location;
    });
}

/**
 * Σ (raw_j / raw_i)^6 over candidates j with raw_j ≥ 0.7·raw_i, for every i, in O(n log n): with raws sorted
 * descending, the rivals of i are a prefix, so a prefix sum of raw^6 answers each i with one binary search.
 */
function competitionOf(raws: number[]): number[] {
  const sorted = [...raws].sort((a, b) => b - a);
  const prefix = [0];
  for (const r of sorted) prefix.push(prefix[prefix.length - 1] + r ** COMPETITION_EXPONENT);
  return raws.map((raw) => {
    const floor = raw * COMPETITION_FLOOR;
    let lo = 0;
    let hi = sorted.length; // first index with sorted[index] < floor
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] >= floor) lo = mid + 1;
      else hi = mid;
    }
    return prefix[lo] / raw ** COMPETITION_EXPONENT;
  });
}

/**
 * Entries worth scoring: anything sharing an identifier or the exact text; text containment only without an exact
 * text hit, and classes only when nothing more specific exists (weaker kinds could not outrank the stronger ones).
 */
function candidates(m: MatchIndex, q: ElementQuery): Set<number> {
  const out = new Set<number>();
  const addAll = (list: number[] | undefined) => list?.forEach((i) => out.add(i));
  if (q.id) addAll(m.byId.get(q.id));
  for (const testId of q.testIds) addAll(m.byTestId.get(testId));
  for (const [name, value] of q.data) addAll(m.byData.get(`${name}=${value}`));
  for (const [name, value] of q.labels) addAll(m.byLabel.get(`${name}=${value}`));
  addTemplateCandidates(m, q, out);
  const exact = q.textKey ? m.byTextKey.get(q.textKey) : undefined;
  if (exact && q.textKey) {
    // Other DOM tags with the same text score at most ~half a same-tag entry, below the 70% rivalry floor:
    // when a same-tag (or component) entry exists, a "Cancel" found on buttons, spans and labels costs only the buttons.
    const sameTag = m.byTagText.get(`${q.tag} ${q.textKey}`);
    const components = m.byComponentText.get(q.textKey);
    if (sameTag || components) {
      addAll(sameTag);
      addAll(components);
    } else addAll(exact);
  } else addTextContainment(m, q, out);
  if (!out.size) addClassCandidates(m, q, out);
  return out;
}

/** Entries whose template attribute fits a DOM value: only templates whose leading part is a prefix of that value. */
function addTemplateCandidates(m: MatchIndex, q: ElementQuery, out: Set<number>): void {
  for (const [name, byHead] of m.templates) {
    const values = name === 'id' ? (q.id ? [q.id] : []) : isTestIdAttribute(name) ? q.testIds : [q.rawValues.get(name) ?? ''];
    for (const value of values) {
      for (let length = 0; length <= value.length; length++) {
        for (const t of byHead.get(value.slice(0, length)) ?? []) if (fitsTemplate(value, t.parts)) out.add(t.entry);
      }
    }
  }
}

function addTextContainment(m: MatchIndex, q: ElementQuery, out: Set<number>): void {
  if (!q.words.length) return;
  // Entries whose text lies inside the DOM text (the static part of "Pay {amount}") start with one of its words;
  // rare words first, within a budget, because a common first word ("the") says little.
  const postings = [...new Set(q.words)].map((w) => m.byFirstWord.get(w) ?? []).sort((a, b) => a.length - b.length);
  let budget = MAX_CONTAINMENT_CANDIDATES;
  for (const list of postings) {
    if (list.length > budget) break;
    list.forEach((i) => out.add(i));
    budget -= list.length;
  }
  // Entries whose text contains the DOM text (truncated DOM text) contain its rarest word.
  let rarest: number[] | undefined;
  for (const word of q.words) {
    const list = m.byWord.get(word);
    if (!list) return;
    if (!rarest || list.length < rarest.length) rarest = list;
  }
  if (rarest && rarest.length <= MAX_CONTAINMENT_CANDIDATES) rarest.forEach((i) => out.add(i));
}

function addClassCandidates(m: MatchIndex, q: ElementQuery, out: Set<number>): void {
  const shared = new Map<number, number>();
  for (const cls of q.classes) m.byClass.get(cls)?.forEach((i) => shared.set(i, (shared.get(i) ?? 0) + 1));
  [...shared.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_CLASS_CANDIDATES)
    .forEach(([i]) => out.add(i));
}

/** Maps the nearest DOM ancestor that has an id or test id, at reduced confidence (the JSX of its parent, not of it). */
function viaAncestor(m: MatchIndex, el: ElementDescriptor, minConfidence: number, limit: number): SourceLocation[] {
  const ancestors = el.ancestors ?? [];
  const at = ancestors.slice(0, ANCESTOR_FALLBACK_DEPTH).findIndex((a) => a.testId || a.id);
  if (at < 0) return [];
  const ancestor = ancestors[at];
  const label = ancestor.testId ? `[data-testid="${ancestor.testId}"]` : `#${ancestor.id}`;
  return rank(m, ancestorQuery(ancestor, ancestors.slice(at + 1)), 0, limit)
    .map((r) => ({
      ...r,
      confidence: round(Math.min(r.confidence * ANCESTOR_FALLBACK_FACTOR, ANCESTOR_FALLBACK_CAP)),
      evidence: [`via ancestor ${ancestor.tag}${label}`, ...r.evidence],
    }))
    .filter((r) => r.confidence >= minConfidence);
}

function ancestorQuery(a: AncestorDescriptor, rest: AncestorDescriptor[]): ElementQuery {
  return {
    tag: a.tag,
    id: a.id,
    testIds: new Set(a.testId ? [a.testId] : []),
    data: new Map(),
    labels: new Map(),
    rawValues: new Map(),
    words: [],
    textless: false,
    classes: new Set(a.classes),
    ancestors: rest,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

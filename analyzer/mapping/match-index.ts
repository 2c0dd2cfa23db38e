// Lookup maps over a SourceIndex (by id, test id, data-*, label, text, word, class), built once per index and cached.
import { domAttributeName, isLabelAttribute, isOtherDataAttribute, isTestIdAttribute, normaliseAttribute } from './identifiers';
import { textKey, textWords } from './text-key';
import type { JsxElementEntry, SourceIndex } from './types';

export type IdentifierKind = 'id' | 'testId' | 'data' | 'label';

/** A static identifying attribute, under its DOM name (htmlFor -> for, a Link's `to` -> href). */
export interface StaticIdentifier {
  kind: IdentifierKind;
  name: string;
  /** As written, for evidence. */
  value: string;
  /** Normalised for comparison (labels: case/whitespace; href: path only). */
  key: string;
}

/** An entry with everything the scorer compares precomputed once, not once per query. */
export interface PreparedEntry {
  entry: JsxElementEntry;
  textKey: string;
  words: string[];
  identifiers: StaticIdentifier[];
  templates: Array<{ name: string; parts: string[] }>;
  /** Writes some test-id attribute, even a dynamic one. */
  declaresTestId: boolean;
  /**
   * Entries with the same own facts (tag, text, classes, attributes) share a number: their own score is equal
   * against any element, so a query computes it once per group (ancestor context is added per entry).
   * Copy-pasted `<button className="btn btn-link">Cancel</button>` across hundreds of files is common.
   */
  scoringGroup: number;
}

/** An attribute written as a template literal, kept only when its static parts say enough to match on. */
export interface TemplateAttribute {
  entry: number;
  /** DOM attribute name: id, a test id, or a label attribute. */
  name: string;
  parts: string[];
}

export interface MatchIndex {
  entries: PreparedEntry[];
  byId: Map<string, number[]>;
  byTestId: Map<string, number[]>;
  /** Keyed `${name}=${value}`. */
  byData: Map<string, number[]>;
  /** Keyed `${name}=${normalised value}`. */
  byLabel: Map<string, number[]>;
  byTextKey: Map<string, number[]>;
  /** Same text, split by who renders it: `${tag} ${textKey}` for intrinsic entries, the text key for components. */
  byTagText: Map<string, number[]>;
  byComponentText: Map<string, number[]>;
  /** Every word of an entry's text: finds entries whose text contains the DOM text. */
  byWord: Map<string, number[]>;
  /** The first word only: finds entries whose text is contained in the DOM text. */
  byFirstWord: Map<string, number[]>;
  byClass: Map<string, number[]>;
  /** Template attributes by DOM attribute name, then by their leading static part (a prefix of any fitting value). */
  templates: Map<string, Map<string, TemplateAttribute[]>>;
}

/** Templates like `${x}` or `a-${x}` match almost anything; require this much static text. */
const MIN_TEMPLATE_STATIC_CHARS = 3;

const cache = new WeakMap<SourceIndex, MatchIndex>();

/** The lookup maps for an index; an index is treated as immutable (updateIndex returns a new one). */
export function matchIndexFor(index: SourceIndex): MatchIndex {
  let built = cache.get(index);
  if (!built) {
    built = buildMatchIndex(index.elements);
    cache.set(index, built);
  }
  return built;
}

export function buildMatchIndex(elements: JsxElementEntry[]): MatchIndex {
  const m: MatchIndex = {
    entries: [], byId: new Map(), byTestId: new Map(), byData: new Map(), byLabel: new Map(),
    byTextKey: new Map(), byTagText: new Map(), byComponentText: new Map(), byWord: new Map(), byFirstWord: new Map(), byClass: new Map(), templates: new Map(),
  };
  const groups = new Map<string, number>();
  elements.forEach((entry, i) => {
    const prepared = prepareEntry(entry, groups);
    m.entries.push(prepared);
    if (prepared.textKey) {
      add(m.byTextKey, prepared.textKey, i);
      if (entry.intrinsic) add(m.byTagText, `${entry.tag} ${prepared.textKey}`, i);
      else add(m.byComponentText, prepared.textKey, i);
    }
    if (prepared.words.length) add(m.byFirstWord, prepared.words[0], i);
    for (const word of new Set(prepared.words)) add(m.byWord, word, i);
    for (const cls of entry.classes) add(m.byClass, cls, i);
    for (const { kind, name, key } of prepared.identifiers) {
      if (kind === 'id') add(m.byId, key, i);
      else if (kind === 'testId') add(m.byTestId, key, i);
      else if (kind === 'data') add(m.byData, `${name}=${key}`, i);
      else add(m.byLabel, `${name}=${key}`, i);
    }
    for (const { name, parts } of prepared.templates) {
      let byHead = m.templates.get(name);
      if (!byHead) m.templates.set(name, (byHead = new Map()));
      const list = byHead.get(parts[0]);
      if (list) list.push({ entry: i, name, parts });
      else byHead.set(parts[0], [{ entry: i, name, parts }]);
    }
  });
  return m;
}

function prepareEntry(entry: JsxElementEntry, groups: Map<string, number>): PreparedEntry {
  const identifiers: StaticIdentifier[] = [];
  let declaresTestId = false;
  for (const [written, value] of Object.entries(entry.attributes)) {
    const name = domAttributeName(entry, written);
    const kind = identifierKind(name);
    if (kind === 'testId') declaresTestId = true;
    // Dynamic values (true) are never compared: they can neither match nor contradict.
    if (kind && value !== true) identifiers.push({ kind, name, value, key: kind === 'label' ? normaliseAttribute(name, value) : value });
  }
  const templates: PreparedEntry['templates'] = [];
  for (const [written, parts] of Object.entries(entry.attributeTemplates ?? {})) {
    const name = domAttributeName(entry, written);
    const kind = identifierKind(name);
    if (kind === 'testId') declaresTestId = true;
    if (kind && kind !== 'data' && parts.join('').length >= MIN_TEMPLATE_STATIC_CHARS) templates.push({ name, parts });
  }
  return {
    entry,
    textKey: entry.text ? textKey(entry.text) : '',
    words: entry.text ? textWords(entry.text) : [],
    identifiers,
    templates,
    declaresTestId,
    scoringGroup: groupOf(entry, groups),
  };
}

function groupOf(entry: JsxElementEntry, groups: Map<string, number>): number {
  const { tag, intrinsic, text, classes, attributes, attributeTemplates, hasSpread } = entry;
  const key = JSON.stringify([tag, intrinsic, text, classes, attributes, attributeTemplates, hasSpread]);
  let group = groups.get(key);
  if (group === undefined) {
    group = groups.size;
    groups.set(key, group);
  }
  return group;
}

function identifierKind(name: string): IdentifierKind | undefined {
  if (name === 'id') return 'id';
  if (isTestIdAttribute(name)) return 'testId';
  if (isOtherDataAttribute(name)) return 'data';
  return isLabelAttribute(name) ? 'label' : undefined;
}

function add(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

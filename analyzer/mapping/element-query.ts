// The DOM side of a match: an ElementDescriptor reduced to normalised identifiers, text words and classes.
import type { AncestorDescriptor, ElementDescriptor } from '../replay/types';
import { LABEL_ATTRIBUTES, isOtherDataAttribute, isTestIdAttribute, normaliseAttribute } from './identifiers';
import { fitsTemplate } from './jsx-attributes';
import { isMaskedText, textKey, textWords } from './text-key';

export interface ElementQuery {
  tag: string;
  id?: string;
  testIds: Set<string>;
  /** Other data-* attributes by name. */
  data: Map<string, string>;
  /** Label attributes by name, normalised (normaliseAttribute). */
  labels: Map<string, string>;
  /** Label values as the DOM has them, for matching against JSX template literals. */
  rawValues: Map<string, string>;
  /** Undefined when the element had no text, or the text was masked. */
  text?: string;
  textKey?: string;
  words: string[];
  /** True when the DOM element shows no text at all (the replay leaves text undefined then; form fields never carry it). */
  textless: boolean;
  classes: Set<string>;
  ancestors: AncestorDescriptor[];
}

/** The replay never reads text from form fields (their value may be PII), so missing text says nothing there. */
const VALUE_TAGS = new Set(['input', 'textarea', 'select']);

export function toElementQuery(el: ElementDescriptor): ElementQuery {
  const attrs = el.attributes ?? {};
  const testIds = new Set<string>();
  if (el.testId) testIds.add(el.testId);
  const data = new Map<string, string>();
  const rawValues = new Map<string, string>();
  for (const [name, value] of [...Object.entries(el.dataAttributes ?? {}).map(([k, v]) => [dataName(k), v]), ...Object.entries(attrs)]) {
    if (isTestIdAttribute(name)) testIds.add(value);
    else if (isOtherDataAttribute(name)) data.set(name, value);
  }
  const labels = new Map<string, string>();
  const named: Record<string, string | undefined> = { 'aria-label': el.ariaLabel, name: el.name, href: el.href };
  for (const name of LABEL_ATTRIBUTES) {
    const value = named[name] ?? attrs[name];
    if (value === undefined || value === '') continue;
    labels.set(name, normaliseAttribute(name, value));
    rawValues.set(name, value);
  }
  const id = el.id ?? attrs.id;
  const text = el.text && !isMaskedText(el.text) ? el.text : undefined;
  return {
    tag: el.tag.toLowerCase(),
    id: id || undefined,
    testIds,
    data,
    labels,
    rawValues,
    text,
    textKey: text ? textKey(text) : undefined,
    words: text ? textWords(text) : [],
    textless: !el.text?.trim() && !VALUE_TAGS.has(el.tag.toLowerCase()),
    classes: new Set(el.classes ?? []),
    ancestors: el.ancestors ?? [],
  };
}

/** The DOM value of attribute `name` that fits a JSX template's static parts, if any. */
export function templateValue(q: ElementQuery, name: string, parts: string[]): string | undefined {
  if (name === 'id') return q.id !== undefined && fitsTemplate(q.id, parts) ? q.id : undefined;
  if (isTestIdAttribute(name)) {
    for (const value of q.testIds) if (fitsTemplate(value, parts)) return value;
    return undefined;
  }
  const value = q.rawValues.get(name);
  return value !== undefined && fitsTemplate(value, parts) ? value : undefined;
}

/** dataAttributes may be keyed "attr" or "data-attr" depending on the producer. */
function dataName(key: string): string {
  return key.startsWith('data-') ? key : `data-${key}`;
}

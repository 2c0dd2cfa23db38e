// The attributes that identify an element, read the same way from a DOM descriptor and from a JSX entry.
import { TEST_ID_ATTRIBUTES } from './extract-file';
import { normaliseLabel } from './text-key';
import type { JsxElementEntry } from './types';

/** Label-like attributes and their strength as a lone identifier (aria-label is nearly as specific as a test id). */
export const LABEL_WEIGHTS: Record<string, number> = {
  'aria-label': 0.9,
  name: 0.82,
  placeholder: 0.82,
  href: 0.8,
  alt: 0.8,
  for: 0.75,
  title: 0.72,
};

export const LABEL_ATTRIBUTES = Object.keys(LABEL_WEIGHTS);
const LABELS = new Set(LABEL_ATTRIBUTES);

/** An own-key check: `name in LABEL_WEIGHTS` would also accept "constructor" or "toString". */
export function isLabelAttribute(name: string): boolean {
  return LABELS.has(name);
}

const TEST_IDS = new Set(TEST_ID_ATTRIBUTES);

export function isTestIdAttribute(name: string): boolean {
  return TEST_IDS.has(name);
}

/** data-* attributes that are not test ids (data-attr, data-track, ...). */
export function isOtherDataAttribute(name: string): boolean {
  return name.startsWith('data-') && !TEST_IDS.has(name);
}

/** Compares hrefs by path: the DOM may hold an absolute URL where the JSX has "/cart". */
export function normaliseHref(href: string): string {
  const path = href.replace(/^[a-z][\w+.-]*:\/\/[^/]+/i, '').replace(/(.)\/+$/, '$1');
  return path || '/';
}

export function normaliseAttribute(name: string, value: string): string {
  return name === 'href' ? normaliseHref(value) : normaliseLabel(value);
}

/**
 * The DOM attribute name a JSX attribute ends up as. Components are assumed to forward their props,
 * and router links render `to` as href.
 */
export function domAttributeName(entry: JsxElementEntry, name: string): string {
  if (name === 'htmlFor') return 'for';
  if (name === 'to' && !entry.intrinsic) return 'href';
  return name;
}

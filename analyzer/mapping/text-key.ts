// Text comparison that survives DOM/JSX differences: case, whitespace, punctuation, block-element line breaks.

/** rrweb masks text as '*' per character; masked text carries no information about the element. */
export function isMaskedText(text: string | undefined): boolean {
  return !!text && /^[\s*]+$/.test(text);
}

/** Lower-case words of letters and digits. */
export function textWords(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Exact-match key: the words glued together, so "Pay now" (JSX) equals "Pay\nnow" or "Paynow" (block children
 * joined by the DOM). Symbol-only text ("×", "→") keys on the symbols themselves.
 */
export function textKey(text: string): string {
  const words = textWords(text);
  return words.length ? words.join('') : text.replace(/\s+/g, '');
}

/** Whether `inner`'s words appear as a contiguous run in `outer`'s words. */
export function containsWords(outer: string[], inner: string[]): boolean {
  if (!inner.length || inner.length > outer.length) return false;
  for (let start = 0; start + inner.length <= outer.length; start++) {
    let i = 0;
    while (i < inner.length && outer[start + i] === inner[i]) i++;
    if (i === inner.length) return true;
  }
  return false;
}

/** Case- and whitespace-insensitive form for attribute values such as aria-label. */
export function normaliseLabel(value: string): string {
  return value.replace(/\s+/g, ' ').trim().toLowerCase();
}

// Stable element fingerprints: the same control in two sessions (or two page loads) gets the same id,
// even though rrweb node ids, positions and counts in its text differ.
import type { ElementDescriptor } from './types';

/** FNV-1a 32-bit: fast, dependency-free, good enough to key a few thousand hotspots. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Digits vary between renders of one control ("Cart (3)", "/product/7"): fold them. */
function foldDigits(value: string | undefined): string {
  return value ? value.replace(/\d+/g, '#') : '';
}

export function fingerprintOf(el: Omit<ElementDescriptor, 'fingerprint'>): string {
  const parts = [
    el.tag,
    el.testId ?? '',
    el.id ?? '',
    el.name ?? '',
    el.type ?? '',
    el.role ?? '',
    el.ariaLabel ?? '',
    foldDigits(el.href?.replace(/^[a-z]+:\/\/[^/]+/i, '')),
    foldDigits(el.text?.toLowerCase()),
    [...el.classes].sort().join('.'),
    Object.entries(el.dataAttributes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  ];
  return fnv1a(parts.join('|'));
}

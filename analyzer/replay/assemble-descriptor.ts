// The one place an ElementDescriptor is assembled, whether its parts come from the replay's DOM mirror or from
// a PostHog elements_chain: same attribute filtering, PII scrubbing and fingerprint, so both sides agree.
import { scrubText } from '../privacy/pii';
import { fingerprintOf } from './fingerprint';
import { buildSelector, type SelectorStep } from './selector';
import type { AncestorDescriptor, ElementDescriptor } from './types';

const KEPT_ATTRIBUTES = /^(id|class|name|type|role|href|target|download|rel|placeholder|title|for|alt|value|data-[\w-]+|aria-[\w-]+)$/;
const VALUE_TAGS = new Set(['input', 'textarea', 'select']);

export function isValueTag(tag: string): boolean {
  return VALUE_TAGS.has(tag);
}

export interface DescriptorParts {
  tag: string;
  /** Raw attributes as recorded; filtered, scrubbed and capped here. */
  rawAttributes: Record<string, string>;
  classes: string[];
  /** Visible text before scrubbing (already whitespace-collapsed); undefined for fields. */
  text?: string;
  ancestors: AncestorDescriptor[];
  /** The element first, then its ancestors. */
  steps: SelectorStep[];
  href?: string;
}

export function assembleDescriptor(parts: DescriptorParts): ElementDescriptor {
  const attributes: Record<string, string> = {};
  const dataAttributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(parts.rawAttributes)) {
    if (!KEPT_ATTRIBUTES.test(name)) continue;
    // Never keep a field's value: inputs may hold PII (buttons' value is their label and is fine).
    if (name === 'value' && isValueTag(parts.tag) && !/^(submit|button|reset)$/.test(parts.rawAttributes.type ?? '')) continue;
    // Recorded strings are untrusted: drop control characters (terminal escapes), scrub PII.
    // eslint-disable-next-line no-control-regex
    attributes[name] = scrubText(value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')).slice(0, 512);
    if (name.startsWith('data-') && name !== 'data-testid') dataAttributes[name] = attributes[name];
  }
  // Page text can carry PII (an order summary with an email, a card on file): scrub before it is kept.
  const text = parts.text ? scrubText(parts.text).slice(0, 200) || undefined : undefined;
  const base = {
    tag: parts.tag,
    id: attributes.id,
    classes: parts.classes,
    testId: attributes['data-testid'],
    dataAttributes,
    name: attributes.name,
    type: attributes.type,
    role: attributes.role,
    ariaLabel: attributes['aria-label'],
    href: parts.href ?? attributes.href,
    text,
    attributes,
    ancestors: parts.ancestors,
    selector: buildSelector(parts.steps),
  };
  return { ...base, fingerprint: fingerprintOf(base) };
}

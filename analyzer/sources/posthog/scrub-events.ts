// PII removal on rrweb events before they reach the cache (DESIGN.md "Consent and privacy"). posthog-js already
// masks inputs by default (maskAllInputs, FACTS.md 8); this is the second line: text nodes and a few
// human-readable attributes go through scrubText, typed values become asterisks of the same length (so
// analysis still sees how much was typed). posthog-js-compressed payloads are expanded first, because
// compressed text cannot be scrubbed; the cache therefore holds plain events.
import { decompressPosthogEvent } from '../files/posthog-compression';
import { isSensitiveField, maskValue, scrubText } from '../../privacy/pii';
import type { RrwebEventLike } from './types';
import { EventType, IncrementalSource, NodeType } from '../../replay/rrweb-constants';


/** Attributes people read, so they may hold names, emails or numbers. */
const TEXT_ATTRIBUTES = ['title', 'alt', 'placeholder', 'aria-label', 'href'];
/** Inputs whose value is a label or an option key, never something the user typed. */
const LABEL_INPUT_TYPES = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'image']);

type Attributes = Record<string, unknown>;

interface SerializedNode {
  type?: number;
  tagName?: string;
  textContent?: unknown;
  isStyle?: boolean;
  attributes?: Attributes;
  childNodes?: SerializedNode[];
  [other: string]: unknown;
}

function scrubAttributes(attributes: Attributes, maskTypedValue: boolean): Attributes {
  const out: Attributes = { ...attributes };
  for (const name of TEXT_ATTRIBUTES) if (typeof out[name] === 'string') out[name] = scrubText(out[name] as string);
  if (typeof out.value === 'string') out.value = maskTypedValue ? maskValue(out.value) : scrubText(out.value);
  return out;
}

function holdsTypedValue(tag: string, attributes: Attributes): boolean {
  if (tag === 'textarea') return true;
  if (tag !== 'input') return false;
  const strings = Object.fromEntries(Object.entries(attributes).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return isSensitiveField(strings) || !LABEL_INPUT_TYPES.has((strings.type ?? 'text').toLowerCase());
}

/**
 * A copy of a serialized DOM subtree with its text scrubbed; iterative so deep DOMs cannot overflow the stack.
 * Stylesheet text is left alone: CSS is not personal, and number runs in it could pass for phone numbers.
 */
export function scrubNode(root: SerializedNode, insideStyle = false): SerializedNode {
  const copy: SerializedNode = { ...root };
  const stack: { node: SerializedNode; style: boolean }[] = [{ node: copy, style: insideStyle }];
  while (stack.length > 0) {
    const { node, style } = stack.pop()!;
    if (node.type === NodeType.Text && typeof node.textContent === 'string' && !node.isStyle && !style) node.textContent = scrubText(node.textContent);
    const tag = typeof node.tagName === 'string' ? node.tagName.toLowerCase() : '';
    if (node.type === NodeType.Element && node.attributes && typeof node.attributes === 'object') {
      node.attributes = scrubAttributes(node.attributes, holdsTypedValue(tag, node.attributes));
    }
    if (Array.isArray(node.childNodes)) {
      node.childNodes = node.childNodes.map((child) => ({ ...child }));
      for (const child of node.childNodes) stack.push({ node: child, style: style || tag === 'style' });
    }
  }
  return copy;
}

function scrubMutation(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  if (Array.isArray(out.texts)) out.texts = out.texts.map((t: { value?: unknown }) => (typeof t?.value === 'string' ? { ...t, value: scrubText(t.value) } : t));
  if (Array.isArray(out.adds)) out.adds = out.adds.map((a: { node?: SerializedNode }) => (a?.node ? { ...a, node: scrubNode(a.node) } : a));
  if (Array.isArray(out.attributes)) {
    // The tag is not known here, so a changed value is scrubbed rather than masked.
    out.attributes = out.attributes.map((a: { attributes?: Attributes }) => (a?.attributes ? { ...a, attributes: scrubAttributes(a.attributes, false) } : a));
  }
  return out;
}

/**
 * The event as it may be cached: decompressed and scrubbed. Throws CompressedPayloadError when a
 * compressed payload cannot be decoded; such an event cannot be scrubbed and must be dropped.
 */
export function scrubEvent(event: RrwebEventLike): RrwebEventLike {
  const plain = decompressPosthogEvent(event) as RrwebEventLike;
  const data = plain.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') return plain;
  if (plain.type === EventType.FullSnapshot && data.node) return { ...plain, data: { ...data, node: scrubNode(data.node as SerializedNode) } };
  if (plain.type === EventType.IncrementalSnapshot && data.source === IncrementalSource.Mutation) return { ...plain, data: scrubMutation(data) };
  if (plain.type === EventType.IncrementalSnapshot && data.source === IncrementalSource.Input && typeof data.text === 'string') return { ...plain, data: { ...data, text: maskValue(data.text) } };
  return plain;
}

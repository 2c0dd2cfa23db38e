// Turns a mirrored node into an ElementDescriptor: the identity of the element a user touched.
import type { DomMirror, MirrorNode } from './mirror';
import { NodeType } from './rrweb-constants';
import { fingerprintOf } from './fingerprint';
import { buildSelector, type SelectorStep } from './selector';
import type { AncestorDescriptor, ElementDescriptor } from './types';
import { scrubText } from '../privacy/pii';

const MAX_TEXT = 200;
const MAX_ANCESTORS = 12;
const KEPT_ATTRIBUTES = /^(id|class|name|type|role|href|target|download|rel|placeholder|title|for|alt|value|data-[\w-]+|aria-[\w-]+)$/;
const NON_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template']);
const VALUE_TAGS = new Set(['input', 'textarea', 'select']);

function classesOf(node: MirrorNode): string[] {
  return (node.attributes.class ?? '').split(/\s+/).filter(Boolean);
}

/** Visible text of a subtree in document order, whitespace-collapsed, capped (iterative for deep trees). */
export function textOf(mirror: DomMirror, root: MirrorNode): string {
  let text = '';
  const stack: number[] = [root.id];
  while (stack.length > 0 && text.length < MAX_TEXT * 2) {
    const node = mirror.get(stack.pop()!);
    if (!node) continue;
    if (node.type === NodeType.Text && node.text) text += ' ' + node.text;
    if (node.type === NodeType.Element && NON_TEXT_TAGS.has(node.tag ?? '')) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  // Recorded text is untrusted: drop control characters (terminal escapes) before it reaches any output.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}

function nthOfType(mirror: DomMirror, node: MirrorNode): number | undefined {
  if (node.parentId === undefined) return undefined;
  const parent = mirror.get(node.parentId);
  if (!parent) return undefined;
  const sameTag = parent.children.map((id) => mirror.get(id)).filter((n) => n?.tag === node.tag);
  if (sameTag.length <= 1) return undefined;
  return sameTag.findIndex((n) => n?.id === node.id) + 1;
}

/** The nearest element for a node id (rrweb targets can be text nodes in some browsers). */
export function elementFor(mirror: DomMirror, id: number): MirrorNode | undefined {
  let node = mirror.get(id);
  let guard = 0;
  while (node && node.type !== NodeType.Element && node.parentId !== undefined && guard++ < 4) node = mirror.get(node.parentId);
  return node && node.type === NodeType.Element ? node : undefined;
}

export function describeElement(mirror: DomMirror, node: MirrorNode): ElementDescriptor {
  const attributes: Record<string, string> = {};
  const dataAttributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(node.attributes)) {
    if (!KEPT_ATTRIBUTES.test(name)) continue;
    // Never keep a field's value: inputs may hold PII (buttons' value is their label and is fine).
    if (name === 'value' && VALUE_TAGS.has(node.tag ?? '') && !/^(submit|button|reset)$/.test(node.attributes.type ?? '')) continue;
    // eslint-disable-next-line no-control-regex
    attributes[name] = scrubText(value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')).slice(0, 512);
    if (name.startsWith('data-') && name !== 'data-testid') dataAttributes[name] = value;
  }
  const tag = node.tag ?? 'unknown';
  const steps: SelectorStep[] = [];
  const ancestors: AncestorDescriptor[] = [];
  steps.push({ tag, id: attributes.id, testId: attributes['data-testid'], classes: classesOf(node), nthOfType: nthOfType(mirror, node) });
  let parent = node.parentId !== undefined ? mirror.get(node.parentId) : undefined;
  let depth = 0;
  while (parent && parent.type === NodeType.Element && parent.tag !== 'html' && depth++ < 10_000) {
    if (ancestors.length < MAX_ANCESTORS) {
      ancestors.push({
        tag: parent.tag ?? 'unknown',
        id: parent.attributes.id,
        classes: classesOf(parent),
        testId: parent.attributes['data-testid'],
        role: parent.attributes.role,
      });
      steps.push({ tag: parent.tag ?? 'unknown', id: parent.attributes.id, testId: parent.attributes['data-testid'], classes: classesOf(parent), nthOfType: nthOfType(mirror, parent) });
    } else break;
    parent = parent.parentId !== undefined ? mirror.get(parent.parentId) : undefined;
  }
  // Page text can carry PII (an order summary with an email, a card on file): scrub before it is kept.
  const text = VALUE_TAGS.has(tag) ? undefined : scrubText(textOf(mirror, node)) || undefined;
  const base = {
    tag,
    id: attributes.id,
    classes: classesOf(node),
    testId: attributes['data-testid'],
    dataAttributes,
    name: attributes.name,
    type: attributes.type,
    role: attributes.role,
    ariaLabel: attributes['aria-label'],
    href: attributes.href,
    text,
    attributes,
    ancestors,
    selector: buildSelector(steps),
  };
  return { ...base, fingerprint: fingerprintOf(base) };
}

// Turns a mirrored node into an ElementDescriptor: the identity of the element a user touched.
import type { DomMirror, MirrorNode } from './mirror';
import { NodeType } from './rrweb-constants';
import { assembleDescriptor, isValueTag } from './assemble-descriptor';
import type { SelectorStep } from './selector';
import type { AncestorDescriptor, ElementDescriptor } from './types';

const MAX_TEXT = 200;
const MAX_ANCESTORS = 12;
const MAX_TEXT_VISITS = 5_000;
const NON_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template']);

function classesOf(node: MirrorNode): string[] {
  return (node.attributes.class ?? '').split(/\s+/).filter(Boolean);
}

/** Visible text of a subtree in document order, whitespace-collapsed, capped (iterative for deep trees). */
export function textOf(mirror: DomMirror, root: MirrorNode): string {
  let text = '';
  const stack: number[] = [root.id];
  // Bounded visits: a huge text-less subtree, or a cycle forged by hostile mutations, must not stall replay.
  let visits = 0;
  while (stack.length > 0 && text.length < MAX_TEXT * 2 && visits++ < MAX_TEXT_VISITS) {
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
  const tag = node.tag ?? 'unknown';
  const steps: SelectorStep[] = [{ tag, id: node.attributes.id, testId: node.attributes['data-testid'], classes: classesOf(node), nthOfType: nthOfType(mirror, node) }];
  const ancestors: AncestorDescriptor[] = [];
  let parent = node.parentId !== undefined ? mirror.get(node.parentId) : undefined;
  while (parent && parent.type === NodeType.Element && parent.tag !== 'html' && ancestors.length < MAX_ANCESTORS) {
    const step = { tag: parent.tag ?? 'unknown', id: parent.attributes.id, testId: parent.attributes['data-testid'], classes: classesOf(parent) };
    ancestors.push({ ...step, role: parent.attributes.role });
    steps.push({ ...step, nthOfType: nthOfType(mirror, parent) });
    parent = parent.parentId !== undefined ? mirror.get(parent.parentId) : undefined;
  }
  return assembleDescriptor({
    tag,
    rawAttributes: node.attributes,
    classes: classesOf(node),
    text: isValueTag(tag) ? undefined : textOf(mirror, node),
    ancestors,
    steps,
  });
}

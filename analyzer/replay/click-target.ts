// Clicks land on the innermost node (a <span> inside a <button>, an <svg> in a link). Users meant the
// control around it, as posthog-js autocapture also assumes: walk up to the nearest interactive ancestor.
import type { DomMirror, MirrorNode } from './mirror';

const INTERACTIVE_TAGS = new Set(['a', 'button', 'input', 'select', 'textarea', 'label', 'summary', 'option']);
const INTERACTIVE_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'tab', 'menuitem', 'option', 'switch']);
const MAX_WALK = 6;

function isInteractive(node: MirrorNode): boolean {
  return INTERACTIVE_TAGS.has(node.tag ?? '') || INTERACTIVE_ROLES.has(node.attributes.role ?? '') || node.attributes.tabindex === '0';
}

export function resolveClickTarget(mirror: DomMirror, target: MirrorNode): MirrorNode {
  let node: MirrorNode | undefined = target;
  for (let i = 0; node && i < MAX_WALK; i++) {
    if (isInteractive(node)) return node;
    if (node.tag === 'body' || node.parentId === undefined) break;
    node = mirror.get(node.parentId);
  }
  return target;
}

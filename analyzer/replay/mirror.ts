// A minimal DOM mirror: rrweb's serialized nodes kept by id, updated by mutations. It holds only what
// element descriptors need (tags, attributes, text, tree links), iteratively so 10k-deep DOMs are fine.
import { NodeType } from './rrweb-constants';

export interface MirrorNode {
  id: number;
  type: number;
  tag?: string;
  attributes: Record<string, string>;
  text?: string;
  parentId?: number;
  children: number[];
}

interface SerializedNode {
  id: number;
  type: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  textContent?: string;
  childNodes?: SerializedNode[];
  isStyle?: boolean;
}

export interface MutationData {
  texts?: { id: number; value: string | null }[];
  attributes?: { id: number; attributes: Record<string, unknown> }[];
  removes?: { parentId: number; id: number }[];
  adds?: { parentId: number; previousId?: number | null; nextId?: number | null; node: SerializedNode }[];
}

/** Attribute values we keep; style blobs and rrweb internals are dropped to save memory. */
function keepAttribute(name: string): boolean {
  return name !== 'style' && name !== '_cssText' && !name.startsWith('rr_');
}

function normaliseAttributes(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const [name, value] of Object.entries(raw)) {
    if (!keepAttribute(name) || value === null || value === undefined || value === false) continue;
    out[name] = value === true ? '' : String(value);
  }
  return out;
}

export class DomMirror {
  private readonly nodes = new Map<number, MirrorNode>();
  /** Mutations that referenced nodes we never saw: counted by the session builder as anomalies. */
  anomalies: string[] = [];
  /** Bumped by every snapshot and mutation: descriptors computed at the same generation are still valid. */
  generation = 0;

  get(id: number): MirrorNode | undefined {
    return this.nodes.get(id);
  }

  get size(): number {
    return this.nodes.size;
  }

  reset(): void {
    this.nodes.clear();
    this.generation++;
  }

  /** Replace the mirror with a full snapshot's tree. */
  loadSnapshot(root: SerializedNode): void {
    this.reset();
    this.addSubtree(root, undefined);
  }

  private addSubtree(root: SerializedNode, parentId: number | undefined): void {
    const stack: { node: SerializedNode; parentId: number | undefined }[] = [{ node: root, parentId }];
    while (stack.length > 0) {
      const { node, parentId: parent } = stack.pop()!;
      if (!node || typeof node.id !== 'number') continue;
      const existing = this.nodes.get(node.id);
      if (existing) this.detach(existing);
      const mirrorNode: MirrorNode = {
        id: node.id,
        type: node.type,
        tag: node.type === NodeType.Element && node.tagName ? node.tagName.toLowerCase() : undefined,
        attributes: node.type === NodeType.Element ? normaliseAttributes(node.attributes) : {},
        text: node.type === NodeType.Text && !node.isStyle ? node.textContent : undefined,
        parentId: parent,
        children: [],
      };
      this.nodes.set(node.id, mirrorNode);
      if (parent !== undefined) this.nodes.get(parent)?.children.push(node.id);
      const children = node.childNodes ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], parentId: node.id });
    }
  }

  private detach(node: MirrorNode): void {
    if (node.parentId === undefined) return;
    const parent = this.nodes.get(node.parentId);
    if (parent) parent.children = parent.children.filter((c) => c !== node.id);
  }

  private removeSubtree(id: number): void {
    const stack = [id];
    while (stack.length > 0) {
      const current = this.nodes.get(stack.pop()!);
      if (!current) continue;
      this.nodes.delete(current.id);
      stack.push(...current.children);
    }
  }

  applyMutation(data: MutationData): void {
    this.generation++;
    for (const removal of data.removes ?? []) {
      const node = this.nodes.get(removal.id);
      if (!node) {
        this.anomalies.push(`remove of unknown node ${removal.id}`);
        continue;
      }
      this.detach(node);
      this.removeSubtree(removal.id);
    }
    for (const add of data.adds ?? []) {
      const parent = this.nodes.get(add.parentId);
      if (!parent) {
        // Keep the subtree detached: interactions on it still get a descriptor, just without ancestors.
        this.anomalies.push(`add under unknown parent ${add.parentId}`);
        this.addSubtree(add.node, undefined);
        continue;
      }
      this.addSubtree(add.node, undefined);
      this.insertChild(parent, add.node.id, add.nextId ?? undefined, add.previousId ?? undefined);
    }
    for (const change of data.attributes ?? []) {
      const node = this.nodes.get(change.id);
      if (!node) {
        this.anomalies.push(`attributes of unknown node ${change.id}`);
        continue;
      }
      for (const [name, value] of Object.entries(change.attributes ?? {})) {
        if (!keepAttribute(name)) continue;
        if (value === null || value === undefined) delete node.attributes[name];
        else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') node.attributes[name] = String(value);
      }
    }
    for (const change of data.texts ?? []) {
      const node = this.nodes.get(change.id);
      if (!node) {
        this.anomalies.push(`text of unknown node ${change.id}`);
        continue;
      }
      node.text = change.value ?? '';
    }
  }

  private insertChild(parent: MirrorNode, childId: number, nextId?: number, previousId?: number): void {
    const child = this.nodes.get(childId);
    if (!child) return;
    child.parentId = parent.id;
    const siblings = parent.children;
    let at = siblings.length;
    if (nextId !== undefined) {
      const i = siblings.indexOf(nextId);
      if (i >= 0) at = i;
    } else if (previousId !== undefined) {
      const i = siblings.indexOf(previousId);
      if (i >= 0) at = i + 1;
    }
    siblings.splice(at, 0, childId);
  }
}

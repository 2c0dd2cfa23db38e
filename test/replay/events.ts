// Builders for small, hand-written rrweb event streams (the shapes of rrweb's packages/types).
import type { ReplayEvent } from '../../analyzer/replay';

let nextId = 1;

export interface NodeSpec {
  tag?: string;
  attrs?: Record<string, string>;
  text?: string;
  children?: NodeSpec[];
  id?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function serialize(spec: NodeSpec): any {
  const id = spec.id ?? nextId++;
  if (spec.text !== undefined && !spec.tag) return { type: 3, id, textContent: spec.text };
  return { type: 2, id, tagName: spec.tag, attributes: spec.attrs ?? {}, childNodes: (spec.children ?? []).map(serialize) };
}

export function resetIds(start = 1): void {
  nextId = start;
}

export function meta(t: number, href: string, windowId = 'w1'): ReplayEvent {
  return { type: 4, timestamp: t, data: { href, width: 1280, height: 800 }, windowId };
}

export function snapshot(t: number, body: NodeSpec[], windowId = 'w1'): ReplayEvent {
  const html = serialize({ tag: 'html', children: [{ tag: 'head' }, { tag: 'body', children: body }] });
  return { type: 2, timestamp: t, data: { node: { type: 0, id: nextId++, childNodes: [html] }, initialOffset: { top: 0, left: 0 } }, windowId };
}

export function click(t: number, id: number, x = 100, y = 100, windowId = 'w1'): ReplayEvent {
  return { type: 3, timestamp: t, data: { source: 2, type: 2, id, x, y }, windowId };
}

export function mutation(t: number, data: object, windowId = 'w1'): ReplayEvent {
  return { type: 3, timestamp: t, data: { source: 0, texts: [], attributes: [], removes: [], adds: [], ...data }, windowId };
}

export function scroll(t: number, id: number, y: number, windowId = 'w1'): ReplayEvent {
  return { type: 3, timestamp: t, data: { source: 3, id, x: 0, y }, windowId };
}

export function consoleError(t: number, message: string, windowId = 'w1'): ReplayEvent {
  return { type: 6, timestamp: t, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [JSON.stringify(message)], trace: [] } }, windowId };
}

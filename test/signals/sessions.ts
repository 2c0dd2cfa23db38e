// Hand-built Sessions for detector tests: only the fields detectors read.
import { fingerprintOf } from '../../analyzer/replay/fingerprint';
import type { ElementDescriptor, Interaction, PageVisit, Session } from '../../analyzer/replay/types';

export function element(tag: string, extra: Partial<ElementDescriptor> = {}): ElementDescriptor {
  const base = { tag, classes: [], dataAttributes: {}, attributes: {}, ancestors: [], selector: tag, ...extra };
  return { ...base, fingerprint: fingerprintOf(base) };
}

export function page(route: string, start: number, end: number, extra: Partial<PageVisit> = {}): PageVisit {
  return { url: `https://shop.test${route}`, path: route, route, windowId: 'w1', start, end, viewport: { width: 1280, height: 800 }, scroll: { maxScrollY: 0, distance: 0, directionChanges: 0 }, navigation: 'load', ...extra };
}

export function click(timestamp: number, el: ElementDescriptor, extra: Partial<Interaction> = {}): Interaction {
  return { kind: 'click', timestamp, windowId: 'w1', pageIndex: 0, element: el, x: 100, y: 100, reaction: {}, ...extra };
}

export function session(parts: Partial<Session> & { pages: PageVisit[] }): Session {
  const times = [...parts.pages.map((p) => p.end), ...(parts.interactions ?? []).map((i) => i.timestamp)];
  return {
    id: 's1',
    origin: 'test',
    start: parts.pages[0]?.start ?? 0,
    end: Math.max(...times),
    interactions: [],
    mouse: [],
    errors: [],
    customEvents: [],
    outcome: { converted: false },
    anomalies: { count: 0, examples: [] },
    eventCount: 0,
    ...parts,
  };
}

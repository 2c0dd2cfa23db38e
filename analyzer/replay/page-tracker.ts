// Page visits per window: opened by rrweb Meta events (full loads) or posthog-js URL custom events (SPA pushState).
import type { PageVisit } from './types';

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname || '/';
  } catch {
    const path = url.split(/[?#]/)[0];
    return path.startsWith('/') ? path : '/' + path;
  }
}

/** Fold ids in paths (numbers, UUIDs, long hex or mixed tokens) so one template groups as one route. */
export function routeOf(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      /^\d+$/.test(segment) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) || /^(?=.*\d)[0-9a-z_-]{12,}$/i.test(segment)
        ? ':id'
        : segment,
    )
    .join('/');
}

export class PageTracker {
  readonly pages: PageVisit[] = [];
  private readonly current = new Map<string, number>();
  private readonly lastScrollY = new Map<number, number>();
  private readonly lastDirection = new Map<number, number>();

  currentIndex(windowId: string): number | undefined {
    return this.current.get(windowId);
  }

  /** Index of the window's current page, opening an "unknown" page when events arrive before any Meta. */
  ensurePage(windowId: string, timestamp: number): number {
    const index = this.current.get(windowId);
    if (index !== undefined) return index;
    return this.open(windowId, 'unknown:', timestamp, 'unknown');
  }

  open(windowId: string, url: string, timestamp: number, navigation: PageVisit['navigation'], viewport?: PageVisit['viewport']): number {
    const previous = this.current.get(windowId);
    if (previous !== undefined) this.pages[previous].end = Math.max(this.pages[previous].end, timestamp);
    const inWindow = this.pages.filter((p) => p.windowId === windowId);
    const beforePrevious = inWindow.length >= 2 ? inWindow[inWindow.length - 2] : undefined;
    const nav = navigation !== 'unknown' && beforePrevious && beforePrevious.url === url ? 'back' : navigation;
    this.pages.push({
      url,
      path: url === 'unknown:' ? '(unknown)' : pathOf(url),
      route: url === 'unknown:' ? '(unknown)' : routeOf(pathOf(url)),
      windowId,
      start: timestamp,
      end: timestamp,
      viewport: viewport ?? (previous !== undefined ? this.pages[previous].viewport : undefined),
      scroll: { maxScrollY: 0, distance: 0, directionChanges: 0 },
      navigation: nav,
    });
    const index = this.pages.length - 1;
    this.current.set(windowId, index);
    return index;
  }

  /** A Meta event after events that had no page yet re-labels that placeholder instead of opening a new page. */
  label(windowId: string, url: string, timestamp: number, viewport?: PageVisit['viewport']): number {
    const index = this.current.get(windowId);
    if (index !== undefined && this.pages[index].url === 'unknown:') {
      const page = this.pages[index];
      page.url = url;
      page.path = pathOf(url);
      page.route = routeOf(page.path);
      page.viewport = viewport;
      page.navigation = 'load';
      return index;
    }
    return this.open(windowId, url, timestamp, 'load', viewport);
  }

  touch(windowId: string, timestamp: number): void {
    const index = this.current.get(windowId);
    if (index !== undefined && timestamp > this.pages[index].end) this.pages[index].end = timestamp;
  }

  recordScroll(pageIndex: number, y: number): void {
    const page = this.pages[pageIndex];
    const last = this.lastScrollY.get(pageIndex) ?? 0;
    const delta = y - last;
    if (delta !== 0) {
      const direction = Math.sign(delta);
      const lastDirection = this.lastDirection.get(pageIndex);
      if (lastDirection !== undefined && lastDirection !== direction) page.scroll.directionChanges++;
      this.lastDirection.set(pageIndex, direction);
      page.scroll.distance += Math.abs(delta);
    }
    page.scroll.maxScrollY = Math.max(page.scroll.maxScrollY, y);
    this.lastScrollY.set(pageIndex, y);
  }

  resize(windowId: string, width: number, height: number): void {
    const index = this.current.get(windowId);
    if (index !== undefined) this.pages[index].viewport = { width, height };
  }
}

// What the reference (third-party) detectors need to know about a click beyond the Session's fields:
// which clicks a browser SDK would have seen, which DOM node they hit, and when the page was unloaded.
import type { ElementDescriptor, Interaction, Session } from '../../replay/types';

/**
 * The DOM `click` events an SDK listener receives. rrweb also records TouchStart and DblClick for the same
 * gestures (a tap still fires `click`), so counting those too would see every tap or double-click twice.
 */
export function domClicks(session: Session): Interaction[] {
  return session.interactions.filter((i) => i.kind === 'click');
}

/**
 * Stands in for DOM node identity (both SDKs compare `node === node`). The fingerprint alone is shared by
 * look-alike controls (list items), so the nth-of-type selector is added.
 */
export function nodeKey(element: ElementDescriptor): string {
  return `${element.fingerprint}|${element.selector}`;
}

/**
 * One key per page load: SDK state (pending clicks, rage runs) lives in the document and dies with it. Only
 * 'push' pages (SPA URL changes) keep the document. 'back' is ambiguous (replay relabels a reload of the
 * page before last as 'back'); it is taken as a load, which is what it is in multi-page apps.
 */
export function documentKeys(session: Session): string[] {
  const loads = new Map<string, number>();
  return session.pages.map((page) => {
    const count = (loads.get(page.windowId) ?? 0) + (page.navigation === 'push' ? 0 : 1);
    loads.set(page.windowId, count);
    return `${page.windowId}#${count}`;
  });
}

/** Ms from the click until its document is replaced by a full page load, if that happens. */
export function unloadDelay(session: Session, click: Interaction, documents: string[]): number | undefined {
  const own = documents[click.pageIndex];
  for (let i = click.pageIndex + 1; i < session.pages.length; i++) {
    const page = session.pages[i];
    if (page.windowId === click.windowId && documents[i] !== own) return page.start - click.timestamp;
  }
  return undefined;
}

export function routeOfClick(session: Session, click: Interaction): string {
  return session.pages[click.pageIndex]?.route ?? '(unknown)';
}

/** The element or one of its ancestors carries one of the classes (posthog-js ignore classes). */
export function hasClassOnPath(element: ElementDescriptor, classes: readonly string[]): boolean {
  return [element, ...element.ancestors].some((node) => node.classes.some((c) => classes.includes(c)));
}

// Small helpers shared by the feature extractors: the conversion cut (leakage rule), what counts as a back
// navigation, route folding and hashing. Pure functions over plain data.
import type { RouteFolder } from '../replay/route-folding';
import type { Interaction, PageVisit, Session } from '../replay/types';

/**
 * A click this long (or less) before a page change is the one that caused it (the quick_back detector's
 * `linkWindowMs`): a page marked 'back' by the replay right after a click was reached through a link that happens
 * to point at the previous URL, not through the browser's back button.
 */
export const BACK_LINK_WINDOW_MS = 3000;

/** Keys of the two pseudo-actions, next to element fingerprints. */
export const BACK_KEY = 'BACK';
export const LEAVE_KEY = 'LEAVE';
/** The "previous action" of a session's first step, for sequence models. */
export const START_KEY = 'START';

/**
 * The leakage cut: everything the outcome-free features may see happens strictly before it. The conversion moment
 * for a converting session (for a URL goal: the goal page's start, so the goal page itself is excluded), +Infinity
 * otherwise.
 */
export function conversionCut(session: Session): number {
  return session.outcome.converted && session.outcome.convertedAt !== undefined ? session.outcome.convertedAt : Number.POSITIVE_INFINITY;
}

export const identityFold: RouteFolder = (route) => route;

/** Index of the page opened before `pageIndex` in the same window, or undefined for a window's first page. */
export function previousPageInWindow(pages: readonly PageVisit[], pageIndex: number): number | undefined {
  const windowId = pages[pageIndex]?.windowId;
  for (let k = pageIndex - 1; k >= 0; k--) if (pages[k].windowId === windowId) return k;
  return undefined;
}

/**
 * Was page `pageIndex` reached with the browser's back button? The replay marks a page 'back' when it repeats the
 * URL before the previous one in its window; a click on the page left within BACK_LINK_WINDOW_MS means a link led
 * there instead. `clicks` must be the session's clicks in time order.
 */
export function isBackNavigation(pages: readonly PageVisit[], clicks: readonly Interaction[], pageIndex: number): boolean {
  const page = pages[pageIndex];
  if (!page || page.navigation !== 'back') return false;
  const from = previousPageInWindow(pages, pageIndex);
  if (from === undefined) return false;
  return !clicks.some((c) => c.pageIndex === from && c.timestamp <= page.start && page.start - c.timestamp <= BACK_LINK_WINDOW_MS);
}

/** FNV-1a 32-bit as a number (analyzer/replay/fingerprint.ts has the hex-string form used for fingerprints). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** log1p that maps negatives and non-finite values to 0, so no feature is ever NaN or infinite. */
export function safeLog1p(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.log1p(value) : 0;
}

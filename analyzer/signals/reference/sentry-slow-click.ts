// Sentry Replay's slow (dead) and rage clicks (getsentry/sentry-javascript
// packages/replay-internal/src/coreHandlers/handleClick.ts, FACTS.md 1.3) as a yardstick. Only <a>, <button>
// and <input type=submit|button> count (after walking up to the closest a/button). Clicks on a node within 1 s of
// a pending click are folded into it; every click on the node while it is pending (7 s) raises its clickCount.
// Slow iff no scroll <= 300 ms and no mutation <= 3000 ms; a slow click with clickCount >= 3 is a rage click
// (docs: "3 or more times within that 7-second timeframe"), reported instead of the dead click.
import type { ElementDescriptor, Interaction, Session } from '../../replay/types';
import type { Signal } from '../types';
import { documentKeys, domClicks, nodeKey, routeOfClick, unloadDelay } from './click-context';

export const SENTRY_SLOW_CLICK = {
  /** slowClickTimeout option default: how long a click stays pending before its verdict. */
  timeoutMs: 7000,
  /** SLOW_CLICK_THRESHOLD (min with the timeout). */
  mutationThresholdMs: 3000,
  /** SLOW_CLICK_SCROLL_TIMEOUT. */
  scrollTimeoutMs: 300,
  /** "only keep a single reference per second". */
  collapseMs: 1000,
  rageClickCount: 3,
} as const;

interface SentryNode {
  key: string;
  tag: string;
  element: ElementDescriptor;
}

/** getClosestInteractive: the element itself, else its nearest a/button ancestor. */
function closestInteractive(element: ElementDescriptor): SentryNode {
  if (element.tag === 'a' || element.tag === 'button') return { key: nodeKey(element), tag: element.tag, element };
  const index = element.ancestors.findIndex((a) => a.tag === 'a' || a.tag === 'button');
  if (index < 0) return { key: nodeKey(element), tag: element.tag, element };
  return { key: `${nodeKey(element)}^${index}`, tag: element.ancestors[index].tag, element };
}

/**
 * ignoreElement: non-slow-click tags, inputs other than submit/button, links that download or open elsewhere.
 * The attributes are only known for the element itself (replay keeps no ancestor attributes).
 */
function ignored(node: SentryNode): boolean {
  if (node.tag !== 'a' && node.tag !== 'button' && node.tag !== 'input') return true;
  const own = node.element.tag === node.tag ? node.element.attributes : {};
  if (node.tag === 'input') return own.type !== 'submit' && own.type !== 'button';
  if (node.tag === 'a') return 'download' in own || ('target' in own && own.target !== '_self');
  return false;
}

interface PendingClick {
  click: Interaction;
  node: SentryNode;
  clickCount: number;
}

/** Folds clicks into Sentry's pending clicks, counting every click on the node while each is pending. */
function pendingClicks(session: Session, documents: string[]): PendingClick[] {
  const all: PendingClick[] = [];
  for (const click of domClicks(session)) {
    if (!click.element) continue;
    const node = closestInteractive(click.element);
    // registerClick: counts on every pending click of this node, whether or not this click is kept.
    const open: PendingClick[] = [];
    for (let i = all.length - 1; i >= 0 && click.timestamp - all[i].click.timestamp <= SENTRY_SLOW_CLICK.timeoutMs; i--) {
      const p = all[i];
      if (p.node.key === node.key && documents[p.click.pageIndex] === documents[click.pageIndex]) open.push(p);
    }
    for (const p of open) p.clickCount++;
    if (ignored(node) || open.some((p) => click.timestamp - p.click.timestamp < SENTRY_SLOW_CLICK.collapseMs)) continue;
    all.push({ click, node, clickCount: 1 });
  }
  return all;
}

export interface SentryRuleOptions {
  /**
   * Default true, as the SDK: the verdict comes only at the check after the 7 s timeout, so a click whose page
   * unloads or whose recording ends first is never reported. False judges on the thresholds alone, as soon as
   * the 3 s mutation window has been observed: shows what the 7 s wait costs.
   */
  awaitVerdict?: boolean;
}

export function sentrySlowClicks(session: Session, options: SentryRuleOptions = {}): Signal[] {
  const rules = SENTRY_SLOW_CLICK;
  const documents = documentKeys(session);
  const signals: Signal[] = [];
  for (const { click, clickCount } of pendingClicks(session, documents)) {
    const wait = options.awaitVerdict !== false;
    const unload = unloadDelay(session, click, documents);
    const observed = session.end - click.timestamp >= (wait ? rules.timeoutMs : rules.mutationThresholdMs);
    if (!observed || (wait && unload !== undefined && unload < rules.timeoutMs)) continue;
    const r = click.reaction ?? {};
    const hadScroll = r.scrollMs !== undefined && r.scrollMs <= rules.scrollTimeoutMs;
    // Selection is one of Sentry's IncrementalMutationSources; a route change mutates the DOM.
    const firstMutation = Math.min(r.mutationMs ?? Infinity, r.selectionMs ?? Infinity, r.navigationMs ?? Infinity);
    if (hadScroll || firstMutation <= rules.mutationThresholdMs) continue;
    signals.push({
      kind: clickCount >= rules.rageClickCount ? 'rage_click' : 'dead_click',
      sessionId: session.id,
      timestamp: click.timestamp,
      page: routeOfClick(session, click),
      element: click.element,
      details: {
        clickCount,
        timeAfterClickMs: Math.min(firstMutation, rules.timeoutMs),
        endReason: firstMutation < rules.timeoutMs ? 'mutation' : 'timeout',
        rule: 'sentry',
      },
    });
  }
  return signals;
}

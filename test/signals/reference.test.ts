import assert from 'node:assert/strict';
import type { AncestorDescriptor, ClickReaction, ElementDescriptor, Interaction, PageVisit, Session } from '../../analyzer/replay/types';
import { posthogRules, sentryRules, sentrySlowClicks } from '../../analyzer/signals/reference';
import { deadClickDetector } from '../../analyzer/signals/dead-click';
import type { Signal, SignalKind } from '../../analyzer/signals/types';

const T0 = 1_000_000;
const NO_REACTION: ClickReaction = {};

function el(tag: string, opts: { attributes?: Record<string, string>; ancestors?: string[]; classes?: string[]; name?: string } = {}): ElementDescriptor {
  const attributes = opts.attributes ?? {};
  const ancestors: AncestorDescriptor[] = (opts.ancestors ?? ['body']).map((t) => ({ tag: t, classes: [] }));
  const name = opts.name ?? tag;
  return {
    tag,
    classes: opts.classes ?? [],
    dataAttributes: {},
    type: attributes.type,
    href: attributes.href,
    attributes,
    ancestors,
    selector: `${tag}.${name}`,
    fingerprint: `fp-${name}`,
  };
}

interface ClickSpec {
  at: number;
  element?: ElementDescriptor;
  x?: number;
  y?: number;
  reaction?: ClickReaction;
  page?: number;
}

function page(route: string, start: number, navigation: PageVisit['navigation'] = 'load'): PageVisit {
  return { url: `http://shop.test${route}`, path: route, route, windowId: 'w', start, end: start, scroll: { maxScrollY: 0, distance: 0, directionChanges: 0 }, navigation };
}

function session(clicks: ClickSpec[], opts: { end?: number; pages?: PageVisit[]; errors?: Session['errors'] } = {}): Session {
  const button = el('button');
  const interactions: Interaction[] = clicks.map((c) => ({
    kind: 'click',
    timestamp: T0 + c.at,
    windowId: 'w',
    pageIndex: c.page ?? 0,
    element: c.element ?? button,
    x: c.x ?? 100,
    y: c.y ?? 100,
    reaction: c.reaction ?? NO_REACTION,
  }));
  const last = clicks.length ? Math.max(...clicks.map((c) => c.at)) : 0;
  return {
    id: 's1',
    origin: 'test',
    start: T0,
    end: T0 + (opts.end ?? last + 10_000),
    pages: opts.pages ?? [page('/cart', T0)],
    interactions,
    mouse: [],
    errors: opts.errors ?? [],
    customEvents: [],
    outcome: { converted: false },
    anomalies: { count: 0, examples: [] },
    eventCount: interactions.length,
  };
}

const ofKind = (signals: Signal[], kind: SignalKind) => signals.filter((s) => s.kind === kind);
/** Reacted in time for every dead-click rule: keeps rage tests free of dead clicks. */
const LIVE: ClickReaction = { mutationMs: 50 };
const clicksEvery = (gap: number, n: number, extra: Partial<ClickSpec> = {}): ClickSpec[] =>
  Array.from({ length: n }, (_, i) => ({ at: i * gap, reaction: LIVE, ...extra }));

describe('reference rules: posthog-js', () => {
  describe('rage click', () => {
    it('does not fire on 2 quick clicks', () => {
      assert.equal(ofKind(posthogRules(session(clicksEvery(100, 2))), 'rage_click').length, 0);
    });

    it('fires on the 3rd click when consecutive clicks are 999 ms apart', () => {
      const rage = ofKind(posthogRules(session(clicksEvery(999, 3))), 'rage_click');
      assert.equal(rage.length, 1);
      assert.equal(rage[0].timestamp, T0 + 2 * 999);
      assert.equal(rage[0].page, '/cart');
    });

    it('does not fire when consecutive clicks are 1000 ms apart', () => {
      assert.equal(ofKind(posthogRules(session(clicksEvery(1000, 3))), 'rage_click').length, 0);
    });

    it('fires once per run, however long the run', () => {
      assert.equal(ofKind(posthogRules(session(clicksEvery(200, 7))), 'rage_click').length, 1);
    });

    it('uses Manhattan distance < 30 px between consecutive clicks', () => {
      const near = [{ at: 0, x: 0, y: 0 }, { at: 100, x: 14, y: 15 }, { at: 200, x: 28, y: 30 }].map((c) => ({ ...c, reaction: LIVE }));
      const far = [{ at: 0, x: 0, y: 0 }, { at: 100, x: 15, y: 15 }, { at: 200, x: 30, y: 30 }].map((c) => ({ ...c, reaction: LIVE }));
      assert.equal(ofKind(posthogRules(session(near)), 'rage_click').length, 1);
      assert.equal(ofKind(posthogRules(session(far)), 'rage_click').length, 0);
    });

    it('keeps the run across an SPA route change but not across a page load', () => {
      const clicks = [{ at: 0 }, { at: 300 }, { at: 600, page: 1 }].map((c) => ({ ...c, reaction: LIVE }));
      const spa = session(clicks, { pages: [page('/cart', T0), page('/checkout', T0 + 500, 'push')] });
      const load = session(clicks, { pages: [page('/cart', T0), page('/checkout', T0 + 500, 'load')] });
      assert.equal(ofKind(posthogRules(spa), 'rage_click').length, 1);
      assert.equal(ofKind(posthogRules(load), 'rage_click').length, 0);
    });

    it('does not report runs on .ph-no-rageclick elements', () => {
      const quiet = el('button', { classes: ['ph-no-rageclick'] });
      assert.equal(ofKind(posthogRules(session(clicksEvery(100, 3, { element: quiet }))), 'rage_click').length, 0);
    });
  });

  describe('dead click', () => {
    const deadAfter = (reaction: ClickReaction) => ofKind(posthogRules(session([{ at: 0, reaction }])), 'dead_click').length;

    it('a mutation at 2499 ms is a reaction, at 2500 ms it is too late', () => {
      assert.equal(deadAfter({ mutationMs: 2499 }), 0);
      assert.equal(deadAfter({ mutationMs: 2500 }), 1);
    });

    it('a scroll or selection change counts only within 100 ms', () => {
      assert.equal(deadAfter({ scrollMs: 99 }), 0);
      assert.equal(deadAfter({ scrollMs: 100 }), 1);
      assert.equal(deadAfter({ selectionMs: 99 }), 0);
      assert.equal(deadAfter({ selectionMs: 100 }), 1);
    });

    it('a navigation is a reaction', () => {
      assert.equal(deadAfter({ navigationMs: 400 }), 0);
    });

    it('needs the absolute timeout (2750 ms) of silence before the recording ends', () => {
      const dead = (end: number) => ofKind(posthogRules(session([{ at: 0 }], { end })), 'dead_click').length;
      assert.equal(dead(2749), 0);
      assert.equal(dead(2750), 1);
    });

    it('skips anchors and clicks inside anchors', () => {
      assert.equal(ofKind(posthogRules(session([{ at: 0, element: el('a') }])), 'dead_click').length, 0);
      assert.equal(ofKind(posthogRules(session([{ at: 0, element: el('img', { ancestors: ['a', 'body'] }) }])), 'dead_click').length, 0);
    });

    it('drops the same node clicked again within 1 s, not after', () => {
      assert.equal(ofKind(posthogRules(session([{ at: 0 }, { at: 999 }])), 'dead_click').length, 1);
      assert.equal(ofKind(posthogRules(session([{ at: 0 }, { at: 1000 }])), 'dead_click').length, 2);
    });

    it('reports form fields and clicks followed by an error, which our detector excludes', () => {
      const field = el('input', { attributes: { type: 'text' } });
      const errors = [{ timestamp: T0 + 200, windowId: 'w', message: 'boom', origin: 'exception' as const, pageIndex: 0 }];
      const fieldSession = session([{ at: 0, element: field }]);
      const errorSession = session([{ at: 0 }], { errors });
      assert.equal(ofKind(posthogRules(fieldSession), 'dead_click').length, 1);
      assert.equal(ofKind(posthogRules(errorSession), 'dead_click').length, 1);
      assert.equal(deadClickDetector.detect(fieldSession, deadClickDetector.defaults).length, 0);
      assert.equal(deadClickDetector.detect(errorSession, deadClickDetector.defaults).length, 0);
    });
  });
});

describe('reference rules: Sentry', () => {
  const slow = (spec: Partial<ClickSpec>, opts: { end?: number } = {}) => sentryRules(session([{ at: 0, ...spec }], opts));

  it('ignores clicks on a span that is not inside a link or button', () => {
    assert.equal(slow({ element: el('span') }).length, 0);
    assert.equal(slow({ element: el('span', { ancestors: ['button', 'body'] }) }).length, 1);
  });

  it('considers only submit and button inputs', () => {
    assert.equal(slow({ element: el('input', { attributes: { type: 'text' } }) }).length, 0);
    assert.equal(slow({ element: el('input', { attributes: { type: 'submit' } }) }).length, 1);
    assert.equal(slow({ element: el('input', { attributes: { type: 'button' } }) }).length, 1);
  });

  it('ignores download links and links opening elsewhere', () => {
    assert.equal(slow({ element: el('a', { attributes: { href: '/f.pdf', download: '' } }) }).length, 0);
    assert.equal(slow({ element: el('a', { attributes: { href: '/x', target: '_blank' } }) }).length, 0);
    assert.equal(slow({ element: el('a', { attributes: { href: '/x', target: '_self' } }) }).length, 1);
  });

  it('a mutation at 3000 ms is a reaction, at 3001 ms the click is slow', () => {
    assert.equal(slow({ reaction: { mutationMs: 3000 } }).length, 0);
    const late = slow({ reaction: { mutationMs: 3001 } });
    assert.equal(late.length, 1);
    assert.equal(late[0].kind, 'dead_click');
    assert.equal(late[0].details.endReason, 'mutation');
  });

  it('a scroll counts only within 300 ms', () => {
    assert.equal(slow({ reaction: { scrollMs: 300 } }).length, 0);
    assert.equal(slow({ reaction: { scrollMs: 301 } }).length, 1);
  });

  it('gives no verdict when the recording ends within the 7 s timeout', () => {
    assert.equal(slow({}, { end: 6999 }).length, 0);
    assert.equal(slow({}, { end: 7000 }).length, 1);
  });

  it('gives no verdict when the page unloads within 7 s, unless told not to wait for it', () => {
    const pages = [page('/checkout/payment', T0), page('/checkout/confirmation', T0 + 4500)];
    const unloaded = session([{ at: 0, reaction: { mutationMs: 4000, navigationMs: 4500 } }], { pages, end: 20_000 });
    assert.equal(sentryRules(unloaded).length, 0);
    assert.equal(sentrySlowClicks(unloaded, { awaitVerdict: false }).length, 1);
  });

  it('collapses clicks on one node within 1 s into one click with a clickCount', () => {
    const two = sentryRules(session([{ at: 0 }, { at: 400 }]));
    assert.equal(two.length, 1);
    assert.equal(two[0].kind, 'dead_click');
    assert.equal(two[0].details.clickCount, 2);
  });

  it('reports a slow click with 3 or more clicks as a rage click instead', () => {
    const rage = sentryRules(session([{ at: 0 }, { at: 300 }, { at: 600 }]));
    assert.deepEqual(rage.map((s) => [s.kind, s.details.clickCount]), [['rage_click', 3]]);
  });

  it('counts clicks over the whole 7 s window, not just the first second', () => {
    const spread = sentryRules(session([{ at: 0 }, { at: 3000 }, { at: 6000 }]));
    assert.deepEqual(spread.map((s) => [s.kind, s.details.clickCount]), [['rage_click', 3], ['dead_click', 2], ['dead_click', 1]]);
  });

  it('does not call repeated clicks that got a reaction rage clicks', () => {
    assert.equal(sentryRules(session(clicksEvery(200, 5))).length, 0);
  });
});

import assert from 'node:assert/strict';
import { buildSession } from '../../analyzer/replay';
import { parseGoal } from '../../analyzer/replay/outcome';
import { learnRouteFolder } from '../../analyzer/replay/route-folding';
import { click, consoleError, meta, mutation, resetIds, scroll, snapshot } from './events';

const input = (events: ReturnType<typeof meta>[]) => ({ id: 's1', origin: 'test', events });

describe('replay: rrweb events -> Session', () => {
  beforeEach(() => resetIds(1));

  it('describes a clicked element from the mirror: tag, id, test id, classes, text, ancestors, selector', () => {
    const events = [
      meta(1000, 'https://shop.test/checkout/payment?x=1'),
      snapshot(1001, [
        { tag: 'form', attrs: { id: 'payment-form', class: 'checkout-form' }, children: [
          { tag: 'button', id: 50, attrs: { type: 'submit', class: 'btn btn-primary', 'data-testid': 'pay-now', style: 'color:red' }, children: [{ tag: 'span', id: 51, children: [{ text: '  Pay\n now ' }] }] },
        ] },
      ]),
      click(2000, 51),
    ];
    const session = buildSession(input(events));
    const el = session.interactions[0].element!;
    // The click on the inner <span> resolves to the button around it.
    assert.equal(el.tag, 'button');
    assert.equal(el.testId, 'pay-now');
    assert.deepEqual(el.classes, ['btn', 'btn-primary']);
    assert.equal(el.text, 'Pay now');
    assert.equal(el.type, 'submit');
    assert.equal(el.attributes.style, undefined, 'style blobs are not kept');
    assert.equal(el.ancestors[0].id, 'payment-form');
    assert.equal(el.selector, '[data-testid="pay-now"]');
    assert.equal(session.pages[0].path, '/checkout/payment');
    assert.match(el.fingerprint, /^[0-9a-f]{8}$/);
  });

  it('gives the same control the same fingerprint across page loads, whatever its node ids and counts', () => {
    const load = (t: number, count: number) => [
      meta(t, 'https://shop.test/'),
      snapshot(t + 1, [{ tag: 'a', attrs: { id: 'header-cart', href: '/cart' }, children: [{ text: `Cart (${count})` }] }]),
    ];
    const events = [...load(1000, 1)];
    const session1 = buildSession(input([...events, click(1500, (events[1].data.node.childNodes[0].childNodes[1].childNodes[0]).id)]));
    resetIds(500);
    const events2 = load(5000, 7);
    const session2 = buildSession(input([...events2, click(5500, events2[1].data.node.childNodes[0].childNodes[1].childNodes[0].id)]));
    assert.equal(session1.interactions[0].element!.fingerprint, session2.interactions[0].element!.fingerprint);
  });

  it('applies mutations (adds, removes, attributes, texts) and records the first reaction after a click', () => {
    const events = [
      meta(1000, 'https://shop.test/cart'),
      snapshot(1001, [{ tag: 'button', id: 20, attrs: { class: 'apply' }, children: [{ tag: 'span', id: 21, children: [{ text: 'Apply', id: 22 }] }] }, { tag: 'div', id: 30 }]),
      click(2000, 20),
      mutation(2400, { adds: [{ parentId: 30, nextId: null, node: { type: 2, id: 31, tagName: 'p', attributes: { class: 'msg' }, childNodes: [{ type: 3, id: 32, textContent: 'Saved' }] } }] }),
      mutation(2500, { texts: [{ id: 22, value: 'Applied' }], attributes: [{ id: 20, attributes: { class: 'apply done', disabled: '' } }] }),
      click(3000, 31),
      mutation(3100, { removes: [{ parentId: 30, id: 31 }] }),
      click(3200, 20),
    ];
    const session = buildSession(input(events));
    assert.equal(session.interactions[0].reaction?.mutationMs, 400);
    assert.equal(session.interactions[1].element?.text, 'Saved');
    assert.equal(session.interactions[2].element?.text, 'Applied');
    assert.deepEqual(session.interactions[2].element?.classes, ['apply', 'done']);
    assert.equal(session.anomalies.count, 0);
  });

  it('counts mutations on unknown nodes and events before any snapshot as anomalies, without failing', () => {
    const events = [
      click(900, 77),
      meta(1000, 'https://shop.test/'),
      snapshot(1001, [{ tag: 'div', id: 10 }]),
      mutation(1100, { adds: [{ parentId: 999, node: { type: 2, id: 40, tagName: 'b', attributes: {}, childNodes: [] } }], removes: [{ parentId: 10, id: 12345 }], texts: [{ id: 4242, value: 'x' }], attributes: [{ id: 4243, attributes: { a: '1' } }] }),
      click(1200, 40),
      { type: 99, timestamp: 1300, data: {}, windowId: 'w1' },
      { type: 3, timestamp: 1301, data: { source: 42 }, windowId: 'w1' },
    ];
    const session = buildSession(input(events));
    assert.equal(session.anomalies.count, 5);
    assert.equal(session.interactions.length, 2);
    assert.equal(session.interactions[0].element, undefined);
    assert.equal(session.interactions[1].element?.tag, 'b', 'a node added under a missing parent is still described');
    assert.equal(session.pages.length, 1, 'the Meta after early events labels the placeholder page');
    assert.equal(session.pages[0].path, '/');
  });

  it('credits a click to the pressed element when the layout moved it away before release', () => {
    const events = [
      meta(1000, 'https://shop.test/checkout/shipping'),
      snapshot(1001, [{ tag: 'form', id: 30, attrs: { id: 'shipping-form' }, children: [{ tag: 'button', id: 31, attrs: { type: 'submit' }, children: [{ text: 'Continue' }] }] }]),
      { type: 3, timestamp: 1500, data: { source: 2, type: 1, id: 31, x: 10, y: 10 }, windowId: 'w1' },
      click(1580, 30),
      { type: 3, timestamp: 5000, data: { source: 2, type: 1, id: 31, x: 10, y: 10 }, windowId: 'w1' },
      click(6500, 30),
    ];
    const [pressed, late] = buildSession(input(events as never)).interactions.filter((i) => i.kind === 'click');
    assert.equal(pressed.element?.tag, 'button');
    assert.equal(late.element?.tag, 'form', 'a press 1.5 s earlier is another gesture');
  });

  it('scrubs PII from element text and attributes before anything keeps them', () => {
    const events = [
      meta(1000, 'https://shop.test/account'),
      snapshot(1001, [{ tag: 'a', id: 10, attrs: { href: 'mailto:ada@example.com' }, children: [{ text: 'Email ada@example.com, card 4242 4242 4242 4242' }] }]),
      click(1500, 10),
    ];
    const el = buildSession(input(events)).interactions[0].element!;
    assert.equal(el.text, 'Email [email], card [card]');
    assert.equal(el.href, 'mailto:[email]');
  });

  it('handles a 10,000-level deep DOM without recursion', () => {
    // Built iteratively: a recursive builder would itself overflow at this depth.
    let deepest: object = { type: 2, id: 99_999, tagName: 'button', attributes: {}, childNodes: [{ type: 3, id: 99_998, textContent: 'Deep' }] };
    for (let i = 0; i < 10_000; i++) deepest = { type: 2, id: 100_000 + i, tagName: 'div', attributes: {}, childNodes: [deepest] };
    const root = { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: 'html', attributes: {}, childNodes: [{ type: 2, id: 3, tagName: 'body', attributes: {}, childNodes: [deepest] }] }] };
    const events = [meta(1000, 'https://shop.test/deep'), { type: 2, timestamp: 1001, data: { node: root, initialOffset: { top: 0, left: 0 } }, windowId: 'w1' }, click(1500, 99_999)];
    const session = buildSession(input(events));
    const el = session.interactions[0].element!;
    assert.equal(el.text, 'Deep');
    assert.equal(el.ancestors.length, 12, 'ancestor path is capped');
  });

  it('keeps several windows apart: pages, mirrors and reactions per window', () => {
    const events = [
      meta(1000, 'https://shop.test/a', 'w1'),
      snapshot(1001, [{ tag: 'button', id: 10, children: [{ text: 'One' }] }], 'w1'),
      meta(1100, 'https://shop.test/b', 'w2'),
      snapshot(1101, [{ tag: 'button', id: 10, children: [{ text: 'Two' }] }], 'w2'),
      click(2000, 10, 1, 1, 'w1'),
      mutation(2100, { texts: [] }, 'w2'),
      click(2200, 10, 1, 1, 'w2'),
    ];
    const session = buildSession(input(events));
    assert.deepEqual(session.pages.map((p) => [p.path, p.windowId]), [['/a', 'w1'], ['/b', 'w2']]);
    assert.equal(session.interactions[0].element?.text, 'One');
    assert.equal(session.interactions[1].element?.text, 'Two');
    assert.equal(session.interactions[0].pageIndex, 0);
    assert.equal(session.interactions[1].pageIndex, 1);
    assert.equal(session.interactions[0].reaction?.mutationMs, undefined, 'a mutation in another window is no reaction');
  });

  it('tracks SPA navigations from posthog-js URL custom events, scroll stats and console errors', () => {
    const events = [
      meta(1000, 'https://shop.test/'),
      snapshot(1001, [{ tag: 'a', id: 10, attrs: { href: '/cart' }, children: [{ text: 'Cart' }] }]),
      scroll(1200, 1, 900),
      scroll(1300, 1, 300),
      scroll(1400, 1, 1200),
      click(2000, 10),
      { type: 5, timestamp: 2001, data: { tag: '$url_changed', payload: { href: 'https://shop.test/cart' } }, windowId: 'w1' },
      consoleError(2500, 'Uncaught TypeError: boom'),
    ];
    const session = buildSession(input(events as never));
    assert.deepEqual(session.pages.map((p) => [p.path, p.navigation]), [['/', 'load'], ['/cart', 'push']]);
    assert.equal(session.pages[0].scroll.directionChanges, 2);
    assert.equal(session.pages[0].scroll.distance, 900 + 600 + 900);
    assert.equal(session.interactions.find((i) => i.kind === 'click')?.reaction?.navigationMs, 1);
    assert.equal(session.errors[0].origin, 'exception');
    assert.equal(session.errors[0].pageIndex, 1);
  });

  it('evaluates goals by URL substring, regex, selector and custom event', () => {
    const events = [
      meta(1000, 'https://shop.test/checkout/confirmation'),
      snapshot(1001, [{ tag: 'button', id: 10, attrs: { id: 'buy', class: 'cta' } }]),
      click(1500, 10),
      { type: 5, timestamp: 1600, data: { tag: 'purchase', payload: {} }, windowId: 'w1' },
    ];
    const converted = (goal: string) => buildSession(input(events as never), parseGoal(goal)).outcome.converted;
    assert.equal(converted('/checkout/confirmation'), true);
    assert.equal(converted('/checkout/cancelled'), false);
    assert.equal(converted('re:confirm(ation)?$'), true);
    assert.equal(converted('selector:button#buy.cta'), true);
    assert.equal(converted('selector:a.cta'), false);
    assert.equal(converted('event:purchase'), true);
  });

  it('folds slug routes learned from the data, but not namespaces or fixed steps', () => {
    const routes = ['/', '/cart', '/product/a', '/product/b', '/product/c', '/product/d', '/product/e', '/checkout/shipping', '/checkout/payment', '/checkout/confirmation'];
    const fold = learnRouteFolder(routes);
    assert.equal(fold('/product/merino-crew'), '/product/:id', 'a position learned as an id folds new values too');
    assert.equal(fold('/product/a'), '/product/:id');
    assert.equal(fold('/checkout/payment'), '/checkout/payment');
    assert.equal(fold('/cart'), '/cart');
    assert.equal(learnRouteFolder([], ['/product/:id'])('/product/zzz'), '/product/:id');
  });
});

import assert from 'node:assert/strict';
import { rageClickDetector } from '../../analyzer/signals/rage-click';
import { deadClickDetector } from '../../analyzer/signals/dead-click';
import { errorClickDetector } from '../../analyzer/signals/error-click';
import { thrashedCursorDetector } from '../../analyzer/signals/thrashed-cursor';
import { hesitationDetector } from '../../analyzer/signals/hesitation';
import { formAbandonmentDetector } from '../../analyzer/signals/form-abandonment';
import { quickBackDetector } from '../../analyzer/signals/quick-back';
import { excessiveScrollDetector } from '../../analyzer/signals/excessive-scroll';
import { dropOffDetector } from '../../analyzer/signals/drop-off';
import { BaselineAccumulator } from '../../analyzer/signals/baseline';
import type { Interaction } from '../../analyzer/replay/types';
import { click, element, page, session } from './sessions';

const pay = element('button', { testId: 'pay', type: 'submit', ancestors: [{ tag: 'form', id: 'payment', classes: [] }] });
const quietFor = (ms: number) => ({ mutationMs: ms });

describe('signal detectors (defaults from FACTS.md)', () => {
  describe('rage_click (posthog-js: 3 clicks, <1000 ms apart, <30 px Manhattan)', () => {
    const run = (gaps: number[], dx = 0) => {
      let t = 1000;
      const clicks = [click(t, pay)];
      for (const gap of gaps) clicks.push(click((t += gap), pay, { x: 100 + dx * clicks.length }));
      return rageClickDetector.detect(session({ pages: [page('/pay', 0, 20_000)], interactions: clicks }), rageClickDetector.defaults);
    };
    it('fires once for a run of 3+ clicks, at the third click', () => {
      const signals = run([300, 300, 300, 300]);
      assert.equal(signals.length, 1);
      assert.equal(signals[0].timestamp, 1600);
      assert.equal(signals[0].details.clicks, 5);
    });
    it('counts a tap once: the TouchStart before the synthesised click is not a second click', () => {
      const taps = [1000, 1400].flatMap((t) => [{ ...click(t, pay), kind: 'touch' as const }, click(t + 40, pay)]);
      const s = session({ pages: [page('/pay', 0, 20_000)], interactions: taps });
      assert.equal(rageClickDetector.detect(s, rageClickDetector.defaults).length, 0, 'two taps are two clicks, not four');
    });

    it('needs the consecutive gap under 1000 ms and the distance under 30 px', () => {
      assert.equal(run([999, 999]).length, 1);
      assert.equal(run([1000, 300]).length, 0);
      assert.equal(run([300]).length, 0);
      assert.equal(run([200, 200], 30).length, 0, '30 px between consecutive clicks breaks the run');
      assert.equal(run([200, 200], 29).length, 1);
    });
  });

  describe('dead_click (posthog-js: no mutation <2500 ms, scroll/selection <100 ms, absolute 2750 ms)', () => {
    const detect = (interactions: Interaction[], errors = [] as { timestamp: number }[]) =>
      deadClickDetector.detect(
        session({ pages: [page('/pay', 0, 30_000)], interactions, errors: errors.map((e) => ({ ...e, windowId: 'w1', message: 'x', origin: 'exception' as const, pageIndex: 0 })) }),
        deadClickDetector.defaults,
      );
    it('flags a click whose first mutation comes at or after 2500 ms', () => {
      assert.equal(detect([click(1000, pay, { reaction: quietFor(2500) })]).length, 1);
      assert.equal(detect([click(1000, pay, { reaction: quietFor(2499) })]).length, 0);
      assert.equal(detect([click(1000, pay, { reaction: { scrollMs: 99 } })]).length, 0);
      assert.equal(detect([click(1000, pay, { reaction: { scrollMs: 100 } })]).length, 1);
      assert.equal(detect([click(1000, pay, { reaction: { navigationMs: 10 } })]).length, 0);
    });
    it('skips anchors, form fields, repeats within 1 s and clicks followed by an error', () => {
      assert.equal(detect([click(1000, element('a'))]).length, 0);
      assert.equal(detect([click(1000, element('span', { ancestors: [{ tag: 'a', classes: [] }] }))]).length, 0);
      assert.equal(detect([click(1000, element('input', { type: 'text' }))]).length, 0);
      assert.equal(detect([click(1000, element('input', { type: 'submit' }))]).length, 1);
      assert.equal(detect([click(1000, pay), click(1500, pay), click(2600, pay)]).length, 2);
      assert.equal(detect([click(1000, pay)], [{ timestamp: 1000 }]).length, 0);
    });
    it('does not judge a click the recording ends too soon after', () => {
      const s = session({ pages: [page('/pay', 0, 2000)], interactions: [click(1000, pay)] });
      assert.equal(deadClickDetector.detect(s, deadClickDetector.defaults).length, 0);
    });
  });

  it('error_click: pairs each error with the latest click before it, within 1 s', () => {
    const coupon = element('button', { text: 'Apply' });
    const s = session({
      pages: [page('/cart', 0, 10_000)],
      interactions: [click(1000, coupon), click(3000, coupon), click(5000, coupon)],
      errors: [
        { timestamp: 1000, windowId: 'w1', message: 'TypeError', origin: 'exception', pageIndex: 0 },
        { timestamp: 4200, windowId: 'w1', message: 'late', origin: 'exception', pageIndex: 0 },
      ],
    });
    const signals = errorClickDetector.detect(s, errorClickDetector.defaults);
    assert.deepEqual(signals.map((x) => x.timestamp), [1000]);
  });

  it('thrashed_cursor: many long reversals within 2 s, not a few deliberate moves', () => {
    const zigzag = Array.from({ length: 9 }, (_, i) => ({ timestamp: 1000 + i * 150, x: i % 2 ? 300 : 600, y: 400, pageIndex: 0 }));
    const calm = [0, 1, 2, 3].map((i) => ({ timestamp: 10_000 + i * 1500, x: i % 2 ? 300 : 600, y: 400, pageIndex: 0 }));
    const signals = thrashedCursorDetector.detect(session({ pages: [page('/', 0, 20_000)], mouse: [...zigzag, ...calm] }), thrashedCursorDetector.defaults);
    assert.equal(signals.length, 1);
    assert.ok(Number(signals[0].details.reversals) >= 4);
  });

  it('hesitation: 5 s+ idle before acting, kept only if 2.5x the route median', () => {
    const field = element('input', { id: 'tax-ref' });
    const s = session({ pages: [page('/ship', 0, 30_000)], interactions: [click(1000, field), click(2000, field), click(9000, field)] });
    const candidates = hesitationDetector.detect(s, hesitationDetector.defaults);
    assert.deepEqual(candidates.map((c) => c.details.idleMs), [7000]);
    const baseline = { routes: { '/ship': { sessions: 10, medianDwellMs: 0, medianScrollDistance: 0, medianDirectionChanges: 0, medianActionGapMs: 3000 } } };
    assert.equal(hesitationDetector.refine!(candidates, baseline, hesitationDetector.defaults).length, 0);
    baseline.routes['/ship'].medianActionGapMs = 2000;
    assert.equal(hesitationDetector.refine!(candidates, baseline, hesitationDetector.defaults).length, 1);
  });

  describe('form_abandonment', () => {
    const form = [{ tag: 'form', id: 'shipping', classes: [] }];
    const name = element('input', { id: 'name', ancestors: form });
    const tax = element('input', { id: 'tax', ancestors: form });
    const submit = element('button', { type: 'submit', ancestors: form });
    const detect = (interactions: Interaction[]) => formAbandonmentDetector.detect(session({ pages: [page('/ship', 0, 30_000)], interactions }), formAbandonmentDetector.defaults);
    it('reports the last field touched of a form never submitted', () => {
      const signals = detect([click(1000, name), { ...click(1100, name), kind: 'input' }, click(2000, tax), click(3000, submit, { reaction: { mutationMs: 5 } })]);
      assert.equal(signals.length, 1);
      assert.equal(signals[0].element?.id, 'tax');
      assert.equal(signals[0].details.fieldsTouched, 2);
    });
    it('is silent when a submit click navigated', () => {
      assert.equal(detect([click(1000, name), click(3000, submit, { reaction: { navigationMs: 40 } })]).length, 0);
    });
  });

  it('quick_back: A -> B -> A within 6 s points at the link that led away', () => {
    const link = element('a', { classes: ['size-guide-link'] });
    const s = session({
      pages: [page('/product/:id', 0, 5000), { ...page('/size-guide', 5000, 7000), url: 'https://shop.test/size-guide' }, page('/product/:id', 7000, 20_000)],
      interactions: [click(4800, link)],
    });
    const signals = quickBackDetector.detect(s, quickBackDetector.defaults);
    assert.equal(signals.length, 1);
    assert.equal(signals[0].page, '/product/:id');
    assert.equal(signals[0].element?.classes[0], 'size-guide-link');
    const slow = session({ ...s, pages: [s.pages[0], { ...s.pages[1], end: 13_000 }, { ...s.pages[2], start: 13_000 }] });
    assert.equal(quickBackDetector.detect(slow, quickBackDetector.defaults).length, 0);
  });

  it('excessive_scroll: flips and distance above the route baseline, blamed on the next click', () => {
    const cta = element('button', { id: 'add-to-cart' });
    const scrollAt = (t: number, y: number): Interaction => ({ kind: 'scroll', timestamp: t, windowId: 'w1', pageIndex: 0, scrollY: y });
    const s = session({
      pages: [page('/product/:id', 0, 20_000, { scroll: { maxScrollY: 3000, distance: 6000, directionChanges: 4 } })],
      interactions: [scrollAt(1000, 1500), scrollAt(2000, 500), scrollAt(3000, 2000), scrollAt(4000, 1000), scrollAt(5000, 3000), click(6000, cta)],
    });
    const candidates = excessiveScrollDetector.detect(s, excessiveScrollDetector.defaults);
    assert.equal(candidates.length, 1);
    assert.equal(candidates[0].element?.id, 'add-to-cart');
    const acc = new BaselineAccumulator();
    acc.add(s);
    const typical = { routes: { '/product/:id': { ...acc.result().routes['/product/:id'], medianDirectionChanges: 1, medianScrollDistance: 4000 } } };
    assert.equal(excessiveScrollDetector.refine!(candidates, typical, excessiveScrollDetector.defaults).length, 1);
    typical.routes['/product/:id'].medianDirectionChanges = 3;
    assert.equal(excessiveScrollDetector.refine!(candidates, typical, excessiveScrollDetector.defaults).length, 0);
  });

  it('drop_off: the last page of a session that did not convert', () => {
    const s = session({ pages: [page('/', 0, 1000), page('/cart', 1000, 5000)] });
    assert.deepEqual(dropOffDetector.detect(s, dropOffDetector.defaults).map((x) => x.page), ['/cart']);
    assert.equal(dropOffDetector.detect({ ...s, outcome: { converted: true } }, dropOffDetector.defaults).length, 0);
  });
});

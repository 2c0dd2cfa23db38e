// Where affected sessions went next: on hand-made summaries (first signal per session, other pages only, ties by
// name), and on the bundled corpus, where the size-guide quick backs continue to the cart.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { aggregateHotspots, type SessionSummary } from '../../analyzer/hotspots';
import { addNextPages } from '../../analyzer/hotspots/next-pages';
import { parseGoal } from '../../analyzer/replay';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import type { Signal } from '../../analyzer/signals/types';

const element = { tag: 'span', classes: ['pill'], dataAttributes: {}, attributes: {}, ancestors: [], selector: 'span.pill', fingerprint: 'f1' };
const dead = (sessionId: string, timestamp: number): Signal => ({ kind: 'dead_click', sessionId, page: '/product/:id', timestamp, element, details: {} }) as Signal;
const summary = (id: string, routes: string[], pageStarts: number[]): SessionSummary => ({ id, converted: false, routes, pageStarts });

describe('hotspots: next pages', () => {
  it('counts the first other page each affected session opened after its first signal', () => {
    const sessions = [
      summary('a', ['/', '/product/:id', '/returns', '/cart'], [0, 10, 50, 90]),
      // Reloads the same page first: that is not "next".
      summary('b', ['/product/:id', '/product/:id', '/returns'], [0, 30, 60]),
      summary('c', ['/product/:id', '/cart'], [0, 40]),
      // Left the site: no next page.
      summary('d', ['/product/:id'], [0]),
    ];
    const signals = [dead('a', 20), dead('a', 60), dead('b', 5), dead('c', 35), dead('d', 3)];
    const hotspots = aggregateHotspots(signals, sessions);
    addNextPages(hotspots, signals, sessions);
    assert.deepEqual(hotspots[0].nextPages, [
      { page: '/returns', sessions: 2 },
      { page: '/cart', sessions: 1 },
    ]);
  });

  it('on the bundled corpus: shoppers back from the size guide go on to the cart, Pay now leads to the confirmation', async () => {
    const root = path.resolve(__dirname, '..', '..');
    const { report } = await analyzeFiles([path.join(root, 'examples', 'shop', 'corpus')], { goal: parseGoal('/checkout/confirmation') });
    const quickBack = report.hotspots.find((h) => h.kind === 'quick_back' && h.element?.attributes.class === 'size-guide-link')!;
    assert.equal(quickBack.nextPages?.[0].page, '/cart');
    assert.ok(quickBack.nextPages![0].sessions <= quickBack.sessions);
    const pay = report.hotspots.find((h) => h.page === '/checkout/payment' && h.element?.attributes['data-testid'] === 'pay-now')!;
    assert.equal(pay.nextPages?.[0].page, '/checkout/confirmation');
  });
});

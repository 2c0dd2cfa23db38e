// Fidelity figures of synthetic users on hand-made sessions whose answers are worked out by hand in the comments.
import assert from 'node:assert/strict';
import {
  compareClickDistributions,
  compareFunnels,
  compareStepTimes,
  funnelReach,
  jensenShannonDivergence,
  median,
  weightedDivergence,
  type FidelitySession,
  type FunnelStep,
} from '../../analyzer/evaluation/simulation-fidelity';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));
const session = (reached: string[], clicks: [string, string][] = [], steps: [string, number][] = []): FidelitySession => ({
  reached,
  clicks: clicks.map(([route, key]) => ({ route, key })),
  steps: steps.map(([route, ms]) => ({ route, ms })),
});

const STEPS: FunnelStep[] = [
  { label: 'home', route: '/' },
  { label: 'product', route: '/p' },
  { label: 'cart', route: '/cart' },
  { label: 'done', route: '/done' },
];

describe('simulation fidelity: synthetic vs real sessions', () => {
  describe('Jensen–Shannon divergence (bits)', () => {
    it('is 0 for the same distribution whatever the counts, and 1 for disjoint ones', () => {
      assert.equal(jensenShannonDivergence(counts({ a: 1, b: 1 }), counts({ a: 3, b: 3 })), 0);
      assert.equal(jensenShannonDivergence(counts({ a: 2 }), counts({ b: 5 })), 1);
    });

    it('is 0.5 for two halves that share one element', () => {
      // P = (½, ½, 0), Q = (0, ½, ½), M = (¼, ½, ¼): KL(P‖M) = ½·log2 2 + ½·log2 1 = ½ = KL(Q‖M); JSD = ½.
      assert.ok(Math.abs(jensenShannonDivergence(counts({ a: 1, b: 1 }), counts({ b: 4, c: 4 })) - 0.5) < 1e-12);
    });

    it('is symmetric, and matches a hand-computed uneven case', () => {
      // P = (1, 0), Q = (½, ½), M = (¾, ¼): KL(P‖M) = log2(4/3) = 0.415037; KL(Q‖M) = ½·log2(2/3) + ½·log2 2 = 0.207519;
      // JSD = (0.415037 + 0.207519) / 2 = 0.311278.
      const p = counts({ a: 3 });
      const q = counts({ a: 1, b: 1 });
      assert.ok(Math.abs(jensenShannonDivergence(p, q) - 0.311278) < 1e-6);
      assert.equal(jensenShannonDivergence(p, q), jensenShannonDivergence(q, p));
    });

    it('refuses an empty distribution, where it is undefined', () => {
      assert.throws(() => jensenShannonDivergence(counts({}), counts({ a: 1 })), RangeError);
    });
  });

  describe('funnel step conversion', () => {
    // Real: A reaches every step; B stops at the cart; C at the product; D skips the product page, so it counts for
    // home only (a funnel is walked in order). Reach 4, 3, 2, 1; conversion 4/4, 3/4, 2/3, 1/2.
    const real = [session(['/', '/p', '/cart', '/done']), session(['/', '/p', '/cart']), session(['/', '/p']), session(['/', '/cart'])];
    // Synthetic: reach 2, 2, 2, 1; conversion 1, 1, 1, 1/2.
    const synthetic = [session(['/done', '/cart', '/p', '/']), session(['/', '/p', '/cart'])];

    it('counts a step only for sessions that reached every step before it, in any visiting order', () => {
      assert.deepEqual(funnelReach(real, STEPS), [4, 3, 2, 1]);
      assert.deepEqual(funnelReach(synthetic, STEPS), [2, 2, 2, 1]);
    });

    it('gives each step conversion from the previous step and the error in percentage points against the tolerance', () => {
      const rows = compareFunnels(real, synthetic, STEPS, 5);
      assert.deepEqual(rows.map((r) => r.step.label), ['home', 'product', 'cart', 'done']);
      assert.deepEqual(rows.map((r) => r.real.conversion), [1, 0.75, 2 / 3, 0.5]);
      assert.deepEqual(rows.map((r) => r.synthetic.conversion), [1, 1, 1, 0.5]);
      // 100·(1 − 1) = 0; 100·(1 − ¾) = 25; 100·(1 − ⅔) = 33.3; 100·(½ − ½) = 0.
      const errors = rows.map((r) => r.errorPp);
      [0, 25, 100 / 3, 0].forEach((expected, i) => assert.ok(Math.abs(errors[i] - expected) < 1e-9, `${rows[i].step.label}: ${errors[i]}`));
      assert.deepEqual(rows.map((r) => r.withinTolerance), [true, false, false, true]);
    });

    it('leaves a step nobody reached the previous step of undefined, never within tolerance', () => {
      const rows = compareFunnels(real, [session(['/'])], STEPS, 5);
      assert.equal(rows[1].synthetic.conversion, 0);
      assert.ok(Number.isNaN(rows[2].synthetic.conversion) && Number.isNaN(rows[2].errorPp));
      assert.equal(rows[2].withinTolerance, false);
    });
  });

  describe('clicked elements per page', () => {
    const real = [
      session([], [['/p', 'a'], ['/p', 'b'], ['/cart', 'c'], ['/home', 'h']]),
      session([], [['/p', 'a'], ['/p', 'b']]),
    ];
    const synthetic = [session([], [['/p', 'b'], ['/p', 'x'], ['/p', 'b'], ['/p', 'x'], ['/done', 'd'], ['/home', 'h'], ['/home', 'h'], ['/home', 'h']])];

    it('compares the distributions of pages clicked on both sides, most clicked first, and lists the one-sided ones', () => {
      const pages = compareClickDistributions(real, synthetic);
      // /p: 4 + 4 clicks, P = (½ a, ½ b), Q = (½ b, ½ x): 0.5. /home: 1 + 3 clicks of one element: 0. Then the
      // one-sided pages, 1 click each, by route.
      assert.deepEqual(
        pages.map((p) => [p.route, p.realClicks, p.syntheticClicks, p.elements]),
        [['/p', 4, 4, 3], ['/home', 1, 3, 1], ['/cart', 1, 0, 1], ['/done', 0, 1, 1]],
      );
      assert.ok(Math.abs(pages[0].divergence! - 0.5) < 1e-12);
      assert.equal(pages[1].divergence, 0);
      assert.equal(pages[2].divergence, undefined);
      assert.equal(pages[3].divergence, undefined);
    });

    it('weights the pages by their clicks on both sides', () => {
      // (8 · 0.5 + 4 · 0) / 12 = 1/3; one-sided pages do not count.
      assert.ok(Math.abs(weightedDivergence(compareClickDistributions(real, synthetic)) - 1 / 3) < 1e-12);
      assert.ok(Number.isNaN(weightedDivergence([])));
    });
  });

  describe('time per step', () => {
    it('takes the median time before an action on each side and their ratio, overall and per route', () => {
      const real = [session([], [], [['/p', 1000], ['/p', 3000], ['/cart', 2000]]), session([], [], [['/cart', 4000]])];
      const synthetic = [session([], [], [['/p', 1500], ['/cart', 1000], ['/cart', 3000]])];
      const [all, product, cart] = compareStepTimes(real, synthetic, ['/p', '/cart']);
      // All: real (1000, 2000, 3000, 4000) -> 2500; synthetic (1000, 1500, 3000) -> 1500; 1500 / 2500 = 0.6.
      assert.deepEqual(all, { realSteps: 4, syntheticSteps: 3, realMedianMs: 2500, syntheticMedianMs: 1500, ratio: 0.6 });
      // /p: 2000 vs 1500 -> 0.75; /cart: 3000 vs 2000 -> 2/3.
      assert.deepEqual(product, { route: '/p', realSteps: 2, syntheticSteps: 1, realMedianMs: 2000, syntheticMedianMs: 1500, ratio: 0.75 });
      assert.equal(cart.ratio, 2 / 3);
    });

    it('has no median without values', () => {
      assert.ok(Number.isNaN(median([])));
      assert.equal(median([5, 1, 3]), 3);
    });
  });
});

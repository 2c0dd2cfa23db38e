// The predicted-effect comparison on hand-made simulation reports: success difference with Newcombe's interval
// (checked against the published worked example), funnel step conversion, and the fixed hotspot's own signal.
import assert from 'node:assert/strict';
import { comparePredicted, formatPredictedEffect } from '../../analyzer/fixes/predicted-effect';
import { differenceInterval } from '../../analyzer/simulate/stats';
import type { RunResult, SimulationReport } from '../../analyzer/simulate/types';
import type { ReportHotspot } from '../../analyzer/report/types';

function run(id: string, routes: string[], success: boolean, signals: RunResult['signals'] = []): RunResult {
  return {
    id,
    flow: 'checkout',
    persona: 'buyer',
    seed: 1,
    viewport: { width: 1280, height: 800 },
    outcome: success ? 'success' : 'left',
    steps: routes.map((route, index) => ({ index, at: index * 1000, route, action: 'click', probability: 0.5, entropy: 1, dwellMs: 1000, reaction: 'navigation' })),
    durationMs: routes.length * 1000,
    errors: [],
    signals,
    recording: `${id}.json.gz`,
    screenshots: [],
  };
}

const report = (runs: RunResult[]): SimulationReport => ({ version: 1, flow: 'checkout', baseUrl: 'http://x', model: 'behavior-policy@test', generatedAt: '', runs }) as unknown as SimulationReport;

const rage = { kind: 'rage_click' as const, route: '/checkout/payment', selector: '[data-testid="pay-now"]', fingerprint: 'pay' };
const hotspot = { id: 'rage_click:/checkout/payment:pay', kind: 'rage_click', page: '/checkout/payment', element: { selector: '[data-testid="pay-now"]', tag: 'button', fingerprint: 'pay', attributes: {} } } as unknown as ReportHotspot;

describe('fixes: predicted effect', () => {
  it("matches Newcombe's worked example for the difference of two proportions (56/70 vs 48/80)", () => {
    // Newcombe 1998, Statistics in Medicine 17:873, example (a), method 10: 0.0524 to 0.3339 for p1 − p2.
    const [low, high] = differenceInterval(48, 80, 56, 70);
    assert.ok(Math.abs(low - 0.0524) < 5e-4, String(low));
    assert.ok(Math.abs(high - 0.3339) < 5e-4, String(high));
  });

  it('compares success, step conversion and the hotspot signal between the original and the patched runs', () => {
    const original = report([
      run('o1', ['/', '/cart', '/checkout/payment'], false, [rage, rage]),
      run('o2', ['/', '/cart', '/checkout/payment'], true, [rage]),
      run('o3', ['/', '/cart'], false),
      run('o4', ['/'], false),
    ]);
    const patched = report([
      run('p1', ['/', '/cart', '/checkout/payment'], true),
      run('p2', ['/', '/cart', '/checkout/payment'], true),
      run('p3', ['/', '/cart', '/checkout/payment'], false, [rage]),
      run('p4', ['/'], false),
    ]);
    const effect = comparePredicted(original, patched, hotspot, '/checkout/confirmation');
    assert.equal(effect.success.original, 0.25);
    assert.equal(effect.success.patched, 0.5);
    assert.equal(effect.success.difference, 0.25);
    assert.ok(effect.success.interval[0] < 0.25 && effect.success.interval[1] > 0.25);
    assert.deepEqual(
      effect.steps.map((s) => [s.step, s.original, s.patched]),
      [
        ['/ -> /cart', 0.75, 0.75],
        ['/cart -> /checkout/payment', 2 / 3, 1],
        ['/checkout/payment -> /checkout/confirmation', 0.5, 2 / 3],
      ],
    );
    assert.deepEqual(effect.hotspotSignal, { kind: 'rage_click', original: { perRun: 0.75, runs: 2 }, patched: { perRun: 0.25, runs: 1 } });
    assert.match(formatPredictedEffect(effect), /success 25\.0 % -> 50\.0 %: \+25\.0 pp/);
  });

  it('leaves side trips out of the funnel: a page most runs come back from', () => {
    const original = report([
      run('o1', ['/', '/product', '/size-guide', '/product', '/cart'], true),
      run('o2', ['/', '/product', '/size-guide', '/product'], false),
      run('o3', ['/', '/product', '/cart'], false),
    ]);
    const effect = comparePredicted(original, original, hotspot, '/done');
    assert.deepEqual(effect.steps.map((s) => s.step), ['/ -> /product', '/product -> /cart', '/cart -> /done']);
  });
});

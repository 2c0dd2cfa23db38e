// Synthetic users on a single-page app: the example shop with pushState routing (no page loads after the first).
// Navigation is detected from history changes, buyers still reach the confirmation, and each recording replays
// through the analyzer as pushState page changes with the same outcome; a goal can be the app's own DOM event. No
// Chromium survives.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseGoal } from '../../analyzer/replay';
import { buildSession } from '../../analyzer/replay/build-session';
import { findFlow, readFlowsFile } from '../../analyzer/simulate/flows';
import { runFlow } from '../../analyzer/simulate/run-flow';
import type { SimulationReport } from '../../analyzer/simulate/types';
import { readSessions } from '../../analyzer/sources/files';
import { startShopServer, type ShopServer } from '../../examples/shop/server/server';
import { ownChromiumPids, survivors } from './chromium-processes';

const ROOT = path.resolve(__dirname, '..', '..');
const FLOWS = path.join(ROOT, 'examples', 'shop', '.friction', 'flows.json');
const MODEL = path.join(ROOT, 'models', 'behavior-policy');

describe('friction simulate on a single-page app (pushState routing)', function () {
  this.timeout(240_000);
  let server: ShopServer;
  let dir: string;
  let report: SimulationReport;
  const seen = new Set<number>();

  before(async () => {
    server = await startShopServer({ variant: 'fixed', routing: 'spa' });
    dir = mkdtempSync(path.join(tmpdir(), 'simulate-spa-'));
    // The same buyers and seeds as the page-load test (test/simulate/simulate.test.ts).
    const checkout = { ...findFlow(readFlowsFile(FLOWS), 'checkout', FLOWS), personas: { buyer: 1 } };
    report = await runFlow({ flow: checkout, baseUrl: server.url, runs: 6, parallel: 2, seed: 3, outDir: dir, modelDir: MODEL, onRun: () => ownChromiumPids().forEach((pid) => seen.add(pid)) });
  });

  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('walks the funnel through pushState pages, and buyers reach the confirmation', () => {
    assert.ok(report.runs.some((r) => r.outcome === 'success'), report.runs.map((r) => `${r.id}:${r.outcome}@${r.steps.at(-1)?.route}`).join(' '));
    const success = report.runs.find((r) => r.outcome === 'success')!;
    assert.deepEqual([...new Set(success.steps.map((s) => s.route))], ['/', '/product/:id', '/cart', '/checkout/shipping', '/checkout/payment']);
    assert.ok(success.steps.some((s) => s.reaction === 'navigation'), 'route changes count as navigations');
  });

  it('records pushState page changes: each recording replays to the same outcome, one page load per run', async () => {
    let read = 0;
    for await (const raw of readSessions([path.join(dir, 'recordings')])) {
      const run = report.runs.find((r) => r.id === raw.id)!;
      const session = buildSession(raw, parseGoal('/checkout/confirmation'));
      read++;
      assert.equal(session.outcome.converted, run.outcome === 'success', run.id);
      assert.equal(session.pages.filter((p) => p.navigation === 'load').length, 1, `${run.id}: only the first page is a load`);
      if (session.pages.length > 1) assert.ok(session.pages.slice(1).every((p) => p.navigation === 'push' || p.navigation === 'back'), `${run.id}: ${session.pages.map((p) => p.navigation).join(',')}`);
    }
    assert.equal(read, report.runs.length);
  });

  it("reaches a custom-event goal (the shop's own `shop:cart` DOM event), recorded for the analyzer", async () => {
    const addToCart = { ...findFlow(readFlowsFile(FLOWS), 'checkout', FLOWS), name: 'add-to-cart', goal: { event: 'shop:cart' }, maxSteps: 8, personas: { buyer: 1 } };
    const result = await runFlow({ flow: addToCart, baseUrl: server.url, runs: 2, parallel: 2, seed: 3, outDir: path.join(dir, 'event'), modelDir: MODEL, onRun: () => ownChromiumPids().forEach((pid) => seen.add(pid)) });
    const reached = result.runs.filter((r) => r.outcome === 'success');
    assert.ok(reached.length > 0, result.runs.map((r) => `${r.id}:${r.outcome}@${r.steps.at(-1)?.route}`).join(' '));
    for (const run of reached) assert.equal(run.steps.at(-1)?.route, '/product/:id', 'the event fires on the product page, before any checkout page');
    for await (const raw of readSessions([path.join(dir, 'event', 'recordings')])) {
      const run = result.runs.find((r) => r.id === raw.id)!;
      assert.equal(buildSession(raw, { kind: 'custom_event', name: 'shop:cart' }).outcome.converted, run.outcome === 'success', run.id);
    }
  });

  it('leaves no Chromium process behind', async () => {
    assert.ok(seen.size > 0, 'the browser was seen running');
    assert.deepEqual(await survivors(seen), []);
  });
});

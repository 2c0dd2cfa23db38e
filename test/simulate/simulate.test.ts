// friction simulate end to end against the example shop (fixed variant) in real Chromium: every run ends with an
// outcome, buyers reach the confirmation, each recording replays through the analyzer to the same outcome, the
// report is complete, an unreachable app and an unreachable goal are reported as such, and no Chromium survives.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runSimulate } from '../../analyzer/cli/simulate-command';
import { parseGoal } from '../../analyzer/replay';
import { buildSession } from '../../analyzer/replay/build-session';
import { SimulationAborted } from '../../analyzer/simulate/agent';
import { AppUnreachableError } from '../../analyzer/simulate/app-reachability';
import { findFlow, readFlowsFile } from '../../analyzer/simulate/flows';
import { GOAL_REACHED_EVENT } from '../../analyzer/simulate/page-hooks';
import { runFlow } from '../../analyzer/simulate/run-flow';
import type { Flow, RunOutcome, SimulationReport } from '../../analyzer/simulate/types';
import { SIGNAL_KINDS } from '../../analyzer/signals/types';
import { readSessions } from '../../analyzer/sources/files';
import { startShopServer, type ShopServer } from '../../examples/shop/server/server';
import { ownChromiumPids, survivors } from './chromium-processes';

const ROOT = path.resolve(__dirname, '..', '..');
const FLOWS = path.join(ROOT, 'examples', 'shop', '.friction', 'flows.json');
const MODEL = path.join(ROOT, 'models', 'behavior-policy');
const OUTCOMES: readonly RunOutcome[] = ['success', 'left', 'dead_end', 'cap', 'error'];

describe('friction simulate: synthetic users in Chromium against the example shop', function () {
  // About 35 s on an idle 2-core machine; the margin is for a loaded one.
  this.timeout(180_000);
  let server: ShopServer;
  let dir: string;
  let checkout: Flow;
  let report: SimulationReport;
  const seen = new Set<number>();
  const watchChromium = () => ownChromiumPids().forEach((pid) => seen.add(pid));

  before(async () => {
    server = await startShopServer({ variant: 'fixed' });
    dir = mkdtempSync(path.join(tmpdir(), 'simulate-'));
    // Buyers only: the test asserts that some runs succeed, and buyers are the persona most likely to.
    checkout = { ...findFlow(readFlowsFile(FLOWS), 'checkout', FLOWS), personas: { buyer: 1 } };
    assert.deepEqual(ownChromiumPids(), [], 'no Chromium of ours before the test');
    report = await runFlow({ flow: checkout, baseUrl: server.url, runs: 6, parallel: 2, seed: 3, outDir: path.join(dir, 'checkout'), modelDir: MODEL, src: path.join(ROOT, 'examples', 'shop', 'src'), onRun: watchChromium });
  });

  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ends every run with an outcome, and buyers reach the confirmation page', () => {
    assert.equal(report.runs.length, 6);
    for (const run of report.runs) {
      assert.ok(OUTCOMES.includes(run.outcome), `${run.id}: ${run.outcome}`);
      assert.notEqual(run.outcome, 'error', `${run.id}: ${run.failure}`);
      assert.ok(run.steps.length > 0 && run.steps.length <= checkout.maxSteps);
    }
    const outcomes = report.runs.map((r) => `${r.id}:${r.outcome}@${r.steps.at(-1)?.route}`).join(' ');
    assert.ok(report.summary.successes >= 1, `successes: ${outcomes}`);
    const success = report.runs.find((r) => r.outcome === 'success')!;
    assert.deepEqual([...new Set(success.steps.map((s) => s.route))], ['/', '/product/:id', '/cart', '/checkout/shipping', '/checkout/payment']);
    assert.ok(success.steps.some((s) => s.action === 'type'), 'forms were typed into');
  });

  it('records every run with rrweb: the recording replays through the analyzer to the same outcome', async () => {
    const sessions = new Map<string, ReturnType<typeof buildSession>>();
    for await (const raw of readSessions([path.join(dir, 'checkout', 'recordings')])) sessions.set(raw.id, buildSession(raw, parseGoal('/checkout/confirmation')));
    assert.equal(sessions.size, 6);
    for (const run of report.runs) {
      const session = sessions.get(run.id);
      assert.ok(session, `${run.recording} read back as session ${run.id}`);
      assert.equal(session.outcome.converted, run.outcome === 'success', run.id);
      assert.equal(session.anomalies.count, 0, `${run.id}: ${session.anomalies.examples.join('; ')}`);
      const clicks = session.interactions.filter((i) => i.kind === 'click').length;
      assert.ok(clicks >= run.steps.filter((s) => s.action === 'click' || s.action === 'type').length, `${run.id}: every click step is in the recording`);
      const lastStep = run.steps[run.steps.length - 1];
      assert.ok(session.end - session.start >= lastStep.at - 1000, `virtual time: the recording spans the run (${session.end - session.start} ms, last step at ${lastStep.at} ms)`);
    }
  });

  it('writes a complete report.json: summary consistent with the runs, files present, signals of known kinds', () => {
    const json = JSON.parse(readFileSync(path.join(dir, 'checkout', 'report.json'), 'utf8')) as SimulationReport;
    assert.equal(json.version, 1);
    assert.equal(json.flow, 'checkout');
    assert.match(json.model, /^behavior-policy@/);
    assert.equal(json.summary.runs, json.runs.length);
    assert.equal(json.summary.successes, json.runs.filter((r) => r.outcome === 'success').length);
    const [low, high] = json.summary.successInterval;
    assert.ok(low <= json.summary.successRate && json.summary.successRate <= high && low >= 0 && high <= 1);
    assert.equal(Object.values(json.summary.outcomes ?? {}).reduce((a, b) => a + b, 0), json.runs.length);
    assert.ok(json.summary.medianSteps > 0 && json.summary.medianStepMs > 0);
    for (const run of json.runs) {
      assert.ok(existsSync(path.join(dir, 'checkout', run.recording)), run.recording);
      assert.ok(run.screenshots.length >= 2, 'first page and end at least');
      for (const shot of run.screenshots) assert.ok(existsSync(path.join(dir, 'checkout', shot)), shot);
      for (const s of run.signals) assert.ok(SIGNAL_KINDS.includes(s.kind) && s.route.startsWith('/'), JSON.stringify(s));
      for (const s of run.steps) assert.ok(s.probability >= 0 && s.probability <= 1 && s.entropy >= 0 && s.dwellMs >= 0, JSON.stringify(s));
    }
    assert.ok(Array.isArray(json.frictionByElement) && Array.isArray(json.confusion) && Array.isArray(json.breakages));
    const html = readFileSync(path.join(dir, 'checkout', 'report.html'), 'utf8');
    assert.ok(html.includes('Synthetic users: checkout') && !/<script/i.test(html));
  });

  it('leaves no Chromium process behind', async () => {
    assert.ok(seen.size > 0, 'the browser was seen running');
    assert.deepEqual(await survivors(seen), []);
    assert.deepEqual(await survivors(ownChromiumPids()), []);
  });

  it('says clearly when the app is not running, without launching a browser', async () => {
    const closed = await startShopServer({ variant: 'fixed' });
    const url = closed.url;
    await closed.close();
    await assert.rejects(
      runFlow({ flow: checkout, baseUrl: url, runs: 1, outDir: path.join(dir, 'unreachable'), modelDir: MODEL }),
      (error: unknown) => error instanceof AppUnreachableError && error.message.startsWith(`cannot reach ${url}/ (ECONNREFUSED): start your app first`),
    );
    await assert.rejects(runSimulate({ flow: 'checkout', url, flows: FLOWS, runs: '1', out: path.join(dir, 'cli') }), /cannot reach .*start your app first/);
    assert.deepEqual(ownChromiumPids(), []);
  });

  it('reports a goal no run can reach: runs end capped, left or at a dead end, and the report says so', async () => {
    const nowhere: Flow = { ...checkout, name: 'nowhere', goal: { url: '/no-such-page' }, maxSteps: 5 };
    const result = await runFlow({ flow: nowhere, baseUrl: server.url, runs: 2, parallel: 2, seed: 11, outDir: path.join(dir, 'nowhere'), modelDir: MODEL, onRun: watchChromium });
    assert.equal(result.summary.successes, 0);
    for (const run of result.runs) assert.ok(['cap', 'left', 'dead_end'].includes(run.outcome), `${run.id}: ${run.outcome}`);
    assert.match(result.warnings?.[0] ?? '', /^no run reached the goal \(URL contains \/no-such-page\): /);
    assert.deepEqual(result.summary.successInterval.map((x) => Math.round(x * 100)), [0, 66]);
  });

  it('reaches a selector goal when the element shows, and marks it in the recording for the analyzer', async () => {
    const toCart: Flow = { ...checkout, name: 'to-cart', goal: { selector: '[data-testid="checkout"]' }, maxSteps: 6 };
    const result = await runFlow({ flow: toCart, baseUrl: server.url, runs: 2, parallel: 2, seed: 3, outDir: path.join(dir, 'to-cart'), modelDir: MODEL, onRun: watchChromium });
    const reached = result.runs.filter((r) => r.outcome === 'success');
    assert.ok(reached.length > 0, result.runs.map((r) => `${r.id}:${r.outcome}@${r.steps.at(-1)?.route}`).join(' '));
    for await (const raw of readSessions([path.join(dir, 'to-cart', 'recordings')])) {
      const run = result.runs.find((r) => r.id === raw.id)!;
      const session = buildSession(raw, { kind: 'custom_event', name: GOAL_REACHED_EVENT });
      assert.equal(session.outcome.converted, run.outcome === 'success', run.id);
    }
  });

  it('stops on interruption, closing every context and the browser', async () => {
    const abort = new AbortController();
    const pending = runFlow({ flow: checkout, baseUrl: server.url, runs: 4, parallel: 2, outDir: path.join(dir, 'aborted'), modelDir: MODEL, signal: abort.signal });
    setTimeout(() => {
      watchChromium();
      abort.abort();
    }, 2500);
    await assert.rejects(pending, SimulationAborted);
    assert.deepEqual(await survivors(seen), []);
    assert.ok(!existsSync(path.join(dir, 'aborted', 'report.json')), 'no report for an interrupted simulation');
  });
});

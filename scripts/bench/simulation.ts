// Bench section: how fast synthetic users run the shop's checkout (fixed variant, so runs can reach the goal) next
// to the floor, a plain playwright-core script clicking through the same flow (page.click / fill, no recording,
// no policy) in the same Chromium with the same parallelism. Runs per minute over the whole batch (browser launch
// included), the median wall time of one run (of all runs, and of those that completed the checkout: the time goal
// compares like with like), and the goals beside them.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../analyzer/simulate/chromium';
import { findFlow, readFlowsFile } from '../../analyzer/simulate/flows';
import { DEFAULT_PARALLEL } from '../../analyzer/simulate/defaults';
import { runFlow } from '../../analyzer/simulate/run-flow';
import type { RunOutcome } from '../../analyzer/simulate/types';
import { startShopServer } from '../../examples/shop/server/server';
import { median, round } from './measure';
import type { BenchTable } from './tables';

const RUNS = 20;
/** The goals for synthetic users. */
const GOAL_RUNS_PER_MIN = 30;
const GOAL_TIME_RATIO = 1.5;
/** The shop's payment takes this long (examples/shop/src/pages/Payment.tsx); a fake clock can skip it. */
const GATEWAY_MS = 4000;
const STEP_TIMEOUT_MS = 15_000;

export interface BatchFigures {
  runs: number;
  /** Runs that reached the confirmation page. */
  reached: number;
  wallSeconds: number;
  runsPerMin: number;
  medianRunSeconds: number;
  /** Median over the runs that reached the confirmation page. */
  medianReachedSeconds: number;
}

export interface SimulationBench {
  runs: number;
  parallel: number;
  /** 1-minute load average when the section started: other work on the machine slows every row. */
  loadAverage: number;
  cores: number;
  synthetic: BatchFigures & { outcomes: Partial<Record<RunOutcome, number>> };
  /** The plain script in real time: it waits out the shop's 4 s payment like any browser would. */
  scripted: BatchFigures;
  /** The same script on Playwright's fake clock, skipping the payment wait as the synthetic users' virtual time does. */
  scriptedFakeClock: BatchFigures;
}

/** One run's wall time and whether it reached the confirmation page. */
type RunTime = { ms: number; reached: boolean };

function figures(wallMs: number, times: RunTime[]): BatchFigures {
  const reached = times.filter((t) => t.reached);
  const seconds = (list: RunTime[]) => (list.length > 0 ? round(median(list.map((t) => t.ms)) / 1000, 2) : Number.NaN);
  return {
    runs: times.length,
    reached: reached.length,
    wallSeconds: round(wallMs / 1000, 1),
    runsPerMin: round((times.length / wallMs) * 60_000, 1),
    medianRunSeconds: seconds(times),
    medianReachedSeconds: seconds(reached),
  };
}

/** home -> product -> add to cart -> checkout -> shipping form -> payment form -> confirmation, as a test script would. */
async function scriptedCheckout(page: Page, baseUrl: string, fakeClock: boolean): Promise<boolean> {
  const next = (pattern: string) => page.waitForURL(`**${pattern}`, { timeout: STEP_TIMEOUT_MS });
  await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
  await page.click('[data-testid="product-card-merino-crew"] a');
  await next('/product/*');
  await page.click('#add-to-cart');
  await next('/cart');
  await page.click('[data-testid="checkout"]');
  await next('/checkout/shipping');
  const shipping = { fullName: 'Ada Lovelace', email: 'ada@example.com', address: '12 St James Square', city: 'London', postcode: 'SW1Y 4JH' };
  for (const [name, value] of Object.entries(shipping)) await page.fill(`#shipping-form [name="${name}"]`, value);
  await page.click('#shipping-form button[type="submit"]');
  await next('/checkout/payment');
  const payment = { cardName: 'Ada Lovelace', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
  for (const [name, value] of Object.entries(payment)) await page.fill(`#payment-form [name="${name}"]`, value);
  await page.click('[data-testid="pay-now"]');
  if (fakeClock) await page.clock.runFor(GATEWAY_MS + 100);
  await next('/checkout/confirmation');
  return page.url().includes('/checkout/confirmation');
}

async function scriptedBatch(baseUrl: string, fakeClock: boolean): Promise<BatchFigures> {
  const started = Date.now();
  let browser: Browser | undefined;
  const times: RunTime[] = [];
  let next = 0;
  try {
    const running = (browser = await launchChromium());
    const worker = async () => {
      while (next < RUNS) {
        next++;
        const began = Date.now();
        const context = await running.newContext({ viewport: { width: 1280, height: 800 } });
        let reached = false;
        try {
          if (fakeClock) await context.clock.install();
          reached = await scriptedCheckout(await context.newPage(), baseUrl, fakeClock);
        } finally {
          await context.close();
        }
        times.push({ ms: Date.now() - began, reached });
      }
    };
    await Promise.all(Array.from({ length: DEFAULT_PARALLEL }, worker));
  } finally {
    await browser?.close();
  }
  return figures(Date.now() - started, times);
}

async function syntheticBatch(root: string, baseUrl: string): Promise<SimulationBench['synthetic']> {
  const flows = path.join(root, 'examples', 'shop', '.friction', 'flows.json');
  const outDir = mkdtempSync(path.join(tmpdir(), 'bench-simulation-'));
  const times: RunTime[] = [];
  try {
    const started = Date.now();
    const report = await runFlow({
      flow: findFlow(readFlowsFile(flows), 'checkout', flows),
      baseUrl,
      runs: RUNS,
      parallel: DEFAULT_PARALLEL,
      seed: 1,
      outDir,
      modelDir: path.join(root, 'models', 'behavior-policy'),
      onRun: (run, _done, _total, wallMs) => times.push({ ms: wallMs, reached: run.outcome === 'success' }),
    });
    return { ...figures(Date.now() - started, times), outcomes: report.summary.outcomes ?? {} };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function measureSimulation(root: string): Promise<SimulationBench> {
  // As `node dist/cli.js simulate` runs: tsx turns on source-mapped stack traces, and Playwright captures a stack
  // for every API call, which then costs more than some of the calls themselves (both rows pay it alike).
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    return await measureAll(root);
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
}

async function measureAll(root: string): Promise<SimulationBench> {
  const shop = await startShopServer({ variant: 'fixed' });
  const [loadAverage] = loadavg();
  try {
    const scripted = await scriptedBatch(shop.url, false);
    const scriptedFakeClock = await scriptedBatch(shop.url, true);
    const synthetic = await syntheticBatch(root, shop.url);
    return { runs: RUNS, parallel: DEFAULT_PARALLEL, loadAverage: round(loadAverage, 2), cores: cpus().length, synthetic, scripted, scriptedFakeClock };
  } finally {
    await shop.close();
  }
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

export function simulationTable(r: SimulationBench): BenchTable {
  const row = (what: string, f: BatchFigures) => [what, `${f.reached}/${f.runs}`, f.runsPerMin, f.medianRunSeconds, Number.isNaN(f.medianReachedSeconds) ? '-' : f.medianReachedSeconds, f.wallSeconds];
  const synthetic = r.synthetic.medianReachedSeconds;
  const against = (floor: BatchFigures) => {
    const ratio = synthetic / floor.medianReachedSeconds;
    return Number.isFinite(ratio) ? `×${ratio.toFixed(2)}, ${verdict(ratio <= GOAL_TIME_RATIO)}` : 'no synthetic run completed: not measurable';
  };
  const outcomes = Object.entries(r.synthetic.outcomes).filter(([, n]) => n && n > 0).map(([o, n]) => `${o} ${n}`).join(', ');
  return {
    title: `synthetic runs: shop checkout (fixed variant), ${r.runs} runs, ${r.parallel} at a time, one Chromium`,
    head: ['what', 'reached confirmation', 'runs / min', 'median s / run', 'median s / completed run', 'wall s'],
    rows: [
      row('synthetic users (policy, human motion, rrweb, analysis)', r.synthetic),
      row('plain playwright-core script (real time)', r.scripted),
      row('same script on the fake clock (skips the 4 s payment)', r.scriptedFakeClock),
    ],
    notes: [
      `goal ≥ ${GOAL_RUNS_PER_MIN} runs/min: ${r.synthetic.runsPerMin} runs/min, ${verdict(r.synthetic.runsPerMin >= GOAL_RUNS_PER_MIN)}`,
      `goal ≤ ${GOAL_TIME_RATIO}× the scripted run's time (completed checkouts, median): ${synthetic} s vs ${r.scripted.medianReachedSeconds} s: ${against(r.scripted)}; ` +
        `vs the fake-clock script's ${r.scriptedFakeClock.medianReachedSeconds} s: ${against(r.scriptedFakeClock)}`,
      `synthetic outcomes (the flow's persona mix): ${outcomes}; a synthetic run lives minutes of virtual time (waits, typing) in seconds of real time`,
      `load average ${r.loadAverage} on ${r.cores} cores when the section started: other work on the machine slows every row alike`,
    ],
  };
}

// Runs at scale: N synthetic users through one flow, P at a time in their own browser contexts of one Chromium,
// run i seeded with base + i; each recording is written and replayed through the analyzer as it finishes; then
// the report (success rate with Wilson interval, medians, confusion points, friction by element, breakages).
// The browser is closed in every case, Ctrl-C included: no orphaned Chromium.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { PolicyRunner } from '../models/policy-runner';
import { runAgent, SimulationAborted } from './agent';
import { checkAppReachable } from './app-reachability';
import { launchChromium } from './chromium';
import { policyRoutePatterns, policyRouteFolder } from './decision-point';
import { analysisGoalOf } from './flow-goal';
import { DEFAULT_PARALLEL, DEFAULT_RUNS } from './defaults';
import { describeGoal } from './flows';
import { RunAnalysis } from './run-analysis';
import { writeRunRecording, writeSimulationReport } from './simulation-files';
import { breakagesOf, confusionPoints, simulationWarnings, summarizeRuns } from './simulation-summary';
import type { Flow, RunResult, SimulationReport } from './types';

export interface RunFlowOptions {
  flow: Flow;
  /** Where the app runs; the flow's start path is resolved against it. */
  baseUrl: string;
  runs?: number;
  parallel?: number;
  /** Run i uses seed + i. */
  seed?: number;
  /** Output directory: recordings, screenshots, report.json, report.html. */
  outDir: string;
  /** behavior-policy model directory. */
  modelDir: string;
  /** Source root to map friction onto. */
  src?: string;
  /** Virtual start time of every run (default: now). */
  startTime?: number;
  /** After each run, with the real time it took (ms; the run itself is in virtual time), recording and analysis included. */
  onRun?(run: RunResult, done: number, total: number, wallMs: number): void;
  /** Stops the simulation (Ctrl-C does too): finished runs are kept, the report is not written. */
  signal?: AbortSignal;
}

const slug = (name: string) => name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow';

function checkCounts(runs: number, parallel: number): void {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a whole number >= 1, got ${runs}`);
  if (!Number.isInteger(parallel) || parallel < 1) throw new RangeError(`parallel must be a whole number >= 1, got ${parallel}`);
}

export async function runFlow(options: RunFlowOptions): Promise<SimulationReport> {
  const { flow, baseUrl } = options;
  const total = options.runs ?? DEFAULT_RUNS;
  const parallel = Math.min(options.parallel ?? DEFAULT_PARALLEL, total);
  const seed = options.seed ?? 1;
  checkCounts(total, parallel);
  await checkAppReachable(new URL(flow.start, baseUrl).href);
  mkdirSync(options.outDir, { recursive: true });

  const policy = await PolicyRunner.load(options.modelDir, { threads: 1 });
  const abort = new AbortController();
  const stop = () => abort.abort();
  options.signal?.addEventListener('abort', stop);
  process.on('SIGINT', stop);
  let browser: Browser | undefined;
  let closing: Promise<void> | undefined;
  // One close, awaited by whoever asks last: Ctrl-C starts it, the finally block waits for the process to exit.
  const closeBrowser = () => (closing ??= browser ? browser.close().catch(() => undefined) : Promise.resolve());
  try {
    browser = await launchChromium({ handleSIGINT: false });
    const running = browser;
    abort.signal.addEventListener('abort', () => void closeBrowser());
    const fold = policyRouteFolder(policy.priors);
    const analysis = new RunAnalysis(analysisGoalOf(flow.goal), policyRoutePatterns(policy.priors));
    const startTime = options.startTime ?? Math.round(Date.now() / 1000) * 1000;
    const results: RunResult[] = new Array(total);
    let next = 0;
    let done = 0;
    // The first failure of the machinery (not of a run: those end as 'error') stops every worker.
    let failure: unknown;
    const worker = async (): Promise<void> => {
      while (next < total && !abort.signal.aborted && failure === undefined) {
        const i = next++;
        const runSeed = seed + i;
        const runId = `${slug(flow.name)}-s${runSeed}`;
        const began = Date.now();
        try {
          const { result, events } = await runAgent(running, { runId, flow, baseUrl, seed: runSeed, policy, fold, reportDir: options.outDir, startTime, signal: abort.signal });
          // A run cut short by an interruption is no run: keep only the ones that finished.
          if (abort.signal.aborted) return;
          result.recording = writeRunRecording(options.outDir, runId, events);
          analysis.add(result, events);
          results[i] = result;
          options.onRun?.(result, ++done, total, Date.now() - began);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    if (abort.signal.aborted) throw new SimulationAborted();
    if (failure !== undefined) throw failure;

    const frictionByElement = await analysis.finish(results, options.src);
    const report: SimulationReport = {
      version: 1,
      flow: flow.name,
      baseUrl,
      model: policy.version,
      generatedAt: new Date().toISOString(),
      runs: results,
      summary: summarizeRuns(results),
      goal: describeGoal(flow.goal),
      confusion: confusionPoints(results),
      frictionByElement,
      breakages: breakagesOf(results),
      warnings: simulationWarnings(flow, results),
    };
    writeSimulationReport(options.outDir, report);
    return report;
  } finally {
    process.off('SIGINT', stop);
    options.signal?.removeEventListener('abort', stop);
    await closeBrowser();
    await policy.release();
  }
}

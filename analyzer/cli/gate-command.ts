// `friction gate`: the usability CI gate. Compares a baseline and a candidate (each a simulation report, or a URL
// simulated here with the same behaviour policy) and exits 1 when the candidate is measurably worse; writes the
// verdict as JSON, JUnit XML and SARIF.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { compareReports, DEFAULT_THRESHOLDS, IncomparableReportsError, type GateResult, type GateThresholds } from '../simulate/gate';
import { formatGateSummary, toGateSarif, toJUnit, type GateLocation } from '../simulate/gate-reports';
import { locateFailingChecks } from '../simulate/gate-sources';
import { DEFAULT_FLOWS_FILE, findFlow, FlowsFileError, readFlowsFile } from '../simulate/flows';
import { AppUnreachableError, checkAppReachable } from '../simulate/app-reachability';
import { DEFAULT_GATE_RUNS, DEFAULT_GATE_WORK_DIR } from '../simulate/defaults';
import { runFlow } from '../simulate/run-flow';
import type { Flow, SimulationReport } from '../simulate/types';
import { resolveModelDir } from '../models/model-files';
import { InputError, UsageError } from './errors';
import { packageRoot } from './package-root';
import { ProgressLine } from './progress';
import { checkOutputFlags } from './report-output';


export interface GateCommandOptions {
  flow?: string;
  baseline?: string;
  candidate?: string;
  flows?: string;
  runs?: string;
  maxSuccessDrop?: string;
  alpha?: string;
  maxFrictionIncrease?: string;
  maxEndIncrease?: string;
  correction?: string;
  junit?: string;
  sarif?: string;
  out?: string;
  src?: string;
  /** URL mode: behavior-policy model directory (default: the workspace's, else the shipped one). */
  model?: string;
  /** URL mode: seed of run 0 (run i uses seed + i), the same on both sides. */
  seed?: string;
  /** URL mode: where each side's recordings and report go (<work-dir>/<flow>/baseline|candidate). */
  workDir?: string;
  quiet?: boolean;
}

/** The gate ran and the candidate is worse: exit 1, the summary already printed. */
export class GateFailedError extends Error {
  readonly exitCode = 1;
}

/** Simulates one side: `runs` synthetic runs of `flow` against `baseUrl`. */
export type SimulateSide = (input: { side: 'baseline' | 'candidate'; url: string; flow: string; flowsFile: string; runs: number; quiet: boolean }) => Promise<{ report: SimulationReport; dir: string }>;

function number(flag: string, text: string | undefined, fallback: number, check: (v: number) => boolean, expected: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`${flag} must be ${expected} (got "${text}")`);
  return value;
}

export function parseThresholds(o: GateCommandOptions): GateThresholds {
  const fraction = (v: number) => v >= 0 && v <= 1;
  const correction = o.correction ?? DEFAULT_THRESHOLDS.correction;
  if (correction !== 'holm' && correction !== 'none') throw new UsageError(`--correction must be holm or none (got "${correction}")`);
  return {
    alpha: number('--alpha', o.alpha, DEFAULT_THRESHOLDS.alpha, (v) => v > 0 && v < 1, 'a number between 0 and 1'),
    maxSuccessDrop: number('--max-success-drop', o.maxSuccessDrop, DEFAULT_THRESHOLDS.maxSuccessDrop, fraction, 'a fraction between 0 and 1 (0.05 = 5 percentage points)'),
    maxFrictionIncrease: number('--max-friction-increase', o.maxFrictionIncrease, DEFAULT_THRESHOLDS.maxFrictionIncrease, (v) => v >= 0, 'a non-negative number of occurrences per run'),
    maxEndIncrease: number('--max-end-increase', o.maxEndIncrease, DEFAULT_THRESHOLDS.maxEndIncrease, fraction, 'a fraction between 0 and 1'),
    correction,
  };
}

type Side = { kind: 'report'; file: string } | { kind: 'url'; url: string };

function parseSide(flag: string, value: string | undefined): Side {
  if (!value) throw new UsageError(`${flag} is required: a simulation report (.json, from friction simulate --out) or the URL of a running app`);
  if (/\.json$/i.test(value)) return { kind: 'report', file: value };
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`${flag} must be a report ending in .json or an http(s) URL (got "${value}")`);
  }
  return { kind: 'url', url: value };
}

export function readReport(file: string, flag: string): SimulationReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${flag}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
  }
  let report: SimulationReport;
  try {
    report = JSON.parse(text) as SimulationReport;
  } catch (error) {
    throw new InputError(`${flag}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!report || report.version !== 1 || !Array.isArray(report.runs) || typeof report.model !== 'string') {
    throw new InputError(`${flag}: ${file} is not a version 1 simulation report (friction simulate --out writes one)`);
  }
  return report;
}

/**
 * URL mode: `runs` runs of the flow with run-flow's simulator, into <work-dir>/<flow>/<side>/ (recordings,
 * report.json, report.html). Both sides use the same policy model and the same seeds (run i: seed + i), so the two
 * samples differ by the app only.
 */
export function simulateWithRunFlow(opts: { workDir: string; model?: string; seed: number; src?: string }): SimulateSide {
  return async ({ side, url, flow: name, flowsFile, runs, quiet }) => {
    const flow = readFlow(flowsFile, name);
    const outDir = path.join(opts.workDir, name.replace(/[^A-Za-z0-9_-]+/g, '-') || 'flow', side);
    const progress = new ProgressLine();
    try {
      const report = await runFlow({
        flow,
        baseUrl: url,
        runs,
        seed: opts.seed,
        outDir,
        modelDir: opts.model ?? resolveModelDir('behavior-policy', packageRoot()),
        src: opts.src,
        onRun: (run, done, total) => !quiet && progress.update(`${side}: ${done}/${total} runs of ${name} on ${url} (last: ${run.outcome})`),
      });
      return { report, dir: outDir };
    } catch (error) {
      if (error instanceof AppUnreachableError) throw new InputError(`${side}: ${error.message}`);
      throw error;
    } finally {
      progress.done();
    }
  };
}

function readFlow(flowsFile: string, name: string): Flow {
  try {
    return findFlow(readFlowsFile(flowsFile), name, flowsFile);
  } catch (error) {
    if (error instanceof FlowsFileError) throw new InputError(error.message);
    throw error;
  }
}

/** Before minutes of simulating the baseline: is the flow there, and do both apps answer? */
async function preflight(sides: [string, Side][], flowsFile: string, name: string): Promise<void> {
  const urls = sides.filter((s): s is [string, { kind: 'url'; url: string }] => s[1].kind === 'url');
  if (urls.length === 0) return;
  const flow = readFlow(flowsFile, name);
  for (const [flag, side] of urls) {
    try {
      await checkAppReachable(new URL(flow.start, side.url).href);
    } catch (error) {
      // The simulator's advice names its own --url flag; here the URL is the side's value.
      if (error instanceof AppUnreachableError) throw new InputError(`${flag}: ${error.message.replace(/,? or pass --url\b.*$/, '')} (or pass a report .json)`);
      throw error;
    }
  }
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

export async function runGate(options: GateCommandOptions, simulate?: SimulateSide): Promise<string> {
  if (!options.flow) throw new UsageError('--flow is required: the name of the flow in the flows file (and in both reports)');
  const baselineSide = parseSide('--baseline', options.baseline);
  const candidateSide = parseSide('--candidate', options.candidate);
  const thresholds = parseThresholds(options);
  const runs = number('--runs', options.runs, DEFAULT_GATE_RUNS, (v) => Number.isInteger(v) && v >= 1, 'a positive integer');
  checkOutputFlags({ src: options.src });
  const flowsFile = options.flows ?? DEFAULT_FLOWS_FILE;
  const quiet = Boolean(options.quiet);
  const seed = number('--seed', options.seed, 1, (v) => Number.isInteger(v) && v >= 0, 'a whole number >= 0');
  if (options.model && !existsSync(options.model)) throw new UsageError(`--model ${options.model}: no such directory`);
  simulate ??= simulateWithRunFlow({ workDir: options.workDir ?? DEFAULT_GATE_WORK_DIR, model: options.model, seed, src: options.src });

  const load = async (flag: '--baseline' | '--candidate', s: Side): Promise<{ report: SimulationReport; dir: string }> => {
    if (s.kind === 'report') return { report: readReport(s.file, flag), dir: path.dirname(path.resolve(s.file)) };
    return simulate({ side: flag === '--baseline' ? 'baseline' : 'candidate', url: s.url, flow: options.flow!, flowsFile, runs, quiet });
  };
  await preflight([['--baseline', baselineSide], ['--candidate', candidateSide]], flowsFile, options.flow);
  // One side after the other: both simulations share the machine, and a second browser would only slow the first.
  const baseline = await load('--baseline', baselineSide);
  const candidate = await load('--candidate', candidateSide);

  let result: GateResult;
  try {
    result = compareReports(baseline.report, candidate.report, thresholds, { flow: options.flow });
  } catch (error) {
    if (error instanceof IncomparableReportsError) throw new InputError(`cannot compare: ${error.message}`);
    throw error;
  }

  const locations: Map<string, GateLocation> = await locateFailingChecks(result, { src: options.src, candidate });

  const receipts: string[] = [];
  if (options.out) {
    write(options.out, JSON.stringify({ ...result, locations: Object.fromEntries(locations) }, null, 2) + '\n');
    receipts.push(`gate result -> ${options.out}`);
  }
  if (options.junit) {
    write(options.junit, toJUnit([result]));
    receipts.push(`JUnit -> ${options.junit}`);
  }
  if (options.sarif) {
    write(options.sarif, JSON.stringify(toGateSarif([result], { locations, srcRoot: options.src, flowsFile: existsSync(flowsFile) ? flowsFile : undefined }), null, 2) + '\n');
    receipts.push(`SARIF -> ${options.sarif}`);
  }
  const text = [formatGateSummary(result, { locations, srcRoot: options.src }), ...(receipts.length ? ['', ...receipts] : [])].join('\n');
  if (!result.passed) {
    // The summary goes to stdout like a passing one; the error line on stderr says why the exit code is 1.
    console.log(text);
    throw new GateFailedError(`usability gate failed for flow ${result.flow}: ${result.reasons.join('; ')}`);
  }
  return text;
}

// `friction simulate --flow <name> --url <base>`: synthetic users through one flow of .friction/flows.json against
// the running app; writes report.json, report.html, one rrweb recording per run and screenshots, prints a summary.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { resolveModelDir } from '../models/model-files';
import { SimulationAborted } from '../simulate/agent';
import { DEFAULT_FLOWS_FILE, findFlow, readFlowsFile } from '../simulate/flows';
import { DEFAULT_PARALLEL, DEFAULT_RUNS } from '../simulate/defaults';
import { runFlow } from '../simulate/run-flow';
import { RECORDINGS_DIR, REPORT_HTML, REPORT_JSON } from '../simulate/simulation-files';
import type { SimulationReport } from '../simulate/types';
import { InputError, UsageError } from './errors';
import { packageRoot } from './package-root';
import { ProgressLine } from './progress';

export interface SimulateCommandOptions {
  flow?: string;
  url?: string;
  flows?: string;
  runs?: string;
  parallel?: string;
  seed?: string;
  src?: string;
  out?: string;
  model?: string;
  quiet?: boolean;
}

/** Upper bounds that catch typos (--runs 50000) rather than limit real use. */
const MAX_RUNS = 10_000;
const MAX_PARALLEL = 16;

class InterruptedError extends Error {
  readonly exitCode = 130;
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

function baseUrlOf(url: string | undefined): string {
  if (!url) throw new UsageError('--url is required: the address your app runs at, e.g. --url http://localhost:5173');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url must be an absolute http(s) URL, e.g. http://localhost:5173 (got "${url}")`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--url must be http or https (got "${url}")`);
  return parsed.href.replace(/\/$/, '');
}

/** .friction/runs/<flow>-2026-11-26T07-12-03 */
function defaultOutDir(flow: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  return path.join('.friction', 'runs', `${flow.replace(/[^A-Za-z0-9_-]+/g, '-')}-${stamp}`);
}

const percent = (x: number) => `${Math.round(100 * x)} %`;

export function formatSimulationSummary(report: SimulationReport, outDir: string): string {
  const s = report.summary;
  const lines = [
    `${report.flow}: ${s.successes} of ${s.runs} runs reached the goal (${percent(s.successRate)}, 95 % interval ${percent(s.successInterval[0])}–${percent(s.successInterval[1])})`,
    `median ${s.medianSteps} steps, ${(s.medianStepMs / 1000).toFixed(1)} s per step; ` +
      Object.entries(s.outcomes ?? {})
        .filter(([, n]) => n > 0)
        .map(([o, n]) => `${o} ${n}`)
        .join(', '),
  ];
  for (const warning of report.warnings ?? []) lines.push(`warning: ${warning}`);
  const friction = (report.frictionByElement ?? []).slice(0, 5);
  if (friction.length > 0) lines.push('friction:');
  for (const f of friction) {
    const kinds = Object.entries(f.kinds).map(([k, n]) => `${k} ×${n}`).join(', ');
    const where = f.source?.[0] ? `  ${f.source[0].file}:${f.source[0].line}` : '';
    lines.push(`  ${f.route} ${f.selector ?? '(page)'}: ${kinds} in ${f.runs} runs${where}`);
  }
  for (const b of (report.breakages ?? []).slice(0, 3)) lines.push(`breakage: ${b.kind} on ${b.route}: ${b.message} (${b.runs} runs)`);
  lines.push(`report: ${path.join(outDir, REPORT_HTML)} (${REPORT_JSON} beside it; recordings: friction analyze ${path.join(outDir, RECORDINGS_DIR)})`);
  return lines.join('\n');
}

export async function runSimulate(options: SimulateCommandOptions): Promise<string> {
  if (!options.flow) throw new UsageError('--flow is required: the name of a flow in the flows file');
  const baseUrl = baseUrlOf(options.url);
  const runs = wholeNumber('runs', options.runs, DEFAULT_RUNS, 1, MAX_RUNS);
  const parallel = wholeNumber('parallel', options.parallel, DEFAULT_PARALLEL, 1, MAX_PARALLEL);
  const seed = wholeNumber('seed', options.seed, 1, 0, 2 ** 31 - 1);
  if (options.src && !existsSync(options.src)) throw new InputError(`cannot read --src ${options.src}: no such directory`);
  const flowsFile = options.flows ?? DEFAULT_FLOWS_FILE;
  const flow = findFlow(readFlowsFile(flowsFile), options.flow, flowsFile);
  const modelDir = options.model ?? resolveModelDir('behavior-policy', packageRoot());
  const outDir = options.out ?? defaultOutDir(flow.name);

  const progress = new ProgressLine();
  let successes = 0;
  try {
    const report = await runFlow({
      flow,
      baseUrl,
      runs,
      parallel,
      seed,
      outDir,
      modelDir,
      src: options.src,
      onRun: (run, done, total) => {
        if (run.outcome === 'success') successes++;
        if (!options.quiet) progress.update(`simulating ${flow.name}: ${done}/${total} runs, ${successes} reached the goal`);
      },
    });
    progress.done();
    return formatSimulationSummary(report, outDir);
  } catch (error) {
    progress.done();
    if (error instanceof SimulationAborted) throw new InterruptedError(`interrupted: recordings of the finished runs are in ${outDir}; no report was written`);
    throw error;
  }
}

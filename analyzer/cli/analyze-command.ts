// `friction analyze <recordings...>`: read, detect, rank, map, print or write the report.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { analyzeFiles } from '../pipeline/analyze';
import { parseGoal } from '../replay';
import { formatIssue } from '../sources/files/issues';
import type { SignalKind } from '../signals/types';
import { InputError, UsageError } from './errors';
import { ProgressLine } from './progress';
import { openOutcomeModel } from './outcome-model';
import { checkOutputFlags, parseKinds, parseList, renderReport } from './report-output';

export interface AnalyzeCommandOptions {
  src?: string;
  goal?: string;
  format?: string;
  out?: string;
  kinds?: string;
  routes?: string;
  limit?: string;
  workers?: string;
  quiet?: boolean;
  /** Session-outcome model directory, or 'none' (see outcome-model.ts). */
  model?: string;
}

/** Reading and replay are CPU-bound: one worker per core (capped), unless told otherwise. */
function workerCount(flag: string | undefined): number {
  if (flag === undefined) return Math.min(4, Math.max(1, availableParallelism()));
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--workers must be a whole number from 1 to 64 (got "${flag}")`);
  return n;
}

function validate(recordings: string[], options: AnalyzeCommandOptions): SignalKind[] | undefined {
  if (recordings.length === 0) throw new UsageError('no recordings given: pass files or directories of rrweb / PostHog recordings, or --posthog to aggregate in PostHog');
  for (const p of recordings) if (!existsSync(p)) throw new InputError(`cannot read ${p}: no such file or directory`);
  checkOutputFlags(options);
  return parseKinds(options.kinds);
}

export async function runAnalyze(recordings: string[], options: AnalyzeCommandOptions): Promise<string> {
  const kinds = validate(recordings, options);
  const outcome = await openOutcomeModel(options.model, (m) => !options.quiet && process.stderr.write(`warning: ${m}\n`));
  const progress = new ProgressLine();
  const result = await analyzeFiles(recordings, {
    outcome,
    goal: options.goal ? parseGoal(options.goal) : undefined,
    goalText: options.goal,
    src: options.src,
    detect: { kinds },
    routes: parseList(options.routes),
    workers: workerCount(options.workers),
    onProgress: (p) => !options.quiet && progress.update(`analysing: ${p.sessions} sessions, ${p.events} events`),
  });
  progress.done();
  await outcome?.release();
  const { report } = result;
  if (report.sessions === 0) {
    const why = report.skipped.slice(0, 5).map(formatIssue).join('\n  ');
    throw new InputError(`no readable sessions in ${recordings.join(', ')}${why ? `:\n  ${why}` : ''}`);
  }
  if (!options.quiet) for (const issue of report.skipped) process.stderr.write(`warning: ${formatIssue(issue)}\n`);
  return renderReport(report, options);
}

// `friction analyze <recordings...>`: read, detect, rank, map, print or write the report.
import { existsSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { analyzeFiles } from '../pipeline/analyze';
import { parseGoal } from '../replay';
import { formatHotspotTable, toSarif } from '../report';
import { formatIssue } from '../sources/files/issues';
import { SIGNAL_KINDS, type SignalKind } from '../signals/types';
import { InputError, UsageError } from './errors';
import { ProgressLine } from './progress';

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
}

const FORMATS = ['table', 'json', 'sarif'] as const;

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
  if (options.src && (!existsSync(options.src) || !statSync(options.src).isDirectory())) throw new UsageError(`--src ${options.src} is not a directory`);
  if (options.format && !FORMATS.includes(options.format as (typeof FORMATS)[number])) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${options.format}")`);
  }
  if (!options.kinds) return undefined;
  const kinds = options.kinds.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !SIGNAL_KINDS.includes(k as SignalKind));
  if (unknown.length) throw new UsageError(`unknown signal kind(s) ${unknown.join(', ')}; known: ${SIGNAL_KINDS.join(', ')}`);
  return kinds as SignalKind[];
}

export async function runAnalyze(recordings: string[], options: AnalyzeCommandOptions): Promise<string> {
  const kinds = validate(recordings, options);
  const progress = new ProgressLine();
  const result = await analyzeFiles(recordings, {
    goal: options.goal ? parseGoal(options.goal) : undefined,
    goalText: options.goal,
    src: options.src,
    detect: { kinds },
    routes: options.routes?.split(',').map((r) => r.trim()).filter(Boolean),
    workers: workerCount(options.workers),
    onProgress: (p) => !options.quiet && progress.update(`analysing: ${p.sessions} sessions, ${p.events} events`),
  });
  progress.done();
  const { report } = result;
  if (report.sessions === 0) {
    const why = report.skipped.slice(0, 5).map(formatIssue).join('\n  ');
    throw new InputError(`no readable sessions in ${recordings.join(', ')}${why ? `:\n  ${why}` : ''}`);
  }
  if (!options.quiet) for (const issue of report.skipped) process.stderr.write(`warning: ${formatIssue(issue)}\n`);
  const format = (options.format ?? 'table') as (typeof FORMATS)[number];
  const text =
    format === 'json' ? JSON.stringify(report, null, 2) : format === 'sarif' ? JSON.stringify(toSarif(report), null, 2) : formatHotspotTable(report, Number(options.limit ?? 25));
  if (options.out) {
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    writeFileSync(options.out, text + '\n');
    return `wrote ${format} report (${report.hotspots.length} hotspots from ${report.sessions} sessions) to ${options.out}`;
  }
  return text;
}

// `friction analyze --posthog`: hotspots aggregated inside the project's ClickHouse (HogQL pushdown), no recording
// downloaded. The key comes from the environment only, like `friction sync`. Recordings that explain the top
// hotspots are listed on stderr with the `friction sync --sessions` command that fetches exactly those.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatHotspotTable, toSarif, type AnalysisReport } from '../report';
import { SIGNAL_KINDS, type SignalKind } from '../signals/types';
import { PosthogApiError, PosthogClient, parseSince } from '../sources/posthog';
import { analyzePosthog, PushdownInputError, sessionsToFetch, type HogQLRunner } from '../sources/posthog/pushdown';
import { InputError, UsageError } from './errors';
import { posthogConnection } from './posthog-connection';

export { analyzePosthog, sessionsToFetch } from '../sources/posthog/pushdown';

/** Aggregates are cheap, so the default window is wider than sync's. */
export const DEFAULT_POSTHOG_SINCE = '30d';
const FORMATS = ['table', 'json', 'sarif'] as const;
/** Flags that only mean something with --posthog. */
const POSTHOG_FLAGS = { host: '--host', project: '--project', since: '--since', apiKeyEnv: '--api-key-env', apiKey: '--api-key' } as const;

export interface AnalyzePosthogOptions {
  posthog?: boolean;
  host?: string;
  project?: string;
  apiKeyEnv?: string;
  /** Refused: keys on the command line end up in shell history. */
  apiKey?: string;
  since?: string;
  goal?: string;
  src?: string;
  format?: string;
  out?: string;
  kinds?: string;
  routes?: string;
  limit?: string;
  quiet?: boolean;
}

export interface AnalyzePosthogIo {
  env?: NodeJS.ProcessEnv;
  stderr?: NodeJS.WriteStream;
  /** Tests answer the queries themselves; otherwise a PosthogClient for --host / --project. */
  runner?: HogQLRunner;
  now?: number;
  signal?: AbortSignal;
}

/** `friction analyze <files> --host ...` is a mistake worth a message, not a silently ignored flag. */
export function refusePosthogFlags(options: Partial<Record<keyof typeof POSTHOG_FLAGS, unknown>>): void {
  const given = Object.entries(POSTHOG_FLAGS).filter(([key]) => options[key as keyof typeof POSTHOG_FLAGS] !== undefined);
  if (given.length) throw new UsageError(`${given.map(([, flag]) => flag).join(', ')} only ${given.length > 1 ? 'apply' : 'applies'} with --posthog`);
}

function kindsOf(text: string | undefined): SignalKind[] | undefined {
  if (!text) return undefined;
  const kinds = text.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !SIGNAL_KINDS.includes(k as SignalKind));
  if (unknown.length) throw new UsageError(`unknown signal kind(s) ${unknown.join(', ')}; known: ${SIGNAL_KINDS.join(', ')}`);
  return kinds as SignalKind[];
}

function validate(recordings: string[], options: AnalyzePosthogOptions, now: number): { from: Date; kinds?: SignalKind[] } {
  if (recordings.length) throw new UsageError('--posthog reads from PostHog: drop the recording paths, or drop --posthog to analyse them');
  if (options.format && !FORMATS.includes(options.format as (typeof FORMATS)[number])) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${options.format}")`);
  if (options.src && (!existsSync(options.src) || !statSync(options.src).isDirectory())) throw new UsageError(`--src ${options.src} is not a directory`);
  const since = options.since ?? DEFAULT_POSTHOG_SINCE;
  const from = parseSince(since, now);
  if (from === undefined || from >= now) throw new UsageError(`--since must be a duration like 30d / 12h or a past date (got "${since}")`);
  return { from: new Date(from), kinds: kindsOf(options.kinds) };
}

export async function runAnalyzePosthog(recordings: string[], options: AnalyzePosthogOptions, io: AnalyzePosthogIo = {}): Promise<string> {
  const env = io.env ?? process.env;
  const stderr = io.stderr ?? process.stderr;
  const say = (line: string): void => {
    if (!options.quiet) stderr.write(`${line}\n`);
  };
  const now = io.now ?? Date.now();
  const { from, kinds } = validate(recordings, options, now);
  const runner = io.runner ?? clientFor(options, env, say);
  let report: AnalysisReport;
  try {
    report = await analyzePosthog({
      runner,
      dateFrom: from,
      dateTo: new Date(now),
      goal: options.goal,
      src: options.src,
      routes: options.routes?.split(',').map((r) => r.trim()).filter(Boolean),
      signal: io.signal,
      now: new Date(now),
      onWarning: (message) => say(`warning: ${message}`),
    });
  } catch (error) {
    if (error instanceof PushdownInputError) throw new UsageError(error.message);
    if (error instanceof PosthogApiError) throw new InputError(error.message);
    throw error;
  }
  if (kinds) report = { ...report, hotspots: report.hotspots.filter((h) => kinds.includes(h.kind)) };
  const fetch = sessionsToFetch(report);
  const ids = fetch.flatMap((f) => f.sessionIds);
  if (ids.length) {
    say(`recordings that explain the top ${fetch.length} hotspots (${ids.length} sessions); fetch them for replay with:`);
    say(`  friction sync${options.host ? ` --host ${options.host}` : ''}${options.project ? ` --project ${options.project}` : ''} --sessions ${ids.join(',')}`);
  }
  return render(report, options);
}

function clientFor(options: AnalyzePosthogOptions, env: NodeJS.ProcessEnv, say: (line: string) => void): PosthogClient {
  const { host, project, apiKey } = posthogConnection(options, env, 'query:read scope', ' with --posthog');
  say(`aggregating friction in PostHog project ${project} on ${host.baseUrl} (HogQL; no recordings downloaded)`);
  return PosthogClient.create(host, project, apiKey, { log: (line) => say(`note: ${line}`) });
}

function render(report: AnalysisReport, options: AnalyzePosthogOptions): string {
  const format = (options.format ?? 'table') as (typeof FORMATS)[number];
  const text = format === 'json' ? JSON.stringify(report, null, 2) : format === 'sarif' ? JSON.stringify(toSarif(report), null, 2) : formatHotspotTable(report, Number(options.limit ?? 25));
  if (!options.out) return text;
  mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  writeFileSync(options.out, text + '\n');
  return `wrote ${format} report (${report.hotspots.length} hotspots from ${report.sessions} sessions) to ${options.out}`;
}

// `friction analyze --posthog`: hotspots aggregated inside the project's ClickHouse (HogQL pushdown), no recording
// downloaded. The key comes from the environment only, like `friction sync`. Recordings that explain the top
// hotspots are listed on stderr with the `friction sync --sessions` command that fetches exactly those.
import type { AnalysisReport } from '../report';
import type { SignalKind } from '../signals/types';
import { PosthogApiError, PosthogClient, parseSince } from '../sources/posthog';
import { analyzePosthog, PushdownInputError, sessionsToFetch, type HogQLRunner } from '../sources/posthog/pushdown';
import { InputError, UsageError } from './errors';
import { posthogConnection } from './posthog-connection';
import { checkOutputFlags, parseKinds, parseList, renderReport } from './report-output';

export { analyzePosthog, sessionsToFetch } from '../sources/posthog/pushdown';

/** Aggregates are cheap, so the default window is wider than sync's. */
export const DEFAULT_POSTHOG_SINCE = '30d';
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

function validate(recordings: string[], options: AnalyzePosthogOptions, now: number): { from: Date; kinds?: SignalKind[] } {
  if (recordings.length) throw new UsageError('--posthog reads from PostHog: drop the recording paths, or drop --posthog to analyse them');
  checkOutputFlags(options);
  const since = options.since ?? DEFAULT_POSTHOG_SINCE;
  const from = parseSince(since, now);
  if (from === undefined || from >= now) throw new UsageError(`--since must be a duration like 30d / 12h or a past date (got "${since}")`);
  return { from: new Date(from), kinds: parseKinds(options.kinds) };
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
      routes: parseList(options.routes),
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
  return renderReport(report, options);
}

function clientFor(options: AnalyzePosthogOptions, env: NodeJS.ProcessEnv, say: (line: string) => void): PosthogClient {
  const { host, project, apiKey } = posthogConnection(options, env, 'query:read scope', ' with --posthog');
  say(`aggregating friction in PostHog project ${project} on ${host.baseUrl} (HogQL; no recordings downloaded)`);
  return PosthogClient.create(host, project, apiKey, { log: (line) => say(`note: ${line}`) });
}

// `friction sync`: copies a PostHog project's finished recordings into the local cache for `friction analyze`.
// The API key comes from the environment only, never from a flag, so it stays out of shell history.
import * as path from 'node:path';
import type { ConsentSetting } from '../privacy/consent';
import {
  budgetNote,
  formatProgress,
  PosthogClient,
  POSTHOG_RATE_LIMITS,
  parseSince,
  runSync,
  isAbortError,
  type PosthogHost,
  type SyncResult,
} from '../sources/posthog';
import { InputError, UsageError } from './errors';
import { posthogConnection } from './posthog-connection';
import { ProgressLine } from './progress';

export { API_KEY_ENV } from './posthog-connection';
/** Relative to the working directory; the extension passes its workspace storage instead. */
export const DEFAULT_CACHE_DIR = path.join('.friction', 'cache');

export interface SyncCommandOptions {
  host?: string;
  project?: string;
  apiKeyEnv?: string;
  /** Refused, with a hint: only here so the mistake gets a helpful message. */
  apiKey?: string;
  cacheDir?: string;
  since?: string;
  limit?: string;
  sample?: string;
  minDuration?: string;
  url?: string;
  /** Comma-separated session ids to fetch instead of listing (e.g. those `analyze --posthog` names). */
  sessions?: string;
  trainingConsent?: string;
  region?: string;
  quiet?: boolean;
}

export interface SyncCommandIo {
  env?: NodeJS.ProcessEnv;
  stderr?: NodeJS.WriteStream;
  /** Stops the sync at the next safe point (SIGINT when run from the shell). */
  signal?: AbortSignal;
}

class InterruptedError extends Error {
  readonly exitCode = 130;
}

function parseNumberFlag(value: string | undefined, flag: string, check: (n: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new UsageError(`${flag} must be ${what} (got "${value}")`);
  return n;
}

interface Settings {
  host: PosthogHost;
  project: string;
  apiKey: string;
  consent?: ConsentSetting;
}

function settings(options: SyncCommandOptions, env: NodeJS.ProcessEnv): Settings {
  const { host, project, apiKey } = posthogConnection(options, env, 'session_recording:read and query:read scopes');
  const consent = options.trainingConsent;
  if (consent !== undefined && !['auto', 'on', 'off'].includes(consent)) throw new UsageError(`--training-consent must be auto, on or off (got "${consent}")`);
  if (options.region !== undefined && !['us', 'eu'].includes(options.region)) throw new UsageError(`--region must be us or eu (got "${options.region}")`);
  if (options.since !== undefined && parseSince(options.since, Date.now()) === undefined) throw new UsageError(`--since must be a duration like 7d / 12h or a date (got "${options.since}")`);
  return { host, project, apiKey, consent: consent as ConsentSetting | undefined };
}

export async function runSyncCommand(options: SyncCommandOptions, io: SyncCommandIo = {}): Promise<string> {
  const env = io.env ?? process.env;
  const stderr = io.stderr ?? process.stderr;
  const { host, project, apiKey, consent } = settings(options, env);
  const limit = parseNumberFlag(options.limit, '--limit', (n) => Number.isInteger(n) && n >= 0, 'a whole number >= 0');
  const sample = parseNumberFlag(options.sample, '--sample', (n) => n > 0 && n <= 1, 'a fraction in (0, 1]');
  const minDurationS = parseNumberFlag(options.minDuration, '--min-duration', (n) => n >= 0, 'seconds >= 0');
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR);
  const say = (line: string): void => {
    if (!options.quiet) stderr.write(`${line}\n`);
  };
  const progress = new ProgressLine(stderr);
  const client = PosthogClient.create(host, project, apiKey, { log: (line) => say(`note: ${line}`) });
  // Ctrl-C stops at the next safe point; a second one kills at once (the cache survives that too).
  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  if (!io.signal) process.once('SIGINT', onSigint);
  const signal = io.signal ?? interrupt.signal;
  say(`syncing project ${project} on ${host.baseUrl} into ${cacheDir}`);
  say(`${budgetNote(POSTHOG_RATE_LIMITS)}; recordings younger than 24 h are skipped (they can still change)`);
  let result: SyncResult;
  try {
    result = await runSync({
      client,
      cacheDir,
      since: options.since,
      limit,
      sample,
      minDurationS,
      urlContains: options.url,
      sessionIds: options.sessions?.split(/[\s,]+/).filter(Boolean),
      trainingConsent: consent,
      region: options.region,
      signal,
      onProgress: (p) => !options.quiet && progress.update(formatProgress(p)),
      log: (line) => say(`note: ${line}`),
    });
  } catch (error) {
    if (isAbortError(error) || signal.aborted) throw new InterruptedError('interrupted; the cache is consistent: run the same command again to resume');
    if ((error as { exitCode?: number }).exitCode === undefined && !(error instanceof UsageError)) throw new InputError((error as Error).message);
    throw error;
  } finally {
    progress.done();
    process.off('SIGINT', onSigint);
  }
  return summary(result, cacheDir);
}

function summary(result: SyncResult, cacheDir: string): string {
  const mb = (result.bytes / 1e6).toFixed(1);
  const lines = [
    `synced ${result.written.length} sessions (${mb} MB) into ${result.projectDir}`,
    `listed ${result.listed} recordings: ${result.alreadyCached} already cached, ${result.recent} too recent (< 24 h), ${result.filtered} filtered out, ${result.sampledOut} sampled out`,
  ];
  if (!result.complete) lines.push('stopped at --limit: run again to continue');
  for (const f of result.failed) lines.push(`failed ${f.id}: ${f.reason}${f.permanent ? '' : ' (retried on the next run)'}`);
  lines.push(`training consent: ${result.consent.allowed ? 'allowed' : 'not allowed'} (${result.consent.basis})`);
  lines.push(`analyse with: friction analyze ${path.relative(process.cwd(), cacheDir) || '.'}`);
  return lines.join('\n');
}

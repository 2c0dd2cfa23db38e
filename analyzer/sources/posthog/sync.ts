// `friction sync`: copies a project's finished recordings into the local cache, incrementally and resumably.
// List (cheap, ClickHouse budget) -> select -> per session: sources + blob ranges (snapshot budget) -> scrub
// -> one atomic file -> state saved. Whatever stops it (kill, abort, error), the cache stays consistent and
// the next run neither fetches a cached session again nor loses one.
import type { ConsentSetting } from '../../privacy/consent';
import { CompressedPayloadError } from '../files/posthog-compression';
import { fetchSessionBlobs, type SessionFetchStats } from './blobs';
import { HOUR } from './clock';
import type { PosthogClient } from './client';
import { ProjectCache, type ConsentRecord, type SyncState } from './cache';
import { decideConsent } from './consent-record';
import { PosthogApiError, SessionFetchError } from './errors';
import { estimateEtaMs, type SyncProgress } from './progress';
import { scrubEvent } from './scrub-events';
import { judgeRecording, MIN_RECORDING_AGE_MS, parseSince, type SelectionFilters } from './select';
import type { BlobLine } from './types';

/** First run without --since: the last week. */
export const DEFAULT_SINCE = '7d';
/** Later runs re-list a little before the cursor; cached ids make the overlap free. */
const LISTING_OVERLAP_MS = HOUR;
/** A session failing this many runs is left alone until the cache is purged. */
export const MAX_FAILURE_ATTEMPTS = 3;
/** This many sessions failing in a row on transient errors means PostHog is struggling: stop, resume later. */
const MAX_CONSECUTIVE_TRANSIENT_FAILURES = 3;

export interface SyncOptions {
  client: PosthogClient;
  cacheDir: string;
  /** `7d`, `12h` or an ISO date; default: from the cursor, or DEFAULT_SINCE on a first run. */
  since?: string;
  /** At most this many sessions fetched in this run. */
  limit?: number;
  sample?: number;
  minDurationS?: number;
  urlContains?: string;
  /**
   * Fetch exactly these sessions (e.g. the examples behind the top hotspots of a pushdown analysis) instead of
   * listing a window; the cursor does not move.
   */
  sessionIds?: string[];
  /** Undefined keeps the project's stored setting (auto on a first run). */
  trainingConsent?: ConsentSetting;
  /** 'eu' for self-hosted instances in the EU (consent auto -> off). */
  region?: string;
  signal?: AbortSignal;
  pageSize?: number;
  rangeAttempts?: number;
  rangeRetryDelayMs?: number;
  onProgress?(progress: SyncProgress): void;
  /** Called once a session's outcome is saved; a throw stops the run there (tests use it as a kill). */
  afterSession?(sessionId: string, outcome: 'written' | 'failed'): void | Promise<void>;
  log?(line: string): void;
}

export interface SyncResult {
  projectDir: string;
  listed: number;
  recent: number;
  filtered: number;
  sampledOut: number;
  alreadyCached: number;
  written: string[];
  failed: { id: string; reason: string; permanent: boolean }[];
  snapshotCalls: number;
  bytes: number;
  /** Everything selected was attempted and the cursor moved on. */
  complete: boolean;
  consent: ConsentRecord;
}

interface Candidate {
  id: string;
  startTime: string;
  durationS: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function listingStart(options: SyncOptions, state: SyncState, now: number): number {
  if (options.since !== undefined) {
    const since = parseSince(options.since, now);
    if (since === undefined) throw new Error(`--since "${options.since}" is neither a duration like 7d / 12h nor a date`);
    return since;
  }
  if (state.cursor.listedThrough) return Date.parse(state.cursor.listedThrough) - LISTING_OVERLAP_MS;
  return parseSince(DEFAULT_SINCE, now)!;
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const { client } = options;
  const log = (line: string): void => options.log?.(client.http.redact(line));
  const now = client.http.clock.now();
  const host = client.host.baseUrl;
  const fresh = decideConsent(options.trainingConsent, undefined, host, options.region, now);
  const cache = ProjectCache.open(options.cacheDir, host, client.projectId, fresh, log);
  try {
    const state = cache.state;
    state.consent = decideConsent(options.trainingConsent, state.consent, host, options.region, now);
    state.cursor.lastRunAt = iso(now);
    cache.save();
    const result: SyncResult = {
      projectDir: cache.dir,
      listed: 0,
      recent: 0,
      filtered: 0,
      sampledOut: 0,
      alreadyCached: 0,
      snapshotCalls: 0,
      bytes: 0,
      written: [],
      failed: [],
      complete: false,
      consent: state.consent,
    };
    const run: Run = { options, cache, state, result, now, log, filters: { now, since: listingStart(options, state, now), minDurationS: options.minDurationS, urlContains: options.urlContains, sample: options.sample } };
    const selected = options.sessionIds ? explicitCandidates(run, options.sessionIds) : await listCandidates(run);
    const toFetch = options.limit !== undefined ? selected.slice(0, options.limit) : selected;
    await fetchCandidates(run, toFetch);

    // Move the cursor only when the whole window was covered: not after --limit cut it short, and not for
    // filtered or sampled runs, whose skipped sessions a later unfiltered run must still see.
    const unfiltered = options.sample === undefined && options.minDurationS === undefined && !options.urlContains && !options.sessionIds;
    result.complete = toFetch.length === selected.length;
    const contiguous = !state.cursor.listedThrough || run.filters.since! <= Date.parse(state.cursor.listedThrough);
    if (result.complete && unfiltered && contiguous) state.cursor.listedThrough = iso(now - MIN_RECORDING_AGE_MS);
    cache.save();
    report(run, 'done', toFetch.length, 0);
    return result;
  } finally {
    cache.close();
  }
}

interface Run {
  options: SyncOptions;
  cache: ProjectCache;
  state: SyncState;
  result: SyncResult;
  filters: SelectionFilters;
  now: number;
  log: (line: string) => void;
}

function report(run: Run, phase: SyncProgress['phase'], toFetch: number, etaMs?: number): void {
  const r = run.result;
  run.options.onProgress?.({ phase, toFetch, etaMs, listed: r.listed, written: r.written.length, failed: r.failed.length, alreadyCached: r.alreadyCached, recent: r.recent, snapshotCalls: r.snapshotCalls, bytes: r.bytes });
}

/** Lists the whole window first: it costs list calls only, and gives the counts and the ETA. */
async function listCandidates(run: Run): Promise<Candidate[]> {
  const { options, state, result, filters } = run;
  const candidates = new Map<string, Candidate>();
  const window = { dateFrom: iso(filters.since!), dateTo: iso(run.now - MIN_RECORDING_AGE_MS), pageSize: options.pageSize };
  for await (const page of options.client.recordingPages(window, options.signal, run.log)) {
    for (const recording of page) {
      result.listed++;
      const verdict = judgeRecording(recording, filters);
      if (verdict === 'recent') result.recent++;
      else if (verdict === 'filtered' || verdict === 'out_of_range') result.filtered++;
      else if (verdict === 'sampled_out') result.sampledOut++;
      else if (state.sessions[recording.id]) result.alreadyCached++;
      else if (retryable(state, recording.id)) candidates.set(recording.id, { id: recording.id, startTime: recording.start_time, durationS: recording.recording_duration });
    }
    report(run, 'listing', 0);
  }
  // Failures of earlier runs may lie before this run's window: retry them by id.
  for (const [id, failure] of Object.entries(state.failures)) {
    if (!candidates.has(id) && !state.sessions[id] && retryable(state, id)) candidates.set(id, { id, startTime: failure.startTime, durationS: failure.durationS });
  }
  return [...candidates.values()];
}

/** Named sessions: no listing, so no age or duration is known; cached ones are skipped. */
function explicitCandidates(run: Run, ids: string[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const id of new Set(ids)) {
    if (run.state.sessions[id]) run.result.alreadyCached++;
    else candidates.push({ id, startTime: '', durationS: 0 });
  }
  return candidates;
}

/** One session at a time: the snapshot budget, not latency, is the bottleneck. */
async function fetchCandidates(run: Run, toFetch: Candidate[]): Promise<void> {
  const { options, cache, state, result } = run;
  const { limiter, clock } = options.client.http;
  const started = clock.now();
  let consecutiveTransient = 0;
  report(run, 'fetching', toFetch.length, estimateEtaMs(toFetch.length, limiter, { sessions: 0, calls: 0, elapsedMs: 0 }));
  for (const candidate of toFetch) {
    options.signal?.throwIfAborted();
    const stats: SessionFetchStats = { calls: 0, ranges: 0, lines: 0 };
    let outcome: 'written' | 'failed' = 'written';
    try {
      result.bytes += await syncSession(cache, options.client, candidate, stats, options, run.log);
      result.written.push(candidate.id);
      consecutiveTransient = 0;
    } catch (error) {
      // This session's problem (or PostHog's, for a moment): record it and go on. Anything else stops the run.
      const transient = error instanceof PosthogApiError && error.transient;
      if (!(error instanceof SessionFetchError) && !transient) throw error;
      const permanent = error instanceof SessionFetchError && error.permanent;
      const reason = (error as Error).message;
      recordFailure(state, candidate, reason, permanent, run.now);
      cache.save();
      result.failed.push({ id: candidate.id, reason, permanent });
      run.log(`skipped ${reason}`);
      consecutiveTransient = transient ? consecutiveTransient + 1 : 0;
      if (consecutiveTransient >= MAX_CONSECUTIVE_TRANSIENT_FAILURES) throw error;
      outcome = 'failed';
    } finally {
      result.snapshotCalls += stats.calls;
    }
    const done = result.written.length + result.failed.length;
    report(run, 'fetching', toFetch.length, estimateEtaMs(toFetch.length - done, limiter, { sessions: done, calls: result.snapshotCalls, elapsedMs: clock.now() - started }));
    await options.afterSession?.(candidate.id, outcome);
  }
}

function retryable(state: SyncState, id: string): boolean {
  const failure = state.failures[id];
  return !failure || (!failure.permanent && failure.attempts < MAX_FAILURE_ATTEMPTS);
}

function recordFailure(state: SyncState, candidate: Candidate, reason: string, permanent: boolean, now: number): void {
  const attempts = (state.failures[candidate.id]?.attempts ?? 0) + 1;
  state.failures[candidate.id] = { reason, attempts, permanent, lastAttemptAt: iso(now), startTime: candidate.startTime, durationS: candidate.durationS };
}

/** Fetches, scrubs and commits one session, then records it; returns its size. Nothing is kept on failure. */
async function syncSession(cache: ProjectCache, client: PosthogClient, candidate: Candidate, stats: SessionFetchStats, options: SyncOptions, log: (line: string) => void): Promise<number> {
  const writer = cache.beginSession(candidate.id);
  let events = 0;
  let dropped = 0;
  const write = async (lines: BlobLine[]): Promise<void> => {
    let chunk = '';
    for (const [windowId, event] of lines) {
      try {
        chunk += JSON.stringify([windowId, scrubEvent(event)]) + '\n';
        events++;
      } catch (error) {
        // A payload we cannot decode cannot be scrubbed either: it never reaches the disk.
        if (!(error instanceof CompressedPayloadError)) throw error;
        dropped++;
      }
    }
    await writer.write(chunk);
  };
  try {
    await fetchSessionBlobs(client, candidate.id, write, {
      signal: options.signal,
      clock: client.http.clock,
      rangeAttempts: options.rangeAttempts,
      rangeRetryDelayMs: options.rangeRetryDelayMs,
      log,
      stats,
    });
    if (events === 0) throw new SessionFetchError(`session ${candidate.id}: no usable events`, true);
    const bytes = await writer.commit();
    const file = cache.sessionFile(candidate.id);
    cache.state.sessions[candidate.id] = {
      file: file.slice(cache.dir.length + 1),
      bytes,
      events,
      startTime: candidate.startTime,
      durationS: candidate.durationS,
      syncedAt: iso(client.http.clock.now()),
      ...(dropped > 0 ? { droppedEvents: dropped } : {}),
    };
    delete cache.state.failures[candidate.id];
    cache.save();
    return bytes;
  } catch (error) {
    await writer.discard();
    throw error;
  }
}

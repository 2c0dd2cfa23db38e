// A recording's rrweb events from its blob_v2 blocks (FACTS.md 2.5): only blob_v2 sources (mixing in legacy
// or realtime sources duplicates events), fetched in ranges of at most 20 keys, each range parsed completely
// before anyone sees it. A range that does not parse is fetched again, then the session is given up whole.
import { type Clock } from './clock';
import type { PosthogClient } from './client';
import { CorruptBlobError, PosthogApiError, SessionFetchError } from './errors';
import type { BlobLine, SnapshotSource } from './types';

/** The server rejects end - start > 20; 20 keys (end - start = 19) stays clear of that edge. */
export const MAX_KEYS_PER_RANGE = 20;
export const DEFAULT_RANGE_ATTEMPTS = 3;

export interface BlobRange {
  start: string;
  end: string;
  keys: number;
}

/** The blob_v2 keys of a listing, numeric keys in numeric order; undefined when there is no blob_v2 source. */
export function blobV2Keys(sources: SnapshotSource[]): string[] | undefined {
  const keys = [...new Set(sources.filter((s) => s.source === 'blob_v2' && typeof s.blob_key === 'string').map((s) => s.blob_key as string))];
  if (keys.length === 0) return undefined;
  const numeric = keys.filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
  return [...numeric, ...keys.filter((k) => !/^\d+$/.test(k))];
}

/** Consecutive numeric keys grouped into ranges of at most `max`; gaps and non-numeric keys start new ranges. */
export function planBlobRanges(keys: string[], max = MAX_KEYS_PER_RANGE): BlobRange[] {
  const ranges: BlobRange[] = [];
  let current: BlobRange | undefined;
  for (const key of keys) {
    const numeric = /^\d+$/.test(key);
    const extends_ = current && numeric && /^\d+$/.test(current.end) && Number(key) === Number(current.end) + 1 && current.keys < max;
    if (current && extends_) {
      current.end = key;
      current.keys++;
    } else {
      current = { start: key, end: key, keys: 1 };
      ranges.push(current);
    }
  }
  return ranges;
}

function isEvent(v: unknown): v is BlobLine[1] {
  const e = v as BlobLine[1];
  return !!e && typeof e === 'object' && !Array.isArray(e) && typeof e.type === 'number' && typeof e.timestamp === 'number';
}

/** Every line of a range, or CorruptBlobError naming the first line that is not `[windowId, event]`. */
export function parseBlobJsonl(text: string): BlobLine[] {
  const lines: BlobLine[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i].trim();
    if (row === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      throw new CorruptBlobError(`line ${i + 1} is not JSON (${row.length} chars${i === rows.length - 1 ? ', the last line: cut short?' : ''})`);
    }
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && isEvent(value[1])) {
      lines.push([value[0], value[1]]);
      continue;
    }
    // The older blob line {"windowId", "data": [events]}.
    const old = value as { windowId?: unknown; data?: unknown };
    if (old && typeof old.windowId === 'string' && Array.isArray(old.data) && old.data.every(isEvent)) {
      for (const event of old.data) lines.push([old.windowId, event]);
      continue;
    }
    throw new CorruptBlobError(`line ${i + 1} is not ["windowId", event]`);
  }
  return lines;
}

export interface FetchSessionOptions {
  signal?: AbortSignal;
  clock: Clock;
  rangeAttempts?: number;
  /** Pause before fetching a corrupt range again. */
  rangeRetryDelayMs?: number;
  log?: (line: string) => void;
  /** Counted into as calls are made, so failed sessions are counted too. */
  stats?: SessionFetchStats;
}

export interface SessionFetchStats {
  calls: number;
  ranges: number;
  lines: number;
}

/**
 * Streams a session's lines to `onLines`, one fully parsed range at a time. Throws SessionFetchError when
 * the session cannot be fetched completely; the caller then discards whatever it got.
 */
export async function fetchSessionBlobs(
  client: PosthogClient,
  sessionId: string,
  onLines: (lines: BlobLine[]) => void | Promise<void>,
  options: FetchSessionOptions,
): Promise<SessionFetchStats> {
  const stats = options.stats ?? { calls: 0, ranges: 0, lines: 0 };
  stats.calls++;
  const sources = await asSessionFailure(sessionId, () => client.snapshotSources(sessionId, options.signal));
  const keys = blobV2Keys(sources);
  if (!keys) {
    const kinds = [...new Set(sources.map((s) => s.source))].join(', ') || 'none';
    throw new SessionFetchError(`session ${sessionId}: no blob_v2 data (sources: ${kinds}); legacy and realtime sources are not supported`, true);
  }
  const attempts = options.rangeAttempts ?? DEFAULT_RANGE_ATTEMPTS;
  for (const range of planBlobRanges(keys)) {
    stats.ranges++;
    for (let attempt = 1; ; attempt++) {
      stats.calls++;
      const text = await asSessionFailure(sessionId, () => client.blobRange(sessionId, range.start, range.end, options.signal));
      try {
        const lines = parseBlobJsonl(text);
        stats.lines += lines.length;
        await onLines(lines);
        break;
      } catch (error) {
        if (!(error instanceof CorruptBlobError)) throw error;
        const where = `session ${sessionId}, blob keys ${range.start}-${range.end}`;
        if (attempt >= attempts) throw new SessionFetchError(`${where}: truncated or corrupt after ${attempts} attempts (${error.message})`, false);
        options.log?.(`${where}: ${error.message}; fetching it again`);
        await options.clock.sleep(options.rangeRetryDelayMs ?? 1000, options.signal);
      }
    }
  }
  return stats;
}

/** A recording that is gone (404) is this session's problem, not the run's; everything else propagates. */
async function asSessionFailure<T>(sessionId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PosthogApiError && error.kind === 'not_found') throw new SessionFetchError(`session ${sessionId}: ${error.message}`, false);
    throw error;
  }
}

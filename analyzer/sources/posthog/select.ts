// Which listed recordings a sync takes: old enough to be final, inside the date range, matching the filters,
// and in the sample. Pure, so the same flags always pick the same sessions.
import { createHash } from 'node:crypto';
import { DAY, HOUR } from './clock';
import type { RecordingSummary } from './types';

/** PostHog cuts sessions at 24 h and may still add to younger ones: "only export recordings that started
 * more than 24 hours ago" (FACTS.md 2.5). */
export const MIN_RECORDING_AGE_MS = DAY;

export interface SelectionFilters {
  now: number;
  /** Earliest start time taken (ms since epoch). */
  since?: number;
  /** Seconds; filtered here because the list has no documented duration parameter. */
  minDurationS?: number;
  /** Case-insensitive substring of the recording's start_url. */
  urlContains?: string;
  /** Fraction in (0, 1]: keeps a session when the hash of its id falls below it. */
  sample?: number;
}

export type Verdict = 'take' | 'recent' | 'out_of_range' | 'filtered' | 'sampled_out';

/** A stable number in [0, 1) per session id: the same sessions are sampled on every run and machine. */
export function sampleFraction(sessionId: string): number {
  return createHash('sha256').update(sessionId).digest().readUInt32BE(0) / 2 ** 32;
}

export function judgeRecording(recording: RecordingSummary, filters: SelectionFilters): Verdict {
  const start = Date.parse(recording.start_time);
  if (filters.now - start < MIN_RECORDING_AGE_MS) return 'recent';
  if (filters.since !== undefined && start < filters.since) return 'out_of_range';
  if (filters.minDurationS !== undefined && recording.recording_duration < filters.minDurationS) return 'filtered';
  if (filters.urlContains && !(recording.start_url ?? '').toLowerCase().includes(filters.urlContains.toLowerCase())) return 'filtered';
  if (filters.sample !== undefined && filters.sample < 1 && sampleFraction(recording.id) >= filters.sample) return 'sampled_out';
  return 'take';
}

/** `7d`, `12h`, `30m` before `now`, or an ISO date; undefined when unreadable. */
export function parseSince(value: string, now: number): number | undefined {
  const relative = /^(\d+)\s*([dhm])$/i.exec(value.trim());
  if (relative) {
    const unit = { d: DAY, h: HOUR, m: HOUR / 60 }[relative[2].toLowerCase() as 'd' | 'h' | 'm'];
    return now - Number(relative[1]) * unit;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

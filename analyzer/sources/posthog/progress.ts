// Sync progress and its ETA. The ETA comes from the snapshot rate-limit budget, not from past speed alone:
// at 120 calls/min and 600/h per key (FACTS.md 2.5) and at least two calls per recording, a long sync is
// bound to ~300 recordings an hour (DESIGN.md "Scale"), and the user should know that up front.
import { HOUR, MINUTE, SECOND } from './clock';
import type { RateLimiter, RateLimits } from './rate-limiter';

/** Sources listing + at least one blob range. */
export const MIN_CALLS_PER_RECORDING = 2;

export interface SyncProgress {
  phase: 'listing' | 'fetching' | 'done';
  listed: number;
  /** Sessions this run means to fetch (after filters, sampling, --limit and what is cached). */
  toFetch: number;
  written: number;
  failed: number;
  alreadyCached: number;
  recent: number;
  snapshotCalls: number;
  bytes: number;
  etaMs?: number;
}

/** Recordings per hour the snapshot limits allow at best. */
export function recordingsPerHour(limits: RateLimits): number {
  const callsPerHour = Math.min(...limits.snapshots.map((w) => (w.limit * HOUR) / w.windowMs));
  return Math.floor(callsPerHour / MIN_CALLS_PER_RECORDING);
}

export function budgetNote(limits: RateLimits): string {
  const windows = limits.snapshots.map((w) => `${w.limit}/${formatWindow(w.windowMs)}`).join(' and ');
  return `PostHog allows ${windows} snapshot calls per API key and each recording needs at least ${MIN_CALLS_PER_RECORDING}: at most ~${recordingsPerHour(limits)} recordings an hour`;
}

/**
 * Time left for `remaining` sessions: what the snapshot windows allow from their current use, or what the
 * observed pace says if that is slower (large recordings need more than two calls, latency adds up).
 */
export function estimateEtaMs(remaining: number, limiter: RateLimiter, observed: { sessions: number; calls: number; elapsedMs: number }): number {
  if (remaining <= 0) return 0;
  const callsPerSession = observed.sessions > 0 ? Math.max(MIN_CALLS_PER_RECORDING, observed.calls / observed.sessions) : MIN_CALLS_PER_RECORDING;
  const byBudget = limiter.estimateMs('snapshots', Math.ceil(remaining * callsPerSession));
  const byPace = observed.sessions > 0 ? (observed.elapsedMs / observed.sessions) * remaining : 0;
  return Math.max(byBudget, byPace);
}

function formatWindow(ms: number): string {
  if (ms === HOUR) return 'h';
  if (ms === MINUTE) return 'min';
  return `${ms / SECOND} s`;
}

export function formatDuration(ms: number): string {
  if (ms < MINUTE) return `${Math.ceil(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  return `${Math.floor(ms / HOUR)} h ${Math.round((ms % HOUR) / MINUTE)} min`;
}

export function formatProgress(p: SyncProgress): string {
  if (p.phase === 'listing') return `listing recordings: ${p.listed} so far`;
  const eta = p.etaMs !== undefined && p.phase === 'fetching' ? `, ETA ${formatDuration(p.etaMs)}` : '';
  return (
    `sessions ${p.written + p.failed}/${p.toFetch} (${p.written} cached, ${p.failed} failed), ` +
    `${p.alreadyCached} already cached, ${p.recent} too recent, ${p.snapshotCalls} snapshot calls, ${(p.bytes / 1e6).toFixed(1)} MB${eta}`
  );
}

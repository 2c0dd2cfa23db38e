// Public surface of the PostHog source: client (recordings, snapshots, HogQL), sync into the local cache,
// and the cache inventory used by `friction privacy` / `purge` and the extension.
export { resolveHost, HOST_PRESETS, HostError, type PosthogHost, type HostPreset } from './hosts';
export { PosthogClient, DEFAULT_PAGE_SIZE, type RecordingListFilters } from './client';
export { PosthogHttp, DEFAULT_TIMEOUT_MS, type HttpOptions } from './http';
export { RateLimiter, POSTHOG_RATE_LIMITS, type RateLimits, type RateWindow, type ApiCategory } from './rate-limiter';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { systemClock, type Clock } from './clock';
export { PosthogApiError, SessionFetchError, isAbortError, type ApiErrorKind } from './errors';
export { runHogQL, type HogQLOptions, type HogQLMode } from './hogql';
export { runSync, DEFAULT_SINCE, type SyncOptions, type SyncResult } from './sync';
export { budgetNote, formatProgress, recordingsPerHour, type SyncProgress } from './progress';
export { inspectCache, purgeCache, type CacheInventory, type ProjectInventory } from './cache-inventory';
export { CacheBusyError, CacheStateError, readState, type SyncState, type ConsentRecord } from './cache';
export { parseSince } from './select';
export type { HogQLResult, RecordingSummary, SnapshotSource } from './types';
export { decideConsent } from './consent-record';

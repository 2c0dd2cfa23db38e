// The PostHog calls Friction Lens makes: recordings list, snapshot sources, blob_v2 ranges (FACTS.md 2.4-2.5)
// and HogQL (hogql.ts). Answers are checked against the documented shapes before anyone uses them.
import { PosthogApiError } from './errors';
import { runHogQL, type HogQLOptions } from './hogql';
import type { PosthogHost } from './hosts';
import { PosthogHttp, type HttpOptions } from './http';
import type { HogQLResult, RecordingSummary, RecordingsPage, SnapshotSource } from './types';

/** PostHog's page size default is small; 100 keeps a 10,000-recording listing at 100 calls. */
export const DEFAULT_PAGE_SIZE = 100;
/** Guard against a server that keeps saying has_next with empty pages. */
const MAX_PAGES = 10_000;
/** Session ids become URL segments and file names: nothing that could climb out of either. */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function isSafeSessionId(id: unknown): id is string {
  return typeof id === 'string' && SESSION_ID.test(id) && !id.includes('..');
}

export interface RecordingListFilters {
  /** ISO date or PostHog relative date (-7d). */
  dateFrom?: string;
  dateTo?: string;
  pageSize?: number;
}

export class PosthogClient {
  constructor(
    readonly http: PosthogHttp,
    readonly projectId: string,
  ) {
    if (!/^\d+$/.test(projectId)) throw new Error(`project id "${projectId}" must be a number (PostHog: Project settings -> Project ID)`);
  }

  static create(host: PosthogHost, projectId: string, apiKey: string, options: HttpOptions = {}): PosthogClient {
    return new PosthogClient(new PosthogHttp(host, apiKey, options), projectId);
  }

  get host(): PosthogHost {
    return this.http.host;
  }

  /** Pages of recordings, following `offset` until has_next is false (the list has no next URL). */
  async *recordingPages(filters: RecordingListFilters = {}, signal?: AbortSignal, onIgnored?: (why: string) => void): AsyncGenerator<RecordingSummary[]> {
    const limit = filters.pageSize ?? DEFAULT_PAGE_SIZE;
    const path = `/api/projects/${this.projectId}/session_recordings/`;
    for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
      const answer = await this.http.json<RecordingsPage>('recordings', {
        method: 'GET',
        path,
        params: { limit, offset, date_from: filters.dateFrom, date_to: filters.dateTo },
        signal,
      });
      if (!answer || !Array.isArray(answer.results)) throw badAnswer(`GET ${path}`, 'has no results array');
      const usable = answer.results.filter((r) => {
        const ok = isSafeSessionId(r?.id) && typeof r.start_time === 'string' && !Number.isNaN(Date.parse(r.start_time));
        if (!ok) onIgnored?.(`recording ${JSON.stringify(r?.id)}: no usable id or start_time`);
        return ok;
      });
      yield usable.map((r) => ({ ...r, recording_duration: Number(r.recording_duration) || 0 }));
      if (answer.has_next !== true || answer.results.length === 0) return;
      offset += answer.results.length;
    }
  }

  /** Where a recording's data lives (not idempotent server-side, so called once per session). */
  async snapshotSources(sessionId: string, signal?: AbortSignal): Promise<SnapshotSource[]> {
    const path = this.snapshotsPath(sessionId);
    const answer = await this.http.json<{ sources?: unknown }>('snapshots', { method: 'GET', path, params: { blob_v2: true }, signal });
    if (!answer || !Array.isArray(answer.sources)) throw badAnswer(`GET ${path}`, 'has no sources array');
    return answer.sources.filter((s): s is SnapshotSource => !!s && typeof (s as SnapshotSource).source === 'string');
  }

  /** blob_v2 blocks start..end inclusive, as JSONL text. Callers keep end - start < 20 (FACTS.md 2.5). */
  async blobRange(sessionId: string, startKey: string, endKey: string, signal?: AbortSignal): Promise<string> {
    const params = startKey === endKey ? { source: 'blob_v2', blob_key: startKey } : { source: 'blob_v2', start_blob_key: startKey, end_blob_key: endKey };
    return this.http.text('snapshots', { method: 'GET', path: this.snapshotsPath(sessionId), params, signal });
  }

  query(hogql: string, options: HogQLOptions = {}): Promise<HogQLResult> {
    return runHogQL(this.http, this.projectId, hogql, options);
  }

  private snapshotsPath(sessionId: string): string {
    if (!isSafeSessionId(sessionId)) throw new Error(`unsafe session id ${JSON.stringify(sessionId)}`);
    return `/api/environments/${this.projectId}/session_recordings/${sessionId}/snapshots`;
  }
}

function badAnswer(endpoint: string, what: string): PosthogApiError {
  return new PosthogApiError(`PostHog ${endpoint} answered a body that ${what}: the API may have changed`, 'bad_answer', endpoint, { transient: false });
}

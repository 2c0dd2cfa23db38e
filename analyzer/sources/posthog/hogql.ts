// HogQL through POST /api/projects/:id/query/ (FACTS.md 2.3), blocking or async with polling. Aggregating in
// PostHog's ClickHouse is how we scale past the snapshot budget (DESIGN.md "Scale"). A query holds one of the
// 3 concurrent-query slots from its POST until it completes; aborting it cancels it server-side (DELETE).
import { MINUTE, SECOND } from './clock';
import { isAbortError, PosthogApiError } from './errors';
import type { PosthogHttp } from './http';
import type { HogQLResult, QueryStatus } from './types';

export type HogQLMode = 'blocking' | 'async';

export interface HogQLOptions {
  /** Shown in PostHog's query_log (prefixed friction-lens:), so the project owner can see what we ran. */
  name?: string;
  mode?: HogQLMode;
  signal?: AbortSignal;
  /** First delay between polls; doubles up to maxPollMs. */
  pollMs?: number;
  maxPollMs?: number;
  /** An async query still running after this is cancelled. */
  timeoutMs?: number;
}

export const HOGQL_DEFAULTS = { name: 'friction-lens', pollMs: 250, maxPollMs: 2 * SECOND, timeoutMs: 10 * MINUTE };

type QueryAnswer = Partial<HogQLResult> & { query_status?: QueryStatus };

function resultOf(value: unknown): HogQLResult | undefined {
  const v = value as Partial<HogQLResult> | undefined;
  if (!v || !Array.isArray(v.results)) return undefined;
  return { ...v, results: v.results, columns: Array.isArray(v.columns) ? v.columns : [], types: Array.isArray(v.types) ? v.types : [] };
}

export async function runHogQL(http: PosthogHttp, projectId: string, query: string, options: HogQLOptions = {}): Promise<HogQLResult> {
  // Always under our prefix, so the project owner can tell our queries apart in query_log.
  const name = !options.name ? HOGQL_DEFAULTS.name : options.name.startsWith(HOGQL_DEFAULTS.name) ? options.name : `${HOGQL_DEFAULTS.name}:${options.name}`;
  const path = `/api/projects/${projectId}/query/`;
  const slot = await http.limiter.queries.acquire(options.signal);
  try {
    const body = { query: { kind: 'HogQLQuery', query }, name, refresh: options.mode === 'async' ? 'async' : 'blocking' };
    const first = await http.json<QueryAnswer>('queries', { method: 'POST', path, body, signal: options.signal });
    if (!first?.query_status || first.query_status.complete) {
      const result = resultOf(first) ?? resultOf(first?.query_status?.results);
      if (result) return result;
      throw new PosthogApiError(`PostHog POST ${path} answered neither results nor a query status`, 'bad_answer', `POST ${path}`, { transient: false });
    }
    return await pollUntilComplete(http, path, first.query_status.id, name, options);
  } finally {
    slot.release();
  }
}

async function pollUntilComplete(http: PosthogHttp, path: string, id: string, name: string, options: HogQLOptions): Promise<HogQLResult> {
  const endpoint = `GET ${path}${id}/`;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(id)) throw new PosthogApiError(`PostHog POST ${path} answered an unusable query id`, 'bad_answer', endpoint, { transient: false });
  const started = http.clock.now();
  const maxPoll = options.maxPollMs ?? HOGQL_DEFAULTS.maxPollMs;
  const timeout = options.timeoutMs ?? HOGQL_DEFAULTS.timeoutMs;
  let delay = options.pollMs ?? HOGQL_DEFAULTS.pollMs;
  try {
    while (true) {
      await http.clock.sleep(delay, options.signal);
      const answer = await http.json<QueryAnswer>('queries', { method: 'GET', path: `${path}${id}/`, signal: options.signal });
      const status: QueryStatus | undefined = answer?.query_status ?? (answer as unknown as QueryStatus);
      if (status?.error) {
        throw new PosthogApiError(http.redact(`HogQL query "${name}" failed in PostHog: ${status.error_message ?? 'no message'}`), 'bad_request', endpoint, { transient: false });
      }
      if (status?.complete) {
        const result = resultOf(status.results) ?? resultOf(answer);
        if (result) return result;
        throw new PosthogApiError(`PostHog ${endpoint} said complete but sent no results`, 'bad_answer', endpoint, { transient: false });
      }
      if (http.clock.now() - started > timeout) {
        await cancelQuery(http, path, id);
        throw new PosthogApiError(`HogQL query "${name}" still running after ${timeout / SECOND} s; cancelled it`, 'timeout', endpoint, { transient: false });
      }
      delay = Math.min(maxPoll, delay * 2);
    }
  } catch (error) {
    if (isAbortError(error) || options.signal?.aborted) await cancelQuery(http, path, id);
    throw error;
  }
}

/** Best effort: the query may have finished meanwhile; a failure to cancel must not hide the abort. */
async function cancelQuery(http: PosthogHttp, path: string, id: string): Promise<void> {
  try {
    await http.text('queries', { method: 'DELETE', path: `${path}${id}/`, retry: false });
  } catch {
    // nothing more to do: the server drops abandoned queries after its own 10 s execution limit
  }
}

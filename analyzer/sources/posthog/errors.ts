// Typed failures of the PostHog source. Messages say which call failed and what the user can do about it;
// they never carry the API key (built from safe fields only, then passed through redactSecrets).

export type ApiErrorKind =
  | 'auth' // 401/403: key missing, wrong, or lacking a scope
  | 'not_found' // 404: wrong project id, or a recording/blob that is gone
  | 'bad_request' // other 4xx: our request or the HogQL was rejected
  | 'rate_limited' // 429 still answered after every retry
  | 'server' // 5xx still answered after every retry
  | 'timeout' // no complete answer in time
  | 'network' // connection refused, reset, DNS...
  | 'bad_answer'; // 2xx whose body is not what the API documents

const TRANSIENT_KINDS = new Set<ApiErrorKind>(['rate_limited', 'server', 'timeout', 'network', 'bad_answer']);

export class PosthogApiError extends Error {
  override readonly name = 'PosthogApiError';
  readonly status?: number;
  /** Server-requested pause (429 Retry-After), in ms. */
  readonly retryAfterMs?: number;
  /** Worth another attempt with the same request (a reset connection is; a wrong key or host is not). */
  readonly transient: boolean;

  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    /** e.g. 'GET /api/projects/1/session_recordings/' */
    readonly endpoint: string,
    details: { status?: number; retryAfterMs?: number; transient?: boolean } = {},
  ) {
    super(message);
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.transient = details.transient ?? TRANSIENT_KINDS.has(kind);
  }
}

/** A blob range whose JSONL does not parse: truncated in transit or corrupt at the source. */
export class CorruptBlobError extends Error {
  override readonly name = 'CorruptBlobError';
}

/** One session could not be fetched completely; it is skipped and reported, never half-written. */
export class SessionFetchError extends Error {
  override readonly name = 'SessionFetchError';
  constructor(
    message: string,
    /** Retrying in a later run cannot help (e.g. no blob_v2 data, recording deleted). */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'CanceledError' || (error as { code?: string }).code === 'ABORT_ERR');
}

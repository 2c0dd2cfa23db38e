// One authenticated HTTP call to the private PostHog API: throttled per category, timed out, retried when
// transient, and turned into a PosthogApiError that says what to do. axios errors never escape: their
// config carries the Authorization header, so only safe fields are copied out, then redacted.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { SECOND, systemClock, type Clock } from './clock';
import { PosthogApiError, type ApiErrorKind } from './errors';
import type { PosthogHost } from './hosts';
import { RateLimiter, type ApiCategory } from './rate-limiter';
import { redactSecrets } from './redact';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry, type RetryPolicy } from './retry';

export const DEFAULT_TIMEOUT_MS = 60 * SECOND;

/** The scope a personal API key needs per category (FACTS.md 2.1). */
const SCOPES: Record<ApiCategory, string> = {
  recordings: 'session_recording:read',
  snapshots: 'session_recording:read',
  queries: 'query:read',
};

export interface HttpOptions {
  /** Whole-call deadline (headers and body). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  limiter?: RateLimiter;
  clock?: Clock;
  /** Retry notices; lines never contain the key. */
  log?: (line: string) => void;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under the host, e.g. /api/projects/1/query/ */
  path: string;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** false: a single attempt (best-effort calls such as cancelling a query). */
  retry?: boolean;
}

const NOT_TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID']);

export class PosthogHttp {
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  // A #private field: util.inspect and JSON.stringify of this object never show it.
  readonly #apiKey: string;
  private readonly axios: AxiosInstance;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly log: (line: string) => void;

  constructor(
    readonly host: PosthogHost,
    apiKey: string,
    options: HttpOptions = {},
  ) {
    this.#apiKey = apiKey;
    this.clock = options.clock ?? systemClock;
    this.limiter = options.limiter ?? new RateLimiter(undefined, this.clock);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.log = (line) => options.log?.(this.redact(line));
    // No default headers: the key is added per request so the instance itself holds no secret.
    this.axios = axios.create({ baseURL: host.baseUrl });
  }

  redact(text: string): string {
    return redactSecrets(text, this.#apiKey);
  }

  async json<T>(category: ApiCategory, request: ApiRequest): Promise<T> {
    return this.send(category, request, true) as Promise<T>;
  }

  async text(category: ApiCategory, request: ApiRequest): Promise<string> {
    return this.send(category, request, false) as Promise<string>;
  }

  private async send(category: ApiCategory, request: ApiRequest, parseJson: boolean): Promise<unknown> {
    const endpoint = `${request.method} ${request.path}`;
    const policy = request.retry === false ? { ...this.policy, attempts: 1 } : this.policy;
    return withRetry(
      async () => {
        const permit = await this.limiter.acquire(category, request.signal);
        try {
          return await this.once(category, request, endpoint, parseJson);
        } finally {
          permit.release();
        }
      },
      {
        policy,
        clock: this.clock,
        signal: request.signal,
        onRetry: (error, attempt, delay) => this.log(`${error.message}; retry ${attempt} of ${policy.attempts - 1} in ${(delay / SECOND).toFixed(1)} s`),
      },
    );
  }

  private async once(category: ApiCategory, request: ApiRequest, endpoint: string, parseJson: boolean): Promise<unknown> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    let response: AxiosResponse<string>;
    try {
      response = await this.axios.request<string>({
        method: request.method,
        url: request.path,
        params: request.params,
        data: request.body,
        headers: { Authorization: `Bearer ${this.#apiKey}`, Accept: parseJson ? 'application/json' : 'application/jsonl, application/json' },
        signal,
        responseType: 'text',
        transformResponse: (data: string) => data,
        validateStatus: () => true,
        // A redirect means a wrong host; following it could hand the key to another origin.
        maxRedirects: 0,
      });
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (deadline.signal.aborted) throw this.fail('timeout', endpoint, `no complete answer within ${this.timeoutMs / SECOND} s`);
      throw this.networkFailure(error, endpoint);
    } finally {
      clearTimeout(timer);
    }
    const { status } = response;
    if (status >= 200 && status < 300) return parseJson ? this.parse(response, endpoint) : response.data;
    throw this.statusFailure(category, response, endpoint);
  }

  private parse(response: AxiosResponse<string>, endpoint: string): unknown {
    const type = String(response.headers['content-type'] ?? '');
    if (type.includes('text/html')) {
      throw this.fail('bad_answer', endpoint, `answered an HTML page, not the API: check the host (${this.host.baseUrl})`, { transient: false });
    }
    try {
      return JSON.parse(response.data);
    } catch {
      // Usually a body cut short in transit; worth another attempt.
      throw this.fail('bad_answer', endpoint, `answered ${response.data.length} bytes that are not valid JSON`);
    }
  }

  private statusFailure(category: ApiCategory, response: AxiosResponse<string>, endpoint: string): PosthogApiError {
    const { status } = response;
    const detail = detailOf(response.data);
    const said = `answered ${status}${detail ? ` (${detail})` : ''}`;
    if (status === 401 || status === 403) {
      return this.fail('auth', endpoint, `${said}: check the personal API key has ${SCOPES[category]} and access to this project`, { status });
    }
    if (status === 404) return this.fail('not_found', endpoint, `${said}: check the project id, or the recording no longer exists`, { status });
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(headerOf(response, 'retry-after'), this.clock.now());
      if (retryAfterMs !== undefined) this.limiter.pause(category, this.clock.now() + retryAfterMs);
      const wait = retryAfterMs !== undefined ? `; PostHog asked to wait ${Math.ceil(retryAfterMs / SECOND)} s` : '';
      return this.fail('rate_limited', endpoint, `${said}: rate limited${wait}; run again later or lower the request rate`, { status, retryAfterMs });
    }
    if (status >= 500) return this.fail('server', endpoint, `${said}: PostHog is failing; try again later`, { status });
    if (status >= 300 && status < 400) {
      return this.fail('bad_request', endpoint, `${said}: redirected to ${headerOf(response, 'location') ?? '?'}; check the host (${this.host.baseUrl})`, { status });
    }
    return this.fail('bad_request', endpoint, `${said}: the request was rejected`, { status });
  }

  private networkFailure(error: unknown, endpoint: string): PosthogApiError {
    const code = (error as { code?: string }).code ?? 'unknown';
    const reason = (error as Error).message ?? String(error);
    const transient = !NOT_TRANSIENT_CODES.has(code);
    const hint = transient ? 'the connection failed' : `cannot reach ${this.host.baseUrl}: check the host`;
    return this.fail('network', endpoint, `${hint} (${code}: ${reason})`, { transient });
  }

  private fail(kind: ApiErrorKind, endpoint: string, what: string, details: ConstructorParameters<typeof PosthogApiError>[3] = {}): PosthogApiError {
    return new PosthogApiError(this.redact(`PostHog ${endpoint} at ${this.host.baseUrl} ${what}`), kind, endpoint, details);
  }
}

function headerOf(response: AxiosResponse, name: string): string | undefined {
  const value = response.headers[name];
  return value === undefined || value === null ? undefined : String(value);
}

/** DRF puts the reason in `detail`; fall back to a short prefix of the body. */
function detailOf(body: unknown): string {
  if (typeof body !== 'string' || body.length === 0) return '';
  try {
    const parsed = JSON.parse(body) as { detail?: unknown; error?: unknown };
    const detail = parsed.detail ?? parsed.error;
    if (typeof detail === 'string') return detail.slice(0, 300);
  } catch {
    // not JSON: use the text itself
  }
  return body.replace(/\s+/g, ' ').slice(0, 200);
}

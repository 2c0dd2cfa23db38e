// Bounded retries for transient failures (429, 5xx, timeouts, resets): jittered exponential back-off so
// several clients recovering from the same outage do not retry in lockstep; 429 waits what the server asked.
import { HOUR, SECOND, type Clock } from './clock';
import { PosthogApiError } from './errors';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we honour; beyond it we give up with an error that says when to come back. */
  maxRetryAfterMs: number;
  /** Source of jitter in [0, 1); injectable for deterministic tests. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30 * SECOND,
  maxRetryAfterMs: HOUR,
};

/** Delay before retry number `retry` (1-based): half fixed, half random, doubling each time, capped. */
export function backoffMs(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + (policy.random ?? Math.random)() * (ceiling / 2);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 10.2.3). Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * SECOND);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryContext {
  policy: RetryPolicy;
  clock: Clock;
  signal?: AbortSignal;
  /** Told about each retry before its wait, for logs and progress. */
  onRetry?(error: PosthogApiError, attempt: number, delayMs: number): void;
}

/** Runs `call` until it succeeds, fails for good, or the attempts are spent. Only PosthogApiErrors are retried. */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!(error instanceof PosthogApiError) || !error.transient || attempt >= ctx.policy.attempts) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > ctx.policy.maxRetryAfterMs) throw error;
      const delay = error.retryAfterMs ?? backoffMs(attempt, ctx.policy);
      ctx.onRetry?.(error, attempt, delay);
      await ctx.clock.sleep(delay, ctx.signal);
    }
  }
}

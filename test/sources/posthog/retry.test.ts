// Back-off and Retry-After, in virtual time.
import assert from 'node:assert/strict';
import { PosthogApiError } from '../../../analyzer/sources/posthog';
import { backoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry, type RetryPolicy } from '../../../analyzer/sources/posthog/retry';
import { VirtualClock } from './helpers';

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 };
const serverError = () => new PosthogApiError('boom', 'server', 'GET /x', { status: 500 });

describe('PostHog retries', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 1.5 ', now), 1500);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now), 0, 'a date in the past: go now');
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('backs off exponentially with jitter, capped', () => {
    const at = (retry: number, r: number) => backoffMs(retry, { ...policy, random: () => r });
    assert.deepEqual([1, 2, 3].map((n) => at(n, 0)), [50, 100, 200]);
    assert.deepEqual([1, 2, 3].map((n) => at(n, 1)), [100, 200, 400]);
    assert.equal(at(10, 1), 1000);
    const spread = new Set([...Array(20)].map(() => backoffMs(3, { ...policy, random: Math.random })));
    assert.ok(spread.size > 15, 'jittered');
  });

  it('retries transient failures a bounded number of times', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    await assert.rejects(
      withRetry(async () => {
        calls++;
        throw serverError();
      }, { policy, clock }),
      /boom/,
    );
    assert.equal(calls, 4);
    assert.deepEqual(clock.sleeps, [75, 150, 300]);
  });

  it('waits exactly what a 429 asked for, and gives up when that is beyond the longest wait we accept', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const result = await withRetry(async () => {
      if (++calls === 1) throw new PosthogApiError('slow down', 'rate_limited', 'GET /x', { status: 429, retryAfterMs: 7000 });
      return 'ok';
    }, { policy, clock });
    assert.equal(result, 'ok');
    assert.deepEqual(clock.sleeps, [7000]);
    const tooLong = new PosthogApiError('come back tomorrow', 'rate_limited', 'GET /x', { status: 429, retryAfterMs: 2 * 3_600_000 });
    await assert.rejects(withRetry(async () => Promise.reject(tooLong), { policy, clock }), /come back tomorrow/);
    assert.equal(clock.sleeps.length, 1);
  });

  it('does not retry what cannot succeed: auth, bad requests, other errors', async () => {
    const clock = new VirtualClock();
    for (const error of [new PosthogApiError('who?', 'auth', 'GET /x', { status: 401 }), new PosthogApiError('no', 'bad_request', 'GET /x'), new TypeError('bug')]) {
      let calls = 0;
      await assert.rejects(withRetry(async () => Promise.reject((calls++, error)), { policy, clock }));
      assert.equal(calls, 1);
    }
  });
});

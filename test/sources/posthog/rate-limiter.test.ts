// The limiter in virtual time: hours of PostHog's real limits in milliseconds of test.
import assert from 'node:assert/strict';
import { POSTHOG_RATE_LIMITS, RateLimiter, type RateLimits } from '../../../analyzer/sources/posthog';
import { Semaphore } from '../../../analyzer/sources/posthog/rate-limiter';
import { VirtualClock } from './helpers';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Most of `times` inside any window of `windowMs`, both ends included (how the fake server counts). */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while (times[hi] - times[lo] > windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

const tiny = (limit: number, windowMs: number): RateLimits => ({ ...POSTHOG_RATE_LIMITS, snapshots: [{ limit, windowMs }] });

describe('PostHog rate limiter', () => {
  it('keeps 1,300 list calls under 240/min and 1,200/h: the 1,201st waits for the hour', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(POSTHOG_RATE_LIMITS, clock);
    const starts: number[] = [];
    for (let i = 0; i < 1300; i++) {
      const permit = await limiter.acquire('recordings');
      starts.push(clock.now());
      permit.release();
    }
    assert.equal(maxInWindow(starts, MINUTE), 240);
    assert.equal(maxInWindow(starts, HOUR), 1200);
    assert.equal(starts[239], 0, 'the first 240 go at once');
    assert.ok(starts[240] > MINUTE);
    assert.ok(starts[1200] > HOUR);
  });

  it('counts a call until its answer arrives: in-flight calls block the window however long they take', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(tiny(2, 1000), clock);
    const a = await limiter.acquire('snapshots');
    await limiter.acquire('snapshots');
    let third = -1;
    const pending = limiter.acquire('snapshots').then((p) => {
      third = clock.now();
      return p;
    });
    clock.t = 50_000; // a slow answer: the window has long passed, but the call still counts
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(third, -1);
    a.release();
    await pending;
    assert.ok(third > 51_000, `third call at ${third}: one window after the first answer`);
  });

  it('pauses a category for a server-requested Retry-After, leaving the others alone', async () => {
    const clock = new VirtualClock(1000);
    const limiter = new RateLimiter(POSTHOG_RATE_LIMITS, clock);
    limiter.pause('snapshots', 6000);
    (await limiter.acquire('recordings')).release();
    assert.equal(clock.now(), 1000);
    (await limiter.acquire('snapshots')).release();
    assert.equal(clock.now(), 6000);
  });

  it('gives up waiting when aborted', async () => {
    const limiter = new RateLimiter(tiny(1, HOUR));
    await limiter.acquire('snapshots');
    const stop = new AbortController();
    const waiting = limiter.acquire('snapshots', stop.signal);
    stop.abort();
    await assert.rejects(waiting, (e: Error) => e.name === 'AbortError');
  });

  it('estimates the time a number of calls needs from the current window use', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(POSTHOG_RATE_LIMITS, clock);
    assert.equal(limiter.estimateMs('snapshots', 120), 0);
    assert.equal(limiter.estimateMs('snapshots', 600), 4 * MINUTE);
    for (let i = 0; i < 120; i++) (await limiter.acquire('snapshots')).release();
    assert.equal(limiter.estimateMs('snapshots', 120), MINUTE);
  });

  it('a semaphore admits at most its size, first come first served, and drops aborted waiters', async () => {
    const slots = new Semaphore(2);
    const order: number[] = [];
    const held = [await slots.acquire(), await slots.acquire()];
    const stop = new AbortController();
    const third = slots.acquire().then((p) => (order.push(3), p));
    const aborted = slots.acquire(stop.signal);
    const fifth = slots.acquire().then((p) => (order.push(5), p));
    stop.abort();
    await assert.rejects(aborted);
    held[0].release();
    held[0].release(); // idempotent: must not free a second slot
    await third;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [3]);
    held[1].release();
    await fifth;
    assert.deepEqual(order, [3, 5]);
  });
});

// Rate limits seen from the server: the limiter is built with small windows (real time scaled down) and the
// fake server counts every arrival per category; no window of the server's may hold more than the limit.
import assert from 'node:assert/strict';
import { budgetNote, formatProgress, POSTHOG_RATE_LIMITS, RateLimiter, recordingsPerHour, runSync, type RateLimits, type SyncProgress } from '../../../analyzer/sources/posthog';
import { FakePosthog } from './fake-posthog';
import { readCache, TempDir, testClient } from './helpers';

const SMALL: RateLimits = {
  all: [{ limit: 1000, windowMs: 1000 }],
  recordings: [{ limit: 3, windowMs: 200 }],
  snapshots: [
    { limit: 6, windowMs: 200 },
    { limit: 25, windowMs: 1000 },
  ],
  queries: [
    { limit: 4, windowMs: 200 },
    { limit: 12, windowMs: 1000 },
  ],
  maxConcurrentQueries: 2,
};

describe('PostHog rate limits, as the server sees them', function () {
  this.timeout(30_000);
  let fake: FakePosthog;
  let dir: TempDir;
  before(async () => {
    fake = await FakePosthog.start({ sessions: 20, asyncPolls: 2, queryMs: 80 });
    dir = new TempDir();
  });
  after(async () => {
    await fake.close();
    dir.remove();
  });

  it('a sync never exceeds the snapshot and list windows, and reports an ETA from the budget', async () => {
    const progress: SyncProgress[] = [];
    const { client } = testClient(fake, { limits: SMALL });
    const started = Date.now();
    const result = await runSync({ client, cacheDir: dir.path, pageSize: 4, onProgress: (p) => progress.push(p) });
    const elapsed = Date.now() - started;
    assert.equal(result.written.length, fake.finishedIds.length);
    for (const w of SMALL.snapshots) assert.ok(fake.maxInWindow('snapshots', w.windowMs) <= w.limit, `snapshots: ${fake.maxInWindow('snapshots', w.windowMs)} in ${w.windowMs} ms`);
    for (const w of SMALL.recordings) assert.ok(fake.maxInWindow('recordings', w.windowMs) <= w.limit, `recordings: ${fake.maxInWindow('recordings', w.windowMs)} in ${w.windowMs} ms`);
    // The limits were binding, not idle: the long window filled up and the run took as long as they force.
    const calls = fake.arrivals.snapshots.length;
    assert.ok(fake.maxInWindow('snapshots', 1000) >= 20);
    assert.ok(elapsed >= ((calls - 25) / 25) * 1000, `${calls} calls in ${elapsed} ms`);
    assert.equal(result.snapshotCalls, calls);

    const first = progress.find((p) => p.phase === 'fetching')!;
    assert.equal(first.toFetch, fake.finishedIds.length);
    // At least 2 calls a session at 25 a second.
    assert.ok(first.etaMs! >= ((2 * first.toFetch - 25) / 25) * 1000, `ETA ${first.etaMs}`);
    assert.match(formatProgress(first), /sessions 0\/18 .*ETA \d+ s/);
    assertConsistentCache(await readCache(dir.path));
  });

  it('queries stay within their windows and at most maxConcurrentQueries run at once', async () => {
    const { client } = testClient(fake, { limits: SMALL });
    const before = fake.arrivals.queries.length;
    const runs = [...Array(6)].map((_, i) => client.query(`select ${i}`, { mode: i % 2 ? 'async' : 'blocking', pollMs: 20 }));
    const results = await Promise.all(runs);
    assert.ok(results.every((r) => r.results.length === fake.recordings.length));
    assert.ok(fake.arrivals.queries.length - before >= 9, 'POSTs and polls');
    assert.ok(fake.maxActiveQueries <= SMALL.maxConcurrentQueries, `max ${fake.maxActiveQueries} running`);
    assert.equal(fake.maxActiveQueries, 2, 'two did run side by side');
    for (const w of SMALL.queries) assert.ok(fake.maxInWindow('queries', w.windowMs) <= w.limit, `queries: ${fake.maxInWindow('queries', w.windowMs)} in ${w.windowMs} ms`);
  });

  it('the production budget: PostHog\'s documented limits, ~300 recordings an hour, said in plain words', () => {
    assert.deepEqual(POSTHOG_RATE_LIMITS.snapshots, [
      { limit: 120, windowMs: 60_000 },
      { limit: 600, windowMs: 3_600_000 },
    ]);
    assert.equal(recordingsPerHour(POSTHOG_RATE_LIMITS), 300);
    assert.equal(budgetNote(POSTHOG_RATE_LIMITS), 'PostHog allows 120/min and 600/h snapshot calls per API key and each recording needs at least 2: at most ~300 recordings an hour');
    const limiter = new RateLimiter();
    // 1,000 recordings need >= 2,000 calls: 600 now, the other 1,400 at 600 an hour.
    assert.ok(limiter.estimateMs('snapshots', 2000) >= 2.3 * 3_600_000);
  });
});

function assertConsistentCache(cache: Awaited<ReturnType<typeof readCache>>): void {
  assert.deepEqual(cache.tempFiles, []);
  assert.deepEqual(cache.issues, []);
  assert.deepEqual(Object.keys(cache.state.sessions).sort(), cache.sessionIds);
}

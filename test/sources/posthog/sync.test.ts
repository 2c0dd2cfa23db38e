// `runSync` against the fake PostHog: exactly-once delivery through faults, kills and aborts, a cache that is
// consistent at every stop, PII scrubbed before it lands, and the API key nowhere.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSync, type SyncResult } from '../../../analyzer/sources/posthog';
import { LOCK_FILE } from '../../../analyzer/sources/posthog/cache';
import { sampleFraction } from '../../../analyzer/sources/posthog/select';
import { FakePosthog, type FakeRequest } from './fake-posthog';
import { readCache, shiftedClock, TempDir, testClient, type CacheContents } from './helpers';

const HOUR = 3_600_000;
const blobOf = (id: string) => (r: FakeRequest) => r.category === 'snapshots' && r.sessionId === id && !r.params.has('blob_v2');
const sourcesOf = (id: string) => (r: FakeRequest) => r.category === 'snapshots' && r.sessionId === id && r.params.get('blob_v2') === 'true';

/** The cache invariants that must hold whenever a sync stops, however it stops. */
function assertConsistent(cache: CacheContents): void {
  assert.deepEqual(cache.tempFiles, [], 'no temp files left');
  assert.deepEqual(Object.keys(cache.state.sessions).sort(), cache.sessionIds, 'state lists exactly the session files');
  assert.deepEqual(cache.issues, [], 'every file parses completely');
  assert.deepEqual(cache.sessions.map((s) => s.id).sort(), cache.sessionIds, 'one session per file, named by its id');
  for (const s of cache.sessions) assert.equal(s.events.length, cache.state.sessions[s.id].events, `${s.id}: state counts its events`);
  assert.equal(existsSync(join(cache.projectDir, LOCK_FILE)), false, 'lock released');
}

describe('PostHog sync', function () {
  this.timeout(30_000);

  describe('a full sync through faults', () => {
    let fake: FakePosthog;
    let dir: TempDir;
    let result: SyncResult;
    let cache: CacheContents;
    let logs: string[];
    let pii: string[];
    const corrupt = 'shop-0012';
    const legacy = 'shop-0010';
    const bigSession = 'shop-0011'; // index 10: ~45 blocks

    before(async () => {
      fake = await FakePosthog.start({ posthogJsSessions: 2 });
      pii = fake.injectPii('shop-0004');
      fake.recording(legacy).legacyOnly = true;
      assert.ok(fake.recording(bigSession).blocks.length > 20);
      const retryAt = new Date(Date.now() + 1000).toUTCString();
      fake.faults = [
        { kind: '429', times: 1, retryAfter: retryAt, match: (r) => r.category === 'recordings' },
        { kind: '429', times: 1, retryAfter: '1', match: blobOf('shop-0005') },
        { kind: '500', times: 2, match: blobOf('shop-0006') },
        { kind: 'reset', times: 1, match: sourcesOf('shop-0007') },
        { kind: 'slow', times: 1, delayMs: 2000, match: blobOf('shop-0008') },
        { kind: 'truncate', times: 1, match: (r) => blobOf(bigSession)(r) && r.params.get('start_blob_key') === '20' },
        { kind: 'truncate', times: Infinity, match: blobOf(corrupt) },
      ];
      const setup = testClient(fake);
      logs = setup.logs;
      dir = new TempDir();
      result = await runSync({ client: setup.client, cacheDir: dir.path, rangeRetryDelayMs: 10, pageSize: 7 });
      cache = await readCache(dir.path);
    });
    after(async () => {
      await fake.close();
      dir.remove();
    });

    it('caches every finished recording exactly once, and skips the corrupt one whole', () => {
      const expected = fake.finishedIds.filter((id) => id !== corrupt);
      assert.equal(expected.length, 38);
      assert.deepEqual([...result.written].sort(), expected);
      assert.deepEqual(cache.sessionIds, expected);
      assertConsistent(cache);
    });

    it('keeps every event of every session, in the readers\' blob_v2 format', () => {
      for (const s of cache.sessions) {
        assert.equal(s.format, 'posthog-blob-jsonl');
        assert.equal(s.events.length, fake.recording(s.id).lines.length, s.id);
      }
    });

    it('never caches recordings younger than 24 h', () => {
      const recent = fake.recordings.filter((r) => Date.now() - r.startTime < 24 * HOUR).map((r) => r.id);
      assert.equal(recent.length, 2);
      for (const id of recent) assert.ok(!cache.sessionIds.includes(id));
    });

    it('reports the session whose blob stays truncated, after retrying its range, and writes nothing of it', () => {
      const failed = Object.fromEntries(result.failed.map((f) => [f.id, f]));
      assert.deepEqual(Object.keys(failed).sort(), [legacy, corrupt]);
      assert.equal(failed[corrupt].permanent, false);
      assert.match(failed[corrupt].reason, /session shop-0012, blob keys 0-0: truncated or corrupt after 3 attempts \(line \d+ is not JSON .*cut short\?/);
      assert.equal(fake.count(blobOf(corrupt)), 3);
      assert.equal(cache.state.failures[corrupt].attempts, 1);
      assert.ok(!readdirSync(cache.projectDir).some((n) => n.includes(corrupt)));
    });

    it('reports a recording without blob_v2 data as permanently failed, never mixing in legacy sources', () => {
      const failure = result.failed.find((f) => f.id === legacy)!;
      assert.equal(failure.permanent, true);
      assert.match(failure.reason, /no blob_v2 data \(sources: blob\)/);
      assert.equal(fake.count(blobOf(legacy)), 0);
      assert.equal(cache.state.failures[legacy].permanent, true);
    });

    it('fetches blob_v2 only, in ranges of at most 20 keys', () => {
      assert.ok(Math.max(...fake.rangeSizes) <= 20);
      assert.ok(fake.rangeSizes.includes(20), 'long sessions are fetched in full 20-key ranges');
      const big = fake.recording(bigSession);
      const ranges = fake.requests.filter(blobOf(bigSession)).map((r) => `${r.params.get('start_blob_key')}-${r.params.get('end_blob_key')}`);
      // 20-39 twice: its first answer was truncated.
      assert.deepEqual(ranges, ['0-19', '20-39', '20-39', `40-${big.blocks.length - 1}`]);
    });

    it('survives 429 (seconds and HTTP-date Retry-After), 500s, a reset connection and a slow answer', () => {
      assert.equal(fake.faults.filter((f) => f.kind !== 'truncate' && f.times > 0).length, 0, 'every fault fired');
      assert.ok(logs.some((l) => /answered 429 .*PostHog asked to wait 1 s/.test(l)));
      assert.ok(logs.some((l) => /answered 500/.test(l)));
      assert.ok(logs.some((l) => /ECONNRESET|socket hang up/.test(l)));
      assert.ok(logs.some((l) => /no complete answer within 0.8 s/.test(l)));
    });

    it('scrubs PII and stores posthog-js compressed events decompressed', () => {
      for (const secret of pii) assert.ok(!cache.allText.includes(secret), `"${secret}" must not be cached`);
      assert.ok(cache.allText.includes('[email]') && cache.allText.includes('[card]'));
      const inputs = cache.sessions.flatMap((s) => s.events.filter((e) => e.type === 3 && e.data.source === 5));
      assert.ok(inputs.length > 100);
      for (const e of inputs) assert.match(e.data.text, /^\**$/);
      const compressed = fake.recordings.filter((r) => r.lines.some((l) => l.includes('"cv":'))).map((r) => r.id);
      assert.equal(compressed.length, 2);
      for (const id of compressed) {
        const s = cache.sessions.find((x) => x.id === id)!;
        assert.ok(s.events.some((e) => e.type === 2 && typeof e.data === 'object' && e.data.node));
      }
      assert.ok(!cache.allText.includes('"cv":'));
    });

    it('never writes the API key into logs or the cache', () => {
      assert.ok(logs.length > 0);
      for (const text of [...logs, cache.allText, JSON.stringify(result)]) assert.ok(!text.includes(fake.apiKey));
    });

    it('a later run retries the failed session and fetches nothing else again', async () => {
      fake.faults = [];
      const before = fake.requests.length;
      const again = await runSync({ client: testClient(fake).client, cacheDir: dir.path });
      assert.deepEqual(again.written, [corrupt]);
      const refetched = new Set(fake.requests.slice(before).filter((r) => r.category === 'snapshots').map((r) => r.sessionId));
      assert.deepEqual([...refetched], [corrupt]);
      const now = await readCache(dir.path);
      assert.deepEqual(now.sessionIds, fake.finishedIds);
      assert.deepEqual(Object.keys(now.state.failures), [legacy], 'a permanent failure is not retried');
      assertConsistent(now);
    });

    it('a day later, lists from its cursor and fetches only the recordings that have become final', async () => {
      const listedThrough = Date.parse((await readCache(dir.path)).state.cursor.listedThrough!);
      assert.ok(Math.abs(listedThrough - (Date.now() - 24 * HOUR)) < 60_000);
      const before = fake.requests.length;
      const later = await runSync({ client: testClient(fake, { clock: shiftedClock(25 * HOUR) }).client, cacheDir: dir.path });
      const recent = fake.recordings.filter((r) => Date.now() - r.startTime < 24 * HOUR).map((r) => r.id);
      assert.deepEqual([...later.written].sort(), recent.sort());
      const list = fake.requests.slice(before).find((r) => r.category === 'recordings')!;
      assert.equal(Date.parse(list.params.get('date_from')!), listedThrough - HOUR, 'lists from the cursor, with an hour of overlap');
      assert.equal(later.alreadyCached + later.written.length, later.listed);
      assertConsistent(await readCache(dir.path));
    });
  });

  describe('stopping and resuming', () => {
    let fake: FakePosthog;
    let dir: TempDir;
    beforeEach(async () => {
      // The list ignores date filters here, so the client's own 24 h rule is what keeps recent ones out.
      fake = await FakePosthog.start({ honourDateFilters: false });
      dir = new TempDir();
    });
    afterEach(async () => {
      await fake.close();
      dir.remove();
    });

    it('a kill after N sessions, then a restart: no session duplicated, none lost', async () => {
      let n = 0;
      const kill = async (): Promise<SyncResult> =>
        runSync({
          client: testClient(fake).client,
          cacheDir: dir.path,
          afterSession: () => {
            if (++n === 7) throw new Error('simulated kill');
          },
        });
      await assert.rejects(kill, /simulated kill/);
      const stopped = await readCache(dir.path);
      assert.equal(stopped.sessionIds.length, 7);
      assertConsistent(stopped);
      assert.equal(stopped.state.cursor.listedThrough, undefined, 'an interrupted run does not move the cursor');

      const resumed = await runSync({ client: testClient(fake).client, cacheDir: dir.path });
      assert.equal(resumed.recent, 2, 'recent recordings skipped client-side');
      assert.equal(resumed.alreadyCached, 7);
      assert.ok(resumed.written.every((id) => !stopped.sessionIds.includes(id)));
      const done = await readCache(dir.path);
      assert.deepEqual(done.sessionIds, fake.finishedIds);
      assertConsistent(done);
      for (const id of fake.finishedIds) assert.equal(fake.count(sourcesOf(id)), 1, `${id} fetched once`);
    });

    it('an abort in the middle of a session leaves no trace of it; the next run fetches it', async () => {
      const stop = new AbortController();
      let snapshots = 0;
      let inFlight = '';
      fake.onRequest = (r) => {
        // Abort during the second range of a session: its first range is already in the temp file.
        if (r.category === 'snapshots' && ++snapshots >= 30 && !inFlight && r.params.get('start_blob_key') === '20') {
          inFlight = r.sessionId!;
          stop.abort();
        }
      };
      // Four lines per block: every session of 81+ events takes several ranges.
      for (const r of fake.recordings) r.blocks = r.lines.flatMap((_, i, all) => (i % 4 === 0 ? [all.slice(i, i + 4).join('\n')] : []));
      await assert.rejects(runSync({ client: testClient(fake).client, cacheDir: dir.path, signal: stop.signal }), (e: Error) => e.name === 'AbortError');
      fake.onRequest = undefined;
      assert.notEqual(inFlight, '');
      const stopped = await readCache(dir.path);
      assertConsistent(stopped);
      assert.ok(!stopped.sessionIds.includes(inFlight));

      await runSync({ client: testClient(fake).client, cacheDir: dir.path });
      const done = await readCache(dir.path);
      assert.deepEqual(done.sessionIds, fake.finishedIds);
      assertConsistent(done);
      for (const s of done.sessions) assert.equal(s.events.length, fake.recording(s.id).lines.length);
    });

    it('after a hard kill, removes temp files and unrecorded session files, and takes over a dead lock', async () => {
      await runSync({ client: testClient(fake).client, cacheDir: dir.path, limit: 3 });
      const { projectDir, sessionIds } = await readCache(dir.path);
      writeFileSync(join(projectDir, `.${sessionIds[0]}.jsonl.gz.tmp-99999-1`), 'half');
      writeFileSync(join(projectDir, 'shop-0099.jsonl.gz'), 'renamed but never recorded');
      rmSync(join(projectDir, `${sessionIds[1]}.jsonl.gz`));
      const dead = spawnSync(process.execPath, ['-e', '0']).pid;
      writeFileSync(join(projectDir, LOCK_FILE), JSON.stringify({ pid: dead }));
      const logs: string[] = [];
      const again = await runSync({ client: testClient(fake).client, cacheDir: dir.path, limit: 0, log: (l) => logs.push(l) });
      assert.deepEqual(again.written, []);
      const cache = await readCache(dir.path);
      assertConsistent(cache);
      assert.deepEqual(cache.sessionIds, [sessionIds[0], sessionIds[2]]);
      assert.equal(logs.filter((l) => /removed|missing/.test(l)).length, 3);
    });

    it('refuses to run while another live sync holds the lock', async () => {
      await runSync({ client: testClient(fake).client, cacheDir: dir.path, limit: 0 });
      const { projectDir } = await readCache(dir.path);
      writeFileSync(join(projectDir, LOCK_FILE), JSON.stringify({ pid: process.pid }));
      await assert.rejects(runSync({ client: testClient(fake).client, cacheDir: dir.path }), new RegExp(`another sync \\(pid ${process.pid}\\)`));
      rmSync(join(projectDir, LOCK_FILE));
    });
  });

  describe('selection', () => {
    let fake: FakePosthog;
    let dir: TempDir;
    before(async () => (fake = await FakePosthog.start({ sessions: 20 })));
    after(() => fake.close());
    beforeEach(() => (dir = new TempDir()));
    afterEach(() => dir.remove());

    it('--sample keeps the sessions whose id hashes below the fraction, the same ones every run', async () => {
      const first = await runSync({ client: testClient(fake).client, cacheDir: dir.path, sample: 0.5 });
      const expected = fake.finishedIds.filter((id) => sampleFraction(id) < 0.5);
      assert.ok(expected.length > 3 && expected.length < fake.finishedIds.length - 3);
      assert.deepEqual([...first.written].sort(), expected);
      assert.equal(first.sampledOut, fake.finishedIds.length - expected.length);
      const second = await runSync({ client: testClient(fake).client, cacheDir: dir.path, sample: 0.5 });
      assert.deepEqual(second.written, []);
      assert.equal((await readCache(dir.path)).state.cursor.listedThrough, undefined, 'a sampled run does not move the cursor');
    });

    it('--sessions fetches exactly the named sessions, without listing and without moving the cursor', async () => {
      const wanted = fake.finishedIds.slice(2, 5);
      const result = await runSync({ client: testClient(fake).client, cacheDir: dir.path, sessionIds: [...wanted, wanted[0]] });
      assert.deepEqual([...result.written].sort(), [...wanted].sort());
      assert.equal(result.listed, 0);
      assert.equal((await readCache(dir.path)).state.cursor.listedThrough, undefined);
      const again = await runSync({ client: testClient(fake).client, cacheDir: dir.path, sessionIds: wanted });
      assert.deepEqual(again.written, []);
      assert.equal(again.alreadyCached, wanted.length);
    });

    it('--limit stops after N sessions and leaves the cursor for the rest', async () => {
      const result = await runSync({ client: testClient(fake).client, cacheDir: dir.path, limit: 5 });
      assert.equal(result.written.length, 5);
      assert.equal(result.complete, false);
      assert.equal((await readCache(dir.path)).state.cursor.listedThrough, undefined);
    });

    it('--min-duration and --url filter on the listed metadata; --since bounds the listing', async () => {
      const long = fake.recordings.filter((r) => r.durationS >= 60).map((r) => r.id);
      const byDuration = await runSync({ client: testClient(fake).client, cacheDir: dir.path, minDurationS: 60, limit: 0 });
      assert.equal(byDuration.filtered, fake.finishedIds.filter((id) => !long.includes(id)).length);
      const byUrl = await runSync({ client: testClient(fake).client, cacheDir: dir.path, urlContains: 'no-such-page', limit: 0 });
      assert.equal(byUrl.filtered, byUrl.listed);
      const before = fake.requests.length;
      await runSync({ client: testClient(fake).client, cacheDir: dir.path, since: '2026-01-02', limit: 0 });
      const list = fake.requests.slice(before).find((r) => r.category === 'recordings')!;
      assert.equal(list.params.get('date_from'), '2026-01-02T00:00:00.000Z');
      await assert.rejects(runSync({ client: testClient(fake).client, cacheDir: dir.path, since: 'last tuesday' }), /--since "last tuesday"/);
    });
  });

  describe('training consent in the project state', () => {
    let fake: FakePosthog;
    let dir: TempDir;
    before(async () => {
      fake = await FakePosthog.start({ sessions: 3 });
      dir = new TempDir();
    });
    after(async () => {
      await fake.close();
      dir.remove();
    });
    const sync = (extra: Partial<Parameters<typeof runSync>[0]>) => runSync({ client: testClient(fake).client, cacheDir: dir.path, limit: 0, ...extra });

    it('auto on a self-hosted EU instance is off; explicit on wins and is kept by later runs; auto applies again when asked', async () => {
      assert.equal((await sync({ region: 'eu' })).consent.allowed, false);
      let state = (await readCache(dir.path)).state;
      assert.deepEqual([state.consent.setting, state.consent.allowed], ['auto', false]);
      assert.match(state.consent.basis, /EU instance/);
      await sync({ trainingConsent: 'on', region: 'eu' });
      await sync({ region: 'eu' });
      state = (await readCache(dir.path)).state;
      assert.deepEqual([state.consent.setting, state.consent.allowed], ['on', true]);
      assert.match(state.consent.basis, /opted in explicitly/);
      await sync({ trainingConsent: 'auto' });
      state = (await readCache(dir.path)).state;
      assert.deepEqual([state.consent.setting, state.consent.allowed], ['auto', true], 'auto on a self-hosted instance outside the EU');
    });
  });
});

// The PostHog client against the fake server: documented request shapes, paging, HogQL (blocking, async,
// cancel), and for each fault the retry behaviour and an error message that says what to do, without the key.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { PosthogApiError, PosthogClient, resolveHost, type RecordingSummary } from '../../../analyzer/sources/posthog';
import { FakePosthog, type FakeRequest } from './fake-posthog';
import { testClient } from './helpers';

const isList = (r: FakeRequest) => r.category === 'recordings';
const isSnapshots = (r: FakeRequest) => r.category === 'snapshots';

async function failure(promise: Promise<unknown>): Promise<PosthogApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PosthogApiError, `expected a PosthogApiError, got ${inspect(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/** Everything a careless caller might print about an error or the client. */
function everyRendering(...values: unknown[]): string {
  return values.map((v) => `${inspect(v, { showHidden: true, depth: 8 })}\n${JSON.stringify(v)}\n${String(v)}\n${(v as Error)?.stack ?? ''}`).join('\n');
}

describe('PostHog client', function () {
  this.timeout(20_000);
  let fake: FakePosthog;
  before(async () => (fake = await FakePosthog.start({ sessions: 12, asyncPolls: 3 })));
  after(() => fake.close());
  beforeEach(() => {
    fake.faults = [];
    fake.requests.length = 0;
  });

  describe('requests in the documented shapes', () => {
    it('pages the recordings list with offset until has_next is false', async () => {
      const { client } = testClient(fake);
      const pages: RecordingSummary[][] = [];
      for await (const page of client.recordingPages({ pageSize: 5 })) pages.push(page);
      assert.deepEqual(pages.map((p) => p.length), [5, 5, 2]);
      assert.deepEqual(fake.requests.filter(isList).map((r) => [r.params.get('limit'), r.params.get('offset')]), [['5', '0'], ['5', '5'], ['5', '10']]);
      assert.deepEqual(pages.flat().map((r) => r.id).sort(), fake.recordings.map((r) => r.id).sort());
      assert.equal(typeof pages[0][0].recording_duration, 'number');
    });

    it('sends the key only as a Bearer header', async () => {
      const { client } = testClient(fake);
      await client.snapshotSources('shop-0001');
      assert.deepEqual([...fake.authHeaders], [`Bearer ${fake.apiKey}`]);
      assert.ok(fake.requests.every((r) => !r.path.includes(fake.apiKey) && !r.params.toString().includes(fake.apiKey)));
    });

    it('lists snapshot sources with blob_v2=true and fetches ranges with start/end keys', async () => {
      const { client } = testClient(fake);
      const sources = await client.snapshotSources('shop-0001');
      assert.ok(sources.some((s) => s.source === 'blob_v2') && sources.some((s) => s.source === 'realtime'));
      const text = await client.blobRange('shop-0001', '0', '1');
      const [sourcesCall, rangeCall] = fake.requests.filter(isSnapshots);
      assert.equal(sourcesCall.path, `/api/environments/${fake.projectId}/session_recordings/shop-0001/snapshots`);
      assert.equal(sourcesCall.params.get('blob_v2'), 'true');
      assert.deepEqual(Object.fromEntries(rangeCall.params), { source: 'blob_v2', start_blob_key: '0', end_blob_key: '1' });
      assert.equal(text, fake.recording('shop-0001').blocks.slice(0, 2).join('\n'));
    });

    it('refuses session ids that could leave the URL path or the cache directory', async () => {
      const { client } = testClient(fake);
      await assert.rejects(client.snapshotSources('../../etc'), /unsafe session id/);
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('HogQL', () => {
    it('runs a blocking query: POST {query:{kind:HogQLQuery}, name, refresh} and returns results, columns, types', async () => {
      const { client } = testClient(fake);
      const result = await client.query('select session_id, duration from sessions', { name: 'friction-test' });
      assert.deepEqual(result.columns, ['session_id', 'duration']);
      assert.equal(result.results.length, fake.recordings.length);
      assert.equal(result.types.length, 2);
      const [post] = fake.requests;
      assert.equal(post.method, 'POST');
      assert.equal(post.path, `/api/projects/${fake.projectId}/query/`);
      assert.deepEqual(post.body, { query: { kind: 'HogQLQuery', query: 'select session_id, duration from sessions' }, name: 'friction-lens:friction-test', refresh: 'blocking' });
    });

    it('runs an async query: polls GET /query/:id/ until complete', async () => {
      const { client } = testClient(fake);
      const result = await client.query('select 1', { mode: 'async', pollMs: 10 });
      assert.equal(result.results.length, fake.recordings.length);
      assert.deepEqual(fake.requests.map((r) => r.method), ['POST', 'GET', 'GET', 'GET']);
      assert.equal((fake.requests[0].body as { refresh: string }).refresh, 'async');
      assert.match(fake.requests[1].path, /\/query\/q\d+\/$/);
    });

    it('an abort cancels the running query server-side with DELETE', async () => {
      const { client } = testClient(fake);
      const stop = new AbortController();
      fake.onRequest = (r) => r.method === 'GET' && stop.abort();
      await assert.rejects(client.query('select 1', { mode: 'async', pollMs: 10, signal: stop.signal }), (e: Error) => e.name === 'AbortError');
      fake.onRequest = undefined;
      const del = fake.requests.find((r) => r.method === 'DELETE');
      assert.ok(del, 'DELETE sent');
      assert.equal(del.path, fake.requests[1].path);
      assert.equal(fake.activeQueries, 0);
    });

    it('a HogQL error says what PostHog said and is not retried', async () => {
      const { client } = testClient(fake);
      const error = await failure(client.query('select syntax error'));
      assert.equal(error.kind, 'bad_request');
      assert.match(error.message, /POST \/api\/projects\/4242\/query\/ .*answered 400 \(Syntax error at line 1, column 5\)/);
      assert.equal(fake.requests.length, 1);
    });
  });

  describe('faults', () => {
    it('a wrong key: 401 naming the endpoint, the status and the scope to check; not retried; the key nowhere', async () => {
      const wrongKey = 'phx_WrongKeyWrongKeyWrong0123';
      const { client, logs } = testClient(fake, { apiKey: wrongKey });
      const error = await failure(client.recordingPages().next());
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 401);
      assert.match(error.message, /GET \/api\/projects\/4242\/session_recordings\/ .* answered 401 \(Invalid personal API key\.\): check the personal API key has session_recording:read/);
      assert.equal(fake.requests.length, 1);
      const queryError = await failure(client.query('select 1'));
      assert.match(queryError.message, /query:read/);
      const rendered = everyRendering(error, queryError, client, client.http, logs);
      assert.ok(!rendered.includes(wrongKey), 'the key appears in no rendering of the errors or the client');
    });

    it('a key echoed back by the server is redacted from the message', async () => {
      const { client } = testClient(fake);
      fake.faults = [{ kind: 'echo-auth', times: 1, match: isSnapshots }];
      const error = await failure(client.snapshotSources('shop-0001'));
      assert.match(error.message, /bad header Bearer \[redacted API key\]/);
      assert.ok(!everyRendering(error).includes(fake.apiKey));
    });

    it('429: waits the Retry-After seconds, pausing the whole category, then succeeds', async () => {
      const { client, logs } = testClient(fake);
      fake.faults = [{ kind: '429', times: 1, retryAfter: '1', match: isSnapshots }];
      const started = Date.now();
      await client.snapshotSources('shop-0001');
      assert.ok(Date.now() - started >= 950, 'waited about a second');
      assert.equal(fake.requests.length, 2);
      assert.match(logs[0], /answered 429 .*PostHog asked to wait 1 s.*retry 1 of 3 in 1\.0 s/);
    });

    it('5xx: retried with back-off, then given up with a message saying what to do', async () => {
      const { client, logs } = testClient(fake);
      fake.faults = [{ kind: '500', times: Infinity, match: isSnapshots }];
      const error = await failure(client.snapshotSources('shop-0001'));
      assert.equal(error.kind, 'server');
      assert.match(error.message, /answered 500 \(Internal server error\): PostHog is failing; try again later/);
      assert.equal(fake.requests.length, 4, 'the configured 4 attempts');
      assert.equal(logs.length, 3);
    });

    it('a slow answer times out and is retried; a reset connection is retried', async () => {
      const { client, logs } = testClient(fake, { timeoutMs: 300 });
      fake.faults = [
        { kind: 'slow', times: 1, delayMs: 1500, match: isSnapshots },
        { kind: 'reset', times: 1, match: isSnapshots },
      ];
      const started = Date.now();
      const sources = await client.snapshotSources('shop-0001');
      assert.ok(sources.length > 0);
      assert.ok(Date.now() - started >= 300);
      assert.equal(fake.requests.length, 3);
      assert.match(logs[0], /no complete answer within 0.3 s/);
      assert.match(logs[1], /the connection failed \(ECONNRESET/);
    });

    it('an HTML page or a redirect means a wrong host: not retried, not followed, and said so', async () => {
      const { client } = testClient(fake);
      fake.faults = [{ kind: 'html', times: 1, match: isList }];
      const html = await failure(client.recordingPages().next());
      assert.match(html.message, /answered an HTML page, not the API: check the host/);
      fake.faults = [{ kind: 'redirect', times: 1, match: isList }];
      const redirect = await failure(client.recordingPages().next());
      assert.match(redirect.message, /answered 302: redirected to http:\/\/elsewhere.invalid\/api\/; check the host/);
      assert.equal(fake.requests.length, 2);
    });

    it('a refused connection fails at once and points at the host', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const client = PosthogClient.create(resolveHost(`http://127.0.0.1:${port}`), '1', fake.apiKey, { retry: { attempts: 4, baseDelayMs: 2000 } });
      const started = Date.now();
      const error = await failure(client.recordingPages().next());
      assert.ok(Date.now() - started < 1500, 'no back-off for a refused connection');
      assert.equal(error.kind, 'network');
      assert.match(error.message, /cannot reach http:\/\/127.0.0.1:\d+: check the host \(ECONNREFUSED/);
    });
  });
});

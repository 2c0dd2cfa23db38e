// A local PostHog for the tests: node:http on 127.0.0.1, answering in the documented shapes (FACTS.md 2.3-2.5)
// with recordings built from the example corpus, plus scripted faults. It records every request's arrival
// per throttle category and the number of queries running, so tests can check the client's limits from the
// server's side.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const FAKE_API_KEY = 'phx_FakeKey0123456789abcdefSECRET';
export const CORPUS_DIR = resolve(__dirname, '..', '..', '..', 'examples', 'shop', 'corpus');
export const POSTHOG_JS_CORPUS_DIR = resolve(__dirname, '..', '..', '..', 'examples', 'shop', 'corpus-posthog');
const HOUR = 3_600_000;

export type Category = 'recordings' | 'snapshots' | 'queries' | 'other';

export interface FakeRecording {
  id: string;
  startTime: number;
  durationS: number;
  startUrl: string;
  /** blob_v2 JSONL lines, as posthog-js sent the events. */
  lines: string[];
  /** JSONL blocks, blob key = index. */
  blocks: string[];
  blockSize: number;
  /** Only legacy sources: a session the client must report and skip. */
  legacyOnly?: boolean;
}

export interface FakeRequest {
  category: Category;
  method: string;
  path: string;
  params: URLSearchParams;
  sessionId?: string;
  body?: unknown;
}

export type FaultKind = '429' | '500' | 'slow' | 'reset' | 'truncate' | 'html' | 'echo-auth' | 'redirect';

export interface Fault {
  kind: FaultKind;
  match(request: FakeRequest): boolean;
  /** How many matching requests it hits; Infinity for always. */
  times: number;
  retryAfter?: string;
  delayMs?: number;
}

interface AsyncQuery {
  pollsLeft: number;
  state: 'running' | 'complete' | 'cancelled';
  answer: object;
}

export interface FakeOptions {
  /** How many corpus files (first in name order); default 40. */
  sessions?: number;
  /** Extra posthog-js sessions (compressed events) from corpus-posthog; default 0. */
  posthogJsSessions?: number;
  /** Start times younger than 24 h for this many recordings (the last ones); default 2. */
  recent?: number;
  now?: number;
  /** Lines per blob block; sessions whose index is a multiple of 5 get ~45 blocks instead. */
  blockSize?: number;
  /** Honour date_from/date_to on the list; default true. */
  honourDateFilters?: boolean;
  /** Polls an async query needs before it completes. */
  asyncPolls?: number;
  /** How long a blocking query takes. */
  queryMs?: number;
}

function exportToLines(file: string): { id: string; lines: string[] } {
  const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { data: { id: string; snapshots: ({ windowId: string } & Record<string, unknown>)[] } };
  return { id: doc.data.id, lines: doc.data.snapshots.map(({ windowId, ...event }) => JSON.stringify([windowId, event])) };
}

function blobFileToLines(file: string): { id: string; lines: string[] } {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((l) => l.trim() !== '');
  return { id: file.split('/').pop()!.replace(/\.jsonl\.gz$/, ''), lines };
}

function cut(lines: string[], size: number): string[] {
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i += size) blocks.push(lines.slice(i, i + size).join('\n'));
  return blocks;
}

export function corpusFiles(dir: string, suffix: string, count: number): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .slice(0, count)
    .map((f) => join(dir, f));
}

export class FakePosthog {
  readonly apiKey = FAKE_API_KEY;
  readonly projectId = '4242';
  readonly recordings: FakeRecording[] = [];
  faults: Fault[] = [];
  readonly requests: FakeRequest[] = [];
  readonly arrivals: Record<Category, number[]> = { recordings: [], snapshots: [], queries: [], other: [] };
  /** end_blob_key - start_blob_key + 1 of every range request. */
  readonly rangeSizes: number[] = [];
  activeQueries = 0;
  maxActiveQueries = 0;
  readonly authHeaders = new Set<string>();
  onRequest?: (request: FakeRequest) => void;
  private readonly queries = new Map<string, AsyncQuery>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server!: Server;
  url = '';

  constructor(private readonly options: FakeOptions = {}) {
    const now = options.now ?? Date.now();
    const sources = [
      ...corpusFiles(CORPUS_DIR, '.json.gz', options.sessions ?? 40).map(exportToLines),
      ...corpusFiles(POSTHOG_JS_CORPUS_DIR, '.jsonl.gz', options.posthogJsSessions ?? 0).map(blobFileToLines),
    ];
    const recent = options.recent ?? 2;
    sources.forEach(({ id, lines }, i) => {
      const events = lines.map((l) => (JSON.parse(l) as [string, { timestamp: number; type: number; data: { href?: string } }])[1]);
      const stamps = events.map((e) => e.timestamp);
      const size = i % 5 === 0 ? Math.max(1, Math.ceil(lines.length / 45)) : (options.blockSize ?? 50);
      this.recordings.push({
        id,
        // Old ones an hour apart from two days back; numbers 1..recent started within the past 24 h.
        startTime: i >= 1 && i <= recent ? now - i * 2 * HOUR : now - 48 * HOUR - i * HOUR,
        durationS: (Math.max(...stamps) - Math.min(...stamps)) / 1000,
        startUrl: events.find((e) => e.type === 4)?.data.href ?? 'http://shop.example/',
        lines,
        blocks: cut(lines, size),
        blockSize: size,
      });
    });
  }

  static async start(options: FakeOptions = {}): Promise<FakePosthog> {
    const fake = new FakePosthog(options);
    await fake.listen();
    return fake;
  }

  /** Recordings a complete sync must end up with: old enough, and holding blob_v2 data. */
  get finishedIds(): string[] {
    return this.recordings.filter((r) => Date.now() - r.startTime >= 24 * HOUR && !r.legacyOnly).map((r) => r.id).sort();
  }

  /** Puts an email, a card number and typed text into a recording, where a scrubber must find them. */
  injectPii(id: string): string[] {
    const recording = this.recording(id);
    const events = recording.lines.map((l) => JSON.parse(l) as [string, { type: number; timestamp: number; data: Record<string, unknown> }]);
    const full = events.find(([, e]) => e.type === 2 && typeof e.data === 'object');
    if (!full) throw new Error(`${id} has no plain FullSnapshot`);
    type Node = { type: number; id: number; tagName?: string; childNodes?: Node[] };
    const stack: Node[] = [full[1].data.node as Node];
    let body: Node | undefined;
    while (stack.length && !body) {
      const node = stack.pop()!;
      if (node.tagName === 'body') body = node;
      stack.push(...(node.childNodes ?? []));
    }
    if (!body) throw new Error(`${id} has no body`);
    // A paragraph added to the page, its text changed, and typing into it (rrweb Mutation and Input events).
    const [windowId, last] = events[events.length - 1];
    const p = { type: 2, tagName: 'p', attributes: { title: 'Call +44 20 7946 0958' }, childNodes: [], id: 900001 };
    const text = { type: 3, textContent: 'contact jane.doe@example.com', id: 900002 };
    const adds = [
      { parentId: body.id, nextId: null, node: p },
      { parentId: p.id, nextId: null, node: text },
    ];
    const mutation = (ms: number, data: object) => [windowId, { type: 3, timestamp: last.timestamp + ms, data: { source: 0, texts: [], attributes: [], removes: [], adds: [], ...data } }] as [string, { type: number; timestamp: number; data: Record<string, unknown> }];
    events.push(mutation(1, { adds }));
    events.push(mutation(2, { texts: [{ id: text.id, value: 'Card 4111 1111 1111 1111' }] }));
    events.push([windowId, { type: 3, timestamp: last.timestamp + 3, data: { source: 5, text: 'Jane Typed Secret', isChecked: false, id: p.id } }]);
    recording.lines = events.map((e) => JSON.stringify(e));
    recording.blocks = cut(recording.lines, recording.blockSize);
    return ['jane.doe@example.com', '4111 1111 1111 1111', 'Jane Typed Secret', '7946 0958'];
  }

  recording(id: string): FakeRecording {
    const r = this.recordings.find((x) => x.id === id);
    if (!r) throw new Error(`no fake recording ${id}`);
    return r;
  }

  /** Most arrivals of one category inside any window of `windowMs` (both ends included). */
  maxInWindow(category: Category, windowMs: number): number {
    const times = [...this.arrivals[category]].sort((a, b) => a - b);
    let best = 0;
    for (let lo = 0, hi = 0; hi < times.length; hi++) {
      while (times[hi] - times[lo] > windowMs) lo++;
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }

  count(predicate: (r: FakeRequest) => boolean): number {
    return this.requests.filter(predicate).length;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        resolve();
      }),
    );
  }

  private later(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake');
    const request = classify(req.method ?? 'GET', url);
    this.arrivals[request.category].push(arrived);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (chunks.length) request.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    this.requests.push(request);
    this.authHeaders.add(String(req.headers.authorization));
    this.onRequest?.(request);

    const fault = this.faults.find((f) => f.times > 0 && f.match(request));
    if (fault) fault.times--;
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === '429') return send(res, 429, { detail: 'Request was throttled.' }, { 'retry-after': fault.retryAfter ?? '1' });
    if (fault?.kind === '500') return send(res, 500, { detail: 'Internal server error' });
    if (fault?.kind === 'html') return send(res, 200, '<html><body>Log in</body></html>', { 'content-type': 'text/html' });
    if (fault?.kind === 'redirect') return send(res, 302, '', { location: 'http://elsewhere.invalid/api/' });
    if (fault?.kind === 'echo-auth') return send(res, 400, { detail: `bad header ${req.headers.authorization}` });
    if (fault?.kind === 'slow') await this.later(fault.delayMs ?? 2000);
    if (res.destroyed) return;

    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return send(res, 401, { type: 'authentication_error', detail: 'Invalid personal API key.' });
    try {
      await this.route(request, res, fault?.kind === 'truncate');
    } catch (error) {
      send(res, 500, { detail: (error as Error).message });
    }
  }

  private async route(request: FakeRequest, res: ServerResponse, truncate: boolean): Promise<void> {
    const { path, params, method } = request;
    if (!path.includes(`/${this.projectId}/`)) return send(res, 404, { detail: 'Project not found.' });
    if (request.category === 'recordings') return send(res, 200, this.list(params));
    if (request.category === 'snapshots') {
      const recording = this.recordings.find((r) => r.id === request.sessionId);
      if (!recording) return send(res, 404, { detail: 'Recording not found.' });
      if (params.get('blob_v2') === 'true') return send(res, 200, { sources: this.sources(recording) });
      return this.blobs(recording, params, res, truncate);
    }
    if (request.category === 'queries') {
      const id = /\/query\/([^/]+)\/$/.exec(path)?.[1];
      if (method === 'POST') return this.postQuery(request, res);
      const query = id ? this.queries.get(id) : undefined;
      if (!query) return send(res, 404, { detail: 'Query not found.' });
      if (method === 'DELETE') {
        if (query.state === 'running') this.activeQueries--;
        query.state = 'cancelled';
        return send(res, 204, '');
      }
      if (query.state === 'running' && --query.pollsLeft <= 0) {
        query.state = 'complete';
        this.activeQueries--;
      }
      const complete = query.state === 'complete';
      return send(res, 200, { query_status: { id, team_id: 1, complete, error: false, results: complete ? query.answer : null } });
    }
    send(res, 404, { detail: 'Not found.' });
  }

  private list(params: URLSearchParams): object {
    const limit = Number(params.get('limit') ?? 50);
    const offset = Number(params.get('offset') ?? 0);
    const from = params.get('date_from') ? Date.parse(params.get('date_from')!) : -Infinity;
    const to = params.get('date_to') ? Date.parse(params.get('date_to')!) : Infinity;
    const honour = this.options.honourDateFilters ?? true;
    const all = this.recordings.filter((r) => !honour || (r.startTime >= from && r.startTime <= to)).sort((a, b) => b.startTime - a.startTime);
    const page = all.slice(offset, offset + limit).map((r) => ({
      id: r.id,
      distinct_id: `person-${r.id}`,
      viewed: false,
      recording_duration: r.durationS,
      active_seconds: Math.round(r.durationS * 0.8),
      inactive_seconds: Math.round(r.durationS * 0.2),
      start_time: new Date(r.startTime).toISOString(),
      end_time: new Date(r.startTime + r.durationS * 1000).toISOString(),
      click_count: 3,
      keypress_count: 10,
      start_url: r.startUrl,
      snapshot_source: 'web',
    }));
    return { results: page, has_next: offset + limit < all.length, version: 4 };
  }

  private sources(recording: FakeRecording): object[] {
    const legacy = [{ source: 'blob', blob_key: '1700000000000-1700000001000', start_timestamp: null, end_timestamp: null }];
    if (recording.legacyOnly) return legacy;
    const v2 = recording.blocks.map((_, i) => ({ source: 'blob_v2', blob_key: String(i), start_timestamp: new Date(recording.startTime).toISOString(), end_timestamp: null }));
    // Listed in shuffled order with a legacy and a realtime source mixed in: the client must keep only blob_v2.
    return [...legacy, ...v2.reverse(), { source: 'realtime', start_timestamp: null, end_timestamp: null, blob_key: null }];
  }

  private blobs(recording: FakeRecording, params: URLSearchParams, res: ServerResponse, truncate: boolean): void {
    if (params.get('source') !== 'blob_v2') return send(res, 400, { detail: 'source must be blob_v2' });
    const single = params.get('blob_key');
    const start = Number(single ?? params.get('start_blob_key'));
    const end = Number(single ?? params.get('end_blob_key'));
    if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) return send(res, 400, { detail: 'bad blob keys' });
    if (end - start > 20) return send(res, 400, { detail: 'Cannot request more than 20 blob keys at once' });
    if (end >= recording.blocks.length) return send(res, 404, { detail: 'Blob not found.' });
    this.rangeSizes.push(end - start + 1);
    let text = recording.blocks.slice(start, end + 1).join('\n');
    if (truncate) {
      let at = Math.floor(text.length * 0.6);
      if (text[at - 1] === '\n') at--;
      text = text.slice(0, at);
    }
    send(res, 200, text, { 'content-type': 'application/jsonl' });
  }

  private async postQuery(request: FakeRequest, res: ServerResponse): Promise<void> {
    const body = request.body as { query?: { kind?: string; query?: string }; refresh?: string; name?: string };
    if (body?.query?.kind !== 'HogQLQuery' || typeof body.query.query !== 'string') return send(res, 400, { type: 'validation_error', detail: 'query.kind must be HogQLQuery' });
    if (/syntax error/i.test(body.query.query)) return send(res, 400, { type: 'validation_error', code: 'query_error', detail: 'Syntax error at line 1, column 5' });
    const answer = {
      results: this.recordings.map((r) => [r.id, r.durationS]),
      columns: ['session_id', 'duration'],
      types: [
        ['session_id', 'String'],
        ['duration', 'Float64'],
      ],
      hogql: body.query.query,
      is_cached: false,
    };
    this.activeQueries++;
    this.maxActiveQueries = Math.max(this.maxActiveQueries, this.activeQueries);
    if (body.refresh === 'async') {
      const id = `q${this.queries.size + 1}`;
      this.queries.set(id, { pollsLeft: this.options.asyncPolls ?? 3, state: 'running', answer });
      return send(res, 202, { query_status: { id, team_id: 1, complete: false } });
    }
    await this.later(this.options.queryMs ?? 50);
    this.activeQueries--;
    send(res, 200, answer);
  }
}

function classify(method: string, url: URL): FakeRequest {
  const path = url.pathname;
  const base = { method, path, params: url.searchParams };
  const snapshot = /^\/api\/environments\/\d+\/session_recordings\/([^/]+)\/snapshots$/.exec(path);
  if (snapshot) return { ...base, category: 'snapshots', sessionId: snapshot[1] };
  if (/^\/api\/projects\/\d+\/session_recordings\/$/.test(path)) return { ...base, category: 'recordings' };
  if (/^\/api\/projects\/\d+\/query\//.test(path)) return { ...base, category: 'queries' };
  return { ...base, category: 'other' };
}

function send(res: ServerResponse, status: number, body: object | string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

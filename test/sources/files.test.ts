import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decompressPosthogEvent, formatIssue, readSessions, ReadSummary, type RawSession, type ReadIssue } from '../../analyzer/sources/files';
import { JsonDocumentScanner } from '../../analyzer/sources/files/json-array-scanner';
import { click, fullSnapshot, jsonl, meta, posthogCompress, TempDir, writeLargeArray } from './fixtures';

async function read(paths: string[], opts: { maxEventsPerSession?: number } = {}): Promise<{ sessions: RawSession[]; issues: ReadIssue[] }> {
  const sessions: RawSession[] = [];
  const issues: ReadIssue[] = [];
  for await (const s of readSessions(paths, { ...opts, onIssue: (i) => issues.push(i) })) sessions.push(s);
  return { sessions, issues };
}

const stamps = (s: RawSession): number[] => s.events.map((e) => e.timestamp);
const windows = (s: RawSession): string[] => s.events.map((e) => e.windowId);

describe('sources/files readers', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  describe('formats', () => {
    const events = [meta(100), click(300), fullSnapshot(200)];

    for (const gz of [false, true]) {
      const tag = gz ? 'gzipped' : 'plain';
      const write = (name: string, text: string): string => (gz ? dir.gz(`${name}.gz`, text) : dir.file(name, text));

      it(`reads a JSON array of rrweb events (${tag})`, async () => {
        const file = write('abc-123.json', JSON.stringify(events, null, 2));
        const { sessions, issues } = await read([file]);
        assert.deepEqual(issues, []);
        assert.equal(sessions.length, 1);
        const [s] = sessions;
        assert.equal(s.id, 'abc-123');
        assert.equal(s.origin, file);
        assert.equal(s.format, 'rrweb-array');
        assert.deepEqual(stamps(s), [100, 200, 300]);
        assert.deepEqual(windows(s), ['main', 'main', 'main']);
        assert.equal(s.events[1].data.node.childNodes[0].childNodes[0].textContent, 'Pay "now" \\ ✓');
      });

      it(`reads a PostHog export v2 with per-event windows (${tag})`, async () => {
        // Keys out of the usual order and a person holding a decoy "snapshots" key.
        const doc = {
          data: {
            person: { properties: { snapshots: [{ type: 9, timestamp: 1 }], nested: [[{}]] } },
            snapshots: [{ ...click(50), windowId: 'w2' }, { ...meta(10), windowId: 'w1' }],
            id: '0191-session',
          },
          version: '2023-04-28',
        };
        const file = write('export.json', JSON.stringify(doc));
        const { sessions, issues } = await read([file]);
        assert.deepEqual(issues, []);
        assert.equal(sessions.length, 1);
        assert.equal(sessions[0].id, '0191-session');
        assert.equal(sessions[0].format, 'posthog-export');
        assert.deepEqual(stamps(sessions[0]), [10, 50]);
        assert.deepEqual(windows(sessions[0]), ['w1', 'w2']);
      });

      it(`reads PostHog blob_v2 JSONL, old line shape included (${tag})`, async () => {
        const text = jsonl([['w1', meta(10)], ['w1', click(30)], { windowId: 'w2', data: [meta(20), click(40)] }]);
        const file = write('0192-blob.jsonl', text);
        const { sessions, issues } = await read([file]);
        assert.deepEqual(issues, []);
        assert.equal(sessions.length, 1);
        assert.equal(sessions[0].id, '0192-blob');
        assert.equal(sessions[0].format, 'posthog-blob-jsonl');
        assert.deepEqual(stamps(sessions[0]), [10, 20, 30, 40]);
        assert.deepEqual(windows(sessions[0]), ['w1', 'w2', 'w1', 'w2']);
      });

      it(`reads NDJSON and groups by session id (${tag})`, async () => {
        const text = jsonl([
          meta(1, { $session_id: 's-a', windowId: 'tab1' }),
          meta(2, { sessionId: 's-b' }),
          click(5, 7, { $session_id: 's-a', windowId: 'tab1' }),
          click(3, 7, { sessionId: 's-b' }),
        ]);
        const file = write('many.ndjson', text);
        const { sessions, issues } = await read([file]);
        assert.deepEqual(issues, []);
        assert.deepEqual(
          sessions.map((s) => [s.id, s.origin, s.format, stamps(s), windows(s)]),
          [
            ['s-a', `${file}#1`, 'ndjson', [1, 5], ['tab1', 'tab1']],
            ['s-b', `${file}#2`, 'ndjson', [2, 3], ['main', 'main']],
          ],
        );
      });
    }

    it('reads a PostHog export v1 with several windows', async () => {
      const doc = { version: '2022-12-02', data: { person: null, snapshotsByWindowId: { left: [meta(10), click(40)], right: [meta(20), click(30)] } } };
      const file = dir.file('v1.json', JSON.stringify(doc, null, 2));
      const { sessions, issues } = await read([file]);
      assert.deepEqual(issues, []);
      assert.equal(sessions[0].id, 'v1');
      assert.equal(sessions[0].format, 'posthog-export');
      assert.deepEqual(stamps(sessions[0]), [10, 20, 30, 40]);
      assert.deepEqual(windows(sessions[0]), ['left', 'right', 'right', 'left']);
    });

    it('detects gzip by magic bytes and content by shape, not by extension', async () => {
      const gzipInJson = dir.file('looks-plain.json', gzipSync(jsonl([meta(1), click(2)])));
      const plainInGz = dir.file('looks-gzipped.json.gz', JSON.stringify([meta(1)]));
      const { sessions, issues } = await read([gzipInJson, plainInGz]);
      assert.deepEqual(issues, []);
      assert.deepEqual(
        sessions.map((s) => [s.id, s.format, s.events.length]),
        [
          ['looks-plain', 'ndjson', 2],
          ['looks-gzipped', 'rrweb-array', 1],
        ],
      );
    });

    it('accepts a UTF-8 BOM and a JSON array of ["windowId", event] pairs', async () => {
      const pairs = dir.file('pairs.json', '\ufeff' + JSON.stringify([['w9', meta(1)], ['w9', click(2)]]));
      const lines = dir.file('bom.ndjson', '\ufeff' + jsonl([meta(1), click(2)]));
      const { sessions, issues } = await read([pairs, lines]);
      assert.deepEqual(issues, []);
      assert.deepEqual(windows(sessions[0]), ['w9', 'w9']);
      assert.deepEqual(stamps(sessions[1]), [1, 2]);
    });

    it('re-reads as NDJSON when the first line is too long to probe', async () => {
      const big = { ...fullSnapshot(1), data: { node: { type: 3, id: 1, textContent: 'y'.repeat(5 << 20) }, initialOffset: { top: 0, left: 0 } } };
      const file = dir.file('long-first-line.ndjson', jsonl([big, click(2), click(3)]));
      const { sessions, issues } = await read([file]);
      assert.deepEqual(issues, []);
      assert.equal(sessions[0].format, 'ndjson');
      assert.deepEqual(stamps(sessions[0]), [1, 2, 3]);
      assert.equal(sessions[0].events[0].data.node.textContent.length, 5 << 20);
    });
  });

  describe('directories', () => {
    it('walks recursively in sorted order and skips sidecars and non-recordings', async () => {
      dir.file('b.json', JSON.stringify([meta(2)]));
      dir.file('a.jsonl', jsonl([['w', meta(1)]]));
      dir.file('nested/c.ndjson.gz', gzipSync(jsonl([meta(3)])));
      dir.file('nested/deeper/d.json', JSON.stringify([meta(4)]));
      dir.file('ground-truth.json', JSON.stringify({ sessions: [] }));
      dir.file('nested/ground-truth-v2.jsonl', jsonl([meta(9)]));
      dir.file('README.md', '# corpus');
      dir.file('script.ts', 'export {}');
      dir.file('.hidden.json', '[]');
      dir.file('node_modules/x.json', JSON.stringify([meta(9)]));
      dir.file('mystery.bin', 'not sure');
      const summary = new ReadSummary();
      const sessions: RawSession[] = [];
      for await (const s of summary.track(readSessions([dir.path], summary.options()))) sessions.push(s);
      assert.deepEqual(
        sessions.map((s) => s.id),
        ['a', 'b', 'c', 'd'],
      );
      assert.equal(summary.files, 4);
      assert.equal(summary.sessions, 4);
      assert.equal(summary.events, 4);
      assert.equal(summary.lines()[0], 'read 4 file(s): 4 session(s), 4 event(s)');
      assert.equal(summary.skipped.length, 1);
      assert.equal(summary.skipped[0].file, join(dir.path, 'mystery.bin'));
      assert.equal(summary.skipped[0].skipped, 'file');
    });

    it('reports an unreadable path and keeps reading the others', async () => {
      const good = dir.file('ok.json', JSON.stringify([meta(1)]));
      const missing = join(dir.path, 'missing.json');
      const { sessions, issues } = await read([missing, good]);
      assert.deepEqual(
        sessions.map((s) => s.id),
        ['ok'],
      );
      assert.equal(issues.length, 1);
      assert.equal(issues[0].file, missing);
      assert.equal(issues[0].skipped, 'file');
      assert.match(issues[0].message, /cannot read: ENOENT/);
    });
  });

  describe('posthog-js compressed events', () => {
    const snapshotData = fullSnapshot(0).data as Record<string, unknown>;
    const mutation = {
      source: 0,
      texts: [{ id: 3, value: 'Paid ✓' }],
      attributes: [{ id: 2, attributes: { class: 'btn done' } }],
      removes: [{ parentId: 1, id: 9 }],
      adds: [{ parentId: 1, nextId: null, node: { type: 3, id: 10, textContent: 'Thanks' } }],
    };
    const compressedFull = { type: 2, cv: '2024-10', data: posthogCompress(snapshotData), timestamp: 10 };
    const compressedMutation = {
      type: 3,
      cv: '2024-10',
      data: {
        source: 0,
        texts: posthogCompress(mutation.texts),
        attributes: posthogCompress(mutation.attributes),
        removes: posthogCompress(mutation.removes),
        adds: posthogCompress(mutation.adds),
      },
      timestamp: 20,
    };
    const compressedStyle = { type: 3, cv: '2024-10', data: { source: 8, id: 4, adds: posthogCompress([{ rule: 'a{}', index: 0 }]), removes: posthogCompress([]) }, timestamp: 30 };

    it('decompressPosthogEvent expands FullSnapshot, Mutation and StyleSheetRule payloads and strips cv', () => {
      const full = decompressPosthogEvent(compressedFull);
      assert.deepEqual(full, { type: 2, data: snapshotData, timestamp: 10 });
      assert.equal('cv' in full, false);
      assert.deepEqual(decompressPosthogEvent(compressedMutation), { type: 3, data: mutation, timestamp: 20 });
      assert.deepEqual(decompressPosthogEvent(compressedStyle).data, { source: 8, id: 4, adds: [{ rule: 'a{}', index: 0 }], removes: [] });
      const plain = click(1);
      assert.equal(decompressPosthogEvent(plain), plain);
      assert.throws(() => decompressPosthogEvent({ ...compressedFull, cv: '2030-01' }), /unknown posthog compression version/);
    });

    it('decompresses events inside a JSON array and a PostHog export', async () => {
      const array = dir.file('compressed.json', JSON.stringify([meta(5), compressedFull, compressedMutation]));
      const exported = dir.file('compressed-export.json', JSON.stringify({ version: '2023-04-28', data: { id: 'e', person: null, snapshots: [{ ...compressedMutation, windowId: 'w' }] } }));
      const { sessions, issues } = await read([array, exported]);
      assert.deepEqual(issues, []);
      assert.deepEqual(sessions[0].events[1].data, snapshotData);
      assert.deepEqual(sessions[0].events[2].data, mutation);
      assert.deepEqual(sessions[1].events[0], { type: 3, timestamp: 20, data: mutation, windowId: 'w' });
    });

    it('decompresses while reading blob JSONL and skips a corrupt payload with an issue', async () => {
      const corrupt = { type: 2, cv: '2024-10', data: 'not gzip at all', timestamp: 15 };
      const file = dir.file('compressed.jsonl', jsonl([['w', meta(5)], ['w', compressedFull], ['w', corrupt], ['w', compressedMutation], ['w', compressedStyle]]));
      const { sessions, issues } = await read([file]);
      const [s] = sessions;
      assert.deepEqual(stamps(s), [5, 10, 20, 30]);
      assert.deepEqual(s.events[1].data, snapshotData);
      assert.deepEqual(s.events[2].data, mutation);
      assert.equal(s.events.some((e) => 'cv' in e), false);
      assert.equal(issues.length, 1);
      assert.equal(issues[0].skipped, 'event');
      assert.equal(issues[0].position, 'line 3');
      assert.match(issues[0].message, /corrupt posthog-compressed data/);
    });
  });

  describe('bad input', () => {
    it('stops at a structural error mid-array, keeping what came before and naming the byte', async () => {
      const head = `[${JSON.stringify(meta(1))},${JSON.stringify(click(2))} `;
      const file = dir.file('no-comma.json', `${head}${JSON.stringify(click(3))}]`);
      const { sessions, issues } = await read([file]);
      assert.deepEqual(stamps(sessions[0]), [1, 2]);
      assert.deepEqual(issues, [
        { file, position: `byte ${head.length}`, message: `invalid JSON at byte ${head.length}: expected ',' or ']' after event 1; rest of file skipped`, skipped: 'event', count: 1 },
      ]);
    });

    it('reports content after the end of the document', async () => {
      const first = JSON.stringify([meta(1)]);
      const file = dir.file('two-docs.json', `${first}\n${JSON.stringify([meta(2)])}`);
      const { sessions, issues } = await read([file]);
      assert.deepEqual(stamps(sessions[0]), [1]);
      assert.deepEqual(
        issues.map((i) => [i.position, i.message]),
        [[`byte ${first.length + 1}`, 'content after the end of the JSON document ignored']],
      );
    });

    it('keeps the events before a truncated gzip and says where it was cut (JSON array)', async () => {
      const events = Array.from({ length: 5000 }, (_, i) => click(i, i));
      const whole = gzipSync(JSON.stringify(events));
      const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
      const file = dir.file('cut.json.gz', cut);
      const { sessions, issues } = await read([file]);
      assert.equal(sessions.length, 1);
      const n = sessions[0].events.length;
      assert.ok(n > 1000 && n < 5000, `kept ${n} events`);
      // Exactly a prefix, in order: nothing lost before the cut, nothing invented.
      assert.deepEqual(stamps(sessions[0]), Array.from({ length: n }, (_, i) => i));
      assert.equal(issues.length, 1);
      assert.equal(issues[0].message, `truncated gzip at byte ${cut.length}; everything before it was kept`);
      assert.equal(issues[0].position, `byte ${cut.length}`);
    });

    it('keeps the lines before a truncated gzip (JSONL)', async () => {
      const rows = Array.from({ length: 5000 }, (_, i) => ['w', click(i, i)]);
      const whole = gzipSync(jsonl(rows));
      const cut = whole.subarray(0, Math.floor(whole.length * 0.5));
      const file = dir.file('cut.jsonl', cut);
      const { sessions, issues } = await read([file]);
      const n = sessions[0].events.length;
      assert.ok(n > 1000 && n < 5000);
      assert.deepEqual(stamps(sessions[0]), Array.from({ length: n }, (_, i) => i));
      assert.deepEqual(
        issues.map((i) => [i.skipped, i.message]),
        [['line', `truncated gzip at byte ${cut.length}; everything before it was kept`]],
      );
    });

    it('skips an invalid element mid-array and names its index and byte offset', async () => {
      const bad = '{"type": 3, "timestamp": 2, "data": {source: 2}}';
      const text = `[${JSON.stringify(meta(1))},\n ${bad},\n ${JSON.stringify(click(3))}, nonsense, ${JSON.stringify(click(4))}]`;
      const file = dir.file('bad.json', text);
      const { sessions, issues } = await read([file]);
      assert.deepEqual(stamps(sessions[0]), [1, 3, 4]);
      assert.deepEqual(issues, [{ file, position: `event 1 (byte ${text.indexOf(bad)})`, message: 'invalid JSON', skipped: 'event', count: 2 }]);
    });

    it('skips an invalid NDJSON line and names the line', async () => {
      const file = dir.file('bad.ndjson', `${JSON.stringify(meta(1))}\n\n{"type": 3, oops\n${JSON.stringify(click(2))}\n`);
      const { sessions, issues } = await read([file]);
      assert.deepEqual(stamps(sessions[0]), [1, 2]);
      assert.deepEqual(issues, [{ file, position: 'line 3', message: 'invalid JSON', skipped: 'line', count: 1 }]);
    });

    it('aggregates events without numeric type or timestamp into one issue per kind', async () => {
      const events = [meta(1), { data: {}, timestamp: 2 }, click(3), { type: 3, data: {} }, { type: '3', data: {}, timestamp: 4 }, { type: 3, timestamp: '5', data: {} }, 'hello'];
      const file = dir.file('partial.json', JSON.stringify(events));
      const { sessions, issues } = await read([file]);
      assert.deepEqual(stamps(sessions[0]), [1, 3]);
      assert.deepEqual(
        issues.map((i) => [i.position, i.message, i.count]),
        [
          ['event 1', 'no numeric type', 2],
          ['event 3', 'no numeric timestamp', 2],
          ['event 6', 'not an rrweb event object', 1],
        ],
      );
      assert.equal(formatIssue(issues[1]), `skipped 2 events in ${file} (event 3: no numeric timestamp)`);
    });

    it('rejects unknown shapes with a message listing the accepted formats', async () => {
      const obj = dir.file('obj.json', JSON.stringify({ events: [meta(1)], name: 'x' }, null, 2));
      const text = dir.file('text.json', 'hello world\nsecond line\n');
      const lines = dir.file('lines.jsonl', jsonl([{ a: 1 }, { b: 2 }]));
      const { sessions, issues } = await read([obj, text, lines]);
      assert.equal(sessions.length, 0);
      assert.deepEqual(
        issues.map((i) => [i.file, i.skipped, i.count]),
        [
          [obj, 'file', 1],
          [text, 'file', 1],
          [lines, 'file', 1],
        ],
      );
      assert.match(issues[0].message, /^unknown shape: a JSON object with keys "events", "name"; accepted: a JSON array of rrweb events, a PostHog export/);
      assert.match(issues[1].message, /^unknown shape: starts with "hello world/);
      for (const i of issues) assert.match(i.message, /NDJSON/);
    });

    it('reports empty files (plain, whitespace, gzipped empty) and empty event arrays', async () => {
      const files = [dir.file('empty.json', ''), dir.file('blank.jsonl', '\n  \n'), dir.file('empty.json.gz', gzipSync('')), dir.file('none.json', '[]')];
      const { sessions, issues } = await read(files);
      assert.equal(sessions.length, 0);
      assert.deepEqual(
        issues.map((i) => [i.file, i.skipped, i.message]),
        [
          [files[0], 'file', 'empty file'],
          [files[1], 'file', 'empty file'],
          [files[2], 'file', 'empty file'],
          [files[3], 'session', 'session none has no usable rrweb events'],
        ],
      );
    });

    it('reports a document cut off mid-event (plain file)', async () => {
      const text = JSON.stringify([meta(1), click(2), click(3)]);
      const file = dir.file('cut.json', text.slice(0, text.length - 10));
      const { sessions, issues } = await read([file]);
      assert.deepEqual(stamps(sessions[0]), [1, 2]);
      assert.equal(issues.length, 1);
      assert.equal(issues[0].message, 'unexpected end of file inside event 2; rest of file skipped');
      assert.equal(issues[0].position, `byte ${text.length - 10}`);
    });
  });

  describe('session assembly', () => {
    it('sorts stably by timestamp and drops only exact duplicates', async () => {
      const a = click(5, 1);
      const rows = [['w', a], ['w', meta(1)], ['w', a], ['w', click(5, 2)], ['x', a], ['w', { ...a, type: 5 }]];
      const file = dir.file('dups.jsonl', jsonl(rows));
      const { sessions } = await read([file]);
      const got = sessions[0].events.map((e) => `${e.timestamp}/${e.windowId}/${e.type}/${e.data.id ?? '-'}`);
      assert.deepEqual(got, ['1/w/4/-', '5/w/3/1', '5/w/3/2', '5/x/3/1', '5/w/5/1']);
    });

    it('caps a session at maxEventsPerSession and reports how many were dropped', async () => {
      const file = dir.file('long.json', JSON.stringify(Array.from({ length: 250 }, (_, i) => click(i))));
      const { sessions, issues } = await read([file], { maxEventsPerSession: 100 });
      assert.deepEqual(stamps(sessions[0]), Array.from({ length: 100 }, (_, i) => i));
      assert.deepEqual(
        issues.map((i) => [i.position, i.count, i.skipped]),
        [['event 100', 150, 'event']],
      );
      assert.match(issues[0].message, /exceeds maxEventsPerSession \(100\)/);
    });
  });

  describe('scanner', () => {
    it('matches JSON.parse whatever the chunk boundaries (escapes, brackets in strings, unicode)', () => {
      const tricky = ['"', '\\', '\\"', ']}', '{[', '✓ é 日本', '\\\\"', 'a\\nb', '\u2028'];
      const events = tricky.map((s, i) => ({ type: 5, timestamp: i, data: { tag: s, payload: { [s]: [s, { s }] } } }));
      const doc = Buffer.from(JSON.stringify({ version: '2023-04-28', data: { id: 'x"]', person: { tricky }, snapshots: events } }));
      let seed = 7;
      const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) + 1;
      for (let round = 0; round < 200; round++) {
        const got: unknown[] = [];
        const scanner = new JsonDocumentScanner({ wantsValues: true, values: (v) => got.push(...v), skipped: () => assert.fail('skipped'), invalid: () => assert.fail('invalid') });
        for (let i = 0; i < doc.length; ) {
          const size = rand(round < 100 ? 3 : 40);
          scanner.push(doc.subarray(i, i + size));
          i += size;
        }
        const r = scanner.end();
        assert.equal(r.error, undefined);
        assert.equal(r.sessionId, 'x"]');
        assert.deepEqual(got, events);
      }
    });

    it('parses a FullSnapshot nested 10,000 elements deep, spanning chunks', async () => {
      const depth = 10_000;
      // Built by hand: JSON.stringify itself overflows the stack at this depth.
      const open = '{"type":2,"tagName":"div","attributes":{"class":"[x]{"},"childNodes":[';
      const leaf = `{"type":3,"textContent":"${'z'.repeat(3 << 20)}","id":0}`;
      let node = open.repeat(depth) + leaf;
      for (let i = 0; i < depth; i++) node += `],"id":${depth - i}}`;
      const text = `[${JSON.stringify(meta(1))},{"type":2,"timestamp":2,"data":{"node":${node},"initialOffset":{"top":0,"left":0}}},${JSON.stringify(click(3))}]`;
      const file = dir.file('deep.json', text);
      const { sessions, issues } = await read([file]);
      assert.deepEqual(issues, []);
      assert.deepEqual(stamps(sessions[0]), [1, 2, 3]);
      let levels = 0;
      for (let n = sessions[0].events[1].data.node; n.childNodes; n = n.childNodes[0]) levels++;
      assert.equal(levels, depth);
    });
  });

  describe('large input', function () {
    this.timeout(300_000);
    const big = new TempDir();
    const file = join(big.path, 'large.json');
    let count: number;
    before(async () => {
      count = await writeLargeArray(file, 50 << 20);
    });
    after(() => big.remove());

    it('streams a 50 MB array: heap growth stays far below the file size', async () => {
      assert.ok(statSync(file).size >= 50 << 20);
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
      const { sessions, issues } = await read([file], { maxEventsPerSession: 1000 });
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      const growth = peak - baseline;
      assert.equal(sessions[0].events.length, 1000);
      assert.equal(issues.length, 1);
      assert.equal(issues[0].count, count - 1000);
      assert.ok(growth < 16 << 20, `heap grew ${(growth / 2 ** 20).toFixed(1)} MB while reading a ${(statSync(file).size / 2 ** 20).toFixed(0)} MB file`);
    });

    it('reads every event of the 50 MB array in order', async () => {
      const { sessions, issues } = await read([file]);
      assert.deepEqual(issues, []);
      const events = sessions[0].events;
      assert.equal(events.length, count);
      assert.equal(events[0].type, 4);
      assert.equal(events[count - 1].timestamp, 1000 + count - 1);
      assert.ok(events.every((e, i) => i === 0 || e.timestamp === events[i - 1].timestamp + 1));
    });
  });
});

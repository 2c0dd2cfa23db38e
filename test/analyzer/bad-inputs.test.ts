// Bad input through the whole pipeline: each problem is reported with its file and position, and every
// other session is still analysed.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import { formatHotspotTable } from '../../analyzer/report';

const corpus = path.resolve(__dirname, '..', '..', 'examples', 'shop', 'corpus');
const goodFiles = readdirSync(corpus).filter((f) => f.endsWith('.json.gz')).slice(0, 12);

function exportOf(file: string): { version: string; data: { id: string; snapshots: { timestamp: number; type: number; data: unknown; windowId: string }[] } } {
  return JSON.parse(gunzipSync(readFileSync(path.join(corpus, file))).toString('utf8'));
}

describe('bad input through the pipeline', function () {
  this.timeout(240_000);
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'friction-bad-'));
    mkdirSync(path.join(dir, 'good'));
    for (const f of goodFiles) writeFileSync(path.join(dir, 'good', f), readFileSync(path.join(corpus, f)));
    const sample = readFileSync(path.join(corpus, goodFiles[0]));
    writeFileSync(path.join(dir, 'truncated.json.gz'), sample.subarray(0, Math.floor(sample.length * 0.6)));
    const text = gunzipSync(sample).toString('utf8');
    const cut = text.indexOf('{"windowId"', Math.floor(text.length / 2));
    writeFileSync(path.join(dir, 'invalid-mid.json'), text.slice(0, cut) + '{"windowId": oops},' + text.slice(cut));
    writeFileSync(path.join(dir, 'unknown-shape.json'), JSON.stringify({ recordings: 'nope' }));
    // Events before any snapshot, unknown event types, mutations on unknown node ids, hostile text.
    const hostile = exportOf(goodFiles[1]);
    hostile.data.id = 'hostile';
    const t0 = hostile.data.snapshots[0].timestamp;
    hostile.data.snapshots.unshift(
      { type: 3, timestamp: t0 - 10, data: { source: 2, type: 2, id: 5, x: 1, y: 1 }, windowId: 'w' },
      { type: 42, timestamp: t0 - 5, data: { whatever: true }, windowId: 'w' },
    );
    hostile.data.snapshots.push({ type: 3, timestamp: t0 + 1, data: { source: 0, texts: [{ id: 987654, value: '\u001b[2J\u001b[31mpwned' }], attributes: [], removes: [{ parentId: 1, id: 123456 }], adds: [] }, windowId: 'w' });
    writeFileSync(path.join(dir, 'hostile.json'), JSON.stringify(hostile));
    // A 50 MB single session: one real session's events repeated along the timeline.
    const big = exportOf(goodFiles[2]);
    const stream = createWriteStream(path.join(dir, 'huge.json'));
    stream.write('{"version":"2023-04-28","data":{"id":"huge","person":null,"snapshots":[');
    let written = 0;
    let first = true;
    for (let round = 0; written < 50 * 1024 * 1024; round++) {
      for (const e of big.data.snapshots) {
        const line = (first ? '' : ',') + JSON.stringify({ ...e, timestamp: e.timestamp + round * 600_000 });
        first = false;
        written += line.length;
        if (!stream.write(line)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      }
    }
    stream.write(']}}');
    await new Promise<void>((resolve) => stream.end(() => resolve()));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('analyses every good session and names each problem with file and position', async () => {
    const result = await analyzeFiles([dir], { goal: parseGoal('/checkout/confirmation') });
    const ids = new Set(result.sessions.map((s) => s.id));
    for (const f of goodFiles) assert.ok(ids.has(f.replace('.json.gz', '')), `${f} analysed`);
    assert.ok(ids.has('hostile') && ids.has('huge'));
    const skipped = result.report.skipped;
    const about = (name: string) => skipped.filter((s) => path.basename(s.file) === name);
    assert.match(about('truncated.json.gz')[0]?.message ?? '', /truncated|unexpected end/i);
    assert.match(about('invalid-mid.json')[0]?.position ?? '', /event \d+|byte \d+/);
    assert.equal(about('unknown-shape.json')[0]?.skipped, 'file');
    assert.match(about('unknown-shape.json')[0]?.message ?? '', /accept|format/i);
    // The session with the invalid element keeps everything else it had.
    assert.ok(ids.has(exportOf(goodFiles[0]).data.id) || ids.has('invalid-mid'));
  });

  it('keeps hostile text from reaching the terminal as control sequences', async () => {
    const result = await analyzeFiles([path.join(dir, 'hostile.json')], { goal: parseGoal('/checkout/confirmation') });
    const table = formatHotspotTable(result.report);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(JSON.stringify(result.report.hotspots) + table, /\u001b\[2J/);
    assert.equal(result.report.sessions, 1);
  });

  it('writes corrupt gzip as an issue, never as a crash, when it is the only input', async () => {
    const lonely = path.join(dir, 'lonely.json.gz');
    writeFileSync(lonely, gzipSync(Buffer.from('[{"type":4,"timestamp":1,"data":{"href":"http://x/"}}')).subarray(0, 20));
    const result = await analyzeFiles([lonely]);
    assert.equal(result.report.sessions, 0);
    assert.ok(result.report.skipped.length >= 1);
  });
});

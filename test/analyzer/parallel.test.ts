// Worker threads must not change the analysis: same sessions, signals, hotspots and skipped inputs.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';

const root = path.resolve(__dirname, '..', '..');
const corpus = path.join(root, 'examples', 'shop', 'corpus');

describe('analysis in worker threads', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'friction-par-'));
    for (const f of readdirSync(corpus).filter((x) => x.endsWith('.json.gz')).slice(0, 60)) symlinkSync(path.join(corpus, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'broken.json'), '[{"type": 4, "timestamp": 1, "data": {"href": "http://x/"}}, {oops}]');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives exactly the sequential report, in the same order', async () => {
    const options = { goal: parseGoal('/checkout/confirmation'), src: path.join(root, 'examples', 'shop', 'src'), routes: ['/product/:id'] };
    const sequential = await analyzeFiles([dir], { ...options, workers: 1 });
    const parallel = await analyzeFiles([dir], { ...options, workers: 3 });
    const comparable = (r: typeof sequential) => ({ ...r.report, generatedAt: '' });
    assert.deepEqual(comparable(parallel), comparable(sequential));
    assert.deepEqual(parallel.signals, sequential.signals);
    assert.equal(parallel.report.sessions, 61);
    assert.ok(parallel.report.skipped.some((s) => s.file.endsWith('broken.json')));
  });
});

// loadSessionDetail on real corpus sessions: the replay view gets the session's own events, and markers that are
// exactly the analysis' signals for it, each naming the report hotspot it belongs to.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { analyzeFiles, type AnalysisResult } from '../../analyzer/pipeline/analyze';
import { loadSessionDetail, SessionNotFoundError } from '../../analyzer/pipeline/session-detail';
import { parseGoal } from '../../analyzer/replay';
import type { SessionDetail } from '../../analyzer/report/session-detail-types';

const root = path.resolve(__dirname, '..', '..');
const corpus = path.join(root, 'examples', 'shop', 'corpus');
const GOAL = '/checkout/confirmation';
/** A session with dead clicks, a rage click, hesitation and excessive scrolling on its way to converting. */
const SESSION = 'shop-0024';
const files = readdirSync(corpus).filter((f) => f.endsWith('.json.gz')).sort().slice(0, 60).map((f) => path.join(corpus, f));

describe('analyzer: loadSessionDetail', function () {
  this.timeout(120_000);
  let analysis: AnalysisResult;
  let detail: SessionDetail;

  before(async () => {
    analysis = await analyzeFiles(files, { goal: parseGoal(GOAL), goalText: GOAL });
    detail = await loadSessionDetail(files, SESSION, { goal: GOAL });
  });

  it('returns the session\'s rrweb events as recorded, in time order', () => {
    const recorded = JSON.parse(gunzipSync(readFileSync(path.join(corpus, `${SESSION}.json.gz`))).toString('utf8'));
    assert.equal(detail.id, SESSION);
    assert.equal(detail.events.length, recorded.data.snapshots.length);
    assert.deepEqual(detail.windows, ['window-1']);
    assert.ok(detail.events.some((e) => e.type === 2), 'a full snapshot to rebuild the page from');
    assert.ok(detail.events.every((e, i) => i === 0 || e.timestamp >= detail.events[i - 1].timestamp));
  });

  it("has exactly the analysis' signals for the session, each with its report hotspot id", () => {
    const expected = analysis.signals.filter((s) => s.sessionId === SESSION).map((s) => `${s.kind}@${s.timestamp}@${s.page}@${s.element?.fingerprint ?? ''}`).sort();
    const actual = detail.signals.map((s) => `${s.kind}@${s.timestamp}@${s.page}@${s.element?.fingerprint ?? ''}`).sort();
    assert.ok(expected.length >= 4, `shop-0024 shows several frictions (got ${expected.join(', ')})`);
    assert.deepEqual(actual, expected);
    const hotspotIds = new Set(analysis.report.hotspots.map((h) => h.id));
    for (const signal of detail.signals) assert.ok(hotspotIds.has(signal.hotspotId), `${signal.hotspotId} is a hotspot of the report`);
    const rage = detail.signals.find((s) => s.kind === 'rage_click');
    assert.equal(rage?.element?.selector, '[data-testid="pay-now"]');
    assert.equal(rage?.element?.text, 'Pay now');
  });

  it('lists the pages as the analysis routes them, and the outcome against the goal', () => {
    assert.deepEqual(detail.pages.map((p) => p.route), ['/', '/product/:id', '/cart', '/checkout/shipping', '/checkout/payment', '/checkout/confirmation']);
    assert.equal(detail.pages[1].path, '/product/oxford-shirt');
    assert.equal(detail.outcome.converted, true);
    assert.equal(detail.outcome.convertedAt, detail.pages[5].start);
    assert.equal(detail.goal, GOAL);
    assert.equal(detail.context, 'corpus');
  });

  it("in the session context, reads the session's own file and keeps the corpus signals among its candidates", async () => {
    const read: number[] = [];
    const alone = await loadSessionDetail([corpus], SESSION, { goal: GOAL, context: 'session', routes: ['/product/:id'], onProgress: (p) => read.push(p.sessions) });
    assert.equal(alone.context, 'session');
    assert.deepEqual(read, [1], 'only shop-0024.json.gz was read');
    assert.equal(alone.events.length, detail.events.length);
    const candidates = new Set(alone.signals.map((s) => `${s.kind}@${s.timestamp}@${s.hotspotId}`));
    for (const s of detail.signals) assert.ok(candidates.has(`${s.kind}@${s.timestamp}@${s.hotspotId}`), `${s.kind} at ${s.timestamp} is a candidate`);
  });

  it('names the id and the paths when the session is not there', async () => {
    const subset = files.slice(0, 3);
    await assert.rejects(loadSessionDetail(subset, 'shop-9999', { context: 'session' }), (error: unknown) => {
      assert.ok(error instanceof SessionNotFoundError);
      assert.match(error.message, /^session "shop-9999" not found in .*shop-0001\.json\.gz, .*shop-0002\.json\.gz, .*shop-0003\.json\.gz \(3 sessions read, e\.g\. shop-0001, shop-0002, shop-0003\)$/);
      return true;
    });
  });
});

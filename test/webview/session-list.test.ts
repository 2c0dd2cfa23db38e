// What the replay view lists, from a real analysis: hotspots in rank order with their example sessions and the
// outcomes the report implies, and the funnel towards the goal.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import type { AnalysisReport } from '../../analyzer/report/types';
import { funnelFromReport, sessionGroupsFromReport } from '../../webview/session-list';

const root = path.resolve(__dirname, '..', '..');
const corpus = path.join(root, 'examples', 'shop', 'corpus');
const GOAL = '/checkout/confirmation';

describe('webview: session list and funnel from the report', function () {
  this.timeout(120_000);
  let report: AnalysisReport;

  before(async () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.json.gz')).sort().slice(0, 60).map((f) => path.join(corpus, f));
    ({ report } = await analyzeFiles(files, { goal: parseGoal(GOAL), goalText: GOAL, src: path.join(root, 'examples', 'shop', 'src') }));
  });

  it('groups the example sessions under their hotspot, in rank order, each session once per group', () => {
    const groups = sessionGroupsFromReport(report);
    assert.deepEqual(groups.map((g) => g.hotspotId), report.hotspots.filter((h) => h.examples.length > 0).map((h) => h.id));
    for (const group of groups) {
      const hotspot = report.hotspots.find((h) => h.id === group.hotspotId)!;
      assert.deepEqual(group.items.map((i) => i.sessionId), [...new Set(hotspot.examples.map((e) => e.sessionId))]);
      assert.equal(group.items[0].timestamp, hotspot.examples[0].timestamp);
    }
    const pay = groups.find((g) => g.kind === 'rage_click');
    assert.equal(pay?.element, 'Pay now');
    assert.equal(pay?.source, 'parts/PayButton.tsx:4');
  });

  it('marks drop-off examples as not converted, on the route they left, and lets replayed outcomes win', () => {
    const dropOff = report.hotspots.find((h) => h.kind === 'drop_off' && h.examples.length > 0)!;
    const sessionId = dropOff.examples[0].sessionId;
    const implied = sessionGroupsFromReport(report).find((g) => g.hotspotId === dropOff.id)!.items[0];
    assert.deepEqual(implied.outcome, { converted: false, lastPath: dropOff.page });
    const known = new Map([[sessionId, { converted: false, lastPath: '/checkout/shipping?step=2' }]]);
    const replayed = sessionGroupsFromReport(report, known).flatMap((g) => g.items).filter((i) => i.sessionId === sessionId);
    assert.ok(replayed.every((i) => i.outcome?.lastPath === '/checkout/shipping?step=2'));
  });

  it('leaves the outcome unknown when the report cannot tell it', () => {
    const withoutGoal = { ...report, goal: undefined };
    assert.ok(sessionGroupsFromReport(withoutGoal).every((g) => g.items.every((i) => i.outcome === undefined)));
  });

  it('builds the funnel widest step first, with drop-offs, ending in the converted sessions', () => {
    const funnel = funnelFromReport(report);
    const last = funnel[funnel.length - 1];
    assert.deepEqual(last, { route: GOAL, sessions: report.converted, dropOffs: 0, goal: true });
    const steps = funnel.slice(0, -1);
    assert.ok(steps.every((s, i) => i === 0 || steps[i - 1].sessions >= s.sessions));
    for (const dropOff of report.hotspots.filter((h) => h.kind === 'drop_off')) {
      assert.equal(steps.find((s) => s.route === dropOff.page)?.dropOffs, dropOff.sessions);
    }
    assert.deepEqual(funnelFromReport({ ...report, goal: undefined }), []);
  });
});

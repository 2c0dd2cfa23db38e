// `friction analyze --posthog` end to end on real posthog-js events from the example shop: the HogQL fixture
// answers the queries (no ClickHouse here), the pushdown turns the answers into hotspots, and both are checked
// against the corpus's ground truth.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { analyzeFiles } from '../../../analyzer/pipeline/analyze';
import { parseGoal } from '../../../analyzer/replay';
import { analyzePosthog, sessionsToFetch, type HogQLRunner } from '../../../analyzer/sources/posthog/pushdown';
import { POSTHOG_JS_CORPUS_DIR } from './fake-posthog';
import type { AnalysisReport, ReportHotspot } from '../../../analyzer/report';
import { REPORT_VERSION } from '../../../analyzer/report';
import { HogQLFixture } from './hogql-fixture';
import { loadGroundTruth, type GroundTruthSession } from './hogql-fixture-events';

const SRC = resolve(__dirname, '..', '..', '..', 'examples', 'shop', 'src');
const RANGE = { dateFrom: new Date('2026-09-01T00:00:00Z'), dateTo: new Date('2026-11-01T00:00:00Z') };

/** Ground-truth sessions with an occurrence of `kind` whose selector contains `selector`. */
function truthSessions(sessions: GroundTruthSession[], kind: string, selector?: string): Set<string> {
  return new Set(sessions.filter((s) => s.occurrences.some((o) => o.kind === kind && (!selector || o.selector?.includes(selector)))).map((s) => s.id));
}

function find(report: AnalysisReport, kind: string, page: string, test: (h: ReportHotspot) => boolean = () => true): ReportHotspot {
  const hotspot = report.hotspots.find((h) => h.kind === kind && h.page === page && test(h));
  assert.ok(hotspot, `no ${kind} hotspot on ${page}; have ${report.hotspots.map((h) => h.id).join(', ')}`);
  return hotspot;
}

describe('PostHog pushdown: hotspots from HogQL aggregates of the shop events', function () {
  this.timeout(60_000);
  const truth = loadGroundTruth();
  let fixture: HogQLFixture;
  let report: AnalysisReport;
  const warnings: string[] = [];

  before(async () => {
    fixture = new HogQLFixture();
    report = await analyzePosthog({ runner: fixture, ...RANGE, goal: truth.goal, src: SRC, onWarning: (w) => warnings.push(w) });
  });

  it('reports totals from ClickHouse in the file analysis report contract', () => {
    assert.equal(report.version, REPORT_VERSION);
    assert.equal(report.sessions, truth.sessions.length);
    assert.equal(report.converted, truth.sessions.filter((s) => s.converted).length);
    assert.equal(report.goal, truth.goal);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      fixture.calls.map((c) => c.name).sort(),
      ['pushdown-drop-offs', 'pushdown-error-clicks', 'pushdown-frictions', 'pushdown-pages', 'pushdown-pages', 'pushdown-totals'],
      'paths first, then one routed query per question',
    );
  });

  it('finds the rage click on Pay now in exactly the ground truth sessions, mapped to PayButton.tsx:4', () => {
    const rage = find(report, 'rage_click', '/checkout/payment', (h) => h.element?.selector === '[data-testid="pay-now"]');
    const expected = truthSessions(truth.sessions, 'rage_click', 'pay-now');
    assert.equal(rage.sessions, expected.size);
    assert.ok(rage.examples.every((e) => expected.has(e.sessionId) && e.timestamp > 0));
    assert.equal(`${rage.source[0].file}:${rage.source[0].line}`, 'parts/PayButton.tsx:4');
  });

  it('keeps late $dead_click events on the page they were clicked on', () => {
    const dead = find(report, 'dead_click', '/checkout/payment', (h) => h.element?.selector === '[data-testid="pay-now"]');
    assert.equal(dead.sessions, truthSessions(truth.sessions, 'dead_click', 'pay-now').size);
    assert.equal(`${dead.source[0].file}:${dead.source[0].line}`, 'parts/PayButton.tsx:4');
    assert.ok(!report.hotspots.some((h) => h.kind === 'dead_click' && h.page === '/checkout/confirmation'), 'posthog-js sends them after the navigation');
  });

  it('finds the dead returns badge on /product/:id (one route across slugs) and the error click on Apply coupon', () => {
    const badge = find(report, 'dead_click', '/product/:id', (h) => h.element?.attributes.class === 'pill pill--returns');
    const posthogBadge = new Set(fixture.events.filter((e) => e.event === '$dead_click' && e.elementsChain.includes('pill--returns')).map((e) => e.sessionId));
    assert.equal(badge.sessions, posthogBadge.size);
    assert.ok([...truthSessions(truth.sessions, 'dead_click', 'pill--returns')].every((id) => posthogBadge.has(id)), 'each ground-truth dead click is one of PostHog\'s');
    assert.equal(badge.source[0].file, 'parts/ReturnsBadge.tsx');
    const productVisitors = new Set(fixture.events.filter((e) => e.event === '$pageview' && e.path.startsWith('/product/')).map((e) => e.sessionId));
    assert.equal(badge.pageSessions, productVisitors.size, 'distinct visitors of the route, not a sum over its slugs');
    const coupon = find(report, 'error_click', '/cart', (h) => h.element?.attributes['aria-label'] === 'Apply coupon');
    const expected = truthSessions(truth.sessions, 'error_click', 'Apply coupon');
    assert.equal(coupon.sessions, expected.size);
    assert.deepEqual(new Set(coupon.examples.map((e) => e.sessionId)), expected);
    assert.equal(coupon.source[0].file, 'pages/Cart.tsx');
  });

  it('counts funnel drop-off per route as the ground truth does', () => {
    const expected = new Map<string, number>();
    for (const s of truth.sessions) if (s.dropOffRoute) expected.set(s.dropOffRoute, (expected.get(s.dropOffRoute) ?? 0) + 1);
    const got = new Map(report.hotspots.filter((h) => h.kind === 'drop_off').map((h) => [h.page, h.sessions]));
    assert.deepEqual(got, expected);
    for (const h of report.hotspots.filter((x) => x.kind === 'drop_off')) assert.equal(h.conversionAffected, 0);
  });

  it('lists for fetching only example sessions of the top hotspots, each once', () => {
    const list = sessionsToFetch(report, 2, 4);
    const top = report.hotspots.slice(0, 4);
    const ids = list.flatMap((l) => l.sessionIds);
    assert.equal(new Set(ids).size, ids.length);
    for (const { hotspotId, sessionIds } of list) {
      const hotspot = top.find((h) => h.id === hotspotId);
      assert.ok(hotspot, `${hotspotId} is not a top hotspot`);
      assert.ok(sessionIds.length <= 2 && sessionIds.every((id) => hotspot.examples.some((e) => e.sessionId === id)));
    }
    assert.ok(ids.length > 0 && ids.length < report.sessions);
  });

  it('agrees with file analysis of the same sessions\' recordings on rage, error-click, Pay dead-click and drop-off hotspots', async () => {
    const files = await analyzeFiles([POSTHOG_JS_CORPUS_DIR], { goal: parseGoal(truth.goal), goalText: truth.goal, detect: { kinds: ['rage_click', 'dead_click', 'error_click', 'drop_off'] } });
    const figures = (h: ReportHotspot) => ({ id: h.id, sessions: h.sessions, pageSessions: h.pageSessions, share: h.share, conversionAffected: h.conversionAffected, conversionUnaffected: h.conversionUnaffected });
    // PostHog's own dead-click rule fires on more elements than the replay's (printed below): compare Pay only.
    const comparable = (h: ReportHotspot) => h.kind !== 'dead_click' || h.element?.attributes['data-testid'] === 'pay-now';
    const fromFiles = files.report.hotspots.filter(comparable).map(figures);
    assert.ok(fromFiles.length >= 7);
    for (const expected of fromFiles) assert.deepEqual(figures(report.hotspots.find((h) => h.id === expected.id) ?? ({} as ReportHotspot)), expected);
  });

  it('without a goal: no drop-off query, no drop-off hotspots', async () => {
    const runner = new HogQLFixture(fixture.events);
    const noGoal = await analyzePosthog({ runner, ...RANGE });
    assert.ok(!runner.calls.some((c) => c.name === 'pushdown-drop-offs'));
    assert.ok(!noGoal.hotspots.some((h) => h.kind === 'drop_off'));
    assert.equal(noGoal.converted, 0);
  });

  it('compares PostHog\'s own $rageclick / $dead_click with the ground truth (printed)', () => {
    const rows: string[][] = [];
    const compare = (label: string, event: string, kind: string, selector: string) => {
      const events = fixture.events.filter((e) => e.event === event && e.elementsChain.includes(selector));
      const truthOcc = truth.sessions.flatMap((s) => s.occurrences).filter((o) => o.kind === kind && o.selector?.includes(selector));
      rows.push([label, `${events.length} events / ${new Set(events.map((e) => e.sessionId)).size} sessions`, `${truthOcc.length} / ${truthSessions(truth.sessions, kind, selector).size}`]);
    };
    compare('rage Pay now', '$rageclick', 'rage_click', 'pay-now');
    compare('dead Pay now', '$dead_click', 'dead_click', 'pay-now');
    compare('dead returns badge', '$dead_click', 'dead_click', 'pill--returns');
    const other = fixture.events.filter((e) => e.event === '$dead_click' && !/pay-now|pill--returns/.test(e.elementsChain));
    rows.push(['dead elsewhere', `${other.length} events / ${new Set(other.map((e) => e.sessionId)).size} sessions`, '0 / 0']);
    console.log(`      PostHog vs ground truth (occurrences / sessions):\n${rows.map((r) => `        ${r[0].padEnd(20)} posthog ${r[1].padEnd(26)} truth ${r[2]}`).join('\n')}`);
    assert.equal(rows.length, 4);
  });

  it('accepts any runner shaped like PosthogClient.query, and an empty window gives an empty report', async () => {
    const runner: HogQLRunner = { query: (hogql, opts) => fixture.query(hogql, opts) };
    const empty = await analyzePosthog({ runner, dateFrom: new Date('2020-01-01T00:00:00Z'), dateTo: new Date('2020-01-02T00:00:00Z'), goal: truth.goal });
    assert.equal(empty.sessions, 0);
    assert.deepEqual(empty.hotspots, []);
  });
});

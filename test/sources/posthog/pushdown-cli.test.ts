// `friction analyze --posthog` as the CLI runs it (in-process), and the pushdown over the real client and HTTP
// path against the fake PostHog (whose canned HogQL answer is not the pushdown's: it must be flagged, not used).
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { refusePosthogFlags, runAnalyzePosthog, type AnalyzePosthogOptions } from '../../../analyzer/cli/analyze-posthog';
import type { AnalysisReport } from '../../../analyzer/report';
import { analyzePosthog } from '../../../analyzer/sources/posthog/pushdown';
import { FakePosthog } from './fake-posthog';
import { testClient } from './helpers';
import { HogQLFixture } from './hogql-fixture';

const SRC = resolve(__dirname, '..', '..', '..', 'examples', 'shop', 'src');
const NOW = Date.parse('2026-10-20T00:00:00Z');

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { isTTY: false, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

const usage = (promise: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(promise, (e: Error & { exitCode?: number }) => e.exitCode === 2 && pattern.test(e.message));

describe('friction analyze --posthog', function () {
  this.timeout(60_000);
  const fixture = new HogQLFixture();

  it('prints the JSON report and lists the recordings that explain the top hotspots on stderr', async () => {
    const err = capture();
    const out = await runAnalyzePosthog([], { posthog: true, goal: '/checkout/confirmation', src: SRC, format: 'json' }, { runner: fixture, stderr: err.stream, now: NOW });
    const report = JSON.parse(out) as AnalysisReport;
    assert.equal(report.sessions, 40);
    assert.ok(report.hotspots.some((h) => h.kind === 'rage_click' && h.source[0]?.file === 'parts/PayButton.tsx'));
    assert.match(err.text(), /^recordings that explain the top \d+ hotspots \(\d+ sessions\); fetch them for replay with:$/m);
    assert.match(err.text(), /^ {2}friction sync --sessions [0-9a-f-]{36}(,[0-9a-f-]{36})*$/m);
  });

  it('honours --kinds and --since (the window reaches the queries)', async () => {
    const out = await runAnalyzePosthog([], { posthog: true, kinds: 'error_click', format: 'json', quiet: true }, { runner: fixture, now: NOW });
    assert.deepEqual([...new Set((JSON.parse(out) as AnalysisReport).hotspots.map((h) => h.kind))], ['error_click']);
    const old = await runAnalyzePosthog([], { posthog: true, since: '2026-01-01', format: 'json', quiet: true }, { runner: fixture, now: Date.parse('2026-02-01T00:00:00Z') });
    assert.equal((JSON.parse(old) as AnalysisReport).sessions, 0);
  });

  it('refuses mistakes with exit 2: paths with --posthog, selector goals, flags without --posthog, keys on the command line', async () => {
    const base: AnalyzePosthogOptions = { posthog: true, quiet: true };
    const io = { runner: fixture, now: NOW };
    await usage(runAnalyzePosthog(['recordings/'], base, io), /drop the recording paths/);
    await usage(runAnalyzePosthog([], { ...base, goal: 'selector:#pay' }, io), /selector goal needs the page's DOM/);
    await usage(runAnalyzePosthog([], { ...base, since: 'whenever' }, io), /--since must be a duration/);
    await usage(runAnalyzePosthog([], { ...base, format: 'xml' }, io), /--format must be one of/);
    await usage(runAnalyzePosthog([], { ...base, kinds: 'angry_click' }, io), /unknown signal kind/);
    await usage(runAnalyzePosthog([], { ...base, project: '1' }, { env: {} }), /set POSTHOG_PERSONAL_API_KEY/);
    await usage(runAnalyzePosthog([], { ...base }, { env: { POSTHOG_PERSONAL_API_KEY: 'phx_x' } }), /--project <id> is required/);
    await usage(runAnalyzePosthog([], { ...base, project: '1', apiKey: 'phx_x' }, { env: {} }), /--api-key is not accepted/);
    assert.throws(() => refusePosthogFlags({ host: 'eu', since: '7d' }), (e: Error & { exitCode?: number }) => e.exitCode === 2 && /--host, --since only apply with --posthog/.test(e.message));
    assert.doesNotThrow(() => refusePosthogFlags({}));
  });

  describe('over the real client and the fake PostHog', () => {
    let fake: FakePosthog;
    before(async () => (fake = await FakePosthog.start({ sessions: 1 })));
    after(() => fake.close());

    it('sends named HogQLQuery requests; an answer without the expected columns is flagged, never turned into hotspots', async () => {
      const { client } = testClient(fake);
      const warnings: string[] = [];
      const report = await analyzePosthog({ runner: client, dateFrom: new Date(NOW - 86_400_000), dateTo: new Date(NOW), goal: '/checkout/confirmation', onWarning: (w) => warnings.push(w) });
      assert.deepEqual(report.hotspots, []);
      assert.ok(warnings.some((w) => /pushdown-frictions: 1 rows without the expected columns were ignored/.test(w)), warnings.join('\n'));
      const posts = fake.requests.filter((r) => r.category === 'queries' && r.method === 'POST').map((r) => r.body as { name: string; query: { kind: string } });
      assert.deepEqual(posts.map((b) => b.name).sort(), ['friction-lens:pushdown-drop-offs', 'friction-lens:pushdown-error-clicks', 'friction-lens:pushdown-frictions', 'friction-lens:pushdown-pages', 'friction-lens:pushdown-totals']);
      assert.ok(posts.every((b) => b.query.kind === 'HogQLQuery'));
    });

    it('the command reads the key from the environment and never prints it', async () => {
      const err = capture();
      const out = await runAnalyzePosthog([], { posthog: true, host: fake.url, project: fake.projectId }, { env: { POSTHOG_PERSONAL_API_KEY: fake.apiKey }, stderr: err.stream, now: NOW });
      assert.match(err.text(), /aggregating friction in PostHog project 4242 on http:\/\/127\.0\.0\.1:\d+ \(HogQL; no recordings downloaded\)/);
      assert.ok(!out.includes(fake.apiKey) && !err.text().includes(fake.apiKey));
    });
  });
});

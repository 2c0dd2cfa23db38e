// A simulation's figures come from its runs alone: success rate and Wilson interval, medians, confusion points,
// grouped breakages, warnings; report.html escapes whatever the app or the runs put in it.
import assert from 'node:assert/strict';
import { escapeHtml, renderSimulationHtml } from '../../analyzer/simulate/report-html';
import { breakagesOf, confusionPoints, median, simulationWarnings, summarizeRuns } from '../../analyzer/simulate/simulation-summary';
import type { Flow, RunOutcome, RunResult, RunStep, SimulationReport } from '../../analyzer/simulate/types';

const FLOW: Flow = { name: 'checkout', start: '/', goal: { url: '/done' }, maxSteps: 10, viewports: [{ width: 1280, height: 800 }] };

function step(index: number, route: string, parts: Partial<RunStep> = {}): RunStep {
  return { index, at: index * 1000, route, action: 'click', probability: 0.5, entropy: 0.2, dwellMs: 1000, reaction: 'navigation', selector: `#s${index}`, ...parts };
}

function run(id: string, outcome: RunOutcome, steps: RunStep[], errors: RunResult['errors'] = []): RunResult {
  return { id, flow: 'checkout', persona: 'buyer', seed: 1, viewport: { width: 1280, height: 800 }, outcome, steps, durationMs: steps.length * 2000, errors, signals: [], recording: `recordings/${id}.json.gz`, screenshots: [] };
}

describe('simulate: summary and report.html', () => {
  it('counts successes with a 95 % Wilson interval, medians of steps and time per step, outcomes', () => {
    const runs = [run('a', 'success', [step(0, '/'), step(1, '/cart')]), run('b', 'left', [step(0, '/')]), run('c', 'success', [step(0, '/'), step(1, '/cart'), step(2, '/pay')])];
    const summary = summarizeRuns(runs);
    assert.equal(summary.successes, 2);
    assert.equal(summary.successRate, 2 / 3);
    assert.ok(Math.abs(summary.successInterval[0] - 0.2077) < 1e-3 && Math.abs(summary.successInterval[1] - 0.9385) < 1e-3, `${summary.successInterval}`);
    assert.equal(summary.medianSteps, 2);
    assert.equal(summary.medianStepMs, 2000);
    assert.deepEqual(summary.outcomes, { success: 2, left: 1, dead_end: 0, cap: 0, error: 0 });
    assert.equal(median([]), 0);
  });

  it('finds confusion points by route and the action just before, from entropy or long waits', () => {
    const unsure = (i: number) => step(i, '/shipping', { entropy: 1.4, reaction: 'mutation', selector: '#tax-ref' });
    const runs = [
      run('a', 'left', [step(0, '/'), step(1, '/shipping', { reaction: 'mutation', selector: '#email' }), unsure(2), step(3, '/shipping', { action: 'leave', dwellMs: 9000, idleMs: 8000, reaction: 'none' })]),
      run('b', 'left', [step(0, '/'), step(1, '/shipping', { reaction: 'mutation', selector: '#email' }), unsure(2)]),
    ];
    const [first, second] = confusionPoints(runs);
    assert.deepEqual({ route: first.route, after: first.after, confused: first.confusedSteps, steps: first.steps, runs: first.runs }, { route: '/shipping', after: '#email', confused: 2, steps: 2, runs: 2 });
    assert.deepEqual(first.choices, [{ action: '#tax-ref', count: 2 }]);
    assert.equal(second, undefined, 'a single long wait is no point yet');
    const typed = [run('c', 'left', [step(0, '/shipping', { dwellMs: 9000, idleMs: 1500 }), step(1, '/shipping', { dwellMs: 9000, idleMs: 1500 })])];
    assert.deepEqual(confusionPoints(typed), [], 'time spent typing is no hesitation');
  });

  it('groups breakages by kind, route and message across runs', () => {
    const boom = { kind: 'exception' as const, message: "TypeError: Cannot read properties of undefined (reading 'percent')", route: '/cart' };
    const runs = [run('a', 'left', [], [boom, boom]), run('b', 'left', [], [boom, { kind: 'request', message: 'HTTP 500 POST /api/pay', route: '/pay' }])];
    assert.deepEqual(breakagesOf(runs), [
      { ...boom, runs: 2, occurrences: 3 },
      { kind: 'request', message: 'HTTP 500 POST /api/pay', route: '/pay', runs: 1, occurrences: 1 },
    ]);
  });

  it('warns when no run reached the goal, saying how and where runs ended', () => {
    const runs = [run('a', 'cap', [step(0, '/a')]), run('b', 'dead_end', [step(0, '/b')]), run('c', 'cap', [step(0, '/a')])];
    const [warning, capped] = simulationWarnings(FLOW, runs);
    assert.equal(warning, 'no run reached the goal (URL contains /done): 1 dead_end, 2 cap; runs ended on /a (2), /b (1)');
    assert.match(capped, /2 of 3 runs hit maxSteps \(10\)/);
    assert.deepEqual(simulationWarnings(FLOW, [run('a', 'success', [])]), []);
  });

  it('renders a self-contained report.html: escaped text, no script, no remote resource, local links only', () => {
    const evil = run('a', 'left', [step(0, '/<script>')], [{ kind: 'exception', message: '<img src=x onerror=alert(1)>', route: '/' }]);
    evil.screenshots = ['screenshots/a-01-start.jpg', 'https://evil.example/x.png', '../../etc/passwd'];
    const report: SimulationReport = {
      version: 1, flow: 'check"out', baseUrl: 'http://localhost:5173', model: 'behavior-policy@x', generatedAt: '2026-01-01T00:00:00Z', runs: [evil],
      summary: summarizeRuns([evil]), breakages: breakagesOf([evil]), warnings: ['<b>no</b> run'],
    };
    const html = renderSimulationHtml(report);
    assert.ok(!/<script/i.test(html), 'no script element, and text that looks like one is escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('&lt;b&gt;no&lt;/b&gt; run'));
    assert.ok(html.includes('src="screenshots/a-01-start.jpg"'));
    assert.ok(!html.includes('evil.example') && !html.includes('passwd'), 'only files beside the report are linked');
    assert.ok(!/(src|href)="https?:/.test(html), 'no remote resource');
    assert.equal(escapeHtml(`a&b<'">`), 'a&amp;b&lt;&#39;&quot;&gt;');
  });
});

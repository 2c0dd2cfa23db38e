// friction simulate against apps that misbehave, in real Chromium: a start page that sends the user to another
// origin, pages that never finish (a response that never ends, a navigation nobody answers, scripts that never
// yield while loading or later), a goal selector Chromium rejects and a flows file with errors. Every case ends in
// bounded time with a clear outcome or message, and no Chromium survives. (An app that refuses connections is
// simulate.test.ts's; the flows file's own rules are flows.test.ts's.)
import assert from 'node:assert/strict';
import http, { type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runSimulate } from '../../analyzer/cli/simulate-command';
import { AppUnreachableError, REACHABILITY_TIMEOUT_MS } from '../../analyzer/simulate/app-reachability';
import { FlowsFileError } from '../../analyzer/simulate/flows';
import { PAGE_LOAD_TIMEOUT_MS } from '../../analyzer/simulate/navigation-watch';
import { PAGE_UNRESPONSIVE_MS } from '../../analyzer/simulate/page-responsiveness';
import { runFlow } from '../../analyzer/simulate/run-flow';
import type { Flow, SimulationReport } from '../../analyzer/simulate/types';
import { ownChromiumPids, survivors } from './chromium-processes';

const MODEL = path.resolve(__dirname, '..', '..', 'models', 'behavior-policy');
/** Longest a bad case may take: the freeze limit, plus launching Chromium and closing it on a loaded machine. */
const BOUND_MS = PAGE_UNRESPONSIVE_MS + 15_000;

const page = (body: string) => `<!doctype html><html><head><title>bad app</title></head><body>${body}</body></html>`;

/** The misbehaving app; `elsewhere` is the origin its first page sends users to. */
function badApp(elsewhere: () => string): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(body));
    switch (req.url) {
      case '/away':
        return html(`<p>Moved.</p><script>location.href = '${elsewhere()}/';</script>`);
      case '/never-ends':
        // Headers and the start of the page, then nothing, ever: `load` never comes.
        res.writeHead(200, { 'content-type': 'text/html' }).write('<!doctype html><html><body><button>Half a page</button>');
        return;
      case '/no-answer':
        return; // Not even headers.
      case '/to-no-answer':
        return html(`<button>Wait</button><script>setTimeout(() => { location.href = '/no-answer'; }, 300);</script>`);
      case '/busy-loading':
        return html(`<button>Frozen</button><script>while (true) {}</script>`);
      case '/busy-later':
        return html(`<button>Soon frozen</button><script>setTimeout(() => { while (true) {} }, 300);</script>`);
      default:
        return html(`<h1>Plain page</h1><button>Do nothing</button>`);
    }
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Outcome {
  report?: SimulationReport;
  error?: unknown;
  ms: number;
}

describe('friction simulate on bad input: bounded runs, clear outcomes, no Chromium left', function () {
  // The cases run at once; about 25 s on an idle 2-core machine.
  this.timeout(120_000);
  const servers: Server[] = [];
  let app: string;
  let other: string;
  let dir: string;
  const seen = new Set<number>();
  const outcomes = new Map<string, Outcome>();

  const flow = (name: string, start: string, goal: Flow['goal'] = { url: '/done' }): Flow => ({ name, start, goal, maxSteps: 5, viewports: [{ width: 800, height: 600 }] });

  async function simulate(name: string, start: string, goal?: Flow['goal']): Promise<void> {
    const began = Date.now();
    try {
      const report = await runFlow({ flow: flow(name, start, goal), baseUrl: app, runs: 1, parallel: 1, seed: 1, outDir: path.join(dir, name), modelDir: MODEL });
      outcomes.set(name, { report, ms: Date.now() - began });
    } catch (error) {
      outcomes.set(name, { error, ms: Date.now() - began });
    }
  }

  /** The one run of a case, checked to have ended in bounded time. */
  function onlyRun(name: string) {
    const outcome = outcomes.get(name)!;
    assert.ok(outcome.report, `${name}: ${String(outcome.error)}`);
    assert.ok(outcome.ms < BOUND_MS, `${name} took ${outcome.ms} ms`);
    assert.equal(outcome.report.runs.length, 1);
    return { run: outcome.report.runs[0], report: outcome.report };
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'simulate-bad-'));
    const elsewhere = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page('<button>Another site</button>')));
    servers.push(elsewhere, http.createServer(badApp(() => other)));
    other = await listen(elsewhere);
    app = await listen(servers[1]);
    assert.deepEqual(ownChromiumPids(), [], 'no Chromium of ours before the test');
    const sampler = setInterval(() => ownChromiumPids().forEach((pid) => seen.add(pid)), 500);
    try {
      await Promise.all([
        simulate('away', '/away'),
        simulate('never-ends', '/never-ends'),
        simulate('no-answer', '/no-answer'),
        simulate('to-no-answer', '/to-no-answer'),
        simulate('busy-loading', '/busy-loading'),
        simulate('busy-later', '/busy-later'),
        simulate('bad-selector', '/', { selector: 'button[[' }),
      ]);
    } finally {
      clearInterval(sampler);
    }
  });

  after(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ends a run whose start page sends the user to another origin as "left", before any step', () => {
    const { run, report } = onlyRun('away');
    assert.equal(run.outcome, 'left');
    assert.equal(run.steps.length, 0);
    assert.match(report.warnings?.[0] ?? '', /^no run reached the goal \(URL contains \/done\): 1 left; runs ended on \(start page\)/);
  });

  it('gives up on a start page whose response never ends, naming it and the load timeout', () => {
    const { run, report } = onlyRun('never-ends');
    assert.equal(run.outcome, 'error');
    assert.equal(run.failure, `the start page ${app}/never-ends did not finish loading within ${PAGE_LOAD_TIMEOUT_MS / 1000} s`);
    assert.ok(report.warnings?.includes(`1 run(s) could not go on: ${run.failure}`), JSON.stringify(report.warnings));
  });

  it('refuses to start against a start page that never answers, after the reachability timeout', () => {
    const outcome = outcomes.get('no-answer')!;
    assert.ok(outcome.error instanceof AppUnreachableError, String(outcome.error));
    assert.equal(outcome.error.message, `cannot reach ${app}/no-answer (no answer within ${REACHABILITY_TIMEOUT_MS / 1000} s): start your app first, or pass --url with the address it runs at`);
    assert.ok(outcome.ms < REACHABILITY_TIMEOUT_MS + 5000, `${outcome.ms} ms`);
  });

  it('ends a run stuck on a navigation nobody answers, naming the URL', () => {
    const { run } = onlyRun('to-no-answer');
    assert.equal(run.outcome, 'error');
    assert.match(run.failure ?? '', new RegExp(`^${app}/no-answer did not answer within \\d+ s$`));
  });

  it('ends a run on a page whose script never yields while loading', () => {
    const { run } = onlyRun('busy-loading');
    assert.equal(run.outcome, 'error');
    assert.equal(run.failure, `the start page ${app}/busy-loading did not finish loading within ${PAGE_LOAD_TIMEOUT_MS / 1000} s`);
  });

  it('ends a run on a page that freezes after loading, saying it stopped responding', () => {
    const { run } = onlyRun('busy-later');
    assert.equal(run.outcome, 'error');
    assert.equal(run.failure, `the page stopped responding for ${PAGE_UNRESPONSIVE_MS / 1000} s (a script that never yields?) on ${app}/busy-later`);
  });

  it('ends every run of a flow whose goal selector Chromium rejects, quoting the selector', () => {
    const { run } = onlyRun('bad-selector');
    assert.equal(run.outcome, 'error');
    assert.equal(run.failure, 'goal.selector "button[[" is not a valid CSS selector');
  });

  it('refuses a flows file with errors before launching a browser, listing every problem', async () => {
    const file = path.join(dir, 'flows.json');
    writeFileSync(file, JSON.stringify({ version: 1, flows: [{ name: 'checkout', start: 'ftp://shop.example/', goal: { url: '/done' }, maxSteps: 5, viewports: [{ width: 800, height: 600 }], personas: { buyer: 0 } }] }));
    await assert.rejects(runSimulate({ flow: 'checkout', url: app, flows: file, runs: '1', out: path.join(dir, 'cli') }), (error: unknown) => {
      assert.ok(error instanceof FlowsFileError);
      assert.deepEqual(error.problems, ['flows[0].start: must be a path ("/checkout") or an http(s) URL, got "ftp://shop.example/"', 'flows[0].personas: needs at least one persona with a weight above 0']);
      return true;
    });
    assert.deepEqual(ownChromiumPids(), []);
  });

  it('leaves no Chromium process behind', async () => {
    assert.ok(seen.size > 0, 'the browsers were seen running');
    assert.deepEqual(await survivors(seen), []);
    assert.deepEqual(await survivors(ownChromiumPids()), []);
  });
});

// End-to-end: the extension in a real VS Code (code-server 4.139 = VS Code 1.139, Node extension host), driven
// through its web UI with playwright-core and Debian's Chromium, on a copy of the example shop and 60 of its recorded
// sessions. Needs code-server in the tool cache (scripts/e2e/install-code-server.sh; .ci/run installs it).
// Screenshots go to test-artifacts/e2e/. FRICTION_E2E_KEEP=1 keeps the temp workspace and VS Code's logs.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../analyzer/simulate/chromium';
import { loadPlantedFrictions, type PlantedFriction } from '../../examples/shop/frictions';
import { SHOP, startCodeServer, type CodeServer } from './code-server';
import * as wb from './workbench';

const ANALYZE = 'Friction Lens: Analyze recordings';

describe('e2e: the extension in a real VS Code (code-server)', function () {
  this.timeout(120_000);
  this.slow(60_000);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: wb.Workbench | undefined;
  /** Filled by the Analyze test; the checks after it read the results it left on screen. */
  let analysed: { hotspots: number; sessions: number } | undefined;
  let problems: wb.ProblemRow[] = [];

  // Every planted friction is tied to an element, so each has a line to land on.
  const planted: PlantedFriction[] = loadPlantedFrictions(path.join(SHOP, 'frictions.json')).filter((f) => f.selector);

  before(async function () {
    this.timeout(180_000);
    server = await startCodeServer({ sessions: 60 });
    browser = await launchChromium();
    workbench = await wb.openWorkbench(browser, server.folderUrl);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const name = `failed-${(this.currentTest.title).replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
    if (workbench) console.error(`  screenshot: ${await wb.screenshot(workbench.page, name).catch((e: Error) => e.message)}`);
    if (server) console.error(server.diagnostics());
    if (workbench?.consoleErrors.length) console.error(`--- browser console errors ---\n${workbench.consoleErrors.slice(-15).join('\n')}`);
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close().catch(() => undefined);
    // Kills code-server's whole process group and fails if anything survives.
    await server?.stop();
  });

  const page = () => {
    assert.ok(workbench, 'the workbench did not open');
    return workbench.page;
  };
  const requireAnalysis = () => assert.ok(analysed, 'needs the Analyze test to have passed');

  it('activates on start-up in a workspace with .friction/ and contributes its command', async () => {
    const activation = await server!.waitForActivation();
    assert.equal(activation.event, 'workspaceContains:.friction');
    const entries = await wb.paletteEntries(page(), 'Friction Lens');
    assert.ok(entries.includes(ANALYZE), `palette lists ${JSON.stringify(entries)}`);
  });

  it('runs "Analyze recordings" to completion: "N hotspots from 60 sessions"', async () => {
    await wb.runCommand(page(), ANALYZE);
    const text = await wb.waitForNotification(page(), /hotspots from \d+ sessions/, 90_000);
    const m = /(\d+) hotspots from (\d+) sessions/.exec(text)!;
    analysed = { hotspots: Number(m[1]), sessions: Number(m[2]) };
    assert.equal(analysed.sessions, server!.sessions);
    assert.ok(analysed.hotspots >= planted.length, text);
    const errors = (await wb.notifications(page())).filter((n) => /^Friction Lens: (?!\d+ hotspots)/.test(n));
    assert.deepEqual(errors, [], 'no other Friction Lens notification (an error would show as one)');
    await wb.screenshot(page(), 'after-analysis');
  });

  it('lists every planted friction in the Problems panel at the line that renders its element', async () => {
    requireAnalysis();
    problems = await wb.readProblems(page());
    await wb.screenshot(page(), 'problems');
    const ours = problems.filter((p) => p.source === 'Friction Lens');
    assert.ok(ours.length > 0, `no Friction Lens problems among ${problems.length} rows`);
    const missing = planted.filter((f) => {
      const folder = path.posix.join('src', path.posix.dirname(f.source.file));
      return !ours.some((p) => p.file === path.posix.basename(f.source.file) && p.folder === folder && p.line === f.source.line && p.column === f.source.column);
    });
    const shown = ours.map((p) => `${p.folder}/${p.file}:${p.line}:${p.column} ${p.code}`).join('\n  ');
    assert.deepEqual(missing.map((f) => f.id), [], `missing planted frictions; the panel shows:\n  ${shown}`);
    for (const p of ours) {
      assert.match(p.message, /^[A-Z][a-z -]+ on \/\S*: \d+ of \d+ sessions \(\d+%\); conversion \d+% with vs (\d+% without|no visitor without it)\./, p.message);
      // Severity is the worse of reach and cost: at least what reach alone gives (a fifth of the page's sessions
      // is an error, a twentieth a warning; the message rounds the share, so the boundaries are skipped).
      const share = Number(/\((\d+)%\)/.exec(p.message)![1]);
      const rank = { info: 0, warning: 1, error: 2 } as Record<string, number>;
      const byReach = share > 20 ? 'error' : share > 5 ? 'warning' : 'info';
      if (share !== 20 && share !== 5) assert.ok(rank[p.severity] >= rank[byReach], `${p.file}:${p.line} is ${p.severity}, reach alone gives ${byReach}: ${p.message}`);
    }
  });

  it('shows the figures in the hover over a planted line', async () => {
    requireAnalysis();
    const pay = planted.find((f) => f.id === 'pay-no-pending') ?? planted[0];
    const expected = problems.filter((p) => p.file === path.posix.basename(pay.source.file) && p.line === pay.source.line);
    assert.ok(expected.length, 'the Problems panel test found the Pay button');
    await wb.openFile(page(), path.posix.join('src', pay.source.file));
    const hover = await wb.hoverAt(page(), pay.source.line, pay.source.column);
    await wb.screenshot(page(), 'hover');
    for (const p of expected) assert.ok(hover.replace(/\s+/g, ' ').includes(p.message), `hover:\n${hover}\nlacks: ${p.message}`);
    // The diagnostic's source and code ("Friction Lens(rage_click)"; the brackets are CSS, absent from innerText).
    assert.match(hover, /Friction Lens\s*\(?(rage_click|dead_click)/);
  });

  it('logs the run to its "Friction Lens" output channel', async () => {
    requireAnalysis();
    const log = await wb.showOutputChannel(page(), 'Friction Lens');
    assert.match(log, new RegExp(`${analysed!.sessions} sessions, ${analysed!.hotspots} hotspots, \\d+ files annotated`), log);
  });

  // Next checks, as the features land (same page, same analysis): the Friction Lens tree view, CodeLens above the
  // planted lines, line decorations, the webview report, the status bar item. Selectors: see SEL in ./workbench.ts.
});

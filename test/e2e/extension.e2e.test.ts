// End-to-end: the extension in a real VS Code (code-server 4.139 = VS Code 1.139, Node extension host), driven
// through its web UI with playwright-core and Debian's Chromium, on a copy of the example shop and 60 of its recorded
// sessions. Needs code-server in the tool cache (scripts/e2e/install-code-server.sh; .ci/run installs it).
// Screenshots go to test-artifacts/e2e/. FRICTION_E2E_KEEP=1 keeps the temp workspace and VS Code's logs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { AnalysisReport, ReportHotspot } from '../../analyzer/report/types';
import type { SignalKind } from '../../analyzer/signals/types';
import { launchChromium } from '../../analyzer/simulate/chromium';
import { loadPlantedFrictions, type PlantedFriction } from '../../examples/shop/frictions';
import { annotationsFromReport, DEFAULT_THRESHOLDS, formatConversions, kindLabel, type HotspotAnnotation } from '../../extension/annotations';
import { SHOP, startCodeServer, type CodeServer } from './code-server';
import { runSimulate } from '../../analyzer/cli/simulate-command';
import { diskWorkspace } from '../../analyzer/cli/fix-command';
import { FIX_CATALOGUE } from '../../analyzer/fixes';
import { applyProposal, proposeFixes } from '../../analyzer/fixes/propose-fixes';
import type { SimulationReport } from '../../analyzer/simulate/types';
import { startShopServer } from '../../examples/shop/server/server';
import * as wb from './workbench';

const ANALYZE = 'Friction Lens: Analyze recordings';
const TOGGLE = 'Friction Lens: Toggle annotations';
const SHOW_RUNS = 'Friction Lens: Show simulated runs';
const pct = (x: number) => `${Math.round(x * 100)}%`;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string) => new RegExp(`^\\s*${escapeRegExp(s)}\\s*$`);
/** "−0.4" (a real minus sign) -> -0.4 */
const shownNumber = (s: string) => Number(s.replace('\u2212', '-'));

describe('e2e: the extension in a real VS Code (code-server)', function () {
  this.timeout(120_000);
  this.slow(60_000);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: wb.Workbench | undefined;
  /** Filled by the Analyze test; the checks after it read the results it left on screen. */
  let analysed: { hotspots: number; sessions: number } | undefined;
  let problems: wb.ProblemRow[] = [];
  /** The report the Analyze test left in .friction/last-report.json (what every view reads). */
  let report: AnalysisReport | undefined;

  // Every planted friction is tied to an element, so each has a line to land on.
  const planted: PlantedFriction[] = loadPlantedFrictions(path.join(SHOP, 'frictions.json')).filter((f) => f.selector);
  /** The Pay button's rage clicks: the friction the single-file checks below look at. */
  const pay = planted.find((f) => f.id === 'pay-no-pending') ?? planted[0];

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
  const requireReport = (): AnalysisReport => {
    requireAnalysis();
    assert.ok(report, 'the Analyze test did not leave .friction/last-report.json');
    return report;
  };
  const srcRoot = () => path.join(server!.workspace, 'src');
  /** What the editor annotates (the workspace keeps the default thresholds), best ranked first. */
  const annotations = (r: AnalysisReport): HotspotAnnotation[] =>
    annotationsFromReport(r, srcRoot(), DEFAULT_THRESHOLDS).sort((a, b) => b.hotspot.score - a.hotspot.score);
  const annotatedAt = (r: AnalysisReport, f: PlantedFriction) =>
    annotations(r).filter((a) => a.hotspot.source[0].file === f.source.file && a.line === f.source.line);
  /** The planted line whose top hotspot costs the most conversions: the one worth a screenshot. */
  const costliest = (r: AnalysisReport): PlantedFriction => {
    const lost = (f: PlantedFriction) => annotatedAt(r, f)[0]?.hotspot.impact?.lostConversions ?? -Infinity;
    return [...planted].sort((a, b) => lost(b) - lost(a))[0];
  };
  const fileOf = (f: PlantedFriction) => path.posix.join('src', f.source.file);
  const activeTab = (file: string) => page().locator(wb.SEL.activeTab, { hasText: path.posix.basename(file) });
  /** Waits for the status bar to show the active editor's cursor at 1-based (line, column). */
  const waitForCursor = (line: number, column: number, what: string) =>
    wb.waitForValue(() => wb.cursorPosition(page()), (c) => c?.line === line && c.column === column, what);

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
    report = JSON.parse(readFileSync(path.join(server!.workspace, '.friction', 'last-report.json'), 'utf8')) as AnalysisReport;
    assert.equal(report.hotspots.length, analysed.hotspots, 'the saved report is the one announced');
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

  it('shows a figures card with replay links in the hover over a planted line', async () => {
    const r = requireReport();
    const unannotated = planted.filter((f) => annotatedAt(r, f).length === 0).map((f) => f.id);
    assert.deepEqual(unannotated, [], 'every planted line carries an editor annotation');
    const f = costliest(r);
    const expected = annotatedAt(r, f).map((a) => a.hotspot);
    // The output channel of the previous test would take half the editor's height.
    await wb.runCommand(page(), 'View: Hide Panel');
    await wb.openFile(page(), fileOf(f));
    // The CodeLens above the component moves the lines when it arrives: hover once it is there.
    await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.codeLenses.length > 0 && a.glyphs.length > 0, `annotations in ${f.source.file}`);
    // Left of the element: the diagnostic's hover (its range starts at the tag) stays out of the way.
    const column = Math.max(1, f.source.column - 2);
    await wb.hoverAt(page(), f.source.line, column);
    const cards = await wb.hoverCards(page());
    assert.equal(cards.length, expected.length, `one card per hotspot on ${f.source.file}:${f.source.line}: ${JSON.stringify(cards.map((c) => c.title))}`);
    expected.forEach((h: ReportHotspot, i) => {
      const card = cards[i];
      const where = `card ${i + 1} (${h.id}): ${JSON.stringify(card)}`;
      assert.ok(card.title.startsWith(`⚡ ${kindLabel(h.kind)} on ${h.page}`), where);
      assert.equal(card.rows['Sessions affected'], `${h.sessions} of ${h.pageSessions} on this page (${pct(h.share)}), ${plural(h.occurrences, 'occurrence')}`, where);
      assert.match(card.rows['Conversion (observed)'], new RegExp(`^${pct(h.conversionAffected)} with · (${pct(h.conversionUnaffected)} without|no visitor without it)$`), where);
      assert.ok(h.impact, `${h.id} has no modelled impact: the shipped model did not rank it`);
      if (h.impact.model !== 'observed') assert.equal(card.rows['Conversion (modelled)'], `${pct(h.impact.conversionWith)} with · ${pct(h.impact.conversionWithout)} without`, where);
      const shownLost = shownNumber(card.rows['Estimated lost conversions']);
      assert.ok(Math.abs(shownLost - h.impact.lostConversions) <= (Math.abs(h.impact.lostConversions) >= 10 ? 0.5 : 0.05) + 1e-9, where);
      assert.equal(card.rows.Model, h.impact.model, where);
      const replays = card.links.filter((l) => l.text.startsWith('Replay '));
      assert.ok(replays.length > 0, `no replay link: ${where}`);
      for (const link of replays) {
        assert.ok(link.href.startsWith('command:frictionLens.openReplay?'), where);
        const args = JSON.parse(decodeURIComponent(link.href.slice(link.href.indexOf('?') + 1))) as { sessionId: string; timestamp: number };
        assert.equal(link.text, `Replay ${args.sessionId}`);
        assert.ok(h.examples.some((e) => e.sessionId === args.sessionId && e.timestamp === args.timestamp), `${link.text} is not one of ${h.id}'s examples`);
      }
    });
    // Tall enough to show a whole card; the editor keeps that size for the next hovers.
    await wb.expandHover(page());
    await wb.escape(page());
    await wb.hoverAt(page(), f.source.line, column);
    await wb.screenshot(page(), 'hover-card');
    await wb.escape(page());
  });

  it('puts gutter icons and figures on the planted lines and a CodeLens on the Pay button component', async () => {
    const r = requireReport();
    const all = annotations(r);
    // One file at a time, the Pay button last (its editor stays for the screenshot).
    for (const f of [...planted.filter((p) => p !== pay), pay]) {
      await wb.openFile(page(), fileOf(f));
      await wb.goToLine(page(), f.source.line, 1);
      const shown = await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.glyphs.some((g) => g.line === f.source.line), `a gutter icon on ${f.source.file}:${f.source.line}`);
      const lines = new Set(all.filter((a) => a.hotspot.source[0].file === f.source.file).map((a) => a.line));
      const stray = shown.glyphs.filter((g) => !lines.has(g.line));
      assert.deepEqual(stray, [], `${f.source.file}: icons on lines without a hotspot (annotated: ${[...lines].join(', ')})`);
      const top = annotatedAt(r, f)[0].hotspot;
      const text = shown.endOfLine.find((e) => e.line === f.source.line)?.text ?? '';
      assert.ok(text.startsWith(`⚡ ${kindLabel(top.kind).toLowerCase()} · ${plural(top.sessions, 'session')} · `), `${f.source.file}:${f.source.line} ends with ${JSON.stringify(text)}`);
      if (f === costliest(r)) {
        // Cursor on the last (empty) line: no light bulb in the picture.
        await page().keyboard.press('Control+End');
        await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.codeLenses.length > 0 && a.glyphs.length > 0, `the CodeLens in ${f.source.file}`);
        await wb.screenshot(page(), 'codelens');
      }
    }
    // The lens sits above the declaration of the component that renders the planted element and names its hotspots.
    const source = readFileSync(path.join(srcRoot(), pay.source.file), 'utf8').split('\n');
    const component = annotatedAt(r, pay)[0].component;
    assert.ok(component, `${pay.id} is mapped without a component`);
    const declaration = source.findIndex((l) => new RegExp(`\\b(function|const|class)\\s+${component}\\b`).test(l)) + 1;
    assert.ok(declaration > 0 && declaration <= pay.source.line, `${component} is declared at line ${declaration}`);
    const mine = all.filter((a) => a.hotspot.source[0].file === pay.source.file && a.component === component).map((a) => a.hotspot);
    const n = mine.length;
    const lostTotal = mine.reduce((sum, h) => sum + Math.max(0, h.impact?.lostConversions ?? 0), 0);
    const named = lostTotal >= 0.05 ? `${formatConversions(lostTotal)} lost conversions` : `${kindLabel(mine[0].kind).toLowerCase()} in ${plural(mine[0].sessions, 'session')}`;
    await wb.goToLine(page(), 1, 1);
    const shown = await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.codeLenses.length > 0, 'a CodeLens in PayButton.tsx');
    assert.deepEqual(shown.codeLenses, [{ text: `Friction: ${plural(n, 'hotspot')} · ${named}`, above: declaration }]);
  });

  it('lists the hotspots by file in the Friction view; a hotspot row opens its line', async () => {
    const r = requireReport();
    await wb.escape(page());
    await wb.showViewContainer(page(), 'Friction', 'Hotspots');
    const header = page().locator(wb.SEL.sideBarPane('Hotspots')).locator('.pane-header');
    assert.equal(await header.getAttribute('aria-label'), `Hotspots - ${r.hotspots.length} · by file Section`);
    // No run files in the workspace: the Synthetic runs view shows its welcome text.
    const runs = page().locator(wb.SEL.sideBarPane('Synthetic runs'));
    assert.match(await runs.locator('.welcome-view-content').innerText(), /^No synthetic runs yet\. .*\n[\s\S]*Run synthetic flow/);
    // Folded, it leaves the side bar's height to the hotspots.
    await runs.locator('.pane-header').click();
    await runs.locator('.pane-header[aria-expanded="false"]').waitFor({ timeout: 5000 });

    const rows = await wb.readTree(page(), 'Hotspots');
    const groups = rows.filter((row) => row.level === 1);
    const expected = new Map<string, number>();
    for (const h of r.hotspots) expected.set(h.source[0]?.file ?? 'Not mapped to source', (expected.get(h.source[0]?.file ?? 'Not mapped to source') ?? 0) + 1);
    const listed = new Map(groups.map((g) => [g.label, Number(/^(\d+) hotspots?\b/.exec(g.description)?.[1] ?? NaN)]));
    assert.deepEqual([...listed].sort(), [...expected].sort(), 'one group per file, with its hotspot count');
    assert.equal(rows.length, groups.length + r.hotspots.length, 'every hotspot has a row');
    const childrenOf = (file: string) => {
      const at = rows.findIndex((row) => row.level === 1 && row.label === file);
      const next = rows.findIndex((row, i) => i > at && row.level === 1);
      return rows.slice(at + 1, next < 0 ? undefined : next);
    };
    for (const f of planted) {
      const row = childrenOf(f.source.file).find((c) => c.label.startsWith(`${kindLabel(f.kind as SignalKind)} · `));
      assert.ok(row, `no ${kindLabel(f.kind as SignalKind)} row under ${f.source.file}: ${JSON.stringify(childrenOf(f.source.file))}`);
      assert.match(row.description, /^\d+ sessions? · /, row.ariaLabel);
    }

    // Clicking the Pay button's hotspot opens PayButton.tsx with the cursor on the element.
    await wb.resizeSideBar(page(), 460);
    await wb.runCommand(page(), 'View: Close All Editors');
    await page().locator(`${wb.SEL.editor}`).waitFor({ state: 'detached', timeout: 5000 });
    const row = childrenOf(pay.source.file).find((c) => c.label.startsWith(`${kindLabel(pay.kind as SignalKind)} · `))!;
    await page().locator(wb.SEL.sideBarPane('Hotspots')).locator('.monaco-list-row').filter({ has: page().locator('.label-name', { hasText: exactly(row.label) }) }).click();
    await activeTab(pay.source.file).waitFor({ timeout: 10_000 });
    await waitForCursor(pay.source.line, pay.source.column, `the cursor on ${pay.source.file}:${pay.source.line}:${pay.source.column}`);
    await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.glyphs.length > 0 && a.codeLenses.length > 0, 'annotations in the opened editor');
    await page().mouse.move(900, 700);
    await wb.screenshot(page(), 'tree');
  });

  it('shows "<N> hotspots" in the status bar; clicking it opens the Friction view', async () => {
    const r = requireReport();
    const item = page().locator(wb.SEL.statusItem(`${server!.extensionId}.frictionLens.status`));
    assert.equal((await item.innerText()).trim(), `${r.hotspots.length} hotspots`);
    assert.equal(r.hotspots.length, analysed!.hotspots);
    await wb.runCommand(page(), 'View: Show Explorer');
    await page().locator(wb.SEL.sideBarPane('Hotspots')).waitFor({ state: 'hidden', timeout: 5000 });
    await item.click();
    await page().locator(wb.SEL.sideBarPane('Hotspots')).waitFor({ state: 'visible', timeout: 5000 });
  });

  it('"Toggle annotations" hides gutter icons, line figures, CodeLens and hover cards, and brings them back', async () => {
    requireReport();
    await wb.openFile(page(), fileOf(pay));
    const lines = (a: wb.EditorAnnotations) => ({ glyphs: a.glyphs.map((g) => g.line), endOfLine: a.endOfLine.map((e) => e.line), codeLenses: a.codeLenses.map((c) => c.above) });
    const before = lines(await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.glyphs.length > 0 && a.endOfLine.length > 0 && a.codeLenses.length > 0, 'annotations before the toggle'));
    await wb.runCommand(page(), TOGGLE);
    await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.glyphs.length + a.endOfLine.length + a.codeLenses.length === 0, 'no annotation after "Toggle annotations"');
    // The Problems panel keeps its diagnostics: the hover still shows the diagnostic, but no figures card.
    const hover = await wb.hoverAt(page(), pay.source.line, pay.source.column);
    assert.match(hover, /Friction Lens\s*\(?(rage_click|dead_click)/);
    assert.deepEqual(await wb.hoverCards(page()), []);
    await wb.escape(page());
    await wb.runCommand(page(), TOGGLE);
    const after = await wb.waitForValue(async () => lines(await wb.editorAnnotations(page())), (a) => JSON.stringify(a) === JSON.stringify(before), 'the same annotations back');
    assert.ok(after.glyphs.includes(pay.source.line));
  });

  it('moves the gutter icon and the diagnostic with an edit above the element, and back on undo', async () => {
    requireReport();
    const file = path.join(srcRoot(), pay.source.file);
    const original = readFileSync(file, 'utf8');
    const { line, column } = pay.source;
    await wb.openFile(page(), fileOf(pay));
    await wb.goToLine(page(), line - 1, 1);
    await page().keyboard.press('End');
    await page().keyboard.press('Enter');
    await page().keyboard.type('// e2e: a line above the Pay button');
    // Unsaved edits move annotations with their lines at once...
    await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.glyphs.some((g) => g.line === line + 1) && !a.glyphs.some((g) => g.line === line), `the icon on line ${line + 1} while editing`);
    // ...and the save checks the element is still there: moved, not drifted.
    await page().keyboard.press('Control+S');
    await wb.waitForValue(async () => readFileSync(file, 'utf8'), (text) => text.includes('// e2e: a line above'), 'the edit saved');
    await page().locator(`${wb.SEL.activeTab}.dirty`).waitFor({ state: 'detached', timeout: 5000 });
    const saved = await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.glyphs.some((g) => g.line === line + 1) && a.endOfLine.some((e) => e.line === line + 1), `the icon on line ${line + 1} after the save`);
    assert.deepEqual(saved.glyphs.map((g) => g.line), [line + 1]);
    assert.ok(!saved.endOfLine.some((e) => /code changed/.test(e.text)), `not drifted: ${JSON.stringify(saved.endOfLine)}`);
    // The diagnostic moved too: "Go to Next Problem" from the top of the file lands on the element's new line.
    await wb.goToLine(page(), 1, 1);
    await page().keyboard.press('F8');
    const marker = page().locator(`${wb.SEL.editor} .marker-widget`);
    await marker.waitFor({ state: 'visible', timeout: 5000 });
    await waitForCursor(line + 1, column, `F8 on line ${line + 1}`);
    assert.match(await marker.innerText(), new RegExp(`(Dead|Rage) clicks on ${escapeRegExp(pay.page)}: `));
    await page().keyboard.press('Escape');
    await marker.waitFor({ state: 'hidden', timeout: 5000 });

    // Undo (a word at a time) until the text is the original, save, and everything is back on the element's line.
    await wb.waitForValue(
      async () => {
        const text = await wb.editorText(page());
        if (text !== original) await page().keyboard.press('Control+Z');
        return text;
      },
      (text) => text === original,
      'the undone text',
    );
    await page().keyboard.press('Control+S');
    await wb.waitForValue(async () => readFileSync(file, 'utf8'), (text) => text === original, 'the original file saved back');
    await wb.waitForValue(() => wb.editorAnnotations(page()), (a) => a.glyphs.length === 1 && a.glyphs[0].line === line, `the icon back on line ${line}`);
  });

  it('"Show simulated runs" opens the replay view: sessions by friction, a replay with markers, jumps to source', async () => {
    const r = requireReport();
    await wb.runCommand(page(), 'View: Close All Editors');
    await wb.runCommand(page(), SHOW_RUNS);
    const view = await wb.frameWith(page(), '[data-testid="friction-replay"]');
    await view.locator('[data-testid="session-item"]').first().waitFor({ timeout: 15_000 });
    assert.equal((await view.locator('.sidebar-header .muted').innerText()).trim(), `${r.sessions} sessions · goal ${r.goal}`);
    assert.match(await view.locator('[data-testid="runs-section"]').innerText(), /None yet/);
    // One group per hotspot with examples, each planted friction among them at its source line.
    const groups = await view.locator('[data-testid="session-group"]').evaluateAll((els) =>
      els.map((el) => ({ kind: el.getAttribute('data-kind'), source: el.querySelector('.group-source')?.textContent ?? '', sessions: el.querySelectorAll('[data-testid="session-item"]').length })),
    );
    assert.equal(groups.length, r.hotspots.filter((h) => h.examples.length > 0).length);
    for (const f of planted) {
      assert.ok(groups.some((g) => g.kind === f.kind && g.source === `${f.source.file}:${f.source.line}` && g.sessions > 0), `no session group for ${f.id}`);
    }

    // Replay the first session of the Pay button's rage clicks.
    const group = view.locator(`[data-testid="session-group"][data-kind="${pay.kind}"]`).filter({ has: view.locator('.group-source', { hasText: exactly(`${pay.source.file}:${pay.source.line}`) }) });
    const item = group.locator('[data-testid="session-item"]').first();
    const sessionId = (await item.getAttribute('data-session-id'))!;
    await item.click();
    await view.locator('[data-testid="session-title"]', { hasText: exactly(sessionId) }).waitFor({ timeout: 60_000 });
    const stage = view.frameLocator('[data-testid="replay-stage"] .replayer-wrapper iframe');
    await stage.locator('body', { hasText: 'Pay now' }).waitFor({ timeout: 20_000 });
    assert.match(await stage.locator('body').innerText(), /Thread & Co\./);
    // It plays: the clock moves.
    const time = view.locator('[data-testid="time"]');
    const started = await time.innerText();
    await wb.waitForValue(() => time.innerText(), (t) => t !== started, 'the replay clock to move', 5000);
    assert.ok((await view.locator(`[data-testid="friction-marker"][data-kind="${pay.kind}"]`).count()) > 0, `no ${pay.kind} marker on the timeline`);
    assert.match(await view.locator('[data-testid="session-outcome"]').innerText(), /Converted|Left on/);
    const funnel = await view.locator('[data-testid="funnel-step"]').allInnerTexts();
    assert.ok(funnel.length >= 2 && funnel[funnel.length - 1].startsWith(`✓ ${r.goal}`), JSON.stringify(funnel));
    // Without the side bar the replay gets the room it would have in a real window.
    const stageWidth = () => view.locator('[data-testid="replay-stage"] .replayer-wrapper').evaluate((el) => el.getBoundingClientRect().width);
    const narrow = await stageWidth();
    await wb.runCommand(page(), 'View: Toggle Primary Side Bar Visibility');
    await page().locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 5000 });
    await wb.waitForValue(stageWidth, (w) => w > narrow, 'the replay to grow with the panel', 5000);
    await view.locator('[data-testid="session-item"][aria-selected="true"]').first().scrollIntoViewIfNeeded();
    await wb.screenshot(page(), 'webview');
    await wb.runCommand(page(), 'View: Toggle Primary Side Bar Visibility');

    // The marker's source link opens the mapped line, next to the replay.
    const link = view.locator(`[data-testid="marker-row"][data-kind="${pay.kind}"] [data-testid="source-link"]`).first();
    assert.equal((await link.innerText()).trim(), `${path.posix.basename(pay.source.file)}:${pay.source.line}`);
    await link.click();
    await activeTab(pay.source.file).waitFor({ timeout: 10_000 });
    await waitForCursor(pay.source.line, pay.source.column, `the cursor on ${pay.source.file}:${pay.source.line}:${pay.source.column}`);
    assert.equal(await page().locator('.tabs-container .tab', { hasText: 'Friction Lens: Replays' }).count(), 1, 'the replay stays open');

    // A hover's "Replay shop-…" link opens that session in the same view.
    await wb.hoverAt(page(), pay.source.line, Math.max(1, pay.source.column - 2));
    const other = (await wb.hoverCards(page())).flatMap((c) => c.links).map((l) => /^Replay (\S+)$/.exec(l.text)?.[1]).find((id) => id && id !== sessionId);
    assert.ok(other, 'the hover links another session');
    await page().locator(`${wb.SEL.hover} a`, { hasText: exactly(`Replay ${other}`) }).first().click();
    const replayed = await wb.frameWith(page(), `[data-testid="session-title"]:text-is("${other}")`, 60_000);
    await replayed.frameLocator('[data-testid="replay-stage"] .replayer-wrapper iframe').locator('body', { hasText: 'Pay now' }).waitFor({ timeout: 20_000 });
  });

  it('lists a simulation in the Synthetic runs view; a synthetic user opens as a replay in the webview', async function () {
    this.timeout(240_000);
    requireAnalysis();
    // A real simulation of the shop (2 synthetic users, Chromium, rrweb) written where `friction simulate` puts it.
    const shop = await startShopServer({ variant: 'fixed' });
    const out = path.join(server!.workspace, '.friction', 'runs', 'checkout-e2e');
    try {
      await runSimulate({ flow: 'checkout', url: shop.url, runs: '2', flows: path.join(SHOP, '.friction', 'flows.json'), out, quiet: true });
    } finally {
      await shop.close();
    }
    const simulation = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as SimulationReport;
    await wb.runCommand(page(), 'View: Close All Editors');
    await wb.showViewContainer(page(), 'Friction', 'Hotspots');
    const runsPane = page().locator(wb.SEL.sideBarPane('Synthetic runs'));
    if ((await runsPane.locator('.pane-header').getAttribute('aria-expanded')) === 'false') await runsPane.locator('.pane-header').click();
    const simulationRow = runsPane.locator('.monaco-list-row', { has: page().locator('.label-name', { hasText: exactly('checkout') }) });
    // The view follows .friction/runs/ with a file watcher; VS Code's watcher can miss a folder created after start-up,
    // so after a while do what a user would: the view's Refresh button.
    if (!(await simulationRow.waitFor({ timeout: 10_000 }).then(() => true, () => false))) {
      await runsPane.locator('.pane-header').hover();
      await runsPane.locator('.actions-container .action-label[aria-label^="Refresh"]').click();
      await simulationRow.waitFor({ timeout: 10_000 });
    }
    assert.match(await simulationRow.locator('.label-description').innerText(), new RegExp(`${Math.round(simulation.summary.successRate * 100)}% success`));
    // Expanding lists each synthetic user; clicking one replays its recording.
    await simulationRow.locator('.monaco-tl-twistie').click();
    const first = simulation.runs[0];
    const runRow = runsPane.locator('.monaco-list-row', { has: page().locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(first.id)} · `) }) });
    await runRow.waitFor({ timeout: 10_000 });
    assert.match(await runRow.locator('.label-name').innerText(), new RegExp(`${first.persona} · ${first.outcome}$`));
    await runRow.click();
    const view = await wb.frameWith(page(), `[data-testid="session-title"]:text-is("${first.id}")`, 60_000);
    await view.frameLocator('[data-testid="replay-stage"] .replayer-wrapper iframe').locator('body', { hasText: 'Thread & Co.' }).waitFor({ timeout: 20_000 });
    // Beside the replay: the flow's funnel over the simulation's runs, and this run's screenshots (local files).
    assert.equal((await view.locator('h3', { hasText: /^Funnel · / }).textContent())?.trim(), 'Funnel · checkout runs');
    const shots = view.locator('[data-testid="screenshots"] img');
    assert.equal(await shots.count(), first.screenshots.length);
    // The screenshots load lazily, below the replay and the funnel: scroll to them as a reader does.
    await shots.first().scrollIntoViewIfNeeded();
    await wb.waitForValue(() => shots.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), (ok) => ok, 'the first screenshot to load', 10_000);
    // The webview's list shows the simulation's users too.
    const listed = await view.locator('[data-testid="run-item"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-run-id')));
    assert.deepEqual(listed, simulation.runs.map((r) => `checkout-e2e/${r.recording}`));
    await wb.screenshot(page(), 'synthetic-run');
  });

  it('offers the catalogue fix as a quick fix on the Pay button; applying it edits the file as the CLI would, undoably', async function () {
    this.timeout(120_000);
    const r = requireReport();
    const file = path.join(srcRoot(), pay.source.file);
    const original = readFileSync(file, 'utf8');
    // What the product editor makes of this file for this report: the same engine the extension's CLI runs.
    const proposal = proposeFixes(r, FIX_CATALOGUE, diskWorkspace(srcRoot())).proposals.find((p) => p.fix === 'pending-submit-state' && p.file === pay.source.file);
    assert.ok(proposal, 'the pending-state fix is proposed for the Pay button');
    const expected = applyProposal(proposal.id, r, FIX_CATALOGUE, diskWorkspace(srcRoot()));
    assert.ok(!('problem' in expected));

    await wb.runCommand(page(), 'View: Close All Editors');
    await wb.openFile(page(), fileOf(pay));
    await wb.goToLine(page(), pay.source.line, pay.source.column);
    const action = page().locator('.action-widget .monaco-list-row', { hasText: `Friction Lens: ${proposal.title}` }).filter({ hasNotText: 'feature flag' }).first();
    // The list of fixes comes from a CLI run after the analysis: ask again until it is there.
    await wb.waitForValue(
      async () => {
        await wb.runCommand(page(), 'Quick Fix...');
        const shown = await action.waitFor({ timeout: 3000 }).then(() => true, () => false);
        if (!shown) await page().keyboard.press('Escape');
        return shown;
      },
      (shown) => shown,
      'the Friction Lens quick fix in the Quick Fix menu',
      60_000,
      500,
    );
    const menu = await page().locator('.action-widget .monaco-list-row').allInnerTexts();
    assert.ok(menu.some((t) => t.includes(`${proposal.title} (behind a feature flag)`)), `the flagged variant is offered too: ${JSON.stringify(menu)}`);
    await wb.screenshot(page(), 'quick-fix');
    await action.click();
    await wb.waitForValue(() => wb.editorText(page()), (t) => t.includes('useFormStatus'), 'the fix in the editor', 30_000);
    assert.equal((await wb.editorText(page())).trimEnd(), expected.after.trimEnd());
    await wb.waitForNotification(page(), new RegExp(escapeRegExp(proposal.rationale.slice(0, 40))), 10_000);
    await wb.screenshot(page(), 'quick-fix-applied');
    // One undo takes the whole fix back.
    await page().keyboard.press('Control+Z');
    await wb.waitForValue(() => wb.editorText(page()), (t) => !t.includes('useFormStatus'), 'the undo', 10_000);
    assert.equal((await wb.editorText(page())).trimEnd(), original.trimEnd());
    assert.equal(readFileSync(file, 'utf8'), original, 'the file on disk is untouched until the user saves');
  });
});

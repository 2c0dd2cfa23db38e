// The bundled webview, for real, in Chromium: the panel's own HTML and CSP, a fake acquireVsCodeApi standing in for
// the host, and a real corpus session. Writes test-artifacts/webview.png for a person to look at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../analyzer/simulate/chromium';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { loadSessionDetail } from '../../analyzer/pipeline/session-detail';
import { parseGoal } from '../../analyzer/replay';
import type { SessionDetail } from '../../analyzer/report/session-detail-types';
import type { AnalysisReport } from '../../analyzer/report/types';
import { buildWebviewHtml, createNonce } from '../../webview/html';
import type { HostMessage, SourceLink } from '../../webview/protocol';
import { funnelFromReport, sessionGroupsFromReport } from '../../webview/session-list';

const root = path.resolve(__dirname, '..', '..');
const corpus = path.join(root, 'examples', 'shop', 'corpus');
const bundle = path.join(root, 'dist', 'webview');
const artifacts = path.join(root, 'test-artifacts');
const ORIGIN = 'https://webview.test';
const GOAL = '/checkout/confirmation';
const SESSION = 'shop-0024';
/** Planted in the recorded page: a replay must never fetch them. */
const REMOTE = ['http://127.0.0.1:9/remote.css', 'http://127.0.0.1:9/remote.png'];

/** Builds dist/webview when it is missing or older than the webview sources. */
function ensureBundle(): void {
  const built = path.join(bundle, 'main.js');
  const sources = readdirSync(path.join(root, 'webview')).map((f) => statSync(path.join(root, 'webview', f)).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return;
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}

/** A link to a remote stylesheet in every snapshot's <head> and a remote image in its <body>. */
function plantRemoteResources(detail: SessionDetail): SessionDetail {
  const events = structuredClone(detail.events);
  let id = 9_000_000;
  for (const event of events.filter((e) => e.type === 2)) {
    const html = event.data.node.childNodes.find((n: { tagName?: string }) => n.tagName === 'html');
    const [head, body] = ['head', 'body'].map((tag) => html.childNodes.find((n: { tagName?: string }) => n.tagName === tag));
    head.childNodes.push({ type: 2, tagName: 'link', attributes: { rel: 'stylesheet', href: REMOTE[0] }, childNodes: [], id: id++ });
    body.childNodes.push({ type: 2, tagName: 'img', attributes: { src: REMOTE[1], alt: 'remote' }, childNodes: [], id: id++ });
  }
  return { ...detail, events };
}

function sourceLinks(detail: SessionDetail, report: AnalysisReport): Record<string, SourceLink> {
  const links: Record<string, SourceLink> = {};
  for (const h of report.hotspots) {
    if (h.source[0] && detail.signals.some((s) => s.hotspotId === h.id)) links[h.id] = { file: h.source[0].file, line: h.source[0].line, column: h.source[0].column, confidence: h.source[0].confidence };
  }
  return links;
}

async function send(page: Page, message: HostMessage): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

describe('webview: a real session replayed in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;
  let detail: SessionDetail;
  let report: AnalysisReport;
  /** Requests that left the page for the network layer (every one is answered or aborted by the route below). */
  const routed: string[] = [];
  /** Requests the page stopped itself, with the reason (Chromium reports them before its CSP check refuses them). */
  const refused = new Map<string, string>();
  const pageErrors: string[] = [];

  before(async () => {
    ensureBundle();
    const files = readdirSync(corpus).filter((f) => f.endsWith('.json.gz')).sort().slice(0, 60).map((f) => path.join(corpus, f));
    ({ report } = await analyzeFiles(files, { goal: parseGoal(GOAL), goalText: GOAL, src: path.join(root, 'examples', 'shop', 'src') }));
    detail = plantRemoteResources(await loadSessionDetail(files, SESSION, { goal: GOAL }));

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('requestfailed', (request) => refused.set(request.url(), request.failure()?.errorText ?? ''));
    const html = buildWebviewHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/main.js`, styleUri: `${ORIGIN}/styles.css`, nonce: createNonce(), title: 'Friction Lens: Replays' });
    await page.route('**/*', (route) => {
      routed.push(route.request().url());
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html });
      const file = path.join(bundle, path.basename(url.pathname));
      if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(file) });
    });
    // VS Code's webview API, as the panel's script sees it: messages to the host are collected for the assertions.
    // A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
    // Its state survives a reload, as VS Code keeps it while a hidden panel's page is gone.
    await page.addInitScript(`
      window.posted = [];
      window.viewState = JSON.parse(sessionStorage.getItem('viewState') || 'null') || undefined;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.posted.push(m),
        getState: () => window.viewState,
        setState: (s) => { window.viewState = s; sessionStorage.setItem('viewState', JSON.stringify(s)); },
      });`);
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    await send(page, { type: 'sessions', groups: sessionGroupsFromReport(report), runs: [], funnel: funnelFromReport(report), goal: GOAL, totalSessions: report.sessions });
    const rage = detail.signals.find((s) => s.kind === 'rage_click');
    assert.ok(rage, 'shop-0024 has a rage click');
    await send(page, { type: 'session', source: 'session', detail, sources: sourceLinks(detail, report), startAt: rage.timestamp, autoplay: false });
    await page.waitForFunction(() => document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe')?.contentDocument?.body?.innerText.includes('Pay now'));
    await page.waitForTimeout(300);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'webview.png') });
    // The steps and the funnel sit under the replay: a second picture with the detail scrolled down.
    await page.evaluate(() => document.querySelector('.detail')!.scrollTo(0, 10_000));
    await page.screenshot({ path: path.join(artifacts, 'webview-panels.png') });
    await page.evaluate(() => document.querySelector('.detail')!.scrollTo(0, 0));
    // A panel split beside an editor.
    await page.setViewportSize({ width: 760, height: 900 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(artifacts, 'webview-narrow.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  after(async () => {
    await browser?.close();
  });

  it('rebuilds the recorded page in the replay iframe, with its recorded styles applied', async () => {
    const frame = await page.evaluate(() => {
      const doc = document.querySelector<HTMLIFrameElement>('.replayer-wrapper iframe')!.contentDocument!;
      return { text: doc.body.innerText, sheets: doc.styleSheets.length, header: getComputedStyle(doc.querySelector('.site-header')!).position };
    });
    assert.match(frame.text, /Thread & Co\./);
    assert.match(frame.text, /Pay now/);
    assert.ok(frame.sheets > 0, 'the recorded stylesheet is applied');
    assert.equal(frame.header, 'sticky', "the shop's own CSS styles its header");
    assert.deepEqual(pageErrors, []);
  });

  it('puts one timeline marker per signal, and a source link on each mapped one', async () => {
    const markers = await page.$$eval('[data-testid="friction-marker"]', (nodes) => nodes.map((n) => (n as HTMLElement).dataset.kind));
    assert.deepEqual(markers, detail.signals.map((s) => s.kind));
    const rows = await page.$$eval('[data-testid="marker-row"]', (nodes) => nodes.map((n) => (n as HTMLElement).innerText));
    assert.equal(rows.length, detail.signals.length);
    assert.ok(rows.some((r) => /Rage click/.test(r) && /Pay now/.test(r) && /PayButton\.tsx:4/.test(r)), rows.join('\n'));
    const steps = await page.$$eval('[data-testid="session-step"] .step-route', (nodes) => nodes.map((n) => n.textContent));
    assert.deepEqual(steps, detail.pages.map((p) => p.route));
    assert.equal(await page.textContent('[data-testid="session-outcome"]'), '✓ Converted');
  });

  it('asks the host to open the source when a marker\'s source link is clicked', async () => {
    const rage = detail.signals.find((s) => s.kind === 'rage_click')!;
    await page.click(`[data-testid="marker-row"][data-hotspot-id="${rage.hotspotId}"] [data-testid="source-link"]`);
    const posted = await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted);
    assert.deepEqual(posted.at(-1), { type: 'jumpToSource', hotspotId: rage.hotspotId });
  });

  it('seeks the replay when a timeline marker is clicked', async () => {
    const first = detail.signals[0];
    await page.click(`[data-testid="friction-marker"][data-hotspot-id="${first.hotspotId}"] >> nth=0`);
    await page.waitForTimeout(200);
    const label = await page.textContent('[data-testid="time"]');
    const seconds = (first.timestamp - detail.events[0].timestamp - 2000) / 1000;
    const [m, s] = label!.split(' / ')[0].split(':').map(Number);
    assert.ok(Math.abs(m * 60 + s - seconds) <= 2, `replay at ${label}, marker at ${seconds.toFixed(1)} s minus the lead-in`);
    await page.click('[data-testid="play"]'); // pause again
  });

  it('lists the sessions grouped by hotspot and asks the host for the one clicked', async () => {
    const groups = await page.$$eval('[data-testid="session-group"]', (nodes) => nodes.map((n) => (n as HTMLElement).dataset.hotspotId));
    assert.deepEqual(groups, report.hotspots.filter((h) => h.examples.length > 0).map((h) => h.id));
    const item = page.locator('[data-testid="session-item"][data-session-id="shop-0005"]').first();
    assert.match((await item.innerText()).replace(/\s+/g, ' '), /shop-0005 left on \/checkout\/shipping/);
    await item.click();
    const posted = await page.evaluate(() => (window as unknown as { posted: { type: string }[] }).posted);
    const open = posted.filter((m) => m.type === 'openSession').at(-1);
    assert.deepEqual(Object.keys(open ?? {}).sort(), ['sessionId', 'source', 'timestamp', 'type']);
    assert.equal((open as { sessionId?: string }).sessionId, 'shop-0005');
    const state = await page.evaluate(() => (window as unknown as { viewState: { selected?: unknown } }).viewState);
    assert.deepEqual(state.selected, { source: 'session', sessionId: 'shop-0005' });
  });

  it('offers the host the session it showed when the page comes back (getState)', async () => {
    const saved = await page.evaluate(() => (window as unknown as { viewState: { selected?: unknown; timestamp?: number } }).viewState);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    const ready = await page.evaluate(() => (window as unknown as { posted: { type: string }[] }).posted.find((m) => m.type === 'ready'));
    assert.deepEqual(ready, { type: 'ready', restore: { ...(saved.selected as object), ...(saved.timestamp !== undefined ? { timestamp: saved.timestamp } : {}) } });
    assert.deepEqual((ready as { restore?: { sessionId?: string } }).restore?.sessionId, 'shop-0005');
  });

  it("fetches nothing but the panel's own files: the CSP refuses the recorded page's remote stylesheet and image", () => {
    assert.deepEqual([...new Set(routed)].sort(), [`${ORIGIN}/`, `${ORIGIN}/main.js`, `${ORIGIN}/styles.css`]);
    for (const url of REMOTE) assert.equal(refused.get(url), 'csp', `${url} refused by the CSP`);
  });
});

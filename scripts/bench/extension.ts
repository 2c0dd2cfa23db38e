// Bench section: the VS Code extension in a real VS Code (code-server, see test/e2e/code-server.ts), cold start.
// - activation: from the window's navigation to the extension host's "_doActivateExtension friction-lens…" log line;
// - Analyze recordings: from the palette click to its "N hotspots from M sessions" notification;
// - opening a file once a report exists: from Enter in Quick Open to the editor, to its diagnostics' squiggles, and
//   to any extension text-editor decoration (VS Code names their CSS classes `ced-…`);
// - the extension host's longest task while the analysis runs, as the maximum event-loop delay (10 ms resolution):
//   the bench opens the extension host's inspector (SIGUSR1, Node's default port 9229, refused if that port is taken),
//   installs perf_hooks.monitorEventLoopDelay() there, and closes the inspector afterwards. It covers every extension
//   in that host (here: ours plus VS Code's built-in ones), next to an idle baseline of the same host.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../analyzer/simulate/chromium';
import { loadPlantedFrictions } from '../../examples/shop/frictions';
import { findCodeServer, logTime, SHOP, startCodeServer, type CodeServer } from '../../test/e2e/code-server';
import * as wb from '../../test/e2e/workbench';
import { median, round } from './measure';
import type { BenchTable } from './tables';

export interface ExtensionBench {
  sessions: number;
  codeServerReadyMs: number;
  workbenchMs: number;
  /** navigation start -> activation log line */
  activationMs: number;
  /** extension host started -> our activation (log timestamps) */
  activationAfterHostMs: number;
  activationEvent: string;
  analysisMs: number;
  hotspots: number;
  openFile: { files: number; editorMedianMs: number; diagnosticsMedianMs: number; diagnosticsMaxMs: number; decorationsMedianMs?: number };
  /** undefined with `hostLoopUnavailable` saying why */
  hostLoop?: { idleMaxMs: number; analysisMaxMs: number; analysisP99Ms: number; samples: number };
  hostLoopUnavailable?: string;
}

export interface ExtensionBenchOptions {
  /** Corpus sessions to analyse: default all 320 ('all'); a number copies the first N. */
  sessions?: number | 'all';
  /** CSS selector of the extension's own editor decorations, when they have a stable one. */
  decorationSelector?: string;
}

// A minimal Chrome DevTools Protocol client run by the cached Node 24 (which has a global WebSocket; Node 20 has none
// without a flag): evaluates one expression in the inspected process and prints the result as JSON.
const CDP_EVAL = `
const [url, expression] = process.argv.slice(1);
const ws = new WebSocket(url);
const timer = setTimeout(() => { console.error('CDP timeout'); process.exit(2); }, 10000);
ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }));
ws.onmessage = (m) => { const d = JSON.parse(m.data); if (d.id !== 1) return; clearTimeout(timer);
  if (d.result?.exceptionDetails) { console.error(JSON.stringify(d.result.exceptionDetails)); process.exit(1); }
  console.log(JSON.stringify(d.result?.result?.value ?? null)); ws.close(); process.exit(0); };
ws.onerror = () => { console.error('CDP connection failed'); process.exit(1); };`;

function cdpEvaluate<T>(wsUrl: string, expression: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(findCodeServer().node, ['-e', CDP_EVAL, wsUrl, expression], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`CDP evaluate failed: ${err.trim()}`))));
  });
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** Opens the extension host's inspector and returns its WebSocket URL, checked to be that process. */
async function inspectExtensionHost(server: CodeServer): Promise<string> {
  const pid = server.processGroup().find((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('--type=extensionHost');
    } catch {
      return false;
    }
  });
  if (!pid) throw new Error('no extension host process in code-server’s process group');
  if (!(await portFree(9229))) throw new Error('port 9229 (Node’s inspector default) is taken on this machine');
  process.kill(pid, 'SIGUSR1');
  for (let i = 0; i < 40; i++) {
    try {
      const targets = (await (await fetch('http://127.0.0.1:9229/json/list')).json()) as { webSocketDebuggerUrl: string }[];
      const url = targets[0]?.webSocketDebuggerUrl;
      if (url && (await cdpEvaluate<number>(url, 'process.pid')) === pid) return url;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the extension host (pid ${pid}) did not open its inspector on SIGUSR1`);
}

const START_MONITOR = `(() => { const h = process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 });
  globalThis.__frictionLensBench?.disable(); globalThis.__frictionLensBench = h; h.enable(); return true; })()`;
const READ_MONITOR = `(() => { const h = globalThis.__frictionLensBench; h.disable();
  return { max: h.max / 1e6, p99: h.percentile(99) / 1e6, count: h.count }; })()`;
const CLOSE_INSPECTOR = `(setTimeout(() => process.getBuiltinModule('node:inspector').close(), 50), true)`;

type Loop = { max: number; p99: number; count: number };

/**
 * Opens `relativePath` at `line` through Quick Open ("src/pages/Cart.tsx:76": the editor only draws the lines in
 * view) and times the editor, the squiggles and extension decorations.
 */
async function timeOpen(page: Page, relativePath: string, line: number, decorationSelector: string): Promise<{ editor: number; diagnostics: number; decorations?: number }> {
  await page.keyboard.press('Control+P');
  const box = page.locator(wb.SEL.quickInputBox);
  await box.waitFor({ state: 'visible' });
  await box.fill(`${relativePath}:${line}`);
  await page.locator(wb.SEL.quickInputRows).filter({ hasText: path.basename(relativePath) }).first().waitFor();
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  const editorSel = `${wb.SEL.editor}[data-uri$="${relativePath}"]`;
  await page.locator(`${editorSel} .view-lines`).waitFor({ timeout: 15_000 });
  const editor = Date.now() - t0;
  await page.locator(`${editorSel} .squiggly-error, ${editorSel} .squiggly-warning, ${editorSel} .squiggly-info`).first().waitFor({ timeout: 15_000 });
  const diagnostics = Date.now() - t0;
  const decorated = await page
    .locator(`${editorSel} ${decorationSelector}`)
    .first()
    .waitFor({ timeout: 2000 })
    .then(() => Date.now() - t0, () => undefined);
  return { editor, diagnostics, decorations: decorated };
}

export async function measureExtension(options: ExtensionBenchOptions = {}): Promise<ExtensionBench> {
  const t = Date.now();
  const server = await startCodeServer({ sessions: options.sessions ?? 'all' });
  const codeServerReadyMs = Date.now() - t;
  const browser = await launchChromium();
  try {
    const w = await wb.openWorkbench(browser, server.folderUrl);
    const activation = await server.waitForActivation();
    const hostLog = readFileSync(server.logFiles('remoteexthost.log')[0], 'utf8');
    const hostStarted = hostLog.split('\n').find((l) => l.includes('Extension host with pid'));

    let wsUrl: string | undefined;
    let hostLoopUnavailable: string | undefined;
    let idle: Loop | undefined;
    let during: Loop | undefined;
    try {
      wsUrl = await inspectExtensionHost(server);
      await cdpEvaluate(wsUrl, START_MONITOR);
      await new Promise((r) => setTimeout(r, 3000));
      idle = await cdpEvaluate<Loop>(wsUrl, READ_MONITOR);
      await cdpEvaluate(wsUrl, START_MONITOR);
    } catch (error) {
      hostLoopUnavailable = (error as Error).message;
    }

    const a = Date.now();
    await wb.runCommand(w.page, 'Friction Lens: Analyze recordings');
    const text = await wb.waitForNotification(w.page, /hotspots from \d+ sessions/, 300_000);
    const analysisMs = Date.now() - a;
    if (wsUrl) {
      during = await cdpEvaluate<Loop>(wsUrl, READ_MONITOR).catch((e: Error) => ((hostLoopUnavailable = e.message), undefined));
      await cdpEvaluate(wsUrl, CLOSE_INSPECTOR).catch(() => undefined);
    }

    await wb.runCommand(w.page, 'View: Close All Editors');
    const decorationSelector = options.decorationSelector ?? '[class*="ced-"]';
    const opens = [];
    const files = new Map(loadPlantedFrictions(path.join(SHOP, 'frictions.json')).map((f) => [path.posix.join('src', f.source.file), f.source.line]));
    for (const [file, line] of files) opens.push(await timeOpen(w.page, file, line, decorationSelector));
    const decorations = opens.map((o) => o.decorations).filter((d): d is number => d !== undefined);

    return {
      sessions: server.sessions,
      codeServerReadyMs,
      workbenchMs: w.loadMs,
      activationMs: activation.at - w.navigationStartedAt,
      activationAfterHostMs: hostStarted ? activation.at - logTime(hostStarted) : Number.NaN,
      activationEvent: activation.event,
      analysisMs,
      hotspots: Number(/(\d+) hotspots/.exec(text)?.[1]),
      openFile: {
        files: opens.length,
        editorMedianMs: median(opens.map((o) => o.editor)),
        diagnosticsMedianMs: median(opens.map((o) => o.diagnostics)),
        diagnosticsMaxMs: Math.max(...opens.map((o) => o.diagnostics)),
        decorationsMedianMs: decorations.length === opens.length ? median(decorations) : undefined,
      },
      hostLoop: idle && during ? { idleMaxMs: round(idle.max, 1), analysisMaxMs: round(during.max, 1), analysisP99Ms: round(during.p99, 1), samples: during.count } : undefined,
      hostLoopUnavailable,
    };
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

export function extensionTables(r: ExtensionBench): BenchTable[] {
  const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : 'n/a');
  return [
    {
      title: `VS Code extension in code-server 4.139 (VS Code 1.139), cold start, ${r.sessions} sessions`,
      head: ['what', 's'],
      rows: [
        ['code-server up (healthz)', s(r.codeServerReadyMs)],
        ['navigation → workbench shown', s(r.workbenchMs)],
        [`navigation → extension activated (${r.activationEvent})`, s(r.activationMs)],
        ['extension host started → extension activated', s(r.activationAfterHostMs)],
        [`Analyze recordings → "${r.hotspots} hotspots" notification`, s(r.analysisMs)],
        [`open a file → editor shown (median of ${r.openFile.files} files)`, s(r.openFile.editorMedianMs)],
        [`open a file → diagnostics drawn (median / max of ${r.openFile.files})`, `${s(r.openFile.diagnosticsMedianMs)} / ${s(r.openFile.diagnosticsMaxMs)}`],
        ['open a file → extension decorations drawn (median)', r.openFile.decorationsMedianMs === undefined ? 'none drawn' : s(r.openFile.decorationsMedianMs)],
      ],
    },
    {
      title: 'extension host event loop (max delay ≈ longest task, 10 ms resolution; all extensions in that host)',
      head: ['window', 'max ms', 'p99 ms'],
      rows: r.hostLoop
        ? [
            ['idle, 3 s before the analysis', r.hostLoop.idleMaxMs, ''],
            ['while Analyze recordings runs', r.hostLoop.analysisMaxMs, r.hostLoop.analysisP99Ms],
          ]
        : [['not measured', r.hostLoopUnavailable ?? '?', '']],
      notes: ['The analysis itself runs in a child process; the host only parses its JSON report and publishes diagnostics.'],
    },
  ];
}

if (require.main === module) {
  // `npx tsx scripts/bench/extension.ts [--sessions N]`: this section alone.
  void (async () => {
    const { printTable } = await import('./tables');
    const at = process.argv.indexOf('--sessions');
    const result = await measureExtension({ sessions: at > 0 ? Number(process.argv[at + 1]) : 'all' });
    for (const table of extensionTables(result)) printTable(table);
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

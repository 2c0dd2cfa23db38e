// The replay panel: one reused WebviewPanel listing synthetic runs and the report's example sessions, replaying
// one with rrweb, and opening the source line of a friction marker. Session details come from `friction session`
// in a child process; everything the webview receives or sends goes through webview/protocol.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SessionDetail, SignalContext } from '../analyzer/report/session-detail-types';
import { CliCancelledError } from './cli-process';
import type { ReportStore, LoadedReport } from './report-store';
import { workspaceRoot } from './command-deps';
import { baseId } from '../analyzer/sources/files/walk-paths';
import { listRunRecordings, listRuns, recordingPathOf, runContextOf, RUNS_DIR, SIMULATION_REPORT } from './run-files';
import { loadSessionDetailProcess } from './session-detail-process';
import { buildWebviewHtml, createNonce } from '../webview/html';
import { isViewMessage, type HostMessage, type RecordingSource, type RunExtras, type RunListItem, type SessionOutcomeSummary, type SourceLink, type ViewMessage } from '../webview/protocol';
import { funnelFromReport, sessionGroupsFromReport } from '../webview/session-list';

export interface ReplayPanelDeps {
  store: ReportStore;
  log: vscode.LogOutputChannel;
  /** dist/cli.js of this extension. */
  cliPath: string;
}

/** What `frictionLens.openReplay` accepts (hovers, trees and CodeLens pass a hotspot example). */
export interface OpenReplayArgs {
  sessionId: string;
  /** Epoch ms of the friction moment: the replay plays from just before it. */
  timestamp?: number;
  source?: RecordingSource;
}

/** What `frictionLens.showRuns` accepts: nothing (the list), or a run file to open (the Synthetic runs view). */
export interface ShowRunsArgs {
  file: string;
}

interface ReplayRequest {
  source: RecordingSource;
  sessionId: string;
  timestamp?: number;
  autoplay: boolean;
}

const VIEW_TYPE = 'frictionLens.replay';
/** Synthetic users listed per simulation in the replay view (the Synthetic runs tree lists them all). */
const MAX_LISTED_RUNS = 50;
/** Details hold every rrweb event of a session: keep only the last few in memory. */
const MAX_CACHED_DETAILS = 4;
/**
 * Up to this many analysed sessions a replay's markers come from a pass over all of them, so they are exactly the
 * report's (about 3 s for the 320-session example corpus on one core); beyond, from the session alone, read from
 * its own file: a full pass per replay would take minutes.
 */
const CORPUS_CONTEXT_MAX_SESSIONS = 1000;

/** How a session is read: alone for runs and large corpora; then the report's route templates still apply. */
function detailOptions(source: RecordingSource, loaded: LoadedReport | undefined): { context: SignalContext; routes?: string[] } {
  if (source === 'session' && loaded && loaded.report.sessions <= CORPUS_CONTEXT_MAX_SESSIONS) return { context: 'corpus' };
  // Synthetic runs have no corpus to measure their pauses and scrolling against.
  const templates = [...new Set(loaded?.report.hotspots.map((h) => h.page).filter((page) => page.includes('/:')) ?? [])];
  return { context: 'session', routes: templates };
}

/** A run's id is its file name; its recording is looked up in the runs folder under that id. */
function runIdOf(file: string): string {
  return path.basename(file, '.json');
}

function isOpenReplayArgs(value: unknown): value is OpenReplayArgs {
  const v = value as OpenReplayArgs | undefined;
  return typeof v?.sessionId === 'string' && v.sessionId.length > 0 && (v.timestamp === undefined || Number.isFinite(v.timestamp)) && (v.source === undefined || v.source === 'session' || v.source === 'run');
}

class ReplayPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private ready = false;
  private pending: ReplayRequest | undefined;
  private loading: vscode.CancellationTokenSource | undefined;
  private shown: { source: RecordingSource; sessionId: string } | undefined;
  private readonly details = new Map<string, SessionDetail>();
  private readonly outcomes = new Map<string, SessionOutcomeSummary>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: ReplayPanelDeps,
  ) {}

  showRuns(args: unknown): void {
    const file = (args as Partial<ShowRunsArgs> | undefined)?.file;
    // A simulation folder's report: the list, which shows its synthetic users; a loose run file: that run.
    if (typeof file === 'string' && file.endsWith('.json') && path.basename(file) !== SIMULATION_REPORT) return this.openReplay({ source: 'run', sessionId: runIdOf(file) });
    this.show();
  }

  show(): void {
    if (this.panel) return this.panel.reveal(undefined, false);
    const root = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Friction Lens: Replays', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: resourceRoots(root),
    });
    this.attach(panel);
  }

  /** Also used by the serializer when VS Code restores the panel after a reload. */
  attach(panel: vscode.WebviewPanel): void {
    this.panelDisposables.forEach((d) => d.dispose());
    const root = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: resourceRoots(root) };
    this.panel = panel;
    this.ready = false;
    panel.webview.html = buildWebviewHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'styles.css')).toString(),
      nonce: createNonce(),
      title: 'Friction Lens: Replays',
    });
    const folder = vscode.workspace.workspaceFolders?.[0];
    const runsWatcher = folder && vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.friction/runs/{*.json,*/report.json}'));
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.detach()),
      ...(runsWatcher ? [runsWatcher, runsWatcher.onDidCreate(() => this.postList()), runsWatcher.onDidChange(() => this.postList()), runsWatcher.onDidDelete(() => this.postList())] : []),
    ];
  }

  openReplay(args: unknown): void {
    // From the command palette there is no session: show the list to pick one from.
    if (args === undefined) return this.show();
    if (!isOpenReplayArgs(args)) {
      this.deps.log.warn(`frictionLens.openReplay needs { sessionId, timestamp? }, got ${JSON.stringify(args)}`);
      return void vscode.window.showWarningMessage('Friction Lens: no session to replay was given.');
    }
    const request: ReplayRequest = { source: args.source ?? 'session', sessionId: args.sessionId, timestamp: args.timestamp, autoplay: true };
    this.show();
    if (this.ready) void this.load(request);
    else this.pending = request;
  }

  /** A new analysis: cached details may hold other signals, and the list changes. */
  reportChanged(): void {
    this.details.clear();
    this.outcomes.clear();
    void this.postList();
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
  }

  private detach(): void {
    this.loading?.cancel();
    this.panelDisposables.forEach((d) => d.dispose());
    this.panelDisposables = [];
    this.panel = undefined;
    this.ready = false;
    this.shown = undefined;
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private receive(message: unknown): void {
    if (!isViewMessage(message)) return void this.deps.log.warn(`replay view sent a malformed message: ${JSON.stringify(message)?.slice(0, 200)}`);
    this.handle(message);
  }

  private handle(message: ViewMessage): void {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        this.shown = undefined;
        void this.postList();
        const request = this.pending ?? (message.restore && { ...message.restore, autoplay: false });
        this.pending = undefined;
        if (request) void this.load(request);
        return;
      }
      case 'openSession':
        void this.load({ source: message.source, sessionId: message.sessionId, timestamp: message.timestamp, autoplay: message.timestamp !== undefined });
        return;
      case 'jumpToSource':
        void this.jumpToSource(message.hotspotId);
        return;
      case 'reportError':
        this.deps.log.warn(`replay view: ${message.message}`);
        return;
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  }

  private async postList(): Promise<void> {
    if (!this.panel || !this.ready) return;
    const runs = await runItems(this.deps.log);
    const loaded = this.deps.store.current;
    if (!loaded) {
      return this.post({ type: 'sessions', groups: [], runs, funnel: [], totalSessions: 0, notice: 'No analysis yet: run "Friction Lens: Analyze recordings" to list sessions with friction.' });
    }
    const { report } = loaded;
    this.post({ type: 'sessions', groups: sessionGroupsFromReport(report, this.outcomes), runs, funnel: funnelFromReport(report), goal: report.goal, totalSessions: report.sessions });
  }

  private async load(request: ReplayRequest): Promise<void> {
    const loaded = this.deps.store.current;
    if (this.shown?.source === request.source && this.shown.sessionId === request.sessionId && request.timestamp !== undefined) {
      return this.post({ type: 'seek', sessionId: request.sessionId, timestamp: request.timestamp });
    }
    const root = workspaceRoot();
    const { recordings, sessionId } = this.recordingsOf(request, root, loaded);
    if (!recordings) {
      return this.post({ type: 'error', sessionId: request.sessionId, message: request.source === 'run' ? 'Open a workspace folder to replay its runs.' : 'No analysis yet: run "Friction Lens: Analyze recordings" first.' });
    }
    const key = `${loaded?.analysedAt.getTime() ?? 0}|${request.source}|${request.sessionId}`;
    this.loading?.cancel();
    const cancel = (this.loading = new vscode.CancellationTokenSource());
    const label = request.source === 'run' ? `run ${request.sessionId}` : `session ${request.sessionId}`;
    try {
      let detail = this.details.get(key);
      if (!detail) {
        this.post({ type: 'loading', source: request.source, sessionId: request.sessionId, message: `Loading ${label}: replaying the recordings for its friction markers…` });
        detail = await loadSessionDetailProcess(
          { cliPath: this.deps.cliPath, sessionId, recordings, goal: loaded?.report.goal, ...detailOptions(request.source, loaded), cwd: root },
          (line) => {
            this.deps.log.debug(`friction session: ${line}`);
            if (!line.startsWith('warning:')) this.post({ type: 'loading', source: request.source, sessionId: request.sessionId, message: `Loading ${label}: ${line}` });
          },
          cancel.token,
        );
        this.remember(key, detail);
      }
      if (cancel.token.isCancellationRequested) return;
      this.shown = { source: request.source, sessionId: request.sessionId };
      const run = request.source === 'run' && recordings.length === 1 ? await this.runExtras(recordings[0]) : undefined;
      this.post({ type: 'session', source: request.source, detail, sources: sourceLinks(detail, loaded), ...(request.timestamp !== undefined ? { startAt: request.timestamp } : {}), autoplay: request.autoplay, ...(run ? { run } : {}) });
      if (request.source === 'session' && !this.outcomes.has(detail.id)) {
        this.outcomes.set(detail.id, { converted: detail.outcome.converted, lastPath: detail.outcome.lastPath });
        void this.postList();
      }
    } catch (error) {
      if (error instanceof CliCancelledError) return;
      this.deps.log.error(`replay of ${label}: ${(error as Error).message}`);
      this.post({ type: 'error', sessionId: request.sessionId, message: `Cannot load ${label}: ${(error as Error).message}` });
    } finally {
      if (this.loading === cancel) this.loading = undefined;
      cancel.dispose();
    }
  }

  /**
   * Where a request's recording is: a real session among the analysed recordings; a synthetic run by its
   * recording's path under .friction/runs (never outside it), or, for loose run files, by id in that folder.
   */
  private recordingsOf(request: ReplayRequest, root: string | undefined, loaded: LoadedReport | undefined): { recordings?: string[]; sessionId: string } {
    if (request.source === 'session') return { recordings: loaded && [loaded.recordings], sessionId: request.sessionId };
    if (!root) return { sessionId: request.sessionId };
    if (!request.sessionId.includes('/')) return { recordings: [path.join(root, RUNS_DIR)], sessionId: request.sessionId };
    const file = recordingPathOf(root, request.sessionId);
    return { recordings: file ? [file] : undefined, sessionId: file ? baseId(file) : request.sessionId };
  }

  /** The run's flow funnel and screenshots, as URIs the webview may load (the runs folder is a resource root). */
  private async runExtras(recordingFile: string): Promise<RunExtras | undefined> {
    const context = await runContextOf(recordingFile);
    const webview = this.panel?.webview;
    if (!context || !webview) return undefined;
    return {
      flow: context.flow,
      funnel: context.funnel,
      screenshots: context.screenshots.map((s) => ({ label: s.label, uri: webview.asWebviewUri(vscode.Uri.file(s.file)).toString() })),
    };
  }

  private remember(key: string, detail: SessionDetail): void {
    this.details.delete(key);
    this.details.set(key, detail);
    while (this.details.size > MAX_CACHED_DETAILS) this.details.delete(this.details.keys().next().value as string);
  }

  private async jumpToSource(hotspotId: string): Promise<void> {
    const loaded = this.deps.store.current;
    const hotspot = loaded?.report.hotspots.find((h) => h.id === hotspotId);
    const location = hotspot?.source[0];
    if (!loaded || !location) return void vscode.window.showInformationMessage(`Friction Lens: no source line is mapped for ${hotspotId}.`);
    const file = path.resolve(loaded.srcRoot, location.file);
    // The report is data from disk: never open a file outside the analysed source root because it says so.
    if (path.relative(loaded.srcRoot, file).startsWith('..') || path.isAbsolute(path.relative(loaded.srcRoot, file))) {
      return void this.deps.log.warn(`hotspot ${hotspotId} points outside ${loaded.srcRoot}: ${location.file}`);
    }
    const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      // Next to the replay, never over it: the user goes back and forth between the two.
      const viewColumn = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
      await vscode.window.showTextDocument(document, { viewColumn, selection: new vscode.Range(position, position), preserveFocus: false });
    } catch (error) {
      this.deps.log.error(`cannot open ${file}: ${(error as Error).message}`);
      vscode.window.showErrorMessage(`Friction Lens: cannot open ${location.file}: ${(error as Error).message}`);
    }
  }
}

/** The webview loads its own bundle, and a synthetic run's screenshots from the workspace's runs folder. */
function resourceRoots(webviewRoot: vscode.Uri): vscode.Uri[] {
  const root = workspaceRoot();
  return root ? [webviewRoot, vscode.Uri.file(path.join(root, RUNS_DIR))] : [webviewRoot];
}

/** Source locations of the report hotspots the detail's signals belong to. */
function sourceLinks(detail: SessionDetail, loaded: LoadedReport | undefined): Record<string, SourceLink> {
  const links: Record<string, SourceLink> = {};
  const wanted = new Set(detail.signals.map((s) => s.hotspotId));
  for (const hotspot of loaded?.report.hotspots ?? []) {
    const best = hotspot.source[0];
    if (wanted.has(hotspot.id) && best) links[hotspot.id] = { file: best.file, line: best.line, column: best.column, confidence: best.confidence, ...(best.component ? { component: best.component } : {}) };
  }
  return links;
}

/** The run files of .friction/runs/ as the list shows them; an unreadable one keeps its place, with its problem. */
async function runItems(log: vscode.LogOutputChannel): Promise<RunListItem[]> {
  const root = workspaceRoot();
  if (!root) return [];
  try {
    const items: RunListItem[] = [];
    for (const run of await listRuns(root)) {
      const rate = run.successRate === undefined ? '' : ` · ${Math.round(run.successRate * 100)}% success`;
      const recordings = run.problem ? [] : await listRunRecordings(root, run.file);
      // A simulation lists each synthetic user; a loose run file is one item.
      if (recordings.length === 0) {
        items.push({ runId: runIdOf(run.file), label: run.name, file: path.relative(root, run.file), description: run.problem ? `unreadable: ${run.problem}` : `${run.date.toLocaleString()}${rate}` });
      }
      for (const recording of recordings.slice(0, MAX_LISTED_RUNS)) {
        items.push({ runId: recording.recordingId, label: recording.label, file: path.relative(root, path.join(root, RUNS_DIR, recording.recordingId)), description: `${run.date.toLocaleString()}${rate}` });
      }
    }
    return items;
  } catch (error) {
    log.error(`cannot list ${RUNS_DIR}: ${(error as Error).message}`);
    return [];
  }
}

export function registerReplayPanel(context: vscode.ExtensionContext, deps: ReplayPanelDeps): void {
  const replay = new ReplayPanel(context, deps);
  context.subscriptions.push(
    replay,
    vscode.commands.registerCommand('frictionLens.showRuns', (args: unknown) => replay.showRuns(args)),
    vscode.commands.registerCommand('frictionLens.openReplay', (args: unknown) => replay.openReplay(args)),
    deps.store.onDidChange(() => replay.reportChanged()),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => replay.attach(panel),
    }),
  );
}

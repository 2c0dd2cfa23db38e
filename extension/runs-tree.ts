// The Synthetic runs view: the simulations in .friction/runs/ (name, date, success rate), newest first, each
// expanding into its synthetic users (persona, outcome) that open in the replay view; refreshed when files change.
// Empty, it shows the view's welcome text (package.json viewsWelcome).
import * as vscode from 'vscode';
import { listRunRecordings, listRuns, RUNS_DIR, type RunRecording, type RunSummary } from './run-files';

export const SHOW_RUNS_COMMAND = 'frictionLens.showRuns';
export const OPEN_REPLAY_COMMAND = 'frictionLens.openReplay';

type RunsNode = { kind: 'simulation'; run: RunSummary } | { kind: 'run'; recording: RunRecording };

const OUTCOME_ICONS: Record<string, string> = { success: 'pass', left: 'sign-out', dead_end: 'circle-slash', cap: 'watch', error: 'error' };

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly workspaceRoot: () => string | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [this.changed, vscode.window.registerTreeDataProvider('frictionLens.runs', this)];
    const root = workspaceRoot();
    if (root) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), `${RUNS_DIR.split('\\').join('/')}/{*.json,*/report.json}`));
      this.subscriptions.push(watcher, watcher.onDidCreate(() => this.refresh()), watcher.onDidChange(() => this.refresh()), watcher.onDidDelete(() => this.refresh()));
    }
  }

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    const root = this.workspaceRoot();
    if (!root || node?.kind === 'run') return [];
    try {
      if (node) return (await listRunRecordings(root, node.run.file)).map((recording) => ({ kind: 'run', recording }));
      return (await listRuns(root)).map((run) => ({ kind: 'simulation', run }));
    } catch (error) {
      this.log.error(`cannot list ${RUNS_DIR}: ${(error as Error).message}`);
      return [];
    }
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    if (node.kind === 'run') {
      const { recording } = node;
      const item = new vscode.TreeItem(recording.label, vscode.TreeItemCollapsibleState.None);
      item.id = recording.recordingId;
      item.iconPath = new vscode.ThemeIcon(OUTCOME_ICONS[recording.outcome ?? ''] ?? 'person');
      item.tooltip = `Replay ${recording.runId} (${recording.recordingId})`;
      item.contextValue = 'syntheticUser';
      item.command = { title: 'Replay run', command: OPEN_REPLAY_COMMAND, arguments: [{ source: 'run', sessionId: recording.recordingId }] };
      return item;
    }
    const { run } = node;
    const simulation = run.file.endsWith('report.json') && !run.problem;
    const item = new vscode.TreeItem(run.name, simulation ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = run.file;
    const rate = run.successRate === undefined ? '' : ` · ${Math.round(run.successRate * 100)}% success`;
    item.description = run.problem ? 'unreadable' : `${run.date.toLocaleString()}${rate}`;
    item.tooltip = run.problem ? `${run.file}: ${run.problem}` : run.file;
    item.iconPath = new vscode.ThemeIcon(run.problem ? 'warning' : 'beaker');
    item.resourceUri = vscode.Uri.file(run.file);
    item.contextValue = 'syntheticRun';
    item.command = { title: 'Show simulated runs', command: SHOW_RUNS_COMMAND, arguments: [{ file: run.file }] };
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

// The Synthetic runs view: the run files in .friction/runs/ (name, date, success rate), newest first, refreshed
// when they change. Empty, it shows the view's welcome text (package.json viewsWelcome).
import * as vscode from 'vscode';
import { listRuns, RUNS_DIR, type RunSummary } from './run-files';

export const SHOW_RUNS_COMMAND = 'frictionLens.showRuns';

export class RunsTreeProvider implements vscode.TreeDataProvider<RunSummary>, vscode.Disposable {
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

  async getChildren(run?: RunSummary): Promise<RunSummary[]> {
    const root = this.workspaceRoot();
    if (run || !root) return [];
    try {
      return await listRuns(root);
    } catch (error) {
      this.log.error(`cannot list ${RUNS_DIR}: ${(error as Error).message}`);
      return [];
    }
  }

  getTreeItem(run: RunSummary): vscode.TreeItem {
    const item = new vscode.TreeItem(run.name, vscode.TreeItemCollapsibleState.None);
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

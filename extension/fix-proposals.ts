// The fixes the catalogue offers for the current report, computed by the CLI (`friction fix --list`) in a child
// process whenever the report changes or a source file is saved, and kept here by hotspot for the code actions.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FixProposal } from '../analyzer/fixes/types';
import { runCliProcess } from './cli-process';
import { LAST_REPORT_FILE } from './report-file';
import type { LoadedReport, ReportStore } from './report-store';

/** Saves in a burst (format on save, save all) refresh once. */
const REFRESH_DELAY_MS = 300;

export class FixProposals implements vscode.Disposable {
  private byHotspot = new Map<string, FixProposal[]>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per refresh: a slower, older listing never overwrites a newer one. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: ReportStore,
    private readonly cliPath: string,
    private readonly workspaceRoot: () => string | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      store.onDidChange(() => this.schedule()),
      vscode.workspace.onDidSaveTextDocument((doc) => /\.(tsx|jsx)$/.test(doc.fileName) && this.schedule()),
      this.changed,
    );
    this.schedule();
  }

  forHotspot(hotspotId: string): FixProposal[] {
    return this.byHotspot.get(hotspotId) ?? [];
  }

  /** Resolves when the listing started now has finished (tests and commands that need fresh proposals). */
  refresh(): Promise<void> {
    clearTimeout(this.timer);
    return this.list(this.store.current);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.list(this.store.current), REFRESH_DELAY_MS);
  }

  private async list(loaded: LoadedReport | undefined): Promise<void> {
    const generation = ++this.generation;
    const root = this.workspaceRoot();
    if (!loaded || !root) {
      this.byHotspot = new Map();
      this.changed.fire();
      return;
    }
    try {
      const args = ['fix', '--list', '--format', 'json', '--report', path.join(root, LAST_REPORT_FILE), '--src', loaded.srcRoot];
      const { stdout } = await runCliProcess({ cliPath: this.cliPath, args, cwd: root }, () => undefined);
      if (generation !== this.generation) return;
      const { proposals } = JSON.parse(stdout) as { proposals: FixProposal[] };
      const byHotspot = new Map<string, FixProposal[]>();
      for (const p of proposals) byHotspot.set(p.hotspotId, [...(byHotspot.get(p.hotspotId) ?? []), p]);
      this.byHotspot = byHotspot;
      this.log.info(`fixes: ${proposals.length} offered for ${byHotspot.size} hotspots`);
      this.changed.fire();
    } catch (error) {
      this.log.warn(`fixes: could not list them: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

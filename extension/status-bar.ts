// The status-bar item: how many hotspots the last analysis found and when sessions were last synced; a spinner
// while a CLI task runs. Clicking it opens the Friction view.
import * as vscode from 'vscode';
import type { PosthogLinks } from './posthog-links';
import type { ReportStore } from './report-store';

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAge(then: Date, now = new Date()): string {
  const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export class FrictionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('frictionLens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];
  private busy: string | undefined;

  constructor(
    private readonly store: ReportStore,
    private readonly links: PosthogLinks,
  ) {
    this.item.name = 'Friction Lens';
    this.item.command = 'workbench.view.extension.friction';
    // Ages ("synced 5 min ago") are redrawn each minute.
    const ticker = setInterval(() => this.update(), 60_000);
    this.subscriptions = [this.item, store.onDidChange(() => this.update()), links.onDidChange(() => this.update()), { dispose: () => clearInterval(ticker) }];
    this.update();
    this.item.show();
  }

  /** Shows a running task ("analysing") until called with undefined. */
  setBusy(task: string | undefined): void {
    this.busy = task;
    this.update();
  }

  private update(): void {
    const loaded = this.store.current;
    const synced = this.links.lastSyncAt();
    const count = loaded ? `${loaded.report.hotspots.length} hotspot${loaded.report.hotspots.length === 1 ? '' : 's'}` : 'no analysis';
    const sync = synced ? ` · synced ${formatAge(synced)}` : '';
    this.item.text = this.busy ? `$(sync~spin) Friction: ${this.busy}` : `$(flame) ${loaded ? count : `Friction: ${count}`}${sync}`;
    const lines = ['**Friction Lens**', ''];
    if (loaded) {
      const r = loaded.report;
      lines.push(`${r.hotspots.length} hotspots from ${r.sessions} sessions (${r.converted} converted${r.goal ? ` to \`${r.goal}\`` : ''})`, '');
      lines.push(`Analysed ${formatAge(loaded.analysedAt)}${r.model ? ` · model \`${r.model}\`` : ''}`, '');
    } else lines.push('No analysis yet: run **Friction Lens: Analyze recordings**.', '');
    lines.push(synced ? `Last PostHog sync ${formatAge(synced)} (${synced.toLocaleString()})` : 'Not synced from PostHog');
    this.item.tooltip = new vscode.MarkdownString(lines.join('\n'));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

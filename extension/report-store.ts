// The one place the extension keeps the latest analysis: every view (diagnostics, decorations, hovers, CodeLens,
// trees, status bar, webview) reads it and redraws when it changes. Plain data in, an event out.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../analyzer/report/types';

export interface LoadedReport {
  report: AnalysisReport;
  /** Absolute root the report's source paths are relative to (the `--src` of the analysis). */
  srcRoot: string;
  /** Absolute path of the recordings that were analysed (for replays). */
  recordings: string;
  analysedAt: Date;
}

export class ReportStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LoadedReport | undefined>();
  readonly onDidChange = this.changed.event;
  private loaded: LoadedReport | undefined;

  get current(): LoadedReport | undefined {
    return this.loaded;
  }

  set(loaded: LoadedReport | undefined): void {
    this.loaded = loaded;
    this.changed.fire(loaded);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

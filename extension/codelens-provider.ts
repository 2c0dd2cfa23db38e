// A CodeLens on each component with hotspots ("Friction: 3 hotspots · 45 lost conversions") at its declaration;
// clicking it reveals those hotspots in the Friction view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnnotationLayout } from './annotation-layout';
import type { AnnotationVisibility } from './annotation-visibility';
import { codeLensTitle, componentSummaries, REVEAL_HOTSPOTS_COMMAND, type ComponentSummary } from './annotations';
import type { FrictionConfig } from './config';
import { findComponentDeclaration } from './drift';
import type { ReportStore } from './report-store';

export class ComponentCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private summaries: ComponentSummary[] | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: ReportStore,
    private readonly config: FrictionConfig,
    private readonly layout: AnnotationLayout,
    private readonly visibility: AnnotationVisibility,
  ) {
    const invalidate = () => {
      this.summaries = undefined;
      this.changed.fire();
    };
    this.subscriptions = [this.changed, store.onDidChange(invalidate), config.onDidChange(invalidate), layout.onDidChange(() => this.changed.fire()), visibility.onDidChange(() => this.changed.fire())];
  }

  private all(): ComponentSummary[] {
    const loaded = this.store.current;
    if (!loaded) return [];
    const { minShare, minConfidence } = this.config.current.annotations;
    this.summaries ??= componentSummaries(loaded.report, loaded.srcRoot, { minShare, minConfidence });
    return this.summaries;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.visibility.visible || document.uri.scheme !== 'file') return [];
    const file = path.normalize(document.uri.fsPath);
    const text = document.getText();
    return this.all()
      .filter((s) => path.normalize(s.file) === file)
      .map((s) => {
        const line = findComponentDeclaration(text, s.component)?.line ?? this.elementLine(file, s) ?? s.line;
        const at = new vscode.Range(Math.min(line, document.lineCount) - 1, 0, Math.min(line, document.lineCount) - 1, 0);
        return new vscode.CodeLens(at, { title: codeLensTitle(s), command: REVEAL_HOTSPOTS_COMMAND, arguments: [s.hotspotIds], tooltip: `Show the hotspots of ${s.component} in the Friction view` });
      });
  }

  /** Where the component's first annotated element is now, when its declaration is not in this file. */
  private elementLine(file: string, summary: ComponentSummary): number | undefined {
    const placed = this.layout.annotationsIn(file).filter((p) => summary.hotspotIds.includes(p.annotation.hotspot.id) && p.status !== 'drifted');
    return placed.length ? Math.min(...placed.map((p) => p.line)) : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

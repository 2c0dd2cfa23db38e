// Where each annotated hotspot sits in the code right now. Built from the report's lines, checked against the
// files' current text (drift.ts), shifted live while a file is edited and checked again on save. Decorations,
// diagnostics, hovers, CodeLens and the tree all read positions from here, so they agree.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { annotationsFromReport, type HotspotAnnotation } from './annotations';
import type { FrictionConfig } from './config';
import { findComponentDeclaration, indexJsxElements, lineAfterEdit, relocateIn, type LineEdit, type PlacementStatus } from './drift';
import type { ReportStore } from './report-store';

export interface PlacedAnnotation {
  annotation: HotspotAnnotation;
  /** Relative to the report's line: unchanged, moved (found elsewhere), drifted (not found), unverifiable. */
  status: PlacementStatus;
  /** Where to show it, 1-based. A drifted annotation goes to its component's declaration (else line 1). */
  line: number;
  column: number;
  length: number;
  /** Where the element was last seen: the start of the next search. */
  anchorLine: number;
}

const key = (file: string): string => path.normalize(file);

export class AnnotationLayout implements vscode.Disposable {
  private byFile = new Map<string, PlacedAnnotation[]>();
  /** Built on demand (the tree asks per hotspot), dropped on every change. */
  private byHotspot: Map<string, PlacedAnnotation> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private generation = 0;
  private pending: Promise<void> = Promise.resolve();

  private fire(): void {
    this.byHotspot = undefined;
    this.changed.fire();
  }

  constructor(
    private readonly store: ReportStore,
    private readonly config: FrictionConfig,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.changed,
      store.onDidChange(() => void this.rebuild()),
      config.onDidChange(() => void this.rebuild()),
      vscode.workspace.onDidSaveTextDocument((doc) => this.recheck(doc.uri.fsPath, doc.getText())),
      vscode.workspace.onDidChangeTextDocument((e) => this.shift(e)),
      // Closing a file with unsaved edits reverts it to the text on disk.
      vscode.workspace.onDidCloseTextDocument((doc) => void this.recheckFromDisk(doc.uri.fsPath)),
    ];
  }

  annotationsIn(file: string): PlacedAnnotation[] {
    return this.byFile.get(key(file)) ?? [];
  }

  all(): PlacedAnnotation[] {
    return [...this.byFile.values()].flat();
  }

  placementOf(hotspotId: string): PlacedAnnotation | undefined {
    this.byHotspot ??= new Map(this.all().map((p) => [p.annotation.hotspot.id, p]));
    return this.byHotspot.get(hotspotId);
  }

  /** Resolves once the layout reflects the latest report and settings (Analyze waits for it before it returns). */
  settled(): Promise<void> {
    return this.pending;
  }

  /** Lays out every annotation of the current report against the files as they are now. */
  rebuild(): Promise<void> {
    this.pending = this.layOut();
    return this.pending;
  }

  private async layOut(): Promise<void> {
    const generation = ++this.generation;
    const loaded = this.store.current;
    const next = new Map<string, PlacedAnnotation[]>();
    if (loaded) {
      const { minShare, minConfidence } = this.config.current.annotations;
      const grouped = new Map<string, HotspotAnnotation[]>();
      for (const a of annotationsFromReport(loaded.report, loaded.srcRoot, { minShare, minConfidence })) grouped.set(key(a.file), [...(grouped.get(key(a.file)) ?? []), a]);
      for (const [file, annotations] of grouped) {
        const text = await this.currentText(file);
        if (text === undefined) {
          this.log.warn(`${annotations.length} hotspot(s) point at ${file}, which no longer exists`);
          continue;
        }
        next.set(file, place(text, annotations.map((a) => ({ annotation: a, anchorLine: a.line }))));
      }
    }
    if (generation !== this.generation) return; // a newer rebuild started while this one read files
    this.byFile = next;
    this.fire();
  }

  private async currentText(file: string): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && key(d.uri.fsPath) === file);
    if (open) return open.getText();
    try {
      return await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** On save: is each element still where it was last seen? Else where did it go, or is it gone? */
  private recheck(file: string, text: string): void {
    const placed = this.byFile.get(key(file));
    if (!placed) return;
    const next = place(text, placed);
    const moved = next.filter((p, i) => p.status !== placed[i].status || p.line !== placed[i].line);
    for (const p of moved) this.log.info(`${p.annotation.hotspot.id}: ${p.status} (line ${p.line}) in ${file}`);
    this.byFile.set(key(file), next);
    this.fire();
  }

  private async recheckFromDisk(file: string): Promise<void> {
    const text = await this.currentText(key(file));
    if (text !== undefined) this.recheck(file, text);
  }

  /** Unsaved edits move annotations with the lines around them; the next save checks them. */
  private shift(e: vscode.TextDocumentChangeEvent): void {
    const placed = this.byFile.get(key(e.document.uri.fsPath));
    if (!placed || e.contentChanges.length === 0) return;
    // Applied from the bottom of the document up, so each change's positions are still those it was made at.
    const edits: LineEdit[] = [...e.contentChanges]
      .sort((a, b) => b.range.start.compareTo(a.range.start))
      .map((c) => ({
        startLine: c.range.start.line + 1,
        startColumn: c.range.start.character + 1,
        endLine: c.range.end.line + 1,
        endColumn: c.range.end.character + 1,
        insertedLineBreaks: c.text.split('\n').length - 1,
      }));
    for (const p of placed) {
      for (const edit of edits) {
        const line = lineAfterEdit(p.line, p.column, edit);
        p.anchorLine = lineAfterEdit(p.anchorLine, p.column, edit);
        p.line = line;
      }
    }
    this.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Relocates a file's annotations in one scan of its text. */
function place(text: string, previous: Pick<PlacedAnnotation, 'annotation' | 'anchorLine'>[]): PlacedAnnotation[] {
  const elements = indexJsxElements(text);
  const lineCount = text.split('\n').length;
  return previous.map(({ annotation, anchorLine }) => {
    const found = relocateIn(elements, { line: anchorLine, column: annotation.column, evidence: annotation.evidence });
    if (found.status === 'drifted') {
      const declaration = annotation.component ? findComponentDeclaration(text, annotation.component) : undefined;
      return { annotation, status: 'drifted', line: declaration?.line ?? 1, column: declaration?.column ?? 1, length: annotation.component?.length ?? 1, anchorLine };
    }
    const line = Math.min(found.line, lineCount);
    const status: PlacementStatus = found.status === 'unverifiable' ? 'unverifiable' : line === annotation.line ? 'unchanged' : 'moved';
    return { annotation, status, line, column: found.column, length: found.length, anchorLine: line };
  });
}

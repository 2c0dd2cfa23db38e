// Hotspots in the Problems panel: one Diagnostic per annotated element at its current position, its code the
// hotspot kind (linked to the definitions), and a lookup from diagnostic back to hotspot id for quick fixes.
import * as vscode from 'vscode';
import type { AnnotationLayout } from './annotation-layout';
import { diagnosticFor, type DiagnosticLevel } from './hotspot-diagnostics';

const SEVERITY: Record<DiagnosticLevel, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'Friction Lens';

export class HotspotDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('friction-lens');
  /** By identity, and by a signature for diagnostics that come back as copies (e.g. in a code-action context). */
  private readonly byDiagnostic = new WeakMap<vscode.Diagnostic, string>();
  private bySignature = new Map<string, string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly layout: AnnotationLayout,
    /** Where a diagnostic's code links: the definitions of the friction kinds. */
    private readonly kindsDocument: vscode.Uri,
  ) {
    this.subscription = layout.onDidChange(() => this.publish());
    this.publish();
  }

  /** The hotspot a Friction Lens diagnostic stands for (undefined for anyone else's diagnostics). */
  hotspotIdOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): string | undefined {
    return this.byDiagnostic.get(diagnostic) ?? this.bySignature.get(signature(uri, diagnostic));
  }

  private publish(): void {
    this.collection.clear();
    this.bySignature = new Map();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of this.layout.all()) {
      const d = diagnosticFor(p.annotation, { line: p.line, column: p.column, drifted: p.status === 'drifted' });
      const range = new vscode.Range(d.line, d.column, d.line, d.column + p.length);
      const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.level]);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = { value: d.code, target: this.kindsDocument };
      const uri = vscode.Uri.file(d.file);
      this.byDiagnostic.set(diagnostic, d.hotspotId);
      this.bySignature.set(signature(uri, diagnostic), d.hotspotId);
      byFile.set(d.file, [...(byFile.get(d.file) ?? []), diagnostic]);
    }
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

function signature(uri: vscode.Uri, d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return `${uri.toString()}#${d.range.start.line}:${d.range.start.character}:${code}:${d.message}`;
}

// Gutter icons by severity and, with the "gutter+eol" style, Error-Lens-like text at the end of the line. The
// decoration types are created once; visible editors are redrawn, throttled, when positions, style or editors change.
import * as vscode from 'vscode';
import type { AnnotationLayout, PlacedAnnotation } from './annotation-layout';
import type { AnnotationVisibility } from './annotation-visibility';
import { endOfLineTextForLine, type Severity } from './annotations';

type Look = Severity | 'drifted';

const LOOKS: Record<Look, { icon: string; color: string; ruler: string }> = {
  high: { icon: 'severity-high.svg', color: 'editorError.foreground', ruler: 'editorOverviewRuler.errorForeground' },
  medium: { icon: 'severity-medium.svg', color: 'editorWarning.foreground', ruler: 'editorOverviewRuler.warningForeground' },
  low: { icon: 'severity-low.svg', color: 'editorInfo.foreground', ruler: 'editorOverviewRuler.infoForeground' },
  drifted: { icon: 'severity-drifted.svg', color: 'disabledForeground', ruler: 'editorOverviewRuler.infoForeground' },
};

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/** Redraws wait this long for more changes: typing fires a change per keystroke. */
export const REDRAW_THROTTLE_MS = 100;

/** The look of a line: its worst current annotation; drifted only when every annotation on it drifted. */
function lookOf(line: PlacedAnnotation[]): Look {
  const current = line.filter((p) => p.status !== 'drifted');
  if (current.length === 0) return 'drifted';
  return current.reduce((worst, p) => (RANK[p.annotation.severity] > RANK[worst] ? p.annotation.severity : worst), 'low' as Severity);
}

export class HotspotDecorations implements vscode.Disposable {
  private readonly types: Record<Look, vscode.TextEditorDecorationType>;
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    extensionUri: vscode.Uri,
    private readonly layout: AnnotationLayout,
    private readonly visibility: AnnotationVisibility,
  ) {
    const type = (look: Look) =>
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', LOOKS[look].icon),
        gutterIconSize: 'contain',
        overviewRulerColor: new vscode.ThemeColor(LOOKS[look].ruler),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
      });
    this.types = { high: type('high'), medium: type('medium'), low: type('low'), drifted: type('drifted') };
    this.subscriptions = [
      layout.onDidChange(() => this.schedule()),
      visibility.onDidChange(() => this.schedule()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()),
    ];
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const editor of vscode.window.visibleTextEditors) this.draw(editor);
    }, REDRAW_THROTTLE_MS);
  }

  private draw(editor: vscode.TextEditor): void {
    const style = this.visibility.style;
    const placed = style === 'off' || editor.document.uri.scheme !== 'file' ? [] : this.layout.annotationsIn(editor.document.uri.fsPath);
    const byLine = new Map<number, PlacedAnnotation[]>();
    for (const p of placed) if (p.line <= editor.document.lineCount) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
    const options: Record<Look, vscode.DecorationOptions[]> = { high: [], medium: [], low: [], drifted: [] };
    for (const [line, annotations] of byLine) {
      annotations.sort((a, b) => b.annotation.hotspot.score - a.annotation.hotspot.score);
      const look = lookOf(annotations);
      const end = editor.document.lineAt(line - 1).range.end;
      const option: vscode.DecorationOptions = { range: new vscode.Range(end, end) };
      if (style === 'gutter+eol') {
        const shown = look === 'drifted' ? annotations : annotations.filter((p) => p.status !== 'drifted');
        option.renderOptions = {
          after: {
            contentText: endOfLineTextForLine(shown.map((p) => p.annotation.hotspot), look === 'drifted'),
            color: new vscode.ThemeColor(LOOKS[look].color),
            margin: '0 0 0 3em',
            fontStyle: 'italic',
          },
        };
      }
      options[look].push(option);
    }
    for (const look of Object.keys(this.types) as Look[]) editor.setDecorations(this.types[look], options[look]);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    for (const t of Object.values(this.types)) t.dispose();
  }
}

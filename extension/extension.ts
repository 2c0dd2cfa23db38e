// Friction Lens for VS Code: thin glue over the analyzer CLI. This first slice analyses a folder of recordings
// in a child process and publishes each mapped hotspot as a Diagnostic on the line that renders the element.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsFromReport, type DiagnosticLevel } from './hotspot-diagnostics';
import { runAnalysisProcess } from './analysis-process';

const SEVERITY: Record<DiagnosticLevel, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration('frictionLens').get<T>(key) ?? fallback;
}

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Friction Lens', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection('friction-lens');
  context.subscriptions.push(log, diagnostics);

  context.subscriptions.push(
    vscode.commands.registerCommand('frictionLens.analyze', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return void vscode.window.showWarningMessage('Friction Lens: open a folder first.');
      const root = folder.uri.fsPath;
      const recordings = path.resolve(root, setting('recordingsPath', '.friction/cache'));
      const src = path.resolve(root, setting('sourceRoot', 'src'));
      const goal = setting<string>('goal', '') || undefined;
      const cliPath = context.asAbsolutePath(path.join('dist', 'cli.js'));
      try {
        const report = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Friction Lens: analysing recordings', cancellable: true },
          (progress, token) =>
            runAnalysisProcess({ cliPath, recordings, src, goal }, (line) => {
              log.info(line);
              progress.report({ message: line.slice(0, 80) });
            }, token),
        );
        diagnostics.clear();
        const byFile = new Map<string, vscode.Diagnostic[]>();
        for (const d of diagnosticsFromReport(report, src)) {
          const diagnostic = new vscode.Diagnostic(new vscode.Range(d.line, d.column, d.line, d.column + 1), d.message, SEVERITY[d.level]);
          diagnostic.source = 'Friction Lens';
          diagnostic.code = d.code;
          byFile.set(d.file, [...(byFile.get(d.file) ?? []), diagnostic]);
        }
        for (const [file, list] of byFile) diagnostics.set(vscode.Uri.file(file), list);
        log.info(`${report.sessions} sessions, ${report.hotspots.length} hotspots, ${byFile.size} files annotated`);
        vscode.window.showInformationMessage(`Friction Lens: ${report.hotspots.length} hotspots from ${report.sessions} sessions.`);
      } catch (error) {
        log.error((error as Error).message);
        vscode.window.showErrorMessage(`Friction Lens: ${(error as Error).message}`);
      }
    }),
  );
}

export function deactivate(): void {}

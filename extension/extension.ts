// Friction Lens for VS Code: thin glue over the analyzer CLI. activate() creates each service once, registers
// every provider and command, and loads the workspace's last analysis; heavy work runs in CLI child processes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnnotationLayout } from './annotation-layout';
import { AnnotationVisibility } from './annotation-visibility';
import { CliTasks } from './cli-task';
import { ComponentCodeLensProvider } from './codelens-provider';
import { workspaceRoot, type CommandDeps } from './command-deps';
import { registerCommands } from './commands';
import { loadSavedReport } from './commands-analysis';
import { FrictionConfig } from './config';
import { HotspotDecorations } from './decorations';
import { HotspotDiagnostics } from './diagnostics';
import { HotspotHoverProvider } from './hover-provider';
import { HotspotTreeProvider } from './hotspot-tree';
import { PosthogLinks } from './posthog-links';
import { registerReplayPanel } from './replay-panel';
import { FixCodeActionProvider } from './code-actions';
import { FixProposals } from './fix-proposals';
import { ReportStore } from './report-store';
import { RunsTreeProvider } from './runs-tree';
import { ApiKeyStore } from './secrets';
import { FrictionStatusBar } from './status-bar';

/** Files hotspots map onto: the analyzer indexes TSX/JSX, and components may live in .ts/.js files too. */
const SOURCE_FILES: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.{tsx,jsx,ts,js}' }];

export interface FrictionLensApi {
  /** For quick fixes: the hotspot a Friction Lens diagnostic stands for. */
  hotspotIdOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): string | undefined;
  store: ReportStore;
  /** The catalogue's fixes for the current report (quick fixes). */
  fixes: FixProposals;
}

export function activate(context: vscode.ExtensionContext): FrictionLensApi {
  const log = vscode.window.createOutputChannel('Friction Lens', { log: true });
  const config = new FrictionConfig();
  const store = new ReportStore();
  context.subscriptions.push(log, config, store);

  const cliPath = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const visibility = new AnnotationVisibility(context.workspaceState, config);
  const layout = new AnnotationLayout(store, config, log);
  const links = new PosthogLinks(workspaceRoot, config, store, log);
  const statusBar = new FrictionStatusBar(store, links);
  const diagnostics = new HotspotDiagnostics(layout, vscode.Uri.joinPath(context.extensionUri, 'README.md').with({ fragment: 'how-friction-is-defined' }));
  const decorations = new HotspotDecorations(context.extensionUri, layout, visibility);
  const codeLens = new ComponentCodeLensProvider(store, config, layout, visibility);
  const hotspotTree = new HotspotTreeProvider(context.workspaceState, store, layout, links);
  const runsTree = new RunsTreeProvider(workspaceRoot, log);
  context.subscriptions.push(visibility, layout, links, statusBar, diagnostics, decorations, codeLens, hotspotTree, runsTree);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(SOURCE_FILES, new HotspotHoverProvider(layout, store, links, visibility)),
    vscode.languages.registerCodeLensProvider(SOURCE_FILES, codeLens),
  );

  const fixes = new FixProposals(store, cliPath, workspaceRoot, log);
  context.subscriptions.push(
    fixes,
    vscode.languages.registerCodeActionsProvider(SOURCE_FILES, new FixCodeActionProvider(fixes, (uri, d) => diagnostics.hotspotIdOf(uri, d)), FixCodeActionProvider.metadata),
  );

  const tasks = new CliTasks(log, statusBar);
  context.subscriptions.push(tasks);
  const deps: CommandDeps = { context, log, config, store, secrets: new ApiKeyStore(context.secrets), tasks, links, layout, visibility, hotspotTree, runsTree, cliPath, fixes };
  registerCommands(deps);
  registerReplayPanel(context, { store, log, cliPath });

  void loadSavedReport(deps);
  return { hotspotIdOf: (uri, diagnostic) => diagnostics.hotspotIdOf(uri, diagnostic), store, fixes };
}

export function deactivate(): void {}

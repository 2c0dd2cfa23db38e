// What the command handlers share: the extension's services, created once in activate().
import * as vscode from 'vscode';
import type { AnnotationLayout } from './annotation-layout';
import type { AnnotationVisibility } from './annotation-visibility';
import type { CliTasks } from './cli-task';
import type { FrictionConfig } from './config';
import type { FixProposals } from './fix-proposals';
import type { HotspotTreeProvider } from './hotspot-tree';
import type { PosthogLinks } from './posthog-links';
import type { ReportStore } from './report-store';
import type { RunsTreeProvider } from './runs-tree';
import type { ApiKeyStore } from './secrets';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  config: FrictionConfig;
  store: ReportStore;
  secrets: ApiKeyStore;
  tasks: CliTasks;
  links: PosthogLinks;
  layout: AnnotationLayout;
  visibility: AnnotationVisibility;
  hotspotTree: HotspotTreeProvider;
  runsTree: RunsTreeProvider;
  /** dist/cli.js of this extension. */
  cliPath: string;
  fixes: FixProposals;
}

/** The first workspace folder: .friction/ and the relative settings resolve against it. */
export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** The workspace root, or a warning and undefined when no folder is open. */
export function requireWorkspaceRoot(): string | undefined {
  const root = workspaceRoot();
  if (!root) void vscode.window.showWarningMessage('Friction Lens: open a folder first.');
  return root;
}

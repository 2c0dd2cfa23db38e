// Commands about what is shown: annotations on and off, the Hotspots view's grouping, revealing hotspots, and the
// synthetic-flow entry point (which needs trust and arrives with the Synthetic users feature).
import * as vscode from 'vscode';
import type { CommandDeps } from './command-deps';

export async function toggleAnnotations(deps: CommandDeps): Promise<void> {
  const visible = await deps.visibility.toggle();
  vscode.window.setStatusBarMessage(`Friction Lens: annotations ${visible ? 'shown' : 'hidden'}`, 3000);
}

export async function toggleHotspotGrouping(deps: CommandDeps): Promise<void> {
  await deps.hotspotTree.toggleGrouping();
}

/** From CodeLens and hovers: the ids arrive as one array argument. */
export async function revealHotspots(deps: CommandDeps, ids: unknown): Promise<void> {
  const list = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : typeof ids === 'string' ? [ids] : [];
  if (list.length) await deps.hotspotTree.reveal(list);
}

export async function runSyntheticFlow(): Promise<void> {
  // The command is also disabled in untrusted workspaces (enablement: isWorkspaceTrusted); this covers other callers.
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage('Friction Lens: a synthetic flow starts your app, so it needs a trusted workspace.', 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  void vscode.window.showInformationMessage(
    'Friction Lens: synthetic flows arrive with the Synthetic users feature; `friction simulate` is not available in this version yet. Runs it saves in .friction/runs/ will be listed in the Synthetic runs view.',
  );
}

export function refreshRuns(deps: CommandDeps): void {
  deps.runsTree.refresh();
}

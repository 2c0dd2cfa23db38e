// Quick fixes on Friction Lens diagnostics: each catalogue fix that fits the diagnostic's hotspot, once as is and
// once behind a PostHog feature flag. The edit is computed when chosen (APPLY_FIX_COMMAND), from the saved file.
import * as vscode from 'vscode';
import type { FixProposal } from '../analyzer/fixes/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { FixProposals } from './fix-proposals';

export const APPLY_FIX_COMMAND = 'frictionLens.applyFix';

export class FixCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly proposals: FixProposals,
    private readonly hotspotIdOf: (uri: vscode.Uri, diagnostic: vscode.Diagnostic) => string | undefined,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const hotspotId = this.hotspotIdOf(document.uri, diagnostic);
      if (!hotspotId) continue;
      this.proposals.forHotspot(hotspotId).forEach((proposal, i) => {
        actions.push(action(proposal, diagnostic, document.uri, false, i === 0));
        actions.push(action(proposal, diagnostic, document.uri, true, false));
      });
    }
    return actions;
  }
}

function action(proposal: FixProposal, diagnostic: vscode.Diagnostic, uri: vscode.Uri, behindFlag: boolean, preferred: boolean): vscode.CodeAction {
  const title = `Friction Lens: ${proposal.title}${behindFlag ? ' (behind a feature flag)' : ''}`;
  const codeAction = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  codeAction.diagnostics = [diagnostic];
  codeAction.isPreferred = preferred;
  codeAction.command = { command: APPLY_FIX_COMMAND, title, tooltip: proposal.rationale, arguments: [proposal, uri.toString(), behindFlag] };
  return codeAction;
}

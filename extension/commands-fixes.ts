// Applying a quick fix and predicting its effect: the CLI computes the edit from the saved file (`friction fix
// --apply --dry-run`), the extension applies it as one WorkspaceEdit (undoable, left unsaved for review), and
// offers the synthetic-run prediction and the verification plan.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FixProposal, VerificationPlan } from '../analyzer/fixes/types';
import { runCliProcess } from './cli-process';
import { requireWorkspaceRoot, type CommandDeps } from './command-deps';
import { LAST_REPORT_FILE } from './report-file';

interface AppliedJson {
  file: string;
  edit: { start: number; end: number; text: string };
  verification?: VerificationPlan;
}

const FLAG_KEY = /^[A-Za-z0-9_-]+$/;

function planText(plan: VerificationPlan): string {
  return [`Metric: ${plan.metric}`, `Expect: ${plan.expectation}`, ...plan.steps.map((s, i) => `${i + 1}. ${s}`)].join('\n');
}

function reportArgs(root: string, deps: CommandDeps): string[] {
  return ['--report', path.join(root, LAST_REPORT_FILE), '--src', deps.store.current?.srcRoot ?? root];
}

export async function applyFix(deps: CommandDeps, proposal: FixProposal, uri: string, behindFlag: boolean): Promise<boolean> {
  const root = requireWorkspaceRoot();
  if (!root || !proposal) return false;
  let flag: string | undefined;
  if (behindFlag) {
    flag = await vscode.window.showInputBox({
      title: 'Friction Lens: feature flag key',
      prompt: 'The change ships behind this PostHog feature flag (posthog-js/react useFeatureFlagEnabled); create the flag in PostHog with the same key.',
      value: proposal.fix,
      validateInput: (value) => (FLAG_KEY.test(value) ? undefined : 'letters, digits, - and _ only'),
    });
    if (!flag) return false;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  // The CLI reads the file from disk: what it edits must be what the editor shows.
  if (document.isDirty && !(await document.save())) return false;
  const before = document.version;
  const args = ['fix', '--apply', proposal.id, '--dry-run', '--format', 'json', ...reportArgs(root, deps), ...(flag ? ['--flag', flag] : [])];
  const result = await deps.tasks.run({ id: 'fix', title: `applying "${proposal.title}"`, busy: 'applying a fix' }, (onLine, cancel) =>
    runCliProcess({ cliPath: deps.cliPath, args, cwd: root }, onLine, cancel),
  );
  if (!result) return false;
  if (document.version !== before) {
    void vscode.window.showWarningMessage('Friction Lens: the file changed while the fix was prepared; nothing was applied. Try again.');
    return false;
  }
  const applied = JSON.parse(result.stdout) as AppliedJson;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(applied.edit.start), document.positionAt(applied.edit.end)), applied.edit.text, {
    label: proposal.title,
    needsConfirmation: false,
  });
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  await vscode.window.showTextDocument(document, { preserveFocus: false });
  const plan = applied.verification ?? proposal.verification;
  deps.log.info(`applied ${proposal.id}${flag ? ` behind flag ${flag}` : ''}\n${proposal.rationale}\n${planText(plan)}`);
  void vscode.window.showInformationMessage(`Friction Lens: ${proposal.title}. ${proposal.rationale}`, 'Predict effect', 'Verification plan').then((choice) => {
    if (choice === 'Verification plan') void vscode.window.showInformationMessage(planText(plan), { modal: true });
    // The edit is not saved yet, so the CLI still sees the original file to patch a copy of.
    if (choice === 'Predict effect') void predictFix(deps, proposal);
  });
  return true;
}

/** Synthetic runs on the app as saved and on a patched copy: needs `app` in the flows file. */
export async function predictFix(deps: CommandDeps, proposal: FixProposal): Promise<string | undefined> {
  const root = requireWorkspaceRoot();
  if (!root || !proposal) return undefined;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Friction Lens: predicting a fix starts your app from the flows file: trust this workspace first.');
    return undefined;
  }
  const settings = deps.config.current;
  const args = ['fix', '--predict', proposal.id, ...reportArgs(root, deps), '--flows', path.resolve(root, settings.flowsFile)];
  const result = await deps.tasks.run({ id: 'predict', title: `predicting "${proposal.title}"`, busy: 'predicting a fix' }, (onLine, cancel) =>
    runCliProcess({ cliPath: deps.cliPath, args, cwd: root }, onLine, cancel),
  );
  if (!result) return undefined;
  deps.log.info(result.stdout);
  const headline = result.stdout.split('\n').find((l) => l.trim().startsWith('success')) ?? 'done';
  void vscode.window.showInformationMessage(`Friction Lens: predicted effect of "${proposal.title}": ${headline.trim()}`, 'Show details').then((c) => c && deps.log.show());
  return result.stdout;
}

// Analyze and Train: `friction analyze` / `friction train` in a child process on the configured recordings; the
// report is saved to .friction/last-report.json and loaded back on activation.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisReport } from '../analyzer/report/types';
import { runAnalysisProcess } from './analysis-process';
import { annotationsFromReport } from './annotations';
import { runCliProcess } from './cli-process';
import { requireWorkspaceRoot, workspaceRoot, type CommandDeps } from './command-deps';
import type { FrictionSettings } from './config';
import { LAST_REPORT_FILE, readLastReport, writeLastReport } from './report-file';
import type { LoadedReport } from './report-store';

function loadedReport(root: string, report: AnalysisReport, settings: FrictionSettings): LoadedReport {
  const generated = new Date(report.generatedAt);
  return {
    report,
    srcRoot: path.resolve(root, report.src ?? settings.sourceRoot),
    recordings: path.resolve(root, settings.recordingsPath),
    analysedAt: Number.isNaN(generated.getTime()) ? new Date() : generated,
  };
}

/** On activation: the last analysis of this workspace, so annotations survive a reload. Silent when there is none. */
export async function loadSavedReport(deps: CommandDeps): Promise<void> {
  const root = workspaceRoot();
  if (!root) return;
  try {
    const report = await readLastReport(root);
    if (!report) return;
    deps.store.set(loadedReport(root, report, deps.config.current));
    deps.log.info(`loaded ${LAST_REPORT_FILE}: ${report.hotspots.length} hotspots from ${report.sessions} sessions (${report.generatedAt})`);
  } catch (error) {
    deps.log.warn((error as Error).message);
  }
}

/** The recordings folder, or undefined after telling the user how to get some. */
function recordingsOrExplain(root: string, settings: FrictionSettings): string | undefined {
  const recordings = path.resolve(root, settings.recordingsPath);
  if (existsSync(recordings)) return recordings;
  const hint = settings.dataSource === 'posthog' ? 'Sync sessions from PostHog first' : 'Point frictionLens.recordingsPath at a folder of rrweb or PostHog recordings';
  void vscode.window.showWarningMessage(`Friction Lens: no recordings at ${recordings}. ${hint}.`, 'Sync sessions', 'Open Settings').then((choice) => {
    if (choice === 'Sync sessions') void vscode.commands.executeCommand('frictionLens.sync');
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'frictionLens.recordingsPath');
  });
  return undefined;
}

export async function analyze(deps: CommandDeps): Promise<void> {
  const root = requireWorkspaceRoot();
  if (!root) return;
  const settings = deps.config.current;
  const recordings = recordingsOrExplain(root, settings);
  if (!recordings) return;
  // An untrusted workspace's own model (.friction/models) is not loaded: the shipped one ranks instead.
  const model = vscode.workspace.isTrusted ? undefined : deps.context.asAbsolutePath(path.join('models', 'session-outcome'));
  const report = await deps.tasks.run({ id: 'analyze', title: 'analysing recordings', busy: 'analysing' }, (onLine, cancel) =>
    runAnalysisProcess({ cliPath: deps.cliPath, recordings, src: settings.sourceRoot, goal: settings.goal || undefined, model, cwd: root }, onLine, cancel),
  );
  if (!report) return;
  try {
    await writeLastReport(root, report);
  } catch (error) {
    deps.log.warn(`the report could not be saved, annotations will not survive a reload: ${(error as Error).message}`);
  }
  const loaded = loadedReport(root, report, settings);
  deps.store.set(loaded);
  // When the command resolves, diagnostics and annotations are in place (tests and other extensions rely on it).
  await deps.layout.settled();
  const files = new Set(annotationsFromReport(report, loaded.srcRoot, settings.annotations).map((a) => a.file));
  deps.log.info(`${report.sessions} sessions, ${report.hotspots.length} hotspots, ${files.size} files annotated`);
  void vscode.window.showInformationMessage(`Friction Lens: ${report.hotspots.length} hotspots from ${report.sessions} sessions.`);
}

async function askForGoal(deps: CommandDeps): Promise<string | undefined> {
  const goal = await vscode.window.showInputBox({
    title: 'Friction Lens: conversion goal',
    prompt: 'What counts as a conversion: a URL substring (/checkout/confirmation), re:<regex>, selector:<css> or event:<name>. Saved to frictionLens.goal.',
    placeHolder: '/checkout/confirmation',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'The models learn what leads to this goal: it cannot be empty.'),
  });
  if (goal) await deps.config.update({ goal: goal.trim() });
  return goal?.trim();
}

export async function train(deps: CommandDeps): Promise<void> {
  const root = requireWorkspaceRoot();
  if (!root) return;
  const settings = deps.config.current;
  const recordings = recordingsOrExplain(root, settings);
  if (!recordings) return;
  const goal = settings.goal || (await askForGoal(deps));
  if (!goal) return;
  // Consent: the CLI trains on synced PostHog data only where the decision recorded by sync allows it.
  const result = await deps.tasks.run({ id: 'train', title: 'training models', busy: 'training' }, (onLine, cancel) =>
    runCliProcess({ cliPath: deps.cliPath, args: ['train', recordings, '--goal', goal], cwd: root, streamStdout: true }, onLine, cancel),
  );
  if (!result) return;
  const versions = result.stdout.split('\n').filter((l) => l.includes(' -> ')).map((l) => l.split(' -> ')[0].trim());
  const choice = await vscode.window.showInformationMessage(`Friction Lens: trained ${versions.join(', ') || 'the models'} into .friction/models; the next analysis ranks hotspots with it.`, 'Analyze recordings');
  if (choice) await vscode.commands.executeCommand('frictionLens.analyze');
}

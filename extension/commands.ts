// Every command the extension registers itself, in one table (the replay panel registers showRuns and openReplay).
// Each id is declared in package.json contributes.commands.
import * as vscode from 'vscode';
import type { FixProposal } from '../analyzer/fixes/types';
import type { CommandDeps } from './command-deps';
import { analyze, train } from './commands-analysis';
import { connect, privacy, purge, sync } from './commands-posthog';
import { refreshRuns, revealHotspots, runSyntheticFlow, toggleAnnotations, toggleHotspotGrouping } from './commands-views';
import { REVEAL_HOTSPOTS_COMMAND } from './annotations';
import { APPLY_FIX_COMMAND } from './code-actions';
import { applyFix, predictFix } from './commands-fixes';

const COMMANDS: Record<string, (deps: CommandDeps, ...args: unknown[]) => unknown> = {
  'frictionLens.connect': connect,
  'frictionLens.sync': sync,
  'frictionLens.analyze': analyze,
  'frictionLens.runSyntheticFlow': runSyntheticFlow,
  'frictionLens.toggleAnnotations': toggleAnnotations,
  'frictionLens.toggleHotspotGrouping': toggleHotspotGrouping,
  'frictionLens.train': train,
  'frictionLens.privacy': privacy,
  'frictionLens.purge': purge,
  'frictionLens.refreshRuns': refreshRuns,
  [REVEAL_HOTSPOTS_COMMAND]: revealHotspots,
  [APPLY_FIX_COMMAND]: (deps, proposal, uri, behindFlag) => applyFix(deps, proposal as FixProposal, uri as string, behindFlag === true),
  'frictionLens.predictFix': (deps, proposal) => predictFix(deps, proposal as FixProposal),
};

export function registerCommands(deps: CommandDeps): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    deps.context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => handler(deps, ...args)));
  }
}

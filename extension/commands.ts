// Every command the extension registers itself, in one table (the replay panel registers showRuns and openReplay).
// Each id is declared in package.json contributes.commands.
import * as vscode from 'vscode';
import type { CommandDeps } from './command-deps';
import { analyze, train } from './commands-analysis';
import { connect, privacy, purge, sync } from './commands-posthog';
import { refreshRuns, revealHotspots, runSyntheticFlow, toggleAnnotations, toggleHotspotGrouping } from './commands-views';
import { REVEAL_HOTSPOTS_COMMAND } from './annotations';

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
};

export function registerCommands(deps: CommandDeps): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    deps.context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => handler(deps, ...args)));
  }
}

// Applies one catalogue fix to one file's text, safely: refuses a file that does not parse, an element that moved,
// a fix that does not fit or is already there; re-parses the result before offering it; returns the whole new text
// and the one contiguous edit that produces it (undoable as a single WorkspaceEdit). Pure: text in, text out.
import { Project, ts } from 'ts-morph';
import type { ReportHotspot } from '../report/types';
import { elementsWithIdentity, locateElement, positionOf } from './locate-element';
import { styleOf, type PrettierOptions } from './project-style';
import type { ChangedMarkup, FixDefinition, FixEdit, FixProblem, FixTarget } from './types';

export interface FixInput {
  fix: FixDefinition;
  hotspot: ReportHotspot;
  /** Relative to srcRoot, forward slashes (as in the report). */
  file: string;
  text: string;
  line: number;
  column: number;
  srcRoot: string;
  prettier?: PrettierOptions;
  /** Wraps the change in a feature flag (fixes/feature-flag.ts): edits the file so both versions remain, switched by the flag. */
  behindFlag?: (changed: ChangedMarkup, target: FixTarget) => void;
}

let project: Project | undefined;

/** One in-memory project reused across calls; files are replaced, never resolved. */
function parse(file: string, text: string) {
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    compilerOptions: { jsx: ts.JsxEmit.Preserve, allowJs: true, noResolve: true },
  });
  return project.createSourceFile(`/fix/${file}`, text, { overwrite: true });
}

/** Syntax errors only: the fixtures and user code may not type-check in isolation, but they must parse. */
export function syntaxErrors(file: string, text: string): string[] {
  const sourceFile = parse(file, text);
  const diagnostics = (sourceFile.compilerNode as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => {
    const { line, character } = sourceFile.compilerNode.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${file}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** The smallest single replacement turning `before` into `after`. */
export function singleEdit(before: string, after: string): FixEdit['edit'] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}

/** The element to edit, or why there is none. Also used to decide whether a fix can be offered at all. */
export function prepareTarget(input: Omit<FixInput, 'fix' | 'behindFlag'>): { target: FixTarget } | { problem: FixProblem } {
  const errors = syntaxErrors(input.file, input.text);
  if (errors.length > 0) {
    return { problem: { kind: 'unparsable', message: `${input.file} does not parse, so no fix edits it: ${errors.slice(0, 3).join('; ')}` } };
  }
  const sourceFile = parse(input.file, input.text);
  const style = styleOf(input.text, input.prettier);
  project!.manipulationSettings.set({ indentationText: style.indentationText, quoteKind: style.quoteKind, useTrailingCommas: style.useTrailingCommas });
  const located = locateElement(sourceFile, input.line, input.column, input.hotspot.element);
  if ('problem' in located) return located;
  return { target: { sourceFile, opening: located.opening, hotspot: input.hotspot, srcRoot: input.srcRoot } };
}

/**
 * After a fix that adds lines above its element (a hook, an import), the report's line points above it: an element
 * with the recorded identity that already has the fix means "done", not "moved".
 */
function appliedElsewhere(input: FixInput, drifted: FixProblem): FixProblem {
  const sourceFile = parse(input.file, input.text);
  for (const opening of elementsWithIdentity(sourceFile, input.hotspot.element)) {
    const target: FixTarget = { sourceFile, opening, hotspot: input.hotspot, srcRoot: input.srcRoot };
    if (input.fix.isApplied(target)) {
      const at = positionOf(opening);
      return { kind: 'already_applied', message: `${input.file}:${at.line} already has this fix (${input.fix.id}); nothing to change.` };
    }
  }
  return drifted;
}

export function applyFixToText(input: FixInput): FixEdit | { problem: FixProblem } {
  const prepared = prepareTarget(input);
  if ('problem' in prepared) return prepared.problem.kind === 'drifted' ? { problem: appliedElsewhere(input, prepared.problem) } : prepared;
  const { target } = prepared;
  const check = input.fix.check(target);
  if (!check.applicable) return { problem: { kind: 'not_applicable', message: check.reason } };
  if (input.fix.isApplied(target)) return { problem: { kind: 'already_applied', message: `${input.file}:${input.line} already has this fix (${input.fix.id}); nothing to change.` } };

  const changed = input.fix.apply(target);
  if (input.behindFlag) {
    try {
      input.behindFlag(changed, target);
    } catch (error) {
      // e.g. markup outside any component, where no hook can read the flag.
      return { problem: { kind: 'not_applicable', message: `cannot put ${input.fix.id} behind a feature flag here: ${(error as Error).message}` } };
    }
  }
  const after = target.sourceFile.getFullText();
  if (after === input.text) return { problem: { kind: 'already_applied', message: `${input.fix.id} left ${input.file} unchanged.` } };

  const errors = syntaxErrors(input.file, after);
  if (errors.length > 0) {
    return { problem: { kind: 'invalid_result', message: `${input.fix.id} would leave ${input.file} unparsable (${errors[0]}); nothing was changed. Please report this with the file.` } };
  }
  return { file: input.file, before: input.text, after, edit: singleEdit(input.text, after) };
}

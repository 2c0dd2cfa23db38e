// Which catalogue fixes fit which hotspots: for every mapped hotspot, each fix answering its signal kind is tried on
// the element at the mapped line; the ones whose trigger holds become proposals, the others say why not. Reading
// files is injected so the CLI reads the disk and the extension its open editors.
import type { AnalysisReport, ReportHotspot } from '../report/types';
import { applyFixToText, prepareTarget } from './apply-fix';
import type { PrettierOptions } from './project-style';
import type { ChangedMarkup, FixDefinition, FixEdit, FixProblem, FixProposal, FixTarget } from './types';

/** Mapped locations below this confidence are guesses: no fix edits a guess. */
export const MIN_FIX_CONFIDENCE = 0.5;
/** Friction seen in fewer sessions is an anecdote, not a reason to change the product. */
export const MIN_FIX_SESSIONS = 5;

export interface FixWorkspace {
  srcRoot: string;
  /** Text of a file relative to srcRoot, or undefined when it does not exist. */
  readFile(file: string): string | undefined;
  prettier?: PrettierOptions;
}

export interface Unproposed {
  hotspotId: string;
  fix: string;
  file?: string;
  problem: FixProblem;
}

export function proposalId(fix: FixDefinition, hotspot: ReportHotspot): string {
  return `${fix.id}@${hotspot.id}`;
}

function targetOf(fix: FixDefinition, hotspot: ReportHotspot, workspace: FixWorkspace): { target: FixTarget; text: string } | { problem: FixProblem; file?: string } {
  const location = hotspot.source[0];
  if (!hotspot.element) return { file: location?.file, problem: { kind: 'not_applicable', message: 'a page-level hotspot: the fixes edit the element people interacted with' } };
  if (hotspot.sessions < MIN_FIX_SESSIONS) {
    return { file: location?.file, problem: { kind: 'not_applicable', message: `seen in ${hotspot.sessions} session${hotspot.sessions === 1 ? '' : 's'} only (fixes need ${MIN_FIX_SESSIONS})` } };
  }
  if (!location) return { problem: { kind: 'missing_file', message: 'the hotspot is not mapped to a source line (run the analysis with --src)' } };
  if (location.confidence < MIN_FIX_CONFIDENCE) {
    return { file: location.file, problem: { kind: 'not_applicable', message: `the mapping to ${location.file}:${location.line} is a guess (confidence ${location.confidence}); confirm the element first` } };
  }
  const text = workspace.readFile(location.file);
  if (text === undefined) return { file: location.file, problem: { kind: 'missing_file', message: `${location.file} is not in ${workspace.srcRoot} any more` } };
  const prepared = prepareTarget({ hotspot, file: location.file, text, line: location.line, column: location.column, srcRoot: workspace.srcRoot, prettier: workspace.prettier });
  return 'problem' in prepared ? { ...prepared, file: location.file } : { target: prepared.target, text };
}

/** `flag`: the verification plans name that feature flag (the fix would ship behind it). */
export function proposeFixes(
  report: AnalysisReport,
  catalogue: readonly FixDefinition[],
  workspace: FixWorkspace,
  options: { flag?: string } = {},
): { proposals: FixProposal[]; unproposed: Unproposed[] } {
  const proposals: FixProposal[] = [];
  const unproposed: Unproposed[] = [];
  for (const hotspot of report.hotspots) {
    for (const fix of catalogue.filter((f) => f.kinds.includes(hotspot.kind))) {
      const found = targetOf(fix, hotspot, workspace);
      if ('problem' in found) {
        unproposed.push({ hotspotId: hotspot.id, fix: fix.id, file: found.file, problem: found.problem });
        continue;
      }
      const { target } = found;
      const check = fix.check(target);
      const location = hotspot.source[0];
      if (!check.applicable) {
        unproposed.push({ hotspotId: hotspot.id, fix: fix.id, file: location.file, problem: { kind: 'not_applicable', message: check.reason } });
      } else if (fix.isApplied(target)) {
        unproposed.push({ hotspotId: hotspot.id, fix: fix.id, file: location.file, problem: { kind: 'already_applied', message: `${location.file}:${location.line} already has this fix` } });
      } else {
        proposals.push({
          id: proposalId(fix, hotspot),
          fix: fix.id,
          hotspotId: hotspot.id,
          file: location.file,
          line: location.line,
          column: location.column,
          title: fix.title(target),
          rationale: fix.rationale(target),
          verification: fix.verification(target, options.flag),
        });
      }
    }
  }
  return { proposals, unproposed };
}

/** Applies one proposal (by id) to the workspace's current text of its file. */
export function applyProposal(
  id: string,
  report: AnalysisReport,
  catalogue: readonly FixDefinition[],
  workspace: FixWorkspace,
  behindFlag?: (changed: ChangedMarkup, target: FixTarget) => void,
): FixEdit | { problem: FixProblem } {
  const at = id.indexOf('@');
  const fix = catalogue.find((f) => f.id === id.slice(0, at));
  const hotspot = report.hotspots.find((h) => h.id === id.slice(at + 1));
  if (at < 0 || !fix || !hotspot) {
    return { problem: { kind: 'not_applicable', message: `no fix "${id}" for this report: list them with friction fix --list` } };
  }
  const location = hotspot.source[0];
  const text = location ? workspace.readFile(location.file) : undefined;
  if (!location || text === undefined) return { problem: { kind: 'missing_file', message: `${location?.file ?? 'the hotspot'} is not in ${workspace.srcRoot}` } };
  return applyFixToText({ fix, hotspot, file: location.file, text, line: location.line, column: location.column, srcRoot: workspace.srcRoot, prettier: workspace.prettier, behindFlag });
}

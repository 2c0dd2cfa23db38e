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

/** One fix for one hotspot: the proposal, or why it is not offered. `flag`: the plan names that feature flag. */
export function proposalFor(fix: FixDefinition, hotspot: ReportHotspot, workspace: FixWorkspace, options: { flag?: string } = {}): FixProposal | Unproposed {
  const found = targetOf(fix, hotspot, workspace);
  if ('problem' in found) return { hotspotId: hotspot.id, fix: fix.id, file: found.file, problem: found.problem };
  const { target } = found;
  const check = fix.check(target);
  const location = hotspot.source[0];
  if (!check.applicable) return { hotspotId: hotspot.id, fix: fix.id, file: location.file, problem: { kind: 'not_applicable', message: check.reason } };
  if (fix.isApplied(target)) {
    return { hotspotId: hotspot.id, fix: fix.id, file: location.file, problem: { kind: 'already_applied', message: `${location.file}:${location.line} already has this fix` } };
  }
  return {
    id: proposalId(fix, hotspot),
    fix: fix.id,
    hotspotId: hotspot.id,
    file: location.file,
    line: location.line,
    column: location.column,
    title: fix.title(target),
    rationale: fix.rationale(target),
    verification: fix.verification(target, options.flag),
  };
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
      const result = proposalFor(fix, hotspot, workspace, options);
      if ('problem' in result) unproposed.push(result);
      else proposals.push(result);
    }
  }
  return { proposals, unproposed };
}

/** The fix and hotspot a proposal id (`<fixId>@<hotspotId>`) names in this report, or why there are none. */
export function resolveProposalId(id: string, report: AnalysisReport, catalogue: readonly FixDefinition[]): { fix: FixDefinition; hotspot: ReportHotspot } | { problem: FixProblem } {
  const at = id.indexOf('@');
  const fix = at < 0 ? undefined : catalogue.find((f) => f.id === id.slice(0, at));
  const hotspot = at < 0 ? undefined : report.hotspots.find((h) => h.id === id.slice(at + 1));
  if (!fix || !hotspot) return { problem: { kind: 'not_applicable', message: `no fix "${id}" for this report: list them with friction fix --list` } };
  return { fix, hotspot };
}

/** Applies one proposal (by id) to the workspace's current text of its file. */
export function applyProposal(
  id: string,
  report: AnalysisReport,
  catalogue: readonly FixDefinition[],
  workspace: FixWorkspace,
  behindFlag?: (changed: ChangedMarkup, target: FixTarget) => void,
): FixEdit | { problem: FixProblem } {
  const resolved = resolveProposalId(id, report, catalogue);
  if ('problem' in resolved) return resolved;
  const { fix, hotspot } = resolved;
  const location = hotspot.source[0];
  const text = location ? workspace.readFile(location.file) : undefined;
  if (!location || text === undefined) return { problem: { kind: 'missing_file', message: `${location?.file ?? 'the hotspot'} is not in ${workspace.srcRoot}` } };
  return applyFixToText({ fix, hotspot, file: location.file, text, line: location.line, column: location.column, srcRoot: workspace.srcRoot, prettier: workspace.prettier, behindFlag });
}

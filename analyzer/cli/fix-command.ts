// `friction fix`: the product editor on the command line. --list the catalogue's fixes that fit the report's
// hotspots, --apply one (optionally behind a PostHog feature flag) to the file it names, --predict its effect with
// synthetic runs of the original and the patched app.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIX_CATALOGUE } from '../fixes';
import { behindFeatureFlag } from '../fixes/feature-flag';
import type { PrettierOptions } from '../fixes/project-style';
import { applyProposal, proposalFor, proposeFixes, resolveProposalId, type FixWorkspace } from '../fixes/propose-fixes';
import type { FixEdit, FixProblem, FixProposal } from '../fixes/types';
import { REPORT_VERSION, type AnalysisReport } from '../report/types';
import { InputError, UsageError } from './errors';

export const DEFAULT_REPORT_FILE = path.join('.friction', 'last-report.json');

export interface FixCommandOptions {
  list?: boolean;
  apply?: string;
  predict?: string;
  flag?: string;
  report?: string;
  src?: string;
  format?: string;
  dryRun?: boolean;
}

export function readReport(file: string): AnalysisReport {
  if (!existsSync(file)) {
    throw new InputError(`no report at ${file}: run \`friction analyze <recordings> --src <dir> --goal <goal> --format json --out ${file}\` first (the extension writes it on Analyze)`);
  }
  let report: AnalysisReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file} is not a JSON report: ${(error as Error).message}`);
  }
  if (report?.version !== REPORT_VERSION || !Array.isArray(report.hotspots)) throw new InputError(`${file} is not a Friction Lens report (version ${REPORT_VERSION})`);
  return report;
}

/** Prettier settings when the project states them in JSON (.prettierrc / .prettierrc.json, or package.json "prettier"). */
function prettierOptions(srcRoot: string): PrettierOptions | undefined {
  for (let dir = path.resolve(srcRoot); ; dir = path.dirname(dir)) {
    for (const name of ['.prettierrc', '.prettierrc.json']) {
      const file = path.join(dir, name);
      if (existsSync(file)) {
        try {
          return JSON.parse(readFileSync(file, 'utf8'));
        } catch {
          return undefined; // YAML or JS config: fall back to what the file itself shows
        }
      }
    }
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return JSON.parse(readFileSync(pkg, 'utf8')).prettier;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function diskWorkspace(srcRoot: string): FixWorkspace {
  const root = path.resolve(srcRoot);
  return {
    srcRoot: root,
    readFile: (file) => {
      const abs = path.resolve(root, file);
      if (!abs.startsWith(root + path.sep) || !existsSync(abs)) return undefined;
      return readFileSync(abs, 'utf8');
    },
    prettier: prettierOptions(root),
  };
}

export function srcRootOf(report: AnalysisReport, reportFile: string, src?: string): string {
  const root = src ?? report.src;
  if (!root) throw new UsageError('the report was made without --src: pass --src <dir> (the root the hotspots were mapped onto)');
  // A report's src is relative to where the analysis ran: try that, then beside the report's project.
  const candidates = [path.resolve(root), path.resolve(path.dirname(reportFile), '..', root)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new InputError(`cannot find the sources ${root} (tried ${candidates.join(', ')}): pass --src <dir>`);
  return found;
}


export function formatProposals(proposals: FixProposal[], unproposed: { hotspotId: string; fix: string; problem: FixProblem }[]): string {
  if (proposals.length === 0) {
    const why = unproposed.slice(0, 5).map((u) => `  ${u.fix} for ${u.hotspotId}: ${u.problem.message}`);
    return ['No fix in the catalogue fits these hotspots.', ...why].join('\n');
  }
  const lines = [`${proposals.length} fix${proposals.length === 1 ? '' : 'es'} (apply with friction fix --apply <id> [--flag <key>]; predict with --predict <id>):`, ''];
  for (const p of proposals) {
    lines.push(`${p.id}`);
    lines.push(`  ${p.title}  (${p.file}:${p.line}:${p.column})`);
    lines.push(`  why: ${p.rationale}`);
    lines.push(`  measure: ${p.verification.metric}`);
    lines.push(`  expect: ${p.verification.expectation}`);
    lines.push('');
  }
  const stale = unproposed.filter((u) => u.problem.kind === 'drifted' || u.problem.kind === 'unparsable');
  for (const u of stale) lines.push(`note: ${u.fix} for ${u.hotspotId}: ${u.problem.message}`);
  return lines.join('\n').trimEnd();
}

function formatApplied(edit: FixEdit, proposal: FixProposal | undefined, flag: string | undefined, dryRun: boolean): string {
  const added = edit.after.split('\n').length - edit.before.split('\n').length;
  const lines = [`${dryRun ? 'would change' : 'changed'} ${edit.file} (${added >= 0 ? '+' : ''}${added} lines)${flag ? ` behind the feature flag "${flag}"` : ''}`];
  if (proposal) {
    lines.push(`why: ${proposal.rationale}`);
    lines.push(`measure: ${proposal.verification.metric}`);
    lines.push(`expect: ${proposal.verification.expectation}`);
    for (const step of proposal.verification.steps) lines.push(`  - ${step}`);
  }
  if (dryRun) lines.push('', edit.after);
  return lines.join('\n');
}

export function runFixList(options: FixCommandOptions): string {
  const reportFile = options.report ?? DEFAULT_REPORT_FILE;
  const report = readReport(reportFile);
  const workspace = diskWorkspace(srcRootOf(report, reportFile, options.src));
  const { proposals, unproposed } = proposeFixes(report, FIX_CATALOGUE, workspace);
  if (options.format === 'json') return JSON.stringify({ proposals, unproposed }, null, 2);
  return formatProposals(proposals, unproposed);
}

export function runFixApply(id: string, options: FixCommandOptions): string {
  const reportFile = options.report ?? DEFAULT_REPORT_FILE;
  const report = readReport(reportFile);
  const workspace = diskWorkspace(srcRootOf(report, reportFile, options.src));
  // The proposal (rationale, plan naming the flag) before the edit: computed from the file as it is now.
  const resolved = resolveProposalId(id, report, FIX_CATALOGUE);
  const offered = 'problem' in resolved ? undefined : proposalFor(resolved.fix, resolved.hotspot, workspace, { flag: options.flag });
  const proposal = offered && !('problem' in offered) ? offered : undefined;
  const result = applyProposal(id, report, FIX_CATALOGUE, workspace, options.flag ? behindFeatureFlag(options.flag) : undefined);
  if ('problem' in result) throw new InputError(`cannot apply ${id}: ${result.problem.message}`);
  if (!options.dryRun) writeFileSync(path.join(workspace.srcRoot, result.file), result.after);
  if (options.format === 'json') return JSON.stringify({ id, file: result.file, edit: result.edit, written: !options.dryRun, verification: proposal?.verification }, null, 2);
  return formatApplied(result, proposal, options.flag, options.dryRun === true);
}

export function checkFixOptions(options: FixCommandOptions): 'list' | 'apply' | 'predict' {
  const modes = (['list', 'apply', 'predict'] as const).filter((m) => options[m] !== undefined && options[m] !== false);
  if (modes.length !== 1) throw new UsageError('give exactly one of --list, --apply <id>, --predict <id>');
  if (options.flag !== undefined && modes[0] !== 'apply' && modes[0] !== 'predict') throw new UsageError('--flag goes with --apply or --predict');
  if (options.format !== undefined && !['text', 'json'].includes(options.format)) throw new UsageError(`--format must be text or json, got "${options.format}"`);
  return modes[0];
}

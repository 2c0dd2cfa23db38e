// GateResult -> JUnit XML (CI test tabs), SARIF 2.1.0 (code scanning annotations on the failing elements' TSX)
// and a plain-text summary for the terminal. Pure: locations come in already mapped (gate-sources.ts).
import * as path from 'node:path';
import { artifactUri, sarifLog, sarifResult, sourceUri } from '../report/sarif';
import type { GateCheck, GateResult } from './gate';

/** Where a check's element (or route) is rendered; `file` relative to `srcRoot`. */
export interface GateLocation {
  file: string;
  line: number;
  column: number;
  confidence: number;
  /**
   * "report": the candidate report's own mapping; "recording": the element as replayed from a run; "selector":
   * rebuilt from its selector; "route": page-level.
   */
  via: 'report' | 'recording' | 'selector' | 'route';
}

// ---------------------------------------------------------------------------------------------------------------
// JUnit

// XML 1.0 allows tab, LF, CR and U+0020 and above (minus surrogate halves and U+FFFE/U+FFFF); anything else,
// e.g. a terminal escape in an error message, would make the whole file unparsable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

function checkDetail(check: GateCheck): string {
  const { baseline: b, candidate: c } = check;
  const lines = [
    check.message,
    `baseline: ${b.count} in ${b.runs} runs (rate ${b.rate.toFixed(4)})${b.runsAffected !== undefined ? `, ${b.runsAffected} runs affected` : ''}`,
    `candidate: ${c.count} in ${c.runs} runs (rate ${c.rate.toFixed(4)})${c.runsAffected !== undefined ? `, ${c.runsAffected} runs affected` : ''}`,
    `one-sided p = ${check.p.toPrecision(3)}${check.pAdjusted !== check.p ? `, Holm-adjusted p = ${check.pAdjusted.toPrecision(3)}` : ''}`,
    `threshold: ${check.kind === 'success_rate' ? 'drop' : 'increase'} larger than ${check.threshold}${check.kind === 'friction' || check.kind === 'error' ? ' per run' : ''}`,
  ];
  if (check.selector) lines.push(`element: ${check.selector}${check.fingerprint ? ` (fingerprint ${check.fingerprint})` : ''}`);
  return lines.join('\n');
}

/** One <testsuite> per flow, one <testcase> per check; failing checks carry a <failure> with the figures. */
export function toJUnit(results: GateResult[], now = new Date()): string {
  const total = results.reduce((n, r) => n + r.checks.length, 0);
  const failures = results.reduce((n, r) => n + r.checks.filter((c) => c.status === 'fail').length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'friction gate', tests: total, failures, errors: 0, time: 0 })}>`];
  for (const r of results) {
    const failed = r.checks.filter((c) => c.status === 'fail').length;
    out.push(
      `  <testsuite${attrs({ name: `friction gate: ${r.flow}`, tests: r.checks.length, failures: failed, errors: 0, skipped: 0, time: 0, timestamp: now.toISOString().replace(/\.\d+Z$/, '') })}>`,
      '    <properties>',
      ...Object.entries({
        model: r.model,
        baseline: r.baseline.baseUrl,
        candidate: r.candidate.baseUrl,
        alpha: r.thresholds.alpha,
        maxSuccessDrop: r.thresholds.maxSuccessDrop,
        maxFrictionIncrease: r.thresholds.maxFrictionIncrease,
        maxEndIncrease: r.thresholds.maxEndIncrease,
        correction: r.thresholds.correction,
      }).map(([name, value]) => `      <property${attrs({ name, value })}/>`),
      '    </properties>',
    );
    for (const check of r.checks) {
      const head = `    <testcase${attrs({ classname: `friction.gate.${r.flow}.${check.kind}`, name: check.name, time: 0 })}`;
      if (check.status === 'pass') {
        out.push(`${head}/>`);
        continue;
      }
      out.push(
        `${head}>`,
        `      <failure${attrs({ message: check.message, type: check.kind })}>${xmlEscape(checkDetail(check))}</failure>`,
        '    </testcase>',
      );
    }
    out.push(`    <system-out>${xmlEscape([r.summary, ...r.reasons].join('\n'))}</system-out>`, '  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// SARIF

const RULES: Record<string, string> = {
  'gate/success-rate': 'The success rate of the synthetic users dropped past the threshold, significantly.',
  'gate/run-end': 'More synthetic runs end (leave, dead end, step cap, error) on this page than on the baseline.',
  'gate/error': 'Uncaught exceptions or failed requests on this page increased against the baseline.',
  'gate/friction': 'A friction signal on this element increased against the baseline (rage, dead or error clicks, ...).',
};

function ruleId(check: GateCheck): string {
  switch (check.kind) {
    case 'success_rate':
      return 'gate/success-rate';
    case 'run_end':
      return 'gate/run-end';
    case 'error':
      return 'gate/error';
    default:
      return 'gate/friction';
  }
}

export interface GateSarifOptions {
  /** checks' ids -> where they are rendered (file relative to srcRoot). */
  locations?: Map<string, GateLocation>;
  /** The --src directory the locations are relative to. */
  srcRoot?: string;
  /** The flows file, as a location of last resort (code scanning drops results without one). */
  flowsFile?: string;
  cwd?: string;
}

/** One result per failing check; artifact URIs relative to `cwd` (the repository root in CI). */
export function toGateSarif(results: GateResult[], opts: GateSarifOptions = {}): object {
  const cwd = opts.cwd ?? process.cwd();
  const sarifResults = results.flatMap((r) =>
    r.checks
      .filter((c) => c.status === 'fail')
      .map((check) => {
        const located = opts.locations?.get(check.id);
        const location = located
          ? { uri: sourceUri(opts.srcRoot, located.file, cwd), line: located.line, column: located.column }
          : opts.flowsFile
            ? { uri: artifactUri(path.resolve(cwd, opts.flowsFile), cwd), line: 1 }
            : undefined;
        return sarifResult({
          ruleId: ruleId(check),
          level: 'error',
          message: `${r.flow}: ${check.message}`,
          location,
          partialFingerprints: { frictionGate: `${r.flow}:${check.id}` },
          properties: {
            flow: r.flow,
            model: r.model,
            route: check.route,
            signal: check.signal,
            selector: check.selector,
            fingerprint: check.fingerprint,
            baselineRate: check.baseline.rate,
            candidateRate: check.candidate.rate,
            p: check.p,
            pAdjusted: check.pAdjusted,
            ...(located ? { confidence: located.confidence, mappedVia: located.via } : {}),
          },
        });
      }),
  );
  return sarifLog('Friction Lens gate', RULES, sarifResults);
}

// ---------------------------------------------------------------------------------------------------------------
// Terminal

/** The verdict, every failing check (with its source line when mapped), then the closest passing ones. */
export function formatGateSummary(result: GateResult, opts: { locations?: Map<string, GateLocation>; srcRoot?: string; passing?: number } = {}): string {
  const t = result.thresholds;
  const lines = [
    result.summary,
    `  flow ${result.flow}, model ${result.model}`,
    `  baseline  ${result.baseline.baseUrl}: ${result.baseline.successes}/${result.baseline.runs} runs succeeded`,
    `  candidate ${result.candidate.baseUrl}: ${result.candidate.successes}/${result.candidate.runs} runs succeeded`,
    `  thresholds: alpha ${t.alpha} (one-sided${t.correction === 'holm' ? ', Holm-adjusted per element' : ''}), success drop > ${t.maxSuccessDrop * 100} pp, ` +
      `friction increase > ${t.maxFrictionIncrease} per run, run-end increase > ${t.maxEndIncrease * 100} pp`,
  ];
  const failing = result.checks.filter((c) => c.status === 'fail');
  if (failing.length) {
    lines.push('', 'Failing:');
    for (const c of failing) {
      const at = opts.locations?.get(c.id);
      const file = at ? path.relative(process.cwd(), path.resolve(opts.srcRoot ?? '', at.file)) : '';
      const where = at ? `  -> ${file}:${at.line}:${at.column}` : '';
      lines.push(`  ✗ ${c.message}${where}`);
    }
  }
  const passing = result.checks.filter((c) => c.status === 'pass').slice(0, opts.passing ?? 5);
  if (passing.length) {
    lines.push('', failing.length ? 'Passing (closest first):' : 'Checks (closest first):');
    for (const c of passing) lines.push(`  ✓ ${c.message}`);
    const more = result.checks.length - failing.length - passing.length;
    if (more > 0) lines.push(`  … and ${more} more passing checks`);
  }
  return lines.join('\n');
}

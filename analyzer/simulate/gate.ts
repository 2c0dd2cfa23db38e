// The usability gate: compares two SimulationReports of one flow (baseline: the deployed app, candidate: the
// change) and fails when the candidate is measurably worse. Pure: no I/O, no clock.
//
// Checks, each a one-sided exact test ("is the candidate worse?") AND a minimum effect size, so that neither a
// significant but negligible change nor a large but noisy one fails a build:
// - success rate: Fisher's exact test on successes / failures;
// - friction per (signal kind, route, element): occurrences per run, exact permutation test on the per-run counts
//   (the run is the unit: an impatient user's five clicks on a dead button are one run's behaviour, not five
//   independent events, which a Poisson test on the totals would assume — and fail builds on);
// - uncaught exceptions and failed requests per (kind, route, message): same test;
// - where failed runs end, per (outcome, route): share of runs, Fisher's exact test.
// The success rate is the primary endpoint and is tested at alpha as is; the many per-element and per-route
// checks form one family whose p-values are Holm-adjusted, so a candidate identical to the baseline fails with
// probability at most alpha however many elements the runs touched.
import type { SignalKind } from '../signals/types';
import type { RunOutcome, RunResult, SimulationReport } from './types';
import { fisherExactGreater, holmAdjust, permutationTestGreater, wilsonInterval } from './stats';

export interface GateThresholds {
  /** Significance level of every one-sided test (default 0.05). */
  alpha: number;
  /** Largest tolerated drop of the success rate, as a fraction (0.05 = 5 percentage points). */
  maxSuccessDrop: number;
  /** Largest tolerated increase of a friction signal (or error) on one element, in occurrences per run. */
  maxFrictionIncrease: number;
  /** Largest tolerated increase of the share of runs ending (left, dead end, cap, error) on one route. */
  maxEndIncrease: number;
  /** Multiple-comparison adjustment of the per-element and per-route checks. */
  correction: 'holm' | 'none';
}

export const DEFAULT_THRESHOLDS: GateThresholds = {
  alpha: 0.05,
  maxSuccessDrop: 0.05,
  maxFrictionIncrease: 0.1,
  maxEndIncrease: 0.1,
  correction: 'holm',
};

export type GateCheckKind = 'success_rate' | 'friction' | 'error' | 'run_end';

export interface GateSide {
  /** Successes, occurrences or runs ending there. */
  count: number;
  runs: number;
  /** count / runs: a share for success_rate and run_end, occurrences per run for friction and error. */
  rate: number;
  /** Runs with at least one occurrence (friction, error). */
  runsAffected?: number;
  /** Wilson 95 % interval of the share (success_rate, run_end). */
  interval?: [number, number];
}

export interface GateCheck {
  /** Stable across builds: success-rate, friction:<kind>:<route>:<element>, error:…, end:<outcome>:<route>. */
  id: string;
  kind: GateCheckKind;
  /** Short name for JUnit test cases and the terminal. */
  name: string;
  route?: string;
  signal?: SignalKind;
  /** The element's full selector, fingerprint and visible text (from the reports' frictionByElement). */
  selector?: string;
  fingerprint?: string;
  text?: string;
  outcome?: RunOutcome;
  /** Error kind and message (error checks). */
  error?: { kind: 'exception' | 'request'; message: string };
  /** Median number of steps of the candidate runs that ended here (run_end). */
  medianSteps?: number;
  baseline: GateSide;
  candidate: GateSide;
  /** Candidate minus baseline rate: negative is a drop (success_rate), positive an increase. */
  change: number;
  /** One-sided p-value of "the candidate is worse". */
  p: number;
  /** Holm-adjusted p (per-element and per-route checks); equals p for the success rate or without correction. */
  pAdjusted: number;
  /** The effect-size threshold this check was held to (success drop, friction or end increase). */
  threshold: number;
  status: 'pass' | 'fail';
  message: string;
}

export interface GateReportInfo {
  baseUrl: string;
  generatedAt: string;
  runs: number;
  successes: number;
}

export interface GateResult {
  version: 1;
  flow: string;
  model: string;
  baseline: GateReportInfo;
  candidate: GateReportInfo;
  thresholds: GateThresholds;
  passed: boolean;
  /** The success-rate check first, then failures, then the rest by adjusted p. */
  checks: GateCheck[];
  /** One line per failing check: what got worse, by how much, how sure. */
  reasons: string[];
  /** One line: the verdict with the success rates. */
  summary: string;
}

/** The two reports cannot be compared (different models or flows, no runs): the gate refuses, it does not fail. */
export class IncomparableReportsError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Formatting (shared with gate-reports.ts)

export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Signed percentage points with a real minus sign: "−31 pp", "+4 pp". */
export function formatPoints(change: number): string {
  const pp = Math.round(change * 100);
  return pp === 0 ? '0 pp' : `${pp < 0 ? '−' : '+'}${Math.abs(pp)} pp`;
}

export function formatRate(rate: number): string {
  return rate > 0 && rate < 0.1 ? rate.toFixed(2) : rate.toFixed(1);
}

// ---------------------------------------------------------------------------------------------------------------

function validate(baseline: SimulationReport, candidate: SimulationReport, flow?: string): void {
  for (const [side, report] of [['baseline', baseline], ['candidate', candidate]] as const) {
    if (!report || typeof report !== 'object' || report.version !== 1 || !Array.isArray(report.runs)) {
      throw new IncomparableReportsError(`the ${side} is not a version 1 simulation report (friction simulate --out)`);
    }
    if (report.runs.length === 0) throw new IncomparableReportsError(`the ${side} report has no runs`);
    if (flow !== undefined && report.flow !== flow) {
      throw new IncomparableReportsError(`the ${side} report is of flow "${report.flow}", not "${flow}"`);
    }
  }
  if (baseline.model !== candidate.model) {
    throw new IncomparableReportsError(
      `the baseline was simulated with behavior-policy model "${baseline.model}" and the candidate with ` +
        `"${candidate.model}": the gate only compares runs of the same model, since a different policy changes ` +
        'what the synthetic users do. Simulate both sides with one model (pass URLs to friction gate, or re-run ' +
        'friction simulate for the older report).',
    );
  }
  if (baseline.flow !== candidate.flow) {
    throw new IncomparableReportsError(`the baseline is of flow "${baseline.flow}" and the candidate of "${candidate.flow}"`);
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Tally {
  count: number;
  /** Run index -> occurrences in that run. */
  runs: Map<number, number>;
  /** Every selector seen for the key, with how often: the most frequent names the element. */
  selectors: Map<string, number>;
  steps: number[];
}

function tally(map: Map<string, Tally>, key: string, run: number, selector?: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = { count: 0, runs: new Map(), selectors: new Map(), steps: [] }));
  t.count++;
  t.runs.set(run, (t.runs.get(run) ?? 0) + 1);
  if (selector) t.selectors.set(selector, (t.selectors.get(selector) ?? 0) + 1);
  return t;
}

function topSelector(...tallies: (Tally | undefined)[]): string | undefined {
  for (const t of tallies) {
    if (!t || t.selectors.size === 0) continue;
    return [...t.selectors.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  }
  return undefined;
}

/** Digits and long hex runs vary between runs of one error ("chunk-3f2a.js:120", "order 1234"): fold them. */
export function normaliseErrorMessage(message: string): string {
  return message.replace(/\b[0-9a-f]{8,}\b/gi, '…').replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Where a run that did not succeed ended: its last step's route (the flow's start when it took none). */
function endRoute(run: RunResult): string {
  return run.steps.length ? run.steps[run.steps.length - 1].route : '(start)';
}

interface SideTallies {
  runs: number;
  successes: number;
  friction: Map<string, Tally & { kind: SignalKind; route: string; fingerprint?: string }>;
  errors: Map<string, Tally & { kind: 'exception' | 'request'; route: string; message: string }>;
  ends: Map<string, Tally & { outcome: RunOutcome; route: string }>;
}

function tallySide(report: SimulationReport): SideTallies {
  const side: SideTallies = { runs: report.runs.length, successes: 0, friction: new Map(), errors: new Map(), ends: new Map() };
  report.runs.forEach((run, i) => {
    if (run.outcome === 'success') side.successes++;
    else {
      const route = endRoute(run);
      const key = `${run.outcome}|${route}`;
      const t = tally(side.ends as Map<string, Tally>, key, i);
      Object.assign(t, { outcome: run.outcome, route });
      t.steps.push(run.steps.length);
    }
    for (const s of run.signals ?? []) {
      // Drop-off is the run ending on a page: the run-end checks compare it, with the outcome.
      if (s.kind === 'drop_off') continue;
      const element = s.fingerprint ?? s.selector ?? '';
      const key = `${s.kind}|${s.route}|${element}`;
      Object.assign(tally(side.friction as Map<string, Tally>, key, i, s.selector), { kind: s.kind, route: s.route, fingerprint: s.fingerprint });
    }
    for (const e of run.errors ?? []) {
      const message = normaliseErrorMessage(e.message);
      const key = `${e.kind}|${e.route}|${message}`;
      Object.assign(tally(side.errors as Map<string, Tally>, key, i), { kind: e.kind, route: e.route, message });
    }
  });
  return side;
}

/** Occurrences in each of the side's runs, zeros included: the unit of the permutation test is the run. */
function perRun(t: Tally | undefined, runs: number): number[] {
  const counts = new Array<number>(runs).fill(0);
  for (const [run, n] of t?.runs ?? []) counts[run] = n;
  return counts;
}

function side(count: number, runs: number, extra: Partial<GateSide> = {}): GateSide {
  return { count, runs, rate: runs ? count / runs : 0, ...extra };
}

function shareSide(count: number, runs: number): GateSide {
  return side(count, runs, { interval: wilsonInterval(count, runs) });
}

type Draft = Omit<GateCheck, 'pAdjusted' | 'status' | 'message'>;

function successCheck(b: SideTallies, c: SideTallies, t: GateThresholds): Draft {
  const baseline = shareSide(b.successes, b.runs);
  const candidate = shareSide(c.successes, c.runs);
  return {
    id: 'success-rate',
    kind: 'success_rate',
    name: 'success rate',
    baseline,
    candidate,
    change: candidate.rate - baseline.rate,
    // Is the baseline's share of successes greater than the candidate's?
    p: fisherExactGreater(b.successes, b.runs - b.successes, c.successes, c.runs - c.successes),
    threshold: t.maxSuccessDrop,
  };
}

/** Compounds of a selector path, split on '>' outside attribute brackets and quotes. */
function splitSteps(selector: string): string[] {
  const steps: string[] = [];
  let current = '';
  let quote = '';
  let bracket = 0;
  for (const ch of selector) {
    if (quote) quote = ch === quote ? '' : quote;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') bracket++;
    else if (ch === ']') bracket--;
    else if (ch === '>' && bracket === 0) {
      steps.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  steps.push(current.trim());
  return steps.filter(Boolean);
}

/**
 * A selector short enough for a message: its last compound without positions ("a.size-guide-link" for
 * "article.product > … > div.size-row:nth-of-type(1) > a.size-guide-link"), with the parent when the element alone
 * is a bare tag. The full selector stays in the check.
 */
export function shortSelector(selector: string): string {
  const steps = splitSteps(selector).map((step) => step.replace(/:nth-of-type\(\d+\)/g, ''));
  const last = steps[steps.length - 1];
  return /[#.[]/.test(last) || steps.length === 1 ? last : steps.slice(-2).join(' > ');
}

function elementLabel(selector: string | undefined, fingerprint: string | undefined, text: string | undefined): string {
  const quoted = text ? ` "${text.length > 40 ? `${text.slice(0, 39)}…` : text}"` : '';
  if (selector) return `${shortSelector(selector)}${quoted}`;
  return fingerprint ? `element ${fingerprint}${quoted}` : '(page)';
}

/** Visible text of elements, from the reports' frictionByElement (the runs' signals carry none). */
function elementTexts(...reports: SimulationReport[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const r of reports) {
    for (const e of r.frictionByElement ?? []) {
      const key = `${e.route}|${e.fingerprint ?? e.selector ?? ''}`;
      if (e.text && !texts.has(key)) texts.set(key, e.text.replace(/\s+/g, ' ').trim());
    }
  }
  return texts;
}

function frictionChecks(b: SideTallies, c: SideTallies, t: GateThresholds, texts: Map<string, string>): Draft[] {
  const keys = new Set([...b.friction.keys(), ...c.friction.keys()]);
  return [...keys].map((key) => {
    const tb = b.friction.get(key);
    const tc = c.friction.get(key);
    const info = (tc ?? tb)!;
    const selector = topSelector(tc, tb);
    const text = texts.get(`${info.route}|${info.fingerprint ?? selector ?? ''}`);
    const baseline = side(tb?.count ?? 0, b.runs, { runsAffected: tb?.runs.size ?? 0 });
    const candidate = side(tc?.count ?? 0, c.runs, { runsAffected: tc?.runs.size ?? 0 });
    return {
      id: `friction:${info.kind}:${info.route}:${info.fingerprint ?? selector ?? ''}`,
      kind: 'friction' as const,
      name: `${info.kind} on ${info.route} ${elementLabel(selector, info.fingerprint, text)}`,
      route: info.route,
      signal: info.kind,
      selector,
      fingerprint: info.fingerprint,
      text,
      baseline,
      candidate,
      change: candidate.rate - baseline.rate,
      p: permutationTestGreater(perRun(tc, c.runs), perRun(tb, b.runs)),
      threshold: t.maxFrictionIncrease,
    };
  });
}

function errorChecks(b: SideTallies, c: SideTallies, t: GateThresholds): Draft[] {
  const keys = new Set([...b.errors.keys(), ...c.errors.keys()]);
  return [...keys].map((key) => {
    const tb = b.errors.get(key);
    const tc = c.errors.get(key);
    const info = (tc ?? tb)!;
    const baseline = side(tb?.count ?? 0, b.runs, { runsAffected: tb?.runs.size ?? 0 });
    const candidate = side(tc?.count ?? 0, c.runs, { runsAffected: tc?.runs.size ?? 0 });
    const what = info.kind === 'exception' ? 'uncaught exception' : 'failed request';
    return {
      id: `error:${info.kind}:${info.route}:${info.message}`,
      kind: 'error' as const,
      name: `${what} on ${info.route}: ${info.message}`,
      route: info.route,
      error: { kind: info.kind, message: info.message },
      baseline,
      candidate,
      change: candidate.rate - baseline.rate,
      p: permutationTestGreater(perRun(tc, c.runs), perRun(tb, b.runs)),
      threshold: t.maxFrictionIncrease,
    };
  });
}

function endChecks(b: SideTallies, c: SideTallies, t: GateThresholds): Draft[] {
  const keys = new Set([...b.ends.keys(), ...c.ends.keys()]);
  return [...keys].map((key) => {
    const tb = b.ends.get(key);
    const tc = c.ends.get(key);
    const info = (tc ?? tb)!;
    const xb = tb?.runs.size ?? 0;
    const xc = tc?.runs.size ?? 0;
    const baseline = shareSide(xb, b.runs);
    const candidate = shareSide(xc, c.runs);
    return {
      id: `end:${info.outcome}:${info.route}`,
      kind: 'run_end' as const,
      name: `runs ending ${info.outcome} on ${info.route}`,
      route: info.route,
      outcome: info.outcome,
      medianSteps: tc ? median(tc.steps) : undefined,
      baseline,
      candidate,
      change: candidate.rate - baseline.rate,
      // Is the candidate's share of runs ending here greater than the baseline's?
      p: fisherExactGreater(xc, c.runs - xc, xb, b.runs - xb),
      threshold: t.maxEndIncrease,
    };
  });
}

function message(check: Draft, pAdjusted: number): string {
  const p = formatP(check.kind === 'success_rate' ? check.p : pAdjusted);
  const { baseline: b, candidate: c } = check;
  switch (check.kind) {
    case 'success_rate':
      return `success rate ${formatPercent(b.rate)} → ${formatPercent(c.rate)} (${formatPoints(check.change)}, ${p}; ${b.count}/${b.runs} → ${c.count}/${c.runs} runs)`;
    case 'run_end': {
      const n = check.medianSteps !== undefined ? Math.round(check.medianSteps) : undefined;
      const steps = n !== undefined ? ` (after ~${n} step${n === 1 ? '' : 's'})` : '';
      return `${check.name}${steps}: ${formatPercent(b.rate)} → ${formatPercent(c.rate)} of runs (${formatPoints(check.change)}, ${p})`;
    }
    default:
      return (
        `${check.name}: ${formatRate(b.rate)} → ${formatRate(c.rate)} per run ` +
        `(in ${b.runsAffected}/${b.runs} → ${c.runsAffected}/${c.runs} runs, ${p})`
      );
  }
}

/**
 * Short selectors can coincide ("a.product-card__link" under two product cards): JUnit test cases need distinct
 * names, so coinciding ones get their element's fingerprint (messages too, to tell them apart).
 */
function uniqueNames(checks: GateCheck[]): GateCheck[] {
  const seen = new Map<string, number>();
  for (const c of checks) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  return checks.map((c) => {
    if ((seen.get(c.name) ?? 0) < 2 || !c.fingerprint) return c;
    const name = `${c.name} [${c.fingerprint}]`;
    return { ...c, name, message: c.message.replace(c.name, name) };
  });
}

function checkThresholds(t: GateThresholds): void {
  const unit = (name: string, v: number) => {
    if (!(Number.isFinite(v) && v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${v}`);
  };
  unit('alpha', t.alpha);
  unit('maxSuccessDrop', t.maxSuccessDrop);
  unit('maxEndIncrease', t.maxEndIncrease);
  if (!(Number.isFinite(t.maxFrictionIncrease) && t.maxFrictionIncrease >= 0)) {
    throw new RangeError(`maxFrictionIncrease must be a non-negative number, got ${t.maxFrictionIncrease}`);
  }
}

export function compareReports(
  baseline: SimulationReport,
  candidate: SimulationReport,
  thresholds: Partial<GateThresholds> = {},
  options: { flow?: string } = {},
): GateResult {
  const t: GateThresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  checkThresholds(t);
  validate(baseline, candidate, options.flow);
  const b = tallySide(baseline);
  const c = tallySide(candidate);

  const primary = successCheck(b, c, t);
  const family = [...frictionChecks(b, c, t, elementTexts(candidate, baseline)), ...errorChecks(b, c, t), ...endChecks(b, c, t)];
  const adjusted = t.correction === 'holm' ? holmAdjust(family.map((d) => d.p)) : family.map((d) => d.p);

  const finish = (d: Draft, pAdjusted: number): GateCheck => {
    const worse = d.kind === 'success_rate' ? -d.change > d.threshold : d.change > d.threshold;
    const status = worse && pAdjusted < t.alpha ? 'fail' : 'pass';
    return { ...d, pAdjusted, status, message: message(d, pAdjusted) };
  };
  const success = finish(primary, primary.p);
  const rest = family
    .map((d, i) => finish(d, adjusted[i]))
    .sort((x, y) => (x.status === y.status ? 0 : x.status === 'fail' ? -1 : 1) || x.pAdjusted - y.pAdjusted || y.change - x.change || x.id.localeCompare(y.id));
  const checks = uniqueNames([success, ...rest]);
  const failures = checks.filter((ch) => ch.status === 'fail');
  const passed = failures.length === 0;
  const rates = `success rate ${formatPercent(success.baseline.rate)} → ${formatPercent(success.candidate.rate)}`;
  const summary = passed
    ? `PASS ${baseline.flow}: ${rates}, no check past its threshold (${checks.length} checks)`
    : `FAIL ${baseline.flow}: ${failures.length} of ${checks.length} checks past their thresholds`;

  const info = (r: SimulationReport, s: SideTallies): GateReportInfo => ({ baseUrl: r.baseUrl, generatedAt: r.generatedAt, runs: s.runs, successes: s.successes });
  return {
    version: 1,
    flow: baseline.flow,
    model: baseline.model,
    baseline: info(baseline, b),
    candidate: info(candidate, c),
    thresholds: t,
    passed,
    checks,
    reasons: failures.map((f) => f.message),
    summary,
  };
}

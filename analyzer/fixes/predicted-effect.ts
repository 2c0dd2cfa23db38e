// A fix's predicted effect: synthetic runs of the same flow, same seeds and model, on the app as it is and on a
// copy with the fix applied. Compares success (with Newcombe's interval for the difference), conversion at each
// funnel step, and the fixed hotspot's own signals. Pure: two simulation reports in, one comparison out.
import { differenceInterval, fisherExactGreater } from '../simulate/stats';
import type { RunResult, SimulationReport } from '../simulate/types';
import type { ReportHotspot } from '../report/types';

export interface StepConversion {
  /** "/cart -> /checkout/shipping". */
  step: string;
  from: string;
  to: string;
  original: number;
  patched: number;
  /** patched − original, percentage points. */
  differencePp: number;
}

export interface PredictedEffect {
  flow: string;
  model: string;
  runs: { original: number; patched: number };
  success: {
    original: number;
    patched: number;
    /** patched − original, with a 95 % interval (Newcombe's hybrid score method), as fractions. */
    difference: number;
    interval: [number, number];
    /** One-sided Fisher exact p that the patched app converts better. */
    pImproved: number;
  };
  steps: StepConversion[];
  /** The fixed hotspot's signal in the runs: occurrences per run, and runs showing it, before and after. */
  hotspotSignal: { kind: string; original: { perRun: number; runs: number }; patched: { perRun: number; runs: number } };
}

/** Routes a run reached in order of first visit, ending at the goal page when it succeeded. */
function reached(run: RunResult, goalRoute: string | undefined): string[] {
  const routes = [...new Set(run.steps.map((s) => s.route))].filter((r) => r !== goalRoute);
  if (run.outcome === 'success' && goalRoute) routes.push(goalRoute);
  return routes;
}

/** Routes few runs reach are not funnel steps. */
const MIN_FUNNEL_SHARE = 0.2;

/**
 * Side trips (a size guide people open and come back from) are not funnel steps either: a route most runs leave by
 * going back to a page they had already seen.
 */
function sideTrips(runs: RunResult[]): Set<string> {
  const back = new Map<string, { visits: number; returns: number }>();
  for (const run of runs) {
    const path = run.steps.map((s) => s.route).filter((route, i, all) => i === 0 || all[i - 1] !== route);
    path.forEach((route, i) => {
      if (i + 1 >= path.length) return;
      const s = back.get(route) ?? { visits: 0, returns: 0 };
      s.visits++;
      if (path.slice(0, i).includes(path[i + 1])) s.returns++;
      back.set(route, s);
    });
  }
  return new Set([...back.entries()].filter(([, s]) => s.returns > s.visits / 2).map(([route]) => route));
}

/** The funnel: routes most runs reach, in the order runs first reach them on average, without side trips; the goal last. */
function funnelOf(runs: RunResult[], goalRoute: string | undefined): string[] {
  const stats = new Map<string, { count: number; positions: number }>();
  for (const run of runs) {
    reached(run, goalRoute).forEach((route, i) => {
      const s = stats.get(route) ?? { count: 0, positions: 0 };
      s.count++;
      s.positions += i;
      stats.set(route, s);
    });
  }
  const trips = sideTrips(runs);
  const main = [...stats.entries()].filter(([route, s]) => route !== goalRoute && !trips.has(route) && s.count >= MIN_FUNNEL_SHARE * runs.length);
  const ordered = main.sort((a, b) => a[1].positions / a[1].count - b[1].positions / b[1].count || a[0].localeCompare(b[0])).map(([route]) => route);
  return goalRoute ? [...ordered, goalRoute] : ordered;
}

function signalOf(report: SimulationReport, hotspot: ReportHotspot): { perRun: number; runs: number } {
  const key = hotspot.element?.fingerprint;
  let occurrences = 0;
  let runs = 0;
  for (const run of report.runs) {
    const hits = run.signals.filter((s) => s.kind === hotspot.kind && (key ? s.fingerprint === key || s.selector === hotspot.element?.selector : s.route === hotspot.page)).length;
    occurrences += hits;
    if (hits > 0) runs++;
  }
  return { perRun: report.runs.length > 0 ? occurrences / report.runs.length : 0, runs };
}

export function comparePredicted(original: SimulationReport, patched: SimulationReport, hotspot: ReportHotspot, goalRoute?: string): PredictedEffect {
  const k1 = original.runs.filter((r) => r.outcome === 'success').length;
  const k2 = patched.runs.filter((r) => r.outcome === 'success').length;
  const n1 = original.runs.length;
  const n2 = patched.runs.length;
  const funnel = funnelOf([...original.runs, ...patched.runs], goalRoute);
  const share = (runs: RunResult[], from: string, to: string) => {
    const atFrom = runs.filter((r) => reached(r, goalRoute).includes(from));
    return atFrom.length > 0 ? atFrom.filter((r) => reached(r, goalRoute).includes(to)).length / atFrom.length : 0;
  };
  const steps: StepConversion[] = [];
  for (let i = 0; i + 1 < funnel.length; i++) {
    const [from, to] = [funnel[i], funnel[i + 1]];
    const o = share(original.runs, from, to);
    const p = share(patched.runs, from, to);
    steps.push({ step: `${from} -> ${to}`, from, to, original: o, patched: p, differencePp: (p - o) * 100 });
  }
  return {
    flow: original.flow,
    model: original.model,
    runs: { original: n1, patched: n2 },
    success: {
      original: n1 > 0 ? k1 / n1 : 0,
      patched: n2 > 0 ? k2 / n2 : 0,
      difference: (n2 > 0 ? k2 / n2 : 0) - (n1 > 0 ? k1 / n1 : 0),
      interval: differenceInterval(k1, n1, k2, n2),
      pImproved: fisherExactGreater(k2, n2 - k2, k1, n1 - k1),
    },
    steps,
    hotspotSignal: { kind: hotspot.kind, original: signalOf(original, hotspot), patched: signalOf(patched, hotspot) },
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const pp = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pp`;

export function formatPredictedEffect(effect: PredictedEffect): string {
  const s = effect.success;
  const lines = [
    `Predicted effect on flow "${effect.flow}" (${effect.runs.original} + ${effect.runs.patched} synthetic runs, ${effect.model}):`,
    `  success ${pct(s.original)} -> ${pct(s.patched)}: ${pp(s.difference)} (95 % interval ${pp(s.interval[0])} to ${pp(s.interval[1])}; one-sided p = ${s.pImproved.toFixed(3)})`,
    `  ${effect.hotspotSignal.kind} on the element: ${effect.hotspotSignal.original.perRun.toFixed(2)} -> ${effect.hotspotSignal.patched.perRun.toFixed(2)} per run (runs showing it: ${effect.hotspotSignal.original.runs} -> ${effect.hotspotSignal.patched.runs})`,
    '  step conversion:',
    ...effect.steps.map((step) => `    ${step.step.padEnd(48)} ${pct(step.original).padStart(7)} -> ${pct(step.patched).padStart(7)}  ${step.differencePp >= 0 ? '+' : ''}${step.differencePp.toFixed(1)} pp`),
  ];
  return lines.join('\n');
}

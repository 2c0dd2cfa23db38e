// Synthetic runs through the same analysis as real sessions: each run's recording is replayed (buildSession) and
// its friction detected as it finishes (the pipeline's Analysis accumulator, so relative detectors are refined
// against the baseline of all runs at the end), then signals go back onto their runs and are aggregated by route
// and element, mapped onto the sources when a source root is given.
import { Analysis } from '../pipeline/analyze';
import { indexSources, mapElementToSource, mapPageToSource } from '../mapping';
import { buildSession, type ReplayEvent } from '../replay/build-session';
import type { ElementDescriptor, Goal } from '../replay/types';
import type { Signal } from '../signals/types';
import type { RecordedEvent } from './rrweb-injection';
import type { ElementFriction, RunResult } from './types';

const toReplayEvents = (events: readonly RecordedEvent[]): ReplayEvent[] => events as ReplayEvent[];

export class RunAnalysis {
  private readonly analysis: Analysis;

  constructor(
    private readonly goal: Goal,
    routePatterns: readonly string[],
  ) {
    this.analysis = new Analysis({ goal, routes: [...routePatterns] });
  }

  /** Replay one finished run, name the elements its steps acted on (the replay's selectors), keep its digest. */
  add(run: RunResult, events: readonly RecordedEvent[]): void {
    const session = buildSession({ id: run.id, origin: run.recording || run.id, events: toReplayEvents(events) }, this.goal);
    const selectors = new Map<string, string>();
    for (const interaction of session.interactions) {
      if (interaction.element && !selectors.has(interaction.element.fingerprint)) selectors.set(interaction.element.fingerprint, interaction.element.selector);
    }
    for (const step of run.steps) {
      const selector = step.fingerprint !== undefined ? selectors.get(step.fingerprint) : undefined;
      if (selector !== undefined) step.selector = selector;
    }
    this.analysis.add(session);
  }

  /** Fill every run's `signals` and aggregate them by route and element (mapped onto `src` when given). */
  async finish(runs: RunResult[], src?: string): Promise<ElementFriction[]> {
    const { signals } = await this.analysis.finish();
    const byRun = new Map<string, Signal[]>();
    for (const signal of signals) {
      let list = byRun.get(signal.sessionId);
      if (!list) byRun.set(signal.sessionId, (list = []));
      list.push(signal);
    }
    for (const run of runs) {
      run.signals = (byRun.get(run.id) ?? []).map((s) => ({
        kind: s.kind,
        route: s.page,
        ...(s.element ? { selector: s.element.selector, fingerprint: s.element.fingerprint } : {}),
      }));
    }
    return frictionByElement(signals, src);
  }
}

/** Signals grouped by route + element fingerprint (page-level signals by route alone), most widespread first. */
export function frictionByElement(signals: readonly Signal[], src?: string): ElementFriction[] {
  const groups = new Map<string, { friction: ElementFriction; runs: Set<string>; element?: ElementDescriptor }>();
  for (const signal of signals) {
    const key = `${signal.page}\u0000${signal.element?.fingerprint ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      const e = signal.element;
      const friction: ElementFriction = { route: signal.page, kinds: {}, occurrences: 0, runs: 0, ...(e ? { selector: e.selector, fingerprint: e.fingerprint, ...(e.text ? { text: e.text } : {}) } : {}) };
      groups.set(key, (group = { friction, runs: new Set(), element: e }));
    }
    group.friction.kinds[signal.kind] = (group.friction.kinds[signal.kind] ?? 0) + 1;
    group.friction.occurrences++;
    group.runs.add(signal.sessionId);
  }
  const index = src ? indexSources(src) : undefined;
  return [...groups.values()]
    .map(({ friction, runs, element }) => {
      const source = index ? (element ? mapElementToSource(element, index) : mapPageToSource(friction.route, index)) : undefined;
      return { ...friction, runs: runs.size, ...(source && source.length > 0 ? { source } : {}) };
    })
    .sort((a, b) => b.runs - a.runs || b.occurrences - a.occurrences || a.route.localeCompare(b.route));
}

// Accumulates per-route numbers over sessions (a few numbers per page visit) and turns them into medians.
import type { Session } from '../replay/types';
import type { CorpusBaseline } from './types';

interface RouteSamples {
  sessions: Set<string>;
  dwell: number[];
  scrollDistance: number[];
  directionChanges: number[];
  actionGaps: number[];
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Idle gaps before each click or first keystroke, per page visit: the quantity hesitation compares. */
export function actionGaps(session: Session): { pageIndex: number; gapMs: number; interactionIndex: number }[] {
  const gaps: { pageIndex: number; gapMs: number; interactionIndex: number }[] = [];
  const lastActivity = new Map<number, number>();
  session.pages.forEach((page, index) => lastActivity.set(index, page.start));
  session.interactions.forEach((interaction, interactionIndex) => {
    const previous = lastActivity.get(interaction.pageIndex) ?? interaction.timestamp;
    const isAction = interaction.kind === 'click' || interaction.kind === 'touch' || interaction.kind === 'focus';
    if (isAction) gaps.push({ pageIndex: interaction.pageIndex, gapMs: interaction.timestamp - previous, interactionIndex });
    if (interaction.kind !== 'blur') lastActivity.set(interaction.pageIndex, interaction.timestamp);
  });
  return gaps;
}

/** One session's contribution to the baseline: plain numbers, cheap to send between threads. */
export interface SessionSamples {
  sessionId: string;
  pages: { route: string; dwell: number; scrollDistance: number; directionChanges: number }[];
  gaps: { route: string; gapMs: number }[];
}

export function samplesOf(session: Session): SessionSamples {
  return {
    sessionId: session.id,
    pages: session.pages.map((p) => ({ route: p.route, dwell: p.end - p.start, scrollDistance: p.scroll.distance, directionChanges: p.scroll.directionChanges })),
    gaps: actionGaps(session).map((g) => ({ route: session.pages[g.pageIndex].route, gapMs: g.gapMs })),
  };
}

export class BaselineAccumulator {
  private readonly routes = new Map<string, RouteSamples>();

  add(session: Session): void {
    this.addSamples(samplesOf(session));
  }

  addSamples(samples: SessionSamples): void {
    for (const page of samples.pages) {
      const route = this.samples(page.route);
      route.sessions.add(samples.sessionId);
      route.dwell.push(page.dwell);
      route.scrollDistance.push(page.scrollDistance);
      route.directionChanges.push(page.directionChanges);
    }
    for (const gap of samples.gaps) this.samples(gap.route).actionGaps.push(gap.gapMs);
  }

  private samples(route: string): RouteSamples {
    let samples = this.routes.get(route);
    if (!samples) this.routes.set(route, (samples = { sessions: new Set(), dwell: [], scrollDistance: [], directionChanges: [], actionGaps: [] }));
    return samples;
  }

  /** Medians per route; `fold` merges routes that are one template (e.g. product slugs) first. */
  result(fold: (route: string) => string = (r) => r): CorpusBaseline {
    const merged = new Map<string, RouteSamples>();
    for (const [route, s] of this.routes) {
      const key = fold(route);
      const target = merged.get(key);
      if (!target) merged.set(key, { sessions: new Set(s.sessions), dwell: [...s.dwell], scrollDistance: [...s.scrollDistance], directionChanges: [...s.directionChanges], actionGaps: [...s.actionGaps] });
      else {
        s.sessions.forEach((id) => target.sessions.add(id));
        target.dwell.push(...s.dwell);
        target.scrollDistance.push(...s.scrollDistance);
        target.directionChanges.push(...s.directionChanges);
        target.actionGaps.push(...s.actionGaps);
      }
    }
    const routes: CorpusBaseline['routes'] = {};
    for (const [route, s] of merged) {
      routes[route] = {
        sessions: s.sessions.size,
        medianDwellMs: median(s.dwell),
        medianScrollDistance: median(s.scrollDistance),
        medianDirectionChanges: median(s.directionChanges),
        medianActionGapMs: median(s.actionGaps),
      };
    }
    return { routes };
  }
}

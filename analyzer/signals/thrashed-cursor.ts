// Thrashed cursor (FullStory's "erratic back-and-forth mouse movement"; no public numbers exist, see FACTS.md
// 1.6): within a short window the pointer reverses its horizontal or vertical direction many times, each leg
// long enough to be deliberate rather than jitter. One signal per episode.
import type { MousePosition, Session } from '../replay/types';
import { routeAt } from './clicks';
import type { Signal, SignalDetector } from './types';

export interface ThrashedCursorOptions {
  windowMs: number;
  /** Direction reversals (either axis) within the window. */
  minReversals: number;
  /** A leg shorter than this (px) is jitter, not a reversal. */
  minLegPx: number;
  /** Episodes closer than this are one episode. */
  cooldownMs: number;
}

interface Reversal {
  timestamp: number;
  pageIndex: number;
}

function reversalsOnAxis(points: MousePosition[], axis: 'x' | 'y', minLegPx: number): Reversal[] {
  const reversals: Reversal[] = [];
  let anchor = points[0];
  let direction = 0;
  for (const p of points.slice(1)) {
    const delta = p[axis] - anchor[axis];
    if (Math.abs(delta) < minLegPx) continue;
    const d = Math.sign(delta);
    if (direction !== 0 && d !== direction) reversals.push({ timestamp: anchor.timestamp, pageIndex: anchor.pageIndex });
    direction = d;
    anchor = p;
  }
  return reversals;
}

export const thrashedCursorDetector: SignalDetector<ThrashedCursorOptions> = {
  kind: 'thrashed_cursor',
  defaults: { windowMs: 2000, minReversals: 4, minLegPx: 60, cooldownMs: 3000 },
  detect(session: Session, options: ThrashedCursorOptions): Signal[] {
    const signals: Signal[] = [];
    const byPage = new Map<number, MousePosition[]>();
    for (const p of session.mouse) {
      const list = byPage.get(p.pageIndex) ?? [];
      list.push(p);
      byPage.set(p.pageIndex, list);
    }
    for (const [pageIndex, points] of byPage) {
      if (points.length < 3) continue;
      const reversals = [...reversalsOnAxis(points, 'x', options.minLegPx), ...reversalsOnAxis(points, 'y', options.minLegPx)].sort(
        (a, b) => a.timestamp - b.timestamp,
      );
      let lastEpisodeEnd = -Infinity;
      for (let i = 0; i + options.minReversals - 1 < reversals.length; i++) {
        const first = reversals[i];
        const last = reversals[i + options.minReversals - 1];
        if (last.timestamp - first.timestamp > options.windowMs || first.timestamp < lastEpisodeEnd + options.cooldownMs) continue;
        let j = i + options.minReversals - 1;
        while (j + 1 < reversals.length && reversals[j + 1].timestamp - reversals[j].timestamp <= options.windowMs / 2) j++;
        signals.push({
          kind: 'thrashed_cursor',
          sessionId: session.id,
          timestamp: first.timestamp,
          page: routeAt(session, pageIndex),
          details: { reversals: j - i + 1, durationMs: reversals[j].timestamp - first.timestamp },
        });
        lastEpisodeEnd = reversals[j].timestamp;
        i = j;
      }
    }
    return signals.sort((a, b) => a.timestamp - b.timestamp);
  },
};

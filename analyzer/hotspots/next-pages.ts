// Where the sessions affected by a hotspot went next: the first other page each one opened after its first signal
// there. Fixes use it as evidence ("make the badge a link to /returns: 58 % went there next").
import type { Signal } from '../signals/types';
import { hotspotId, type SessionSummary } from './aggregate';
import type { Hotspot } from './types';

const MAX_NEXT_PAGES = 3;

export function addNextPages(hotspots: Hotspot[], signals: Signal[], sessions: SessionSummary[]): void {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  // The first signal of each hotspot in each session.
  const first = new Map<string, Map<string, Signal>>();
  for (const signal of signals) {
    const id = hotspotId(signal.kind, signal.page, signal.element?.fingerprint);
    const perSession = first.get(id) ?? new Map<string, Signal>();
    const seen = perSession.get(signal.sessionId);
    if (!seen || signal.timestamp < seen.timestamp) perSession.set(signal.sessionId, signal);
    first.set(id, perSession);
  }
  for (const hotspot of hotspots) {
    const counts = new Map<string, number>();
    for (const signal of first.get(hotspot.id)?.values() ?? []) {
      const next = nextPageAfter(byId.get(signal.sessionId), signal.timestamp, hotspot.page);
      if (next) counts.set(next, (counts.get(next) ?? 0) + 1);
    }
    if (counts.size === 0) continue;
    hotspot.nextPages = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_NEXT_PAGES)
      .map(([page, count]) => ({ page, sessions: count }));
  }
}

function nextPageAfter(session: SessionSummary | undefined, timestamp: number, page: string): string | undefined {
  if (!session?.pageStarts) return undefined;
  for (let i = 0; i < session.routes.length; i++) {
    if (session.pageStarts[i] > timestamp && session.routes[i] !== page) return session.routes[i];
  }
  return undefined;
}

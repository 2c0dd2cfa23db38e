// Aggregates signals across sessions into hotspots: one per (kind, route, element fingerprint), with the
// conversion of affected sessions against the route's other visitors.
import type { Signal } from '../signals/types';
import type { Hotspot } from './types';
import type { SessionBehaviour } from '../features/session-features';
import type { BehaviourMoment } from '../features/outcome-rows';
import { rankingScore } from './score';

/** What aggregation needs to know about every session, signal or not (kept small for 10k+ sessions). */
export interface SessionSummary {
  id: string;
  converted: boolean;
  routes: string[];
  /** When each page of `routes` opened (ms, parallel to it), for where sessions went next. */
  pageStarts?: number[];
  /** Behaviour features for the session-outcome model (features/session-features.ts). */
  behaviour?: SessionBehaviour;
  /** When the goal was reached: signals from then on are not model features (the leakage rule). */
  convertedAt?: number;
  /** Behaviour just after each friction moment, for the impact estimate at that moment. */
  moments?: BehaviourMoment[];
}

const MAX_EXAMPLES = 5;

export function hotspotId(kind: string, page: string, fingerprint: string | undefined): string {
  return `${kind}:${page}:${fingerprint ?? 'page'}`;
}

export function aggregateHotspots(signals: Signal[], sessions: SessionSummary[]): Hotspot[] {
  const visitors = new Map<string, { total: number; converted: number }>();
  const convertedById = new Map<string, boolean>();
  for (const s of sessions) {
    convertedById.set(s.id, s.converted);
    for (const route of new Set(s.routes)) {
      const v = visitors.get(route) ?? { total: 0, converted: 0 };
      v.total++;
      if (s.converted) v.converted++;
      visitors.set(route, v);
    }
  }
  const groups = new Map<string, Signal[]>();
  for (const signal of signals) {
    const id = hotspotId(signal.kind, signal.page, signal.element?.fingerprint);
    const list = groups.get(id);
    if (list) list.push(signal);
    else groups.set(id, [signal]);
  }
  const hotspots: Hotspot[] = [];
  for (const [id, group] of groups) {
    const first = group[0];
    const affected = new Set(group.map((s) => s.sessionId));
    const page = visitors.get(first.page) ?? { total: affected.size, converted: 0 };
    const pageSessions = Math.max(page.total, affected.size);
    const affectedConverted = [...affected].filter((sid) => convertedById.get(sid)).length;
    const unaffectedTotal = pageSessions - affected.size;
    const unaffectedConverted = Math.max(0, page.converted - affectedConverted);
    const hotspot: Hotspot = {
      id,
      kind: first.kind,
      page: first.page,
      element: first.element,
      sessions: affected.size,
      occurrences: group.length,
      share: pageSessions > 0 ? affected.size / pageSessions : 0,
      pageSessions,
      conversionAffected: affected.size > 0 ? affectedConverted / affected.size : 0,
      conversionUnaffected: unaffectedTotal > 0 ? unaffectedConverted / unaffectedTotal : 0,
      score: 0,
      examples: group.slice(0, MAX_EXAMPLES).map((s) => ({ sessionId: s.sessionId, timestamp: s.timestamp })),
      source: [],
    };
    hotspot.score = rankingScore(hotspot);
    hotspots.push(hotspot);
  }
  return hotspots.sort((a, b) => b.score - a.score || b.sessions - a.sessions || a.id.localeCompare(b.id));
}

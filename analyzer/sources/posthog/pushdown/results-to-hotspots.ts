// Pushdown rows -> Hotspot[], the same shape and ranking as file analysis (hotspots/aggregate.ts): page = route,
// element = descriptorFromChain, conversion of affected sessions against the route's other visitors.
// Rows whose route and element fingerprint coincide merge by summing. ClickHouse already groups by route (the
// pushed-down route map) and by the clicked element without its position, so this only joins elements differing
// in attributes the fingerprint ignores, or paths too many to push down; a session in two such rows counts twice,
// hence sessions are capped at the page's visitors.
import { hotspotId, rankingScore } from '../../../hotspots';
import type { Hotspot } from '../../../hotspots/types';
import type { ElementDescriptor } from '../../../replay/types';
import type { RouteFolder } from '../../../replay/route-folding';
import type { SignalKind } from '../../../signals/types';
import { descriptorFromChain } from '../elements-chain';
import { learnPathFolder } from './routes';
import type { ExampleSession, PageRow, PushdownResults } from './types';

const MAX_EXAMPLES = 5;

export interface HotspotOptions {
  /** Explicit route templates (as --routes); others are learned from the paths. */
  routes?: string[];
  /** Reuse a folder already learned (analyzePosthog learns it before the route map is pushed down). */
  fold?: RouteFolder;
}

interface Group {
  kind: SignalKind;
  page: string;
  element?: ElementDescriptor;
  sessions: number;
  occurrences: number;
  convertedSessions: number;
  examples: ExampleSession[];
}

interface Visitors {
  sessions: number;
  converted: number;
}

export function allPaths(results: PushdownResults): string[] {
  return [...results.pages, ...(results.routedPages ?? []), ...results.frictions, ...results.errorClicks, ...results.dropOffs].map((r) => r.path);
}

function visitorsByRoute(rows: PageRow[], fold: RouteFolder): Map<string, Visitors> {
  const visitors = new Map<string, Visitors>();
  for (const row of rows) {
    const route = fold(row.path);
    const v = visitors.get(route) ?? { sessions: 0, converted: 0 };
    v.sessions += row.sessions;
    v.converted += row.convertedSessions;
    visitors.set(route, v);
  }
  return visitors;
}

function addRow(groups: Map<string, Group>, kind: SignalKind, page: string, chain: string | undefined, row: { sessions: number; occurrences: number; convertedSessions: number; examples: ExampleSession[] }): void {
  const element = chain ? descriptorFromChain(chain) : undefined;
  const id = hotspotId(kind, page, element?.fingerprint);
  const group = groups.get(id) ?? { kind, page, element, sessions: 0, occurrences: 0, convertedSessions: 0, examples: [] };
  group.sessions += row.sessions;
  group.occurrences += row.occurrences;
  group.convertedSessions += row.convertedSessions;
  group.examples.push(...row.examples);
  groups.set(id, group);
}

function toHotspot(id: string, g: Group, visitors: Visitors | undefined): Hotspot {
  const page = visitors ?? { sessions: g.sessions, converted: 0 };
  const sessions = page.sessions > 0 ? Math.min(g.sessions, page.sessions) : g.sessions;
  const pageSessions = Math.max(page.sessions, sessions);
  const affectedConverted = Math.min(g.convertedSessions, sessions);
  const unaffected = pageSessions - sessions;
  const seen = new Set<string>();
  const hotspot: Hotspot = {
    id,
    kind: g.kind,
    page: g.page,
    element: g.element,
    sessions,
    occurrences: g.occurrences,
    share: pageSessions > 0 ? sessions / pageSessions : 0,
    pageSessions,
    conversionAffected: sessions > 0 ? affectedConverted / sessions : 0,
    conversionUnaffected: unaffected > 0 ? Math.max(0, page.converted - affectedConverted) / unaffected : 0,
    score: 0,
    examples: g.examples.filter((e) => !seen.has(e.sessionId) && seen.add(e.sessionId)).slice(0, MAX_EXAMPLES),
    source: [],
  };
  hotspot.score = rankingScore(hotspot);
  return hotspot;
}

export function resultsToHotspots(results: PushdownResults, options: HotspotOptions = {}): Hotspot[] {
  const fold = options.fold ?? learnPathFolder(allPaths(results), options.routes);
  // Distinct visitors per route when ClickHouse grouped by route; else the sum over the route's paths.
  const visitors = visitorsByRoute(results.routedPages ?? results.pages, fold);
  const groups = new Map<string, Group>();
  for (const row of results.frictions) addRow(groups, row.event === '$rageclick' ? 'rage_click' : 'dead_click', fold(row.path), row.chain, row);
  for (const row of results.errorClicks) addRow(groups, 'error_click', fold(row.path), row.chain, row);
  // A drop-off is one per session (its last page), never converted: occurrences = sessions.
  for (const row of results.dropOffs) addRow(groups, 'drop_off', fold(row.path), undefined, { ...row, occurrences: row.sessions, convertedSessions: 0 });
  return [...groups]
    .map(([id, g]) => toHotspot(id, g, visitors.get(g.page)))
    .sort((a, b) => b.score - a.score || b.sessions - a.sessions || a.id.localeCompare(b.id));
}

// `friction analyze --posthog`: hotspots from four to six HogQL aggregates instead of downloaded recordings, in the
// same versioned AnalysisReport as file analysis. Paths come first, so the learned route folding can be pushed
// into the other queries and sessions are counted once per route.
import { indexSources, mapElementToSource, mapPageToSource } from '../../../mapping';
import type { SourceIndex } from '../../../mapping/types';
import { parseGoal } from '../../../replay';
import { toReport } from '../../../report/build-report';
import type { AnalysisReport } from '../../../report/types';
import { SIGNAL_KINDS, type SignalKind } from '../../../signals/types';
import type { Hotspot } from '../../../hotspots/types';
import { PushdownInputError } from './hogql-sql';
import { DEFAULT_ROWS, dropOffsQuery, errorClicksQuery, frictionsQuery, pagesQuery, totalsQuery } from './queries';
import { readDropOffs, readErrorClicks, readFrictions, readPages, readTotals, type Answer, type Parsed } from './results';
import { resultsToHotspots } from './results-to-hotspots';
import { learnPathFolder, routeMapFor } from './routes';
import type { HogQLRunner, PushdownGoal, PushdownQuery, PushdownResults, QueryOptions } from './types';

/** The visitors query keeps this many paths: plenty to learn route folding from. */
export const PAGE_ROWS = 10_000;

export interface PosthogAnalysisOptions {
  runner: HogQLRunner;
  dateFrom: Date;
  dateTo: Date;
  /** As `--goal`: URL substring, /regex/, url:, re: or event:<name> (selector goals need the DOM: refused). */
  goal?: string;
  /** Root of the TSX/JSX sources to map hotspots onto. */
  src?: string;
  /** Explicit route templates such as /product/:id. */
  routes?: string[];
  /** Rows per friction query (≤ 50,000). */
  limit?: number;
  signal?: AbortSignal;
  now?: Date;
  /** Row limits reached, rows that did not parse. */
  onWarning?(message: string): void;
  onProgress?(message: string): void;
}

export function pushdownGoal(text: string | undefined): PushdownGoal | undefined {
  if (!text) return undefined;
  const goal = parseGoal(text);
  if (goal.kind === 'selector') throw new PushdownInputError(`goal "${text}": a selector goal needs the page's DOM, which HogQL does not have; use a URL or event:<name> goal`);
  return goal;
}

export async function analyzePosthog(options: PosthogAnalysisOptions): Promise<AnalysisReport> {
  const base: QueryOptions = { range: { from: options.dateFrom, to: options.dateTo }, goal: pushdownGoal(options.goal) };
  const limit = options.limit ?? DEFAULT_ROWS;
  const run = async <T>(query: PushdownQuery, read: (answer: Answer) => Parsed<T>): Promise<T[]> => {
    options.onProgress?.(`running ${query.name}`);
    const parsed = read(await options.runner.query(query.hogql, { name: query.name, signal: options.signal }));
    if (parsed.dropped) options.onWarning?.(`${query.name}: ${parsed.dropped} rows without the expected columns were ignored`);
    if (parsed.truncated) options.onWarning?.(`${query.name}: the answer filled its row limit; rarer rows were cut (narrow --since or raise --limit)`);
    return parsed.rows;
  };

  const totals = totalsQuery(base);
  const [totalsAnswer, pages] = await Promise.all([
    options.runner.query(totals.hogql, { name: totals.name, signal: options.signal }),
    run(pagesQuery({ ...base, limit: PAGE_ROWS }), (a) => readPages(a, PAGE_ROWS)),
  ]);
  const fold = learnPathFolder(pages.map((p) => p.path), options.routes);
  const routeMap = routeMapFor(pages.map((p) => p.path), fold);
  if (!routeMap) options.onWarning?.('too many distinct paths to group by route in PostHog; rows are merged here and sessions may count twice across paths of one route');
  const routed: QueryOptions = { ...base, routes: routeMap, limit };
  const hasRouteMap = !!routeMap && Object.keys(routeMap).length > 0;
  const [routedPages, frictions, errorClicks, dropOffs] = await Promise.all([
    hasRouteMap ? run(pagesQuery({ ...routed, limit: PAGE_ROWS }), (a) => readPages(a, PAGE_ROWS)) : Promise.resolve(undefined),
    run(frictionsQuery(routed), (a) => readFrictions(a, limit)),
    run(errorClicksQuery(routed), (a) => readErrorClicks(a, limit)),
    base.goal ? run(dropOffsQuery(routed), (a) => readDropOffs(a, limit)) : Promise.resolve([]),
  ]);
  const results: PushdownResults = { totals: readTotals(totalsAnswer), pages, routedPages, frictions, errorClicks, dropOffs };
  const hotspots = resultsToHotspots(results, { fold });
  if (options.src) mapToSource(hotspots, indexSources(options.src));
  const report = toReport({ hotspots, sessions: [], events: results.totals.events, skipped: [], signalCounts: signalCounts(hotspots), goal: options.goal, src: options.src, now: options.now });
  // The totals come from ClickHouse: no per-session summaries are ever downloaded.
  return { ...report, sessions: results.totals.sessions, converted: results.totals.convertedSessions };
}

function mapToSource(hotspots: Hotspot[], index: SourceIndex): void {
  for (const h of hotspots) h.source = h.element ? mapElementToSource(h.element, index) : mapPageToSource(h.page, index);
}

function signalCounts(hotspots: Hotspot[]): Record<SignalKind, number> {
  const counts = Object.fromEntries(SIGNAL_KINDS.map((k) => [k, 0])) as Record<SignalKind, number>;
  for (const h of hotspots) counts[h.kind] += h.occurrences;
  return counts;
}

export interface RecordingsToFetch {
  hotspotId: string;
  sessionIds: string[];
}

/** "Recordings are fetched only for the sessions that explain a hotspot": the first example sessions of the top
 * hotspots, best first, each session listed once (under the highest-ranked hotspot it explains). */
export function sessionsToFetch(report: AnalysisReport, perHotspot = 3, topHotspots = 10): RecordingsToFetch[] {
  const taken = new Set<string>();
  const out: RecordingsToFetch[] = [];
  for (const hotspot of report.hotspots.slice(0, topHotspots)) {
    const sessionIds = hotspot.examples
      .map((e) => e.sessionId)
      .filter((id) => !taken.has(id))
      .slice(0, perHotspot);
    sessionIds.forEach((id) => taken.add(id));
    if (sessionIds.length) out.push({ hotspotId: hotspot.id, sessionIds });
  }
  return out;
}

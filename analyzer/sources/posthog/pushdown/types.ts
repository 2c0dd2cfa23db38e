// Pushdown: friction aggregated inside the project's ClickHouse through HogQL (DESIGN.md "Scale"), so hotspots
// come from one query over millions of sessions and recordings are fetched only for the sessions that explain them.
import type { Goal } from '../../../replay/types';

/** What the pushdown needs from a PostHog client; PosthogClient.query satisfies it. */
export interface HogQLRunner {
  query(hogql: string, opts?: { name?: string; signal?: AbortSignal }): Promise<{ columns: string[]; results: unknown[][] }>;
}

/** Half-open [from, to): the same window in every query of one analysis. */
export interface DateRange {
  from: Date;
  to: Date;
}

/** Goals HogQL can test: a URL substring or regex on $pageview's $current_url, or an event name. */
export type PushdownGoal = Exclude<Goal, { kind: 'selector' }>;

/** Raw URL path -> route template, for paths the route folder changes (pushed into GROUP BY with transform()). */
export type RouteMap = Record<string, string>;

export interface QueryOptions {
  range: DateRange;
  goal?: PushdownGoal;
  routes?: RouteMap;
  /** Rows returned, at most MAX_ROWS. */
  limit?: number;
}

export type QueryName = 'pushdown-totals' | 'pushdown-pages' | 'pushdown-frictions' | 'pushdown-error-clicks' | 'pushdown-drop-offs';

export interface PushdownQuery {
  /** Shown in PostHog's query_log (the client prefixes friction-lens:), and how test fixtures recognise a query. */
  name: QueryName;
  hogql: string;
}

/** One example session: id and the first time (ms) it showed the friction; 0 when unknown. */
export interface ExampleSession {
  sessionId: string;
  timestamp: number;
}

export interface TotalsRow {
  sessions: number;
  convertedSessions: number;
  events: number;
}

export interface PageRow {
  path: string;
  sessions: number;
  convertedSessions: number;
}

/** Error clicks per (page at click, elements_chain). */
export interface ErrorClickRow {
  path: string;
  chain: string;
  occurrences: number;
  sessions: number;
  convertedSessions: number;
  examples: ExampleSession[];
}

/** $rageclick / $dead_click per (page at click, elements_chain). */
export interface FrictionRow extends ErrorClickRow {
  event: '$rageclick' | '$dead_click';
}

export interface DropOffRow {
  path: string;
  sessions: number;
  examples: ExampleSession[];
}

/** Everything the queries answered, ready for resultsToHotspots. */
export interface PushdownResults {
  totals: TotalsRow;
  /** Visitors per raw path (what the route folder learns from). */
  pages: PageRow[];
  /** Visitors per route when the route map was pushed down (exact distinct sessions per route). */
  routedPages?: PageRow[];
  frictions: FrictionRow[];
  errorClicks: ErrorClickRow[];
  dropOffs: DropOffRow[];
}

// The pushdown's HogQL, one builder per question, each a pure function of validated options. Counts are exact:
// rows are first grouped per session, then per (page, element), so sessions = count() and examples carry the
// moment each session first showed the friction.
// Row limits: PostHog returns at most 50,000 rows per query (FACTS.md 2.2) and documents paging raw events by
// timestamp past that. These queries return aggregates ordered by sessions, so a cut drops only the long tail;
// resultsFromAnswer flags a full page so the caller can say so (or narrow the date range and run again).
import {
  conversionSubquery,
  eventsIn,
  goalSql,
  HAS_SESSION,
  MS,
  PAGE_PATH,
  rangeCondition,
  routeExpression,
  SESSION_ID,
  TARGET_ELEMENT,
  PushdownInputError,
} from './hogql-sql';
import type { PushdownQuery, QueryOptions } from './types';

export const MAX_ROWS = 50_000;
export const DEFAULT_ROWS = 1_000;
/** Example sessions kept per row: enough to pick replays from without growing the answer. */
export const EXAMPLES_PER_ROW = 5;
/** Error clicks (replay detector's default, signals/error-click.ts): an exception at most this long after a click. */
export const ERROR_CLICK_WINDOW_MS = 1_000;

function limitOf(options: QueryOptions, fallback = DEFAULT_ROWS): number {
  const limit = options.limit ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ROWS) throw new PushdownInputError(`limit must be a whole number in 1..${MAX_ROWS} (got ${limit})`);
  return limit;
}

/** Sessions, conversions and events in the window: the report's denominators. */
export function totalsQuery(options: QueryOptions): PushdownQuery {
  const goal = goalSql(options.goal);
  return {
    name: 'pushdown-totals',
    hogql: `SELECT count() AS sessions, countIf(converted = 1) AS converted_sessions, sum(session_events) AS events
FROM (
  SELECT ${SESSION_ID} AS session_id, count() AS session_events, max(${goal.condition}) AS converted
  FROM events
  WHERE ${rangeCondition(options.range)} AND ${HAS_SESSION}
  GROUP BY session_id
)`,
  };
}

/** (d) Visitors per path (or per route with options.routes), and how many of them converted: share and the
 * conversion of a page's sessions without a friction. uniqExact because one session may visit two paths of a route. */
export function pagesQuery(options: QueryOptions): PushdownQuery {
  const goal = goalSql(options.goal);
  return {
    name: 'pushdown-pages',
    hogql: `SELECT ${routeExpression('raw_path', options.routes)} AS path, uniqExact(session_id) AS sessions, uniqExactIf(session_id, converted = 1) AS converted_sessions
FROM (
  SELECT session_id, arrayJoin(paths) AS raw_path, converted
  FROM (
    SELECT ${SESSION_ID} AS session_id, groupUniqArrayIf(${PAGE_PATH}, event = '$pageview') AS paths, max(${goal.condition}) AS converted
    FROM events
    WHERE ${rangeCondition(options.range)} AND ${HAS_SESSION} AND ${eventsIn(goal)}
    GROUP BY session_id
  )
)
GROUP BY path
ORDER BY sessions DESC, path ASC
LIMIT ${limitOf(options, 10_000)}`,
  };
}

/** (a) $rageclick and $dead_click per (page, clicked element), with the element's fullest chain. The page is the
 * last $pageview at or before the event: posthog-js stamps $dead_click with the click's time but sends it ~2.75 s
 * later, after a navigation has already changed $pathname (seen in examples/shop/corpus-posthog). Pageviews sort
 * after other events of the same millisecond, so a click that navigates stays on the page it was made on. */
export function frictionsQuery(options: QueryOptions): PushdownQuery {
  const goal = goalSql(options.goal);
  const range = rangeCondition(options.range);
  return {
    name: 'pushdown-frictions',
    hogql: `SELECT event, path, argMax(element_chain, length(element_chain)) AS chain, sum(hits) AS occurrences, count() AS sessions,
  countIf(converted = 1) AS converted_sessions, groupArray(${EXAMPLES_PER_ROW})(tuple(session_id, first_ms)) AS examples
FROM (
  SELECT f.event AS event, ${routeExpression('f.page', options.routes)} AS path, f.target AS target, argMax(f.chain, length(f.chain)) AS element_chain,
    f.session_id AS session_id, count() AS hits, min(f.ms) AS first_ms, max(coalesce(s.converted, 0)) AS converted
  FROM (
    SELECT event, chain, target, session_id, ms, coalesce(page_at_event, own_path) AS page
    FROM (
      SELECT event, elements_chain AS chain, ${TARGET_ELEMENT} AS target, ${SESSION_ID} AS session_id, ${MS} AS ms, ${PAGE_PATH} AS own_path,
        anyLast(if(event = '$pageview', ${PAGE_PATH}, NULL)) OVER (
          PARTITION BY properties.$session_id ORDER BY timestamp ASC, event = '$pageview' ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS page_at_event
      FROM events
      WHERE ${range} AND ${HAS_SESSION} AND event IN ('$pageview', '$rageclick', '$dead_click')
        AND properties.$session_id IN (SELECT properties.$session_id FROM events WHERE ${range} AND event IN ('$rageclick', '$dead_click'))
    )
    WHERE event IN ('$rageclick', '$dead_click')
  ) AS f
  LEFT JOIN (${conversionSubquery(options.range, goal)}) AS s ON f.session_id = s.session_id
  GROUP BY event, path, target, session_id
)
GROUP BY event, path, target
ORDER BY sessions DESC, occurrences DESC, path ASC
LIMIT ${limitOf(options)}`,
  };
}

/** (b) Error clicks: each $exception is laid on the latest $autocapture click at most 1 s before it in the same
 * session (a self-join on the session id; exceptions are few, so they form the in-memory side). */
export function errorClicksQuery(options: QueryOptions): PushdownQuery {
  const goal = goalSql(options.goal);
  const range = rangeCondition(options.range);
  return {
    name: 'pushdown-error-clicks',
    hogql: `SELECT path, argMax(element_chain, length(element_chain)) AS chain, sum(hits) AS occurrences, count() AS sessions,
  countIf(converted = 1) AS converted_sessions, groupArray(${EXAMPLES_PER_ROW})(tuple(session_id, first_ms)) AS examples
FROM (
  SELECT ${routeExpression('e.click_path', options.routes)} AS path, e.target AS target, argMax(e.chain, length(e.chain)) AS element_chain,
    e.session_id AS session_id, uniqExact(e.click_ms) AS hits, min(e.click_ms) AS first_ms, max(coalesce(s.converted, 0)) AS converted
  FROM (
    SELECT x.session_id AS session_id, x.ms AS error_ms, max(c.ms) AS click_ms, argMax(c.chain, c.ms) AS chain, argMax(c.target, c.ms) AS target,
      argMax(c.path, c.ms) AS click_path
    FROM (
      SELECT ${SESSION_ID} AS session_id, ${MS} AS ms, elements_chain AS chain, ${TARGET_ELEMENT} AS target, ${PAGE_PATH} AS path
      FROM events
      WHERE ${range} AND ${HAS_SESSION} AND event = '$autocapture' AND properties.$event_type = 'click'
        AND properties.$session_id IN (SELECT properties.$session_id FROM events WHERE ${range} AND event = '$exception')
    ) AS c
    INNER JOIN (
      SELECT ${SESSION_ID} AS session_id, ${MS} AS ms
      FROM events
      WHERE ${range} AND ${HAS_SESSION} AND event = '$exception'
    ) AS x ON c.session_id = x.session_id
    WHERE c.ms <= x.ms AND x.ms - c.ms <= ${ERROR_CLICK_WINDOW_MS}
    GROUP BY x.session_id, x.ms
  ) AS e
  LEFT JOIN (${conversionSubquery(options.range, goal)}) AS s ON e.session_id = s.session_id
  GROUP BY path, target, session_id
)
GROUP BY path, target
ORDER BY sessions DESC, occurrences DESC, path ASC
LIMIT ${limitOf(options)}`,
  };
}

/** (c) Funnel drop-off: sessions that never reached the goal, counted on their last $pageview path (argMax). */
export function dropOffsQuery(options: QueryOptions): PushdownQuery {
  if (!options.goal) throw new PushdownInputError('drop-off needs a goal: without one every session "fails"');
  const goal = goalSql(options.goal);
  return {
    name: 'pushdown-drop-offs',
    hogql: `SELECT ${routeExpression('last_path', options.routes)} AS path, count() AS sessions, groupArray(${EXAMPLES_PER_ROW})(tuple(session_id, last_ms)) AS examples
FROM (
  SELECT ${SESSION_ID} AS session_id, argMaxIf(${PAGE_PATH}, timestamp, event = '$pageview') AS last_path,
    toUnixTimestamp64Milli(maxIf(timestamp, event = '$pageview')) AS last_ms, max(${goal.condition}) AS converted
  FROM events
  WHERE ${rangeCondition(options.range)} AND ${HAS_SESSION} AND ${eventsIn(goal)}
  GROUP BY session_id
  HAVING converted = 0 AND countIf(event = '$pageview') > 0
)
GROUP BY path
ORDER BY sessions DESC, path ASC
LIMIT ${limitOf(options)}`,
  };
}

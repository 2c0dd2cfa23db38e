// Safe pieces of HogQL: literals escaped the way PostHog escapes them (posthog/hogql/escape_sql.py,
// escape_param_clickhouse), validated dates, and the expressions every pushdown query shares. Nothing a user
// typed reaches a query except through hogqlString.
import type { DateRange, PushdownGoal, RouteMap } from './types';

const ESCAPES: Record<string, string> = {
  '\b': '\\b',
  '\f': '\\f',
  '\r': '\\r',
  '\n': '\\n',
  '\t': '\\t',
  '\0': '\\0',
  '\x07': '\\a',
  '\v': '\\v',
  '\\': '\\\\',
  "'": "\\'",
};

/** Goals and paths longer than this are refused rather than shipped to PostHog. */
export const MAX_LITERAL_LENGTH = 2048;
/** A route map past this many paths would bloat the query; the caller then merges by route on our side. */
export const MAX_ROUTE_MAP_ENTRIES = 2000;

export class PushdownInputError extends Error {
  override readonly name = 'PushdownInputError';
}

export function hogqlString(value: string): string {
  if (typeof value !== 'string') throw new PushdownInputError(`expected a string, got ${typeof value}`);
  if (value.length > MAX_LITERAL_LENGTH) throw new PushdownInputError(`value of ${value.length} characters is longer than ${MAX_LITERAL_LENGTH}`);
  let out = "'";
  for (const ch of value) out += ESCAPES[ch] ?? ch;
  return out + "'";
}

export function hogqlStringArray(values: string[]): string {
  return `[${values.map(hogqlString).join(', ')}]`;
}

/** ISO 8601 in UTC with an explicit Z, so the project's timezone cannot shift the window. */
export function isoInstant(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new PushdownInputError('date range: not a valid date');
  return date.toISOString();
}

export function validRange(range: DateRange): DateRange {
  const from = isoInstant(range.from);
  const to = isoInstant(range.to);
  if (from >= to) throw new PushdownInputError(`date range: ${from} is not before ${to}`);
  return range;
}

export function rangeCondition(range: DateRange): string {
  validRange(range);
  return `timestamp >= parseDateTime64BestEffort(${hogqlString(isoInstant(range.from))}) AND timestamp < parseDateTime64BestEffort(${hogqlString(isoInstant(range.to))})`;
}

export const SESSION_ID = 'toString(properties.$session_id)';
export const HAS_SESSION = "properties.$session_id IS NOT NULL AND properties.$session_id != ''";
/** posthog-js sends $pathname; older SDKs and server-side events may only carry $current_url. */
export const PAGE_PATH = "coalesce(nullIf(properties.$pathname, ''), path(properties.$current_url))";
export const MS = 'toUnixTimestamp64Milli(timestamp)';

/** The clicked element alone (the chain up to its first ';' outside quotes), without nth-child / nth-of-type:
 * what the element fingerprint depends on. Grouping by it keeps one row per element even when ancestors differ,
 * e.g. a $dead_click sent after navigation detached the button and cut its chain short. */
export const TARGET_ELEMENT = `replaceRegexpAll(extract(elements_chain, ${hogqlString(String.raw`^(?:[^;"]|"(?:[^"\\]|\\.)*")*`)}), ${hogqlString('nth-(?:child|of-type)="[0-9]+"')}, '')`;

/** The route of a path expression: transform() over the learned map, or the path itself. */
export function routeExpression(pathExpression: string, routes: RouteMap | undefined): string {
  const entries = Object.entries(routes ?? {}).filter(([path, route]) => path !== route);
  if (entries.length === 0) return pathExpression;
  if (entries.length > MAX_ROUTE_MAP_ENTRIES) throw new PushdownInputError(`route map of ${entries.length} paths is over ${MAX_ROUTE_MAP_ENTRIES}`);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `transform(${pathExpression}, ${hogqlStringArray(entries.map(([p]) => p))}, ${hogqlStringArray(entries.map(([, r]) => r))}, ${pathExpression})`;
}

/** A JS RegExp as an RE2 pattern string: flags become inline modifiers (RE2 knows i, m, s). */
function re2Pattern(pattern: RegExp): string {
  const flags = [...pattern.flags].filter((f) => 'ims'.includes(f)).join('');
  return flags ? `(?${flags})${pattern.source}` : pattern.source;
}

export interface GoalSql {
  /** True (1) on an event that reaches the goal; usable on any event row. */
  condition: string;
  /** Events a query must scan to see the goal besides $pageview. */
  extraEvents: string[];
}

export function goalSql(goal: PushdownGoal | undefined): GoalSql {
  if (!goal) return { condition: '0', extraEvents: [] };
  switch (goal.kind) {
    case 'url': {
      const url = 'toString(properties.$current_url)';
      const test =
        typeof goal.pattern === 'string' ? `position(${url}, ${hogqlString(goal.pattern)}) > 0` : `match(${url}, ${hogqlString(re2Pattern(goal.pattern))})`;
      return { condition: `(event = '$pageview' AND ${test})`, extraEvents: [] };
    }
    case 'custom_event':
      return { condition: `(event = ${hogqlString(goal.name)})`, extraEvents: [goal.name] };
    default: {
      const exhaustive: never = goal;
      throw new PushdownInputError(`unsupported goal ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** `event IN (...)` for $pageview, the goal's own event and any others. */
export function eventsIn(goal: GoalSql, ...events: string[]): string {
  const all = [...new Set(['$pageview', ...events, ...goal.extraEvents])];
  return `event IN (${all.map(hogqlString).join(', ')})`;
}

/** Per session: did it reach the goal. Joined to friction rows for conversion with vs without. */
export function conversionSubquery(range: DateRange, goal: GoalSql): string {
  return `SELECT ${SESSION_ID} AS session_id, max(${goal.condition}) AS converted
    FROM events
    WHERE ${rangeCondition(range)} AND ${HAS_SESSION} AND ${eventsIn(goal)}
    GROUP BY session_id`;
}

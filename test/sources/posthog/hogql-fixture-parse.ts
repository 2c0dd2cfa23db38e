// Reads back what a pushdown query asks for: its string literals (unescaped as HogQL's lexer would), date range,
// goal and route map. The fixture answers from these, so a literal the builders escape wrongly shows up as a
// wrong answer, not just a wrong string.

export interface Literal {
  value: string;
  start: number;
  end: number;
}

const UNESCAPES: Record<string, string> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\0', a: '\x07', v: '\v', '\\': '\\', "'": "'" };

/** Every single-quoted literal in the query, with its position; throws on an unterminated one. */
export function stringLiterals(query: string): Literal[] {
  const out: Literal[] = [];
  for (let i = 0; i < query.length; i++) {
    if (query[i] !== "'") continue;
    const start = i;
    let value = '';
    for (i++; i < query.length && query[i] !== "'"; i++) {
      if (query[i] === '\\') {
        const next = query[++i];
        value += UNESCAPES[next] ?? next;
      } else value += query[i];
    }
    if (i >= query.length) throw new Error(`unterminated string literal at ${start}`);
    out.push({ value, start, end: i + 1 });
  }
  return out;
}

/** The query with every literal replaced by '?': what is left is code, and must hold nothing a user typed. */
export function codeOutsideLiterals(query: string): string {
  let code = '';
  let at = 0;
  for (const lit of stringLiterals(query)) {
    code += query.slice(at, lit.start) + '?';
    at = lit.end;
  }
  return code + query.slice(at);
}

function literalAfter(query: string, prefix: string): string | undefined {
  const at = query.indexOf(prefix);
  if (at < 0) return undefined;
  return stringLiterals(query).find((l) => l.start >= at + prefix.length)?.value;
}

export type FixtureGoal = { kind: 'url'; contains: string } | { kind: 'regex'; pattern: RegExp } | { kind: 'event'; name: string } | undefined;

export interface QueryParams {
  from: number;
  to: number;
  goal: FixtureGoal;
  routes: Map<string, string>;
  limit: number;
}

function goalOf(query: string): FixtureGoal {
  const contains = literalAfter(query, 'position(toString(properties.$current_url), ');
  if (contains !== undefined) return { kind: 'url', contains };
  const regex = literalAfter(query, 'match(toString(properties.$current_url), ');
  if (regex !== undefined) {
    const inline = /^\(\?([ims]+)\)/.exec(regex);
    return { kind: 'regex', pattern: new RegExp(inline ? regex.slice(inline[0].length) : regex, inline?.[1] ?? '') };
  }
  const event = literalAfter(query, 'max((event = ');
  return event !== undefined ? { kind: 'event', name: event } : undefined;
}

/** transform(x, [paths], [routes], x): the two arrays are the literals between the first '[' pair of brackets. */
function routesOf(query: string): Map<string, string> {
  const at = query.indexOf('transform(');
  if (at < 0) return new Map();
  const literals = stringLiterals(query).filter((l) => l.start > at);
  const code = codeOutsideLiterals(query.slice(at));
  const firstClose = code.indexOf(']');
  const paths = (code.slice(0, firstClose).match(/\?/g) ?? []).length;
  return new Map(literals.slice(0, paths).map((l, i) => [l.value, literals[paths + i].value]));
}

export function queryParams(query: string): QueryParams {
  const dates = stringLiterals(query).filter((l) => query.slice(Math.max(0, l.start - 26), l.start) === 'parseDateTime64BestEffort(');
  if (dates.length < 2) throw new Error('query has no date range');
  const limit = /LIMIT (\d+)\s*$/.exec(query);
  return {
    from: Date.parse(dates[0].value),
    to: Date.parse(dates[1].value),
    goal: goalOf(query),
    routes: routesOf(query),
    limit: limit ? Number(limit[1]) : Infinity,
  };
}

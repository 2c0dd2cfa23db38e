// The pushdown's HogQL builders: user input only ever inside escaped literals, validated dates and limits, and
// the clauses each question needs.
import assert from 'node:assert/strict';
import {
  dropOffsQuery,
  errorClicksQuery,
  frictionsQuery,
  hogqlString,
  learnPathFolder,
  pagesQuery,
  pushdownGoal,
  PushdownInputError,
  routeMapFor,
  totalsQuery,
  type PushdownGoal,
  type PushdownQuery,
  type QueryOptions,
} from '../../../analyzer/sources/posthog/pushdown';
import { codeOutsideLiterals, queryParams, stringLiterals } from './hogql-fixture-parse';

const range = { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2026-10-01T12:30:00Z') };
const builders = [totalsQuery, pagesQuery, frictionsQuery, errorClicksQuery, dropOffsQuery];
const goal = (text: string) => pushdownGoal(text) as PushdownGoal;
const all = (options: QueryOptions): PushdownQuery[] => builders.map((build) => build(options));

function balanced(code: string): boolean {
  let depth = 0;
  for (const ch of code) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

describe('pushdown HogQL builders', () => {
  it('keep a hostile goal inside one escaped literal, read back unchanged', () => {
    const hostile = "/checkout/it's\\done'); DROP TABLE events; -- \n\0";
    for (const q of all({ range, goal: goal(hostile) })) {
      const code = codeOutsideLiterals(q.hogql);
      assert.ok(!/DROP|--|\n\0/.test(code), `${q.name}: user text escaped the literal:\n${code}`);
      assert.ok(balanced(code), `${q.name}: unbalanced parentheses`);
      assert.deepEqual(queryParams(q.hogql).goal, { kind: 'url', contains: hostile }, q.name);
    }
    assert.equal(hogqlString("a'b\\c"), "'a\\'b\\\\c'");
    assert.equal(hogqlString('tab\there\r\n'), "'tab\\there\\r\\n'");
  });

  it('turn regex and event goals into match() and event = literals', () => {
    const regex = frictionsQuery({ range, goal: goal('/\\/checkout\\/(confirm|done)/i') }).hogql;
    assert.match(regex, /match\(toString\(properties\.\$current_url\), '\(\?i\)\\\\\/checkout/);
    assert.deepEqual(queryParams(regex).goal, { kind: 'regex', pattern: /\/checkout\/(confirm|done)/i });
    const event = dropOffsQuery({ range, goal: goal("event:order placed'") }).hogql;
    assert.ok(event.includes("max((event = 'order placed\\''))"));
    assert.ok(event.includes("event IN ('$pageview', 'order placed\\'')"), 'the goal event is scanned too');
  });

  it('refuse selector goals, drop-off without a goal, bad dates and limits', () => {
    assert.throws(() => pushdownGoal('selector:#buy'), /selector goal needs the page's DOM/);
    assert.throws(() => dropOffsQuery({ range }), /drop-off needs a goal/);
    assert.throws(() => frictionsQuery({ range: { from: new Date('nope'), to: range.to } }), PushdownInputError);
    assert.throws(() => frictionsQuery({ range: { from: range.to, to: range.from } }), /is not before/);
    assert.throws(() => frictionsQuery({ range, limit: 50_001 }), /limit must be a whole number in 1\.\.50000/);
    assert.throws(() => frictionsQuery({ range, limit: 0 }), PushdownInputError);
    assert.throws(() => totalsQuery({ range, goal: goal('x'.repeat(3000)) }), /longer than 2048/);
  });

  it('send dates as ISO instants in UTC and a LIMIT of at most 50,000', () => {
    for (const q of all({ range, goal: goal('/checkout/confirmation'), limit: 50_000 })) {
      const dates = stringLiterals(q.hogql).filter((l) => /^\d{4}-\d\d-\d\dT/.test(l.value)).map((l) => l.value);
      assert.ok(dates.includes('2026-09-01T00:00:00.000Z') && dates.includes('2026-10-01T12:30:00.000Z'), q.name);
      if (q.name !== 'pushdown-totals') assert.match(q.hogql, /LIMIT (\d+)$/, q.name);
    }
    assert.match(frictionsQuery({ range, limit: 50_000 }).hogql, /LIMIT 50000$/);
    assert.match(frictionsQuery({ range }).hogql, /LIMIT 1000$/);
  });

  it('ask each question with the clauses it needs', () => {
    const options = { range, goal: goal('/checkout/confirmation') };
    const has = (q: PushdownQuery, ...parts: string[]) => parts.forEach((p) => assert.ok(q.hogql.includes(p), `${q.name} lacks ${p}`));
    has(totalsQuery(options), 'FROM events', 'count() AS sessions', 'countIf(converted = 1) AS converted_sessions', 'GROUP BY session_id');
    has(pagesQuery(options), "groupUniqArrayIf(coalesce(nullIf(properties.$pathname, ''), path(properties.$current_url)), event = '$pageview')", 'arrayJoin(paths)', 'uniqExactIf(session_id, converted = 1)');
    has(
      frictionsQuery(options),
      "event IN ('$pageview', '$rageclick', '$dead_click')",
      'elements_chain',
      'properties.$session_id',
      'count() AS sessions',
      'groupArray(5)(tuple(session_id, first_ms)) AS examples',
      'anyLast(if(event = \'$pageview\'',
      'OVER (',
      'LEFT JOIN (SELECT toString(properties.$session_id) AS session_id, max(',
      'GROUP BY event, path, target',
    );
    has(errorClicksQuery(options), "event = '$autocapture' AND properties.$event_type = 'click'", "event = '$exception'", 'INNER JOIN', 'c.ms <= x.ms AND x.ms - c.ms <= 1000', 'argMax(c.chain, c.ms)');
    has(dropOffsQuery(options), "argMaxIf(coalesce(nullIf(properties.$pathname, ''), path(properties.$current_url)), timestamp, event = '$pageview') AS last_path", 'HAVING converted = 0');
    for (const q of all(options)) assert.ok(!/undefined|NaN|\$\{/.test(q.hogql), `${q.name} has a template leak`);
  });

  it('push the learned route folding down as transform() over escaped paths', () => {
    const paths = ['/', '/cart', ...['a', 'b', 'c', 'd', "it's"].map((slug) => `/product/${slug}`), '/order/123'];
    const routes = routeMapFor(paths, learnPathFolder(paths))!;
    assert.deepEqual(routes, { '/product/a': '/product/:id', '/product/b': '/product/:id', '/product/c': '/product/:id', '/product/d': '/product/:id', "/product/it's": '/product/:id', '/order/123': '/order/:id' });
    const q = frictionsQuery({ range, routes });
    assert.ok(q.hogql.includes("transform(f.page, ['/order/123', '/product/a',"));
    assert.deepEqual(Object.fromEntries(queryParams(q.hogql).routes), routes);
    assert.equal(routeMapFor(Array.from({ length: 2500 }, (_, i) => `/order/${i}`), learnPathFolder([])), undefined, 'too many paths: merged on our side instead');
  });
});

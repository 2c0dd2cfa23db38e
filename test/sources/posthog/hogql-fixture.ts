// A HogQLRunner that answers the pushdown's queries from real events, since no ClickHouse runs here: a second,
// plain-JS statement of what each query means, keyed by the query's name. Parameters (date range, goal, route
// map, LIMIT) are read back from the HogQL text itself, so escaping and wiring are exercised, not bypassed.
import type { HogQLRunner } from '../../../analyzer/sources/posthog/pushdown';
import { queryParams, type QueryParams } from './hogql-fixture-parse';
import { loadEvents, type StoredEvent } from './hogql-fixture-events';

type Answer = { columns: string[]; results: unknown[][] };
type Example = [string, number];

const ERROR_WINDOW_MS = 1000;

/** The clicked element alone, without nth-*: the query's TARGET_ELEMENT. */
function targetOf(chain: string): string {
  const first = /^(?:[^;"]|"(?:[^"\\]|\\.)*")*/.exec(chain)?.[0] ?? '';
  return first.replace(/nth-(?:child|of-type)="[0-9]+"/g, '');
}
const EXAMPLES = 5;

/** Groups rows per key, then per session: distinct hits and the first time each session showed them. */
class Counter<K> extends Map<string, { key: K; chain: string; perSession: Map<string, { hits: Set<unknown>; first: number }> }> {
  add(key: K, chain: string, session: string, at: number, hit: unknown): void {
    const id = JSON.stringify(key);
    const group = this.get(id) ?? { key, chain, perSession: new Map() };
    if (chain.length > group.chain.length) group.chain = chain;
    const s = group.perSession.get(session) ?? { hits: new Set(), first: at };
    s.hits.add(hit);
    s.first = Math.min(s.first, at);
    group.perSession.set(session, s);
    this.set(id, group);
  }
}

export class HogQLFixture implements HogQLRunner {
  readonly calls: { name: string; hogql: string }[] = [];

  constructor(readonly events: StoredEvent[] = loadEvents()) {}

  async query(hogql: string, opts: { name?: string } = {}): Promise<Answer> {
    const name = (opts.name ?? '').replace(/^friction-lens:/, '');
    this.calls.push({ name, hogql });
    const p = queryParams(hogql);
    const answer = this.answer(name, p);
    return { columns: answer.columns, results: answer.results.slice(0, p.limit) };
  }

  private answer(name: string, p: QueryParams): Answer {
    switch (name) {
      case 'pushdown-totals':
        return this.totals(p);
      case 'pushdown-pages':
        return this.pages(p);
      case 'pushdown-frictions':
        return this.frictions(p);
      case 'pushdown-error-clicks':
        return this.errorClicks(p);
      case 'pushdown-drop-offs':
        return this.dropOffs(p);
      default:
        throw new Error(`the HogQL fixture cannot answer query "${name}"`);
    }
  }

  private inRange(p: QueryParams): StoredEvent[] {
    return this.events.filter((e) => e.sessionId && e.timestamp >= p.from && e.timestamp < p.to);
  }

  private reachesGoal(e: StoredEvent, p: QueryParams): boolean {
    const g = p.goal;
    if (!g) return false;
    if (g.kind === 'event') return e.event === g.name;
    if (e.event !== '$pageview') return false;
    return g.kind === 'url' ? e.currentUrl.includes(g.contains) : g.pattern.test(e.currentUrl);
  }

  private converted(p: QueryParams): Set<string> {
    return new Set(this.inRange(p).filter((e) => this.reachesGoal(e, p)).map((e) => e.sessionId));
  }

  private route(p: QueryParams, path: string): string {
    return p.routes.get(path) ?? path;
  }

  private totals(p: QueryParams): Answer {
    const events = this.inRange(p);
    const sessions = new Set(events.map((e) => e.sessionId));
    const converted = this.converted(p);
    return { columns: ['sessions', 'converted_sessions', 'events'], results: [[sessions.size, [...sessions].filter((s) => converted.has(s)).length, events.length]] };
  }

  private pages(p: QueryParams): Answer {
    const converted = this.converted(p);
    const visitors = new Map<string, Set<string>>();
    for (const e of this.inRange(p).filter((x) => x.event === '$pageview')) {
      const route = this.route(p, e.path);
      visitors.set(route, (visitors.get(route) ?? new Set()).add(e.sessionId));
    }
    const results = [...visitors].map(([path, s]) => [path, s.size, [...s].filter((id) => converted.has(id)).length]);
    results.sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0])));
    return { columns: ['path', 'sessions', 'converted_sessions'], results };
  }

  /** Page of an event = the last $pageview strictly before it in its session (same-ms pageviews sort after). */
  private pageAt(events: StoredEvent[], e: StoredEvent): string {
    let page: StoredEvent | undefined;
    for (const pv of events) if (pv.event === '$pageview' && pv.sessionId === e.sessionId && pv.timestamp < e.timestamp && (!page || pv.timestamp >= page.timestamp)) page = pv;
    return page?.path ?? e.path;
  }

  /** [...key without the target, fullest chain, occurrences, sessions, converted_sessions, examples], most sessions first. */
  private rows<K extends unknown[]>(counter: Counter<K>, converted: Set<string>): unknown[][] {
    const rows = [...counter.values()].map(({ key, chain, perSession }) => {
      const sessions = [...perSession].sort((a, b) => a[1].first - b[1].first);
      const hits = sessions.reduce((n, [, s]) => n + s.hits.size, 0);
      const examples: Example[] = sessions.slice(0, EXAMPLES).map(([id, s]) => [id, s.first]);
      return { sessions: sessions.length, hits, row: [...key.slice(0, -1), chain, hits, sessions.length, sessions.filter(([id]) => converted.has(id)).length, examples] };
    });
    return rows.sort((a, b) => b.sessions - a.sessions || b.hits - a.hits).map((r) => r.row);
  }

  private frictions(p: QueryParams): Answer {
    const events = this.inRange(p);
    const counter = new Counter<[string, string, string]>();
    for (const e of events.filter((x) => x.event === '$rageclick' || x.event === '$dead_click')) {
      const path = this.route(p, this.pageAt(events, e));
      counter.add([e.event, path, targetOf(e.elementsChain)], e.elementsChain, e.sessionId, e.timestamp, e);
    }
    return { columns: ['event', 'path', 'chain', 'occurrences', 'sessions', 'converted_sessions', 'examples'], results: this.rows(counter, this.converted(p)) };
  }

  private errorClicks(p: QueryParams): Answer {
    const events = this.inRange(p);
    const counter = new Counter<[string, string]>();
    for (const x of events.filter((e) => e.event === '$exception')) {
      const click = events
        .filter((c) => c.event === '$autocapture' && c.eventType === 'click' && c.sessionId === x.sessionId && c.timestamp <= x.timestamp && x.timestamp - c.timestamp <= ERROR_WINDOW_MS)
        .reduce<StoredEvent | undefined>((best, c) => (!best || c.timestamp >= best.timestamp ? c : best), undefined);
      if (!click) continue;
      const path = this.route(p, click.path);
      // One hit per click, however many exceptions it raised (uniqExact(click_ms) in the query).
      counter.add([path, targetOf(click.elementsChain)], click.elementsChain, click.sessionId, click.timestamp, click.timestamp);
    }
    return { columns: ['path', 'chain', 'occurrences', 'sessions', 'converted_sessions', 'examples'], results: this.rows(counter, this.converted(p)) };
  }

  private dropOffs(p: QueryParams): Answer {
    const converted = this.converted(p);
    const last = new Map<string, StoredEvent>();
    for (const e of this.inRange(p).filter((x) => x.event === '$pageview')) {
      const seen = last.get(e.sessionId);
      if (!seen || e.timestamp >= seen.timestamp) last.set(e.sessionId, e);
    }
    const byPath = new Map<string, Example[]>();
    for (const [session, e] of last) {
      if (converted.has(session)) continue;
      const path = this.route(p, e.path);
      byPath.set(path, [...(byPath.get(path) ?? []), [session, e.timestamp]]);
    }
    const results = [...byPath].map(([path, examples]) => [path, examples.length, examples.slice(0, EXAMPLES)]);
    results.sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0])));
    return { columns: ['path', 'sessions', 'examples'], results };
  }
}

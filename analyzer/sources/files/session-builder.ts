// Turns parsed JSON values into one session's RawEvents: validates, decompresses posthog-js payloads,
// assigns windows, enforces the per-session cap, then sorts and drops PostHog's exact duplicates.
import type { FileIssues } from './issues';
import { decompressPosthogEvent } from './posthog-compression';
import type { InputFormat, RawEvent, RawSession } from './types';

export const DEFAULT_MAX_EVENTS_PER_SESSION = 2_000_000;
export const DEFAULT_WINDOW_ID = 'main';

function stringField(e: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = e[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

export function windowIdOf(e: Record<string, unknown>): string | undefined {
  return stringField(e, 'windowId', '$window_id', 'window_id');
}

export function sessionIdOf(e: Record<string, unknown>): string | undefined {
  return stringField(e, '$session_id', 'sessionId', 'session_id');
}

export class SessionBuilder {
  readonly events: RawEvent[] = [];
  private dropped = 0;
  private dropPosition = '';

  /** `unit` names positions in issues: 'event' (index in the file's event arrays) or 'line' (1-based). */
  constructor(
    public id: string,
    private readonly unit: 'event' | 'line',
    private readonly maxEvents: number,
    private readonly issues: FileIssues,
  ) {}

  /** True once the cap is reached: callers may stop parsing and just count via `drop`. */
  get full(): boolean {
    return this.events.length >= this.maxEvents;
  }

  drop(count: number, at: number): void {
    if (this.dropped === 0) this.dropPosition = `${this.unit} ${at}`;
    this.dropped += count;
  }

  add(value: unknown, windowId: string | undefined, at: number): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.skip(at, 'not an rrweb event object');
    const e = value as Record<string, unknown>;
    if (typeof e.type !== 'number') return this.skip(at, 'no numeric type');
    if (typeof e.timestamp !== 'number' || !Number.isFinite(e.timestamp)) return this.skip(at, 'no numeric timestamp');
    if (this.events.length >= this.maxEvents) return this.drop(1, at);
    // rrweb always writes `data`; a missing one would make consumers' `e.data.source` throw.
    let data: unknown = e.data ?? {};
    if (e.cv !== undefined) {
      try {
        data = decompressPosthogEvent(e).data;
      } catch (err) {
        return this.skip(at, (err as Error).message);
      }
    }
    // A fresh object with a fixed shape: strips cv/delay/session props and keeps downstream code monomorphic.
    this.events.push({ type: e.type, timestamp: e.timestamp, data, windowId: windowId ?? windowIdOf(e) ?? DEFAULT_WINDOW_ID });
  }

  skip(at: number, message: string): void {
    this.issues.add('event', `${this.unit} ${at}`, message);
  }

  build(origin: string, format: InputFormat): RawSession {
    if (this.dropped > 0) {
      this.issues.add('event', this.dropPosition, `session ${this.id} exceeds maxEventsPerSession (${this.maxEvents}); later events dropped`, this.dropped);
    }
    const sorted = sortByTimestamp(this.events);
    // Duplicates come from PostHog's raw blob streams; exports and rrweb arrays are already clean, and
    // comparing the many same-millisecond events of a document would cost as much as parsing it.
    const events = format === 'posthog-blob-jsonl' || format === 'ndjson' ? dedupeSorted(sorted) : sorted;
    return { id: this.id, origin, events, format };
  }
}

function sortByTimestamp(events: RawEvent[]): RawEvent[] {
  for (let i = 1; i < events.length; i++) {
    // Array.prototype.sort is stable, so equal timestamps keep file order.
    if (events[i].timestamp < events[i - 1].timestamp) return events.sort((a, b) => a.timestamp - b.timestamp);
  }
  return events;
}

/** Removes exact duplicates (same window, type, timestamp and JSON), which PostHog blobs can contain. */
function dedupeSorted(events: RawEvent[]): RawEvent[] {
  let out: RawEvent[] | undefined;
  // Only events sharing a timestamp can be duplicates, and only those also sharing window and type
  // are serialised: runs are short and usually mixed, so this stays far from O(n) stringify calls.
  let run: Map<string, { first: RawEvent; keys?: Set<string> }> | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    let duplicate = false;
    if (i > 0 && e.timestamp === events[i - 1].timestamp) {
      if (!run) run = new Map([[shapeOf(events[i - 1]), { first: events[i - 1] }]]);
      const shape = shapeOf(e);
      const group = run.get(shape);
      if (!group) {
        run.set(shape, { first: e });
      } else {
        group.keys ??= new Set([dupKey(group.first)]);
        const key = dupKey(e);
        duplicate = group.keys.has(key);
        group.keys.add(key);
      }
    } else {
      run = undefined;
    }
    if (duplicate && !out) out = events.slice(0, i);
    else if (!duplicate && out) out.push(e);
  }
  return out ?? events;
}

function shapeOf(e: RawEvent): string {
  return `${e.windowId}\u0000${e.type}`;
}

let unique = 0;
function dupKey(e: RawEvent): string {
  try {
    return JSON.stringify(e.data) ?? 'undefined';
  } catch {
    // JSON.stringify recurses and overflows on very deep DOM trees (JSON.parse does not): never a duplicate.
    return `\u0000unique${unique++}`;
  }
}

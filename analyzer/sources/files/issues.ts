// Issue bookkeeping: per-file aggregation (one callback per kind of problem, not one per bad event)
// and a summary the CLI can print.
import type { RawSession, ReadIssue } from './types';

type Skipped = ReadIssue['skipped'];

/** Collects one file's issues keyed by (skipped, message); emits them once the file is done. */
export class FileIssues {
  private readonly byKey = new Map<string, ReadIssue>();

  constructor(readonly file: string) {}

  add(skipped: Skipped, position: string, message: string, count = 1): void {
    const key = `${skipped}\u0000${message}`;
    const seen = this.byKey.get(key);
    if (seen) seen.count += count;
    else this.byKey.set(key, { file: this.file, position, message, skipped, count });
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Hands every aggregated issue to `sink` and forgets them. */
  flush(sink: ((issue: ReadIssue) => void) | undefined): void {
    if (sink) for (const issue of this.byKey.values()) sink(issue);
    this.byKey.clear();
  }
}

const UNIT: Record<Skipped, [string, string]> = {
  file: ['file', 'files'],
  session: ['session', 'sessions'],
  event: ['event', 'events'],
  line: ['line', 'lines'],
};

/** "skipped 3 events in a.json (event 12: no numeric timestamp)". */
export function formatIssue(issue: ReadIssue): string {
  const [one, many] = UNIT[issue.skipped];
  const what = issue.skipped === 'file' ? 'file' : `${issue.count} ${issue.count === 1 ? one : many} in`;
  const where = issue.position ? `${issue.position}: ` : '';
  return `skipped ${what} ${issue.file} (${where}${issue.message})`;
}

/**
 * Totals for one read. Pass `summary.options()` to readSessions and wrap the iterable with `track`:
 *   const summary = new ReadSummary();
 *   for await (const s of summary.track(readSessions(paths, summary.options()))) { ... }
 */
export class ReadSummary {
  files = 0;
  sessions = 0;
  events = 0;
  readonly skipped: ReadIssue[] = [];

  options(extra: { maxEventsPerSession?: number } = {}): {
    onIssue(i: ReadIssue): void;
    onFile(f: string): void;
    maxEventsPerSession?: number;
  } {
    return {
      ...extra,
      onIssue: (issue) => this.skipped.push(issue),
      onFile: () => this.files++,
    };
  }

  addSession(session: RawSession): void {
    this.sessions++;
    this.events += session.events.length;
  }

  async *track(sessions: AsyncIterable<RawSession>): AsyncGenerator<RawSession> {
    for await (const session of sessions) {
      this.addSession(session);
      yield session;
    }
  }

  toJSON(): { files: number; sessions: number; events: number; skipped: ReadIssue[] } {
    return { files: this.files, sessions: this.sessions, events: this.events, skipped: this.skipped };
  }

  /** Human-readable lines: a totals line, then one line per issue. */
  lines(): string[] {
    const head = `read ${this.files} file(s): ${this.sessions} session(s), ${this.events} event(s)`;
    return [head, ...this.skipped.map(formatIssue)];
  }
}

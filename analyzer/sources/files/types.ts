// Output of the file readers: rrweb sessions as found on disk, before any replay.
// Kept structurally compatible with replay's `ReplayInput` so a RawSession can be replayed as-is.

/** Which on-disk shape a session came from (detected from content, never from the file extension). */
export type InputFormat = 'rrweb-array' | 'posthog-export' | 'posthog-blob-jsonl' | 'ndjson';

/** One rrweb `eventWithTime` plus the browser window (tab) it was recorded in. */
export interface RawEvent {
  type: number;
  timestamp: number;
  // rrweb payloads are heterogeneous; consumers check what they read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  windowId: string;
}

export interface RawSession {
  id: string;
  /** File path, plus '#n' (1-based, order of first appearance) when the file holds several sessions. */
  origin: string;
  /** Sorted by timestamp (stable); exact duplicates removed. */
  events: RawEvent[];
  format: InputFormat;
}

/**
 * Something in the input we could not use. Repeated problems of one kind in one file are aggregated:
 * `position` is the first occurrence, `count` how many units were skipped.
 */
export interface ReadIssue {
  file: string;
  /** e.g. 'line 17', 'byte 12345', 'event 42'. */
  position: string;
  message: string;
  skipped: 'file' | 'session' | 'event' | 'line';
  count: number;
}

export interface ReadOptions {
  onIssue?(issue: ReadIssue): void;
  /** Called once per candidate recording file, before it is read. */
  onFile?(file: string): void;
  /** Memory guard for a single session; later events are dropped and reported. Default 2,000,000. */
  maxEventsPerSession?: number;
}

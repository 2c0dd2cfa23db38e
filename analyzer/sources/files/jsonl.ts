// JSON-lines inputs: PostHog blob_v2 (`["windowId", event]` per line, or the older
// `{"windowId", "data": [events]}`) and NDJSON (one rrweb event per line). Lines are split on the raw
// byte stream, so no line ever needs more memory than itself.
import { FileIssues } from './issues';
import { SessionBuilder, sessionIdOf } from './session-builder';
import type { InputFormat, RawSession } from './types';

/**
 * Calls `onLine` for every non-blank line: its text, 1-based number and starting byte offset.
 * `truncated()` is asked at the end: an unterminated last line of a cut-off stream is not a line.
 */
export async function forEachLine(
  chunks: AsyncIterable<Buffer>,
  onLine: (text: string, line: number, byte: number) => void,
  truncated: () => boolean = () => false,
): Promise<void> {
  let line = 1;
  let base = 0;
  let carry: Buffer[] = [];
  let carryStart = 0;
  const emit = (text: string, byte: number): void => {
    // Blank lines (and a trailing '\r') are whitespace JSON.parse would reject; skip them cheaply.
    if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === '')) return;
    onLine(line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, line, byte);
  };
  for await (const chunk of chunks) {
    let i = 0;
    for (let nl = chunk.indexOf(0x0a, i); nl >= 0; nl = chunk.indexOf(0x0a, i)) {
      if (carry.length > 0) {
        carry.push(chunk.subarray(0, nl));
        emit(Buffer.concat(carry).toString('utf8'), carryStart);
        carry = [];
      } else {
        emit(chunk.toString('utf8', i, nl), base + i);
      }
      line++;
      i = nl + 1;
    }
    if (i < chunk.length) {
      if (carry.length === 0) carryStart = base + i;
      carry.push(chunk.subarray(i));
    }
    base += chunk.length;
  }
  if (carry.length > 0 && !truncated()) emit(Buffer.concat(carry).toString('utf8'), carryStart);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Groups a JSONL file's events into sessions by `$session_id` (or sessionId/session_id) when present. */
export class LineSessions {
  private readonly builders = new Map<string, SessionBuilder>();
  /** Bad lines are held back: if no line is usable the whole file is rejected instead. */
  private readonly badLines: FileIssues;
  private blobShaped = false;
  /** Lines holding a recognisable record; zero means the file is not JSONL we understand. */
  recognised = 0;

  constructor(
    private readonly file: string,
    private readonly defaultId: string,
    private readonly maxEvents: number,
    private readonly issues: FileIssues,
  ) {
    this.badLines = new FileIssues(file);
  }

  add(text: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.bad(line, 'invalid JSON');
    }
    if (Array.isArray(value)) {
      // blob_v2: ["windowId", event]
      if (value.length !== 2 || typeof value[0] !== 'string') return this.bad(line, 'array line is not ["windowId", event]');
      this.blobShaped = true;
      this.recognised++;
      const event = value[1];
      return this.event(event, value[0], isRecord(event) ? sessionIdOf(event) : undefined, line);
    }
    if (!isRecord(value)) return this.bad(line, 'not a JSON object or array');
    if (Array.isArray(value.data) && typeof value.windowId === 'string' && !('type' in value)) {
      // Older blob line: {"windowId": "...", "data": [events]}
      this.blobShaped = true;
      this.recognised++;
      const lineSession = sessionIdOf(value);
      for (const event of value.data) this.event(event, value.windowId, lineSession ?? (isRecord(event) ? sessionIdOf(event) : undefined), line);
      return;
    }
    if (!('type' in value) && !('timestamp' in value)) return this.bad(line, 'not an rrweb event, ["windowId", event] pair or {"windowId","data"} line');
    this.recognised++;
    this.event(value, undefined, sessionIdOf(value), line);
  }

  private event(event: unknown, windowId: string | undefined, sessionId: string | undefined, line: number): void {
    const key = sessionId ?? '';
    let builder = this.builders.get(key);
    if (!builder) this.builders.set(key, (builder = new SessionBuilder(sessionId ?? this.defaultId, 'line', this.maxEvents, this.issues)));
    builder.add(event, windowId, line);
  }

  private bad(line: number, message: string): void {
    this.badLines.add('line', `line ${line}`, message);
  }

  get format(): InputFormat {
    return this.blobShaped ? 'posthog-blob-jsonl' : 'ndjson';
  }

  /** Reports bad lines and builds the sessions (origins get '#n' when the file holds several). */
  finish(): RawSession[] {
    this.badLines.flush((i) => this.issues.add(i.skipped, i.position, i.message, i.count));
    const several = this.builders.size > 1;
    let n = 0;
    return [...this.builders.values()].map((b) => b.build(several ? `${this.file}#${++n}` : this.file, this.format));
  }

  /** For a file with no usable line: forget the per-line complaints (the caller rejects the file). */
  discardBadLines(): void {
    this.badLines.flush(undefined);
  }
}

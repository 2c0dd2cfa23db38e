// One JSON document (rrweb event array or PostHog export) -> at most one session. Documents up to
// WHOLE_PARSE_LIMIT are parsed in one JSON.parse (the fastest way V8 offers); larger ones, and any document that
// does not parse, go through the streaming scanner, which keeps memory bounded and names the failing position.
// Decides the format from the content, not from the file name.
import { ACCEPTED_FORMATS } from './detect-format';
import type { FileIssues } from './issues';
import { JsonDocumentScanner, type ScanResult, type ScanSink } from './json-array-scanner';
import { SessionBuilder } from './session-builder';
import type { RawSession } from './types';

export type DocumentOutcome =
  | { kind: 'session'; session: RawSession }
  | { kind: 'none' } // rejected or empty; issues already recorded
  | { kind: 'lines' }; // actually NDJSON whose first line was too long to probe: re-read as lines

/** rrweb arrays may hold blob_v2-style pairs ["windowId", event]. */
function unwrap(value: unknown, windowId: string | undefined): [unknown, string | undefined] {
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string') return [value[1], value[0]];
  return [value, windowId];
}

/** Below this many (decompressed) bytes a document is parsed whole; above it, streamed. */
export const WHOLE_PARSE_LIMIT = 8 << 20;

interface WholeDocument {
  id?: string;
  /** [events, windowId] groups, in document order. */
  groups: [unknown[], string | undefined][];
  format: 'rrweb-array' | 'posthog-export';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The event arrays of a parsed document, or undefined when the shape needs the scanner's diagnosis. */
function eventsOfParsed(doc: unknown): WholeDocument | undefined {
  if (Array.isArray(doc)) return { groups: [[doc, undefined]], format: 'rrweb-array' };
  if (!isRecord(doc) || !isRecord(doc.data)) return undefined;
  const data = doc.data;
  const id = typeof data.id === 'string' && data.id !== '' ? data.id : undefined;
  if (Array.isArray(data.snapshots)) return { id, groups: [[data.snapshots, undefined]], format: 'posthog-export' };
  if (isRecord(data.snapshotsByWindowId)) {
    const groups = Object.entries(data.snapshotsByWindowId).filter((e): e is [string, unknown[]] => Array.isArray(e[1]));
    return { id, groups: groups.map(([w, events]) => [events, w]), format: 'posthog-export' };
  }
  return undefined;
}

/** Parse a small document whole; undefined means "let the scanner handle it". */
function parseWhole(buffer: Buffer): WholeDocument | undefined {
  try {
    return eventsOfParsed(JSON.parse(buffer.toString('utf8')));
  } catch {
    return undefined;
  }
}

export async function readDocument(
  file: string,
  id: string,
  chunks: AsyncIterable<Buffer>,
  maxEvents: number,
  issues: FileIssues,
  sourceFailed: () => boolean,
): Promise<DocumentOutcome> {
  const builder = new SessionBuilder(id, 'event', maxEvents, issues);
  const sink: ScanSink = {
    get wantsValues() {
      return !builder.full;
    },
    values(values, first, windowId) {
      for (let k = 0; k < values.length; k++) {
        const [event, w] = unwrap(values[k], windowId);
        builder.add(event, w, first + k);
      }
    },
    skipped: (count, first) => builder.drop(count, first),
    invalid: (index, byte) => issues.add('event', `event ${index} (byte ${byte})`, 'invalid JSON'),
  };
  const scanner = new JsonDocumentScanner(sink);
  const iterator = chunks[Symbol.asyncIterator]();
  // Collect up to the limit; a small, well-formed document never reaches the scanner.
  const buffered: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size <= WHOLE_PARSE_LIMIT) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    buffered.push(next.value);
    size += next.value.length;
  }
  if (ended && !sourceFailed()) {
    const whole = parseWhole(Buffer.concat(buffered, size));
    if (whole) {
      let index = 0;
      for (const [events, windowId] of whole.groups) {
        for (const value of events) {
          const [event, w] = unwrap(value, windowId);
          builder.add(event, w, index++);
        }
      }
      if (whole.id) builder.id = whole.id;
      return { kind: 'session', session: builder.build(file, whole.format) };
    }
  }
  for (const chunk of buffered) {
    scanner.push(chunk);
    if (scanner.stopped) break;
  }
  if (!ended && !scanner.stopped) {
    while (true) {
      const next = await iterator.next();
      if (next.done) break;
      scanner.push(next.value);
      if (scanner.stopped) break;
    }
  }
  const r = scanner.end();

  if (r.root === 'object' && r.eventArrays === 0) {
    const keys = new Set(r.rootKeys);
    if ((keys.has('type') && keys.has('timestamp')) || (keys.has('windowId') && keys.has('data'))) return { kind: 'lines' };
    if (!r.error) {
      const shown = r.rootKeys.slice(0, 6).map((k) => JSON.stringify(k)).join(', ');
      issues.add('file', 'byte 0', `unknown shape: a JSON object with keys ${shown || '(none)'}; ${ACCEPTED_FORMATS}`);
      return { kind: 'none' };
    }
  }
  if (r.root === 'other') {
    issues.add('file', 'byte 0', `unknown shape: the document is not an array or object; ${ACCEPTED_FORMATS}`);
    return { kind: 'none' };
  }
  reportScanProblems(r, issues, sourceFailed());
  if (r.root === 'object' && typeof r.sessionId === 'string' && r.sessionId !== '') builder.id = r.sessionId;
  const session = builder.build(file, r.root === 'array' ? 'rrweb-array' : 'posthog-export');
  return { kind: 'session', session };
}

function reportScanProblems(r: ScanResult, issues: FileIssues, sourceFailed: boolean): void {
  // A cut-off gzip explains any unterminated document; the caller reports that instead.
  if (r.error && !sourceFailed) issues.add('event', `byte ${r.error.byte}`, `${r.error.message}; rest of file skipped`);
  if (r.trailing !== undefined) issues.add('event', `byte ${r.trailing}`, 'content after the end of the JSON document ignored');
}

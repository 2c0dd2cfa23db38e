// One JSON document (rrweb event array or PostHog export) -> at most one session, via the streaming
// scanner. Decides the format from what the scanner found, not from the file name.
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
  for await (const chunk of chunks) {
    scanner.push(chunk);
    if (scanner.stopped) break;
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

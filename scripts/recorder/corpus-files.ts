// Writes recorded sessions in PostHog's export format (version 2023-04-28: snapshots carry their windowId), or
// for posthog-js recordings as the blob_v2 JSONL PostHog serves (FACTS.md 2.5) plus the SDK's other events,
// and the corpus' ground-truth.json beside them.
import { writeFileSync, mkdirSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RecordedSession } from './record-session';

export const GROUND_TRUTH_FILE = 'ground-truth.json';
/** Every non-$snapshot event of a posthog-js corpus, one PostHog event per line: not a recording. */
export const POSTHOG_EVENTS_FILE = 'posthog-events.ndjson.gz';

export function posthogExport(session: RecordedSession): object {
  return {
    version: '2023-04-28',
    data: {
      id: session.id,
      person: null,
      snapshots: session.events.map((e) => ({ windowId: e.windowId, type: e.type, data: e.data, timestamp: e.timestamp })),
    },
  };
}

/** Atomic write: a killed recorder never leaves a half-written file behind. */
export function writeAtomic(file: string, content: Buffer | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

export function sessionFileName(session: RecordedSession): string {
  return session.posthogEvents ? `${session.id}.jsonl.gz` : `${session.id}.json.gz`;
}

/** blob_v2: one `[windowId, event]` line per rrweb event, in timestamp order, payloads as posthog-js sent them. */
export function writePosthogSession(dir: string, session: RecordedSession): string {
  const file = path.join(dir, sessionFileName(session));
  const lines = session.events.map(({ windowId, ...event }) => JSON.stringify([windowId, event]));
  writeAtomic(file, gzipSync(lines.join('\n') + '\n', { level: 9 }));
  return file;
}

/** Events as PostHog stores them: `distinct_id` lifted out of the properties posthog-js puts it in. */
export function writePosthogEvents(dir: string, sessions: RecordedSession[]): string {
  const file = path.join(dir, POSTHOG_EVENTS_FILE);
  const lines = sessions.flatMap((s) =>
    (s.posthogEvents ?? []).map((e) => JSON.stringify({ uuid: e.uuid, event: e.event, timestamp: e.timestamp, distinct_id: e.properties.distinct_id, properties: e.properties })),
  );
  writeAtomic(file, gzipSync(lines.join('\n') + '\n', { level: 9 }));
  return file;
}

export function writeSession(dir: string, session: RecordedSession): string {
  const file = path.join(dir, sessionFileName(session));
  // mtime 0 in the gzip header keeps the output byte-identical across runs.
  writeAtomic(file, gzipSync(JSON.stringify(posthogExport(session)), { level: 9 }));
  return file;
}

export interface GroundTruthFile {
  version: 1;
  seed: number;
  goal: string;
  app: string;
  sessions: {
    id: string;
    file: string;
    persona: string;
    seed: number;
    start: number;
    end: number;
    viewport: { width: number; height: number };
    converted: boolean;
    pageErrors: number;
    dropOffRoute?: string;
    occurrences: RecordedSession['truth']['occurrences'];
  }[];
}

export function writeGroundTruth(dir: string, seed: number, sessions: RecordedSession[], app = 'examples/shop (friction variant)'): void {
  const truth: GroundTruthFile = {
    version: 1,
    seed,
    goal: '/checkout/confirmation',
    app,
    sessions: sessions.map((s) => ({
      id: s.id,
      file: sessionFileName(s),
      persona: s.persona,
      seed: s.seed,
      start: s.start,
      end: s.end,
      viewport: s.viewport,
      converted: s.truth.converted,
      pageErrors: s.pageErrors,
      dropOffRoute: s.truth.dropOffRoute,
      occurrences: s.truth.occurrences,
    })),
  };
  writeAtomic(path.join(dir, GROUND_TRUTH_FILE), JSON.stringify(truth, null, 1) + '\n');
}

// Entry point: paths in, sessions out, one file at a time so memory is bounded by the largest file's
// sessions. Never throws for bad input: every problem becomes a ReadIssue and reading goes on.
import { ByteSource } from './byte-source';
import { ACCEPTED_FORMATS, contentStart, detectLayout, headIsEnough } from './detect-format';
import { FileIssues } from './issues';
import { forEachLine, LineSessions } from './jsonl';
import { readDocument } from './read-document';
import { DEFAULT_MAX_EVENTS_PER_SESSION } from './session-builder';
import type { RawSession, ReadIssue, ReadOptions } from './types';
import { baseId, recordingFiles } from './walk-paths';

export async function* readSessions(paths: string[], opts: ReadOptions = {}): AsyncGenerator<RawSession> {
  const maxEvents = opts.maxEventsPerSession ?? DEFAULT_MAX_EVENTS_PER_SESSION;
  const report = (issue: ReadIssue): void => opts.onIssue?.(issue);
  for (const path of paths) {
    for await (const file of recordingFiles(path, report)) {
      opts.onFile?.(file);
      yield* await readRecordingFile(file, maxEvents, report);
    }
  }
}

/** A whole stream of sessions in memory, for corpora small enough to hold (training, evaluation, calibration). */
export async function collectSessions<T>(sessions: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const session of sessions) out.push(session);
  return out;
}

/** All sessions of one file; its issues are reported (aggregated) before the sessions are returned. */
export async function readRecordingFile(file: string, maxEvents: number, report: (issue: ReadIssue) => void): Promise<RawSession[]> {
  const issues = new FileIssues(file);
  try {
    let sessions = await readOnce(file, maxEvents, issues, false);
    if (sessions === 'lines') sessions = (await readOnce(file, maxEvents, issues, true)) as RawSession[];
    const usable = sessions.filter((s) => s.events.length > 0);
    for (const s of sessions) if (s.events.length === 0) issues.add('session', s.origin === file ? '' : s.origin, `session ${s.id} has no usable rrweb events`);
    return usable;
  } catch (err) {
    // Defensive: a bug or an exotic I/O error must cost one file, not the whole run.
    issues.add('file', '', `cannot read: ${(err as Error).message}`);
    return [];
  } finally {
    issues.flush(report);
  }
}

async function readOnce(file: string, maxEvents: number, issues: FileIssues, asLines: boolean): Promise<RawSession[] | 'lines'> {
  const source = new ByteSource(file);
  const chunks = source.chunks();
  try {
    const head = await readHead(chunks);
    const rest = withHead(head.buf, chunks);
    const layout = asLines ? 'lines' : detectLayout(head.buf, head.ended);
    let sessions: RawSession[] = [];
    if (layout === 'empty') {
      issues.add('file', 'byte 0', source.problem?.message ?? 'empty file');
      return [];
    }
    if (layout === 'unknown') {
      const at = contentStart(head.buf);
      const snippet = JSON.stringify(head.buf.toString('utf8', at, at + 24));
      issues.add('file', `byte ${at}`, `unknown shape: starts with ${snippet}; ${ACCEPTED_FORMATS}`);
      return [];
    }
    if (layout === 'lines') {
      const lines = new LineSessions(file, baseId(file), maxEvents, issues);
      await forEachLine(rest, (text, line) => lines.add(text, line), () => source.problem !== undefined);
      if (lines.recognised === 0) {
        lines.discardBadLines();
        issues.add('file', 'line 1', `unknown shape: no line holds an rrweb event; ${ACCEPTED_FORMATS}`);
      } else {
        sessions = lines.finish();
      }
    } else {
      const outcome = await readDocument(file, baseId(file), rest, maxEvents, issues, () => source.problem !== undefined);
      if (outcome.kind === 'lines') return 'lines';
      if (outcome.kind === 'session') sessions = [outcome.session];
    }
    if (source.problem) {
      issues.add(layout === 'lines' ? 'line' : 'event', `byte ${source.problem.byte}`, `${source.problem.message}; everything before it was kept`);
    }
    return sessions;
  } finally {
    await chunks.return(undefined);
  }
}

/** Pulls chunks until the format can be decided (see headIsEnough) or the input ends. */
async function readHead(chunks: AsyncGenerator<Buffer>): Promise<{ buf: Buffer; ended: boolean }> {
  let buf: Buffer = Buffer.alloc(0);
  while (true) {
    const next = await chunks.next();
    if (next.done) return { buf, ended: true };
    buf = buf.length === 0 ? next.value : Buffer.concat([buf, next.value]);
    if (headIsEnough(buf)) return { buf, ended: false };
  }
}

async function* withHead(head: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  while (true) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

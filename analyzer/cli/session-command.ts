// `friction session <id> <recordings...>`: one session as JSON (rrweb events, pages, signals, outcome) for the
// replay webview, which runs this in a child process.
import { existsSync } from 'node:fs';
import { loadSessionDetail } from '../pipeline/session-detail';
import type { SignalContext } from '../report/session-detail-types';
import { formatIssue } from '../sources/files/issues';
import { InputError, UsageError } from './errors';
import { ProgressLine } from './progress';
import { parseList } from './report-output';

export interface SessionCommandOptions {
  goal?: string;
  routes?: string;
  context?: string;
  quiet?: boolean;
}

const CONTEXTS: readonly SignalContext[] = ['corpus', 'session'];

export async function runSession(sessionId: string, recordings: string[], options: SessionCommandOptions): Promise<string> {
  if (!sessionId.trim()) throw new UsageError('no session id given');
  if (recordings.length === 0) throw new UsageError('no recordings given: pass the files or directories the session is in');
  for (const p of recordings) if (!existsSync(p)) throw new InputError(`cannot read ${p}: no such file or directory`);
  const context = (options.context ?? 'corpus') as SignalContext;
  if (!CONTEXTS.includes(context)) throw new UsageError(`--context must be one of ${CONTEXTS.join(', ')} (got "${options.context}")`);
  const progress = new ProgressLine();
  const detail = await loadSessionDetail(recordings, sessionId, {
    goal: options.goal,
    routes: parseList(options.routes),
    context,
    onProgress: (p) => !options.quiet && progress.update(`reading: ${p.sessions} sessions`),
    onIssue: (issue) => !options.quiet && process.stderr.write(`warning: ${formatIssue(issue)}\n`),
  });
  progress.done();
  return JSON.stringify(detail);
}

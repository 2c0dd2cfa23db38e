// One session, ready to replay: its rrweb events, pages, signals (linked to report hotspots) and outcome. With
// the corpus context the signals come from the same Analysis that `friction analyze` runs, so they are the
// analysis' own; only the requested session's events are kept in memory.
import { readSessions } from '../sources/files';
import type { RawSession, ReadIssue } from '../sources/files/types';
import { baseId, recordingFiles } from '../sources/files/walk-paths';
import { buildSession, parseGoal } from '../replay';
import type { Goal, Session } from '../replay/types';
import { detectSignals } from '../signals';
import type { Signal } from '../signals/types';
import { hotspotId } from '../hotspots';
import { toReportElement } from '../report/build-report';
import { SESSION_DETAIL_VERSION, type SessionDetail, type SignalContext } from '../report/session-detail-types';
import { learnRouteFolder } from '../replay/route-folding';
import { Analysis } from './analyze';

export interface SessionDetailOptions {
  /** Conversion goal as the user wrote it (see parseGoal); the report's own goal, so outcomes and drop-off agree. */
  goal?: string;
  /** Route templates, as given to the analysis. */
  routes?: string[];
  /** Default 'corpus' (see SignalContext). */
  context?: SignalContext;
  onProgress?(progress: { sessions: number }): void;
  onIssue?(issue: ReadIssue): void;
}

/** How many ids a not-found error quotes as examples of what the recordings hold. */
const EXAMPLE_IDS = 3;

export class SessionNotFoundError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly sessionId: string,
    readonly paths: string[],
    readonly sessionsRead: number,
    examples: string[],
  ) {
    const seen = sessionsRead === 0 ? 'no readable sessions there' : `${sessionsRead} sessions read, e.g. ${examples.join(', ')}`;
    super(`session "${sessionId}" not found in ${paths.join(', ')} (${seen})`);
  }
}

/** Recording files named after the session (PostHog's cache holds `<sessionId>.jsonl.gz`): listing names is cheap. */
async function filesNamed(paths: string[], sessionId: string): Promise<string[]> {
  const named: string[] = [];
  for (const path of paths) {
    for await (const file of recordingFiles(path, () => {})) if (baseId(file) === sessionId) named.push(file);
  }
  return named;
}

interface Scan {
  found?: { raw: RawSession; session: Session };
  read: number;
  examples: string[];
}

/**
 * Reads `paths` for the session. With an analysis, every session goes through it (the corpus context needs them
 * all); without, reading stops at the session.
 */
async function scan(paths: string[], sessionId: string, goal: Goal | undefined, analysis: Analysis | undefined, options: SessionDetailOptions): Promise<Scan> {
  const result: Scan = { read: 0, examples: [] };
  for await (const raw of readSessions(paths, { onIssue: options.onIssue })) {
    result.read++;
    if (result.examples.length < EXAMPLE_IDS) result.examples.push(raw.id);
    options.onProgress?.({ sessions: result.read });
    const isTarget = !result.found && raw.id === sessionId;
    const session = analysis ? analysis.addRaw(raw) : isTarget ? buildSession(raw, goal) : undefined;
    if (isTarget && session) result.found = { raw, session };
    if (result.found && !analysis) break;
  }
  return result;
}

export async function loadSessionDetail(paths: string[], sessionId: string, options: SessionDetailOptions = {}): Promise<SessionDetail> {
  const context = options.context ?? 'corpus';
  const goal = options.goal ? parseGoal(options.goal) : undefined;
  const analysis = new Analysis({ goal, goalText: options.goal, routes: options.routes });
  let result: Scan | undefined;
  if (context === 'session') {
    // Alone, the session need not be searched for: its own file first, every file only if it is not in it.
    const named = await filesNamed(paths, sessionId);
    if (named.length > 0) result = await scan(named, sessionId, goal, undefined, options);
    if (!result?.found) result = await scan(paths, sessionId, goal, undefined, options);
  } else {
    result = await scan(paths, sessionId, goal, analysis, options);
  }
  if (!result.found) throw new SessionNotFoundError(sessionId, paths, result.read, result.examples);
  const { raw, session } = result.found;
  if (context === 'session') {
    // Explicit route templates still apply; slugs are learned from many sessions, so they stay unfolded here.
    const fold = learnRouteFolder(session.pages.map((p) => p.route), options.routes);
    const signals = detectSignals(session, analysis.detectOptions()).map((s) => ({ ...s, page: fold(s.page) }));
    return toDetail(raw, session, signals, session.pages.map((p) => fold(p.route)), context, options.goal);
  }
  const analysed = await analysis.finish();
  const signals = analysed.signals.filter((s) => s.sessionId === sessionId);
  // finish() folds every summary's routes with the learned route templates, in page order.
  const routes = analysed.sessions.find((s) => s.id === sessionId)?.routes ?? session.pages.map((p) => p.route);
  return toDetail(raw, session, signals, routes, context, options.goal);
}

function toDetail(raw: RawSession, session: Session, signals: Signal[], routes: string[], context: SignalContext, goal: string | undefined): SessionDetail {
  return {
    version: SESSION_DETAIL_VERSION,
    id: session.id,
    origin: session.origin,
    goal,
    context,
    start: session.start,
    end: session.end,
    windows: [...new Set(raw.events.map((e) => e.windowId))],
    events: raw.events,
    pages: session.pages.map((p, i) => ({ route: routes[i] ?? p.route, path: p.path, windowId: p.windowId, start: p.start, end: p.end, navigation: p.navigation })),
    signals: signals
      .map((s) => ({
        kind: s.kind,
        timestamp: s.timestamp,
        page: s.page,
        hotspotId: hotspotId(s.kind, s.page, s.element?.fingerprint),
        element: s.element ? toReportElement(s.element) : undefined,
        details: s.details,
      }))
      .sort((a, b) => a.timestamp - b.timestamp),
    errors: session.errors.map((e) => ({ timestamp: e.timestamp, message: e.message, origin: e.origin, windowId: e.windowId })),
    outcome: session.outcome,
  };
}

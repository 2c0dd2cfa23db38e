// The one message protocol between the extension host (extension/replay-panel.ts) and the replay webview
// (webview/main.ts): discriminated unions on `type`, and guards each side runs on what it receives, since
// postMessage carries untyped data.
import type { SessionDetail } from '../analyzer/report/session-detail-types';
import type { SignalKind } from '../analyzer/signals/types';

/** Where a replayable recording comes from: a real session of the analysed recordings, or a synthetic run. */
export type RecordingSource = 'session' | 'run';

export interface SessionOutcomeSummary {
  converted: boolean;
  /** Last page of a session that did not convert. */
  lastPath?: string;
}

export interface SessionListItem {
  sessionId: string;
  /** When the group's friction happened in this session (epoch ms): where the replay starts. */
  timestamp: number;
  /** Known once the session was replayed, or implied by the report (drop-off examples never converted). */
  outcome?: SessionOutcomeSummary;
}

/** One report hotspot and the sessions it cites as examples. */
export interface SessionGroup {
  hotspotId: string;
  kind: SignalKind;
  page: string;
  /** Element text or selector; empty for page-level hotspots. */
  element: string;
  sessions: number;
  score: number;
  /** "PayButton.tsx:4" when the hotspot is mapped onto source. */
  source?: string;
  items: SessionListItem[];
}

/** A synthetic run (`.friction/runs/<run>.json`), listed when present. */
export interface RunListItem {
  runId: string;
  label: string;
  /** Workspace-relative path of the run file, for display. */
  file: string;
  /** Date and success rate, or why the file is unreadable. */
  description?: string;
}

/** One route of the conversion funnel across the analysed sessions. */
export interface FunnelStep {
  route: string;
  /** Sessions that visited the route. */
  sessions: number;
  /** Sessions whose last page it was without converting. */
  dropOffs: number;
  /** The last step: sessions that reached the goal (`route` is then the goal pattern). */
  goal?: boolean;
}

/** Beside a synthetic run: its flow's funnel over the simulation's runs and the run's screenshots (webview URIs). */
export interface RunExtras {
  flow: string;
  funnel: FunnelStep[];
  screenshots: { label: string; uri: string }[];
}

/** Where a marker's friction is rendered in the sources (relative to the analysis' source root). */
export interface SourceLink {
  file: string;
  line: number;
  column: number;
  component?: string;
  confidence: number;
}

export type HostMessage =
  | {
      type: 'sessions';
      groups: SessionGroup[];
      runs: RunListItem[];
      funnel: FunnelStep[];
      goal?: string;
      totalSessions: number;
      /** Why the list is empty (no analysis yet), shown instead of it. */
      notice?: string;
    }
  | { type: 'loading'; source: RecordingSource; sessionId: string; message: string }
  | {
      type: 'session';
      source: RecordingSource;
      detail: SessionDetail;
      /** Source locations of the detail's signals, by hotspot id (only those the report maps). */
      sources: Record<string, SourceLink>;
      /** Where to start (epoch ms); absent: at the beginning. */
      startAt?: number;
      /** Play at once, from a little before `startAt` (a friction moment); otherwise show `startAt`, paused. */
      autoplay?: boolean;
      /** Synthetic runs only. */
      run?: RunExtras;
    }
  | { type: 'seek'; sessionId: string; timestamp: number }
  | { type: 'error'; message: string; sessionId?: string };

/** What the webview remembers across hide/show (acquireVsCodeApi().setState) and offers the host on `ready`. */
export interface ViewRestore {
  source: RecordingSource;
  sessionId: string;
  /** Epoch ms the replay was at. */
  timestamp?: number;
}

export type ViewMessage =
  | { type: 'ready'; restore?: ViewRestore }
  | { type: 'openSession'; source: RecordingSource; sessionId: string; timestamp?: number }
  | { type: 'jumpToSource'; hotspotId: string }
  | { type: 'reportError'; message: string };

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === 'string';
const isNonEmptyString: Check = (v) => typeof v === 'string' && v.trim().length > 0;
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const isSource: Check = (v) => v === 'session' || v === 'run';

/** An object with exactly these fields (optional ones may be absent) besides `type`: no unknown keys slip through. */
function shape(fields: Record<string, Check>): Check {
  return (v) => isObject(v) && Object.keys(v).every((k) => k === 'type' || k in fields) && Object.entries(fields).every(([k, check]) => check(v[k]));
}

/** Checks nested records loosely (extra fields allowed) so additive changes to the contracts stay compatible. */
function fields(required: Record<string, Check>): Check {
  return (v) => isObject(v) && Object.entries(required).every(([k, check]) => check(v[k]));
}

const isOutcome = fields({ converted: isBoolean, lastPath: optional(isString) });
const isListItem = fields({ sessionId: isNonEmptyString, timestamp: isNumber, outcome: optional(isOutcome) });
const isGroup = fields({ hotspotId: isNonEmptyString, kind: isString, page: isString, element: isString, sessions: isNumber, score: isNumber, source: optional(isString), items: arrayOf(isListItem) });
const isRun = fields({ runId: isNonEmptyString, label: isString, file: isString, description: optional(isString) });
const isFunnelStep = fields({ route: isString, sessions: isNumber, dropOffs: isNumber, goal: optional(isBoolean) });
const isSourceLink = fields({ file: isNonEmptyString, line: isNumber, column: isNumber, confidence: isNumber });
const isEvent = fields({ type: isNumber, timestamp: isNumber });
const isDetail = fields({
  id: isNonEmptyString,
  start: isNumber,
  end: isNumber,
  windows: arrayOf(isString),
  events: arrayOf(isEvent),
  pages: arrayOf(fields({ route: isString, start: isNumber, end: isNumber })),
  signals: arrayOf(fields({ kind: isString, timestamp: isNumber, page: isString, hotspotId: isString })),
  errors: arrayOf(fields({ timestamp: isNumber, message: isString })),
  outcome: isOutcome,
});
const isSources: Check = (v) => isObject(v) && Object.values(v).every(isSourceLink);
const isRunExtras = fields({ flow: isString, funnel: arrayOf(isFunnelStep), screenshots: arrayOf(fields({ label: isString, uri: isNonEmptyString })) });

const HOST_MESSAGES: Record<HostMessage['type'], Check> = {
  sessions: shape({ groups: arrayOf(isGroup), runs: arrayOf(isRun), funnel: arrayOf(isFunnelStep), goal: optional(isString), totalSessions: isNumber, notice: optional(isString) }),
  loading: shape({ source: isSource, sessionId: isNonEmptyString, message: isString }),
  session: shape({ source: isSource, detail: isDetail, sources: isSources, startAt: optional(isNumber), autoplay: optional(isBoolean), run: optional(isRunExtras) }),
  seek: shape({ sessionId: isNonEmptyString, timestamp: isNumber }),
  error: shape({ message: isString, sessionId: optional(isString) }),
};

const VIEW_MESSAGES: Record<ViewMessage['type'], Check> = {
  ready: shape({ restore: optional(fields({ source: isSource, sessionId: isNonEmptyString, timestamp: optional(isNumber) })) }),
  openSession: shape({ source: isSource, sessionId: isNonEmptyString, timestamp: optional(isNumber) }),
  jumpToSource: shape({ hotspotId: isNonEmptyString }),
  reportError: shape({ message: isString }),
};

function hasType<T extends string>(table: Record<T, Check>, value: unknown): value is { type: T } {
  return isObject(value) && typeof value.type === 'string' && Object.prototype.hasOwnProperty.call(table, value.type);
}

/** A message the webview may act on (the view runs this on everything the host posts). */
export function isHostMessage(value: unknown): value is HostMessage {
  return hasType(HOST_MESSAGES, value) && HOST_MESSAGES[value.type](value);
}

/** A message the host may act on (the host runs this on everything the webview posts). */
export function isViewMessage(value: unknown): value is ViewMessage {
  return hasType(VIEW_MESSAGES, value) && VIEW_MESSAGES[value.type](value);
}

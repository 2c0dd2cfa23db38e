// The SessionDetail contract: one session as the replay webview shows it (rrweb events to play, pages as funnel
// steps, signals as timeline markers linked to report hotspots, outcome). Printed by `friction session`.
import type { RawEvent } from '../sources/files/types';
import type { PageVisit, SessionError, SessionOutcome } from '../replay/types';
import type { SignalKind } from '../signals/types';
import type { ReportElement } from './types';

export const SESSION_DETAIL_VERSION = 1;

/**
 * How the signals were computed.
 * - `corpus`: exactly as `friction analyze` on the same recordings: relative detectors (hesitation, excessive
 *   scrolling) refined against every session's baseline and routes folded with every session's routes, so each
 *   signal's `hotspotId` names a hotspot of the report. Costs one replay pass over the recordings.
 * - `session`: this session alone: detector candidates before the corpus baseline, slugs left unfolded. Fast;
 *   a few hesitation / excessive-scroll markers may be ones the analysis drops.
 */
export type SignalContext = 'corpus' | 'session';

export interface SessionDetailPage {
  /** Route as the analysis groups it, e.g. "/product/:id". */
  route: string;
  /** URL path without query or hash. */
  path: string;
  windowId: string;
  start: number;
  end: number;
  navigation: PageVisit['navigation'];
}

export interface SessionDetailSignal {
  kind: SignalKind;
  timestamp: number;
  /** Route the signal belongs to. */
  page: string;
  /** The report hotspot this signal is aggregated into (kind:route:fingerprint), for jump-to-source. */
  hotspotId: string;
  element?: ReportElement;
  details: Record<string, number | string | boolean>;
}

export interface SessionDetail {
  version: typeof SESSION_DETAIL_VERSION;
  id: string;
  /** File the session was read from ('#n' appended when the file holds several). */
  origin: string;
  goal?: string;
  context: SignalContext;
  start: number;
  end: number;
  /** Browser windows (tabs) in the recording, in order of first event; rrweb replays one at a time. */
  windows: string[];
  /** The rrweb events as recorded (already scrubbed by the sources), sorted by timestamp. */
  events: RawEvent[];
  pages: SessionDetailPage[];
  signals: SessionDetailSignal[];
  errors: Pick<SessionError, 'timestamp' | 'message' | 'origin' | 'windowId'>[];
  outcome: SessionOutcome;
}

// Hotspots: signals aggregated by page + element across sessions.
import type { ElementDescriptor } from '../replay/types';
import type { SignalKind } from '../signals/types';
import type { SourceLocation } from '../mapping/types';

export interface Hotspot {
  /** Stable id: kind + page + element fingerprint. */
  id: string;
  kind: SignalKind;
  page: string;
  element?: ElementDescriptor;
  /** Distinct sessions with this signal. */
  sessions: number;
  occurrences: number;
  /** sessions / sessions that visited the page. */
  share: number;
  pageSessions: number;
  /** Conversion rate of sessions with this signal vs page visitors without it. */
  conversionAffected: number;
  conversionUnaffected: number;
  /** Ranking score: higher first. See hotspots/score.ts for the formula. */
  score: number;
  /** A few session ids and timestamps that show the friction, for replay links. */
  examples: { sessionId: string; timestamp: number }[];
  source: SourceLocation[];
}

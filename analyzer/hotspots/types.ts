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
  /** Estimated conversions lost to this friction (hotspots/impact.ts); absent when no outcome model ran. */
  impact?: HotspotImpact;
  /** Ranking score: higher first. Lost conversions + a reach term (hotspots/impact.ts, interim: score.ts). */
  score: number;
  /** A few session ids and timestamps that show the friction, for replay links. */
  examples: { sessionId: string; timestamp: number }[];
  source: SourceLocation[];
  /** Where the affected sessions went next (hotspots/next-pages.ts), most sessions first. */
  nextPages?: { page: string; sessions: number }[];
}

export interface HotspotImpact {
  /** Σ over affected sessions of P(convert | without this friction) − P(convert | with it). May be negative. */
  lostConversions: number;
  /** Mean modelled P(convert) of the affected sessions as they were, and with this friction removed. */
  conversionWith: number;
  conversionWithout: number;
  /** Model version that produced the figures, or 'observed' for drop-off (counted, not modelled). */
  model: string;
}

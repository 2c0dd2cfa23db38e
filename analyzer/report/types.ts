// The versioned AnalysisReport contract read by the CLI, the extension, the webview and CI.
// Bump REPORT_VERSION on any breaking change; additive fields keep the version.
import type { SignalKind } from '../signals/types';

export const REPORT_VERSION = 1;

export interface ReportElement {
  selector: string;
  tag: string;
  id?: string;
  text?: string;
  fingerprint: string;
  /** Identifying attributes as recorded: class, data-*, name, type, role, aria-*, href. */
  attributes: Record<string, string>;
}

export interface ReportSourceLocation {
  /** Relative to --src, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  confidence: number;
  component?: string;
  evidence: string[];
}

export interface ReportHotspot {
  id: string;
  kind: SignalKind;
  page: string;
  element?: ReportElement;
  sessions: number;
  occurrences: number;
  share: number;
  pageSessions: number;
  conversionAffected: number;
  conversionUnaffected: number;
  /** Estimated conversions lost to this friction, from the session-outcome model (absent without a model). */
  impact?: {
    /** Σ over affected sessions of P(convert without it) − P(convert with it); may be negative. */
    lostConversions: number;
    /** Mean modelled conversion of the affected sessions with and without this friction. */
    conversionWith: number;
    conversionWithout: number;
    /** Model version, or 'observed' for drop-off (counted, not modelled). */
    model: string;
  };
  /** Rank key: lost conversions (never below 0) + 0.05 per affected session. */
  score: number;
  examples: { sessionId: string; timestamp: number }[];
  source: ReportSourceLocation[];
  /** Pages the affected sessions went to next after the friction (another page than this one), most sessions first. */
  nextPages?: { page: string; sessions: number }[];
}

export interface ReportSkipped {
  file: string;
  position: string;
  message: string;
  /** What was dropped: a whole file, a session, events or lines. */
  skipped: 'file' | 'session' | 'event' | 'line';
  count: number;
}

export interface AnalysisReport {
  version: typeof REPORT_VERSION;
  generatedAt: string;
  sessions: number;
  converted: number;
  goal?: string;
  src?: string;
  /** Session-outcome model version that ranked the hotspots (absent: observed conversion gaps ranked them). */
  model?: string;
  events: number;
  skipped: ReportSkipped[];
  signals: Record<SignalKind, number>;
  hotspots: ReportHotspot[];
}

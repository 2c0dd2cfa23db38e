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
  score: number;
  examples: { sessionId: string; timestamp: number }[];
  source: ReportSourceLocation[];
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
  events: number;
  skipped: ReportSkipped[];
  signals: Record<SignalKind, number>;
  hotspots: ReportHotspot[];
}

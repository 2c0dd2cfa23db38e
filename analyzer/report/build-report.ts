// Hotspots and run facts -> the versioned AnalysisReport (plain JSON, stable field order).
import type { Hotspot } from '../hotspots/types';
import type { SessionSummary } from '../hotspots';
import type { ReadIssue } from '../sources/files/types';
import type { SignalKind } from '../signals/types';
import { REPORT_VERSION, type AnalysisReport, type ReportElement } from './types';
import type { ElementDescriptor } from '../replay/types';

export function toReportElement(el: ElementDescriptor): ReportElement {
  return { selector: el.selector, tag: el.tag, id: el.id, text: el.text, fingerprint: el.fingerprint, attributes: el.attributes };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

export function toReport(input: {
  hotspots: Hotspot[];
  sessions: SessionSummary[];
  events: number;
  skipped: ReadIssue[];
  signalCounts: Record<SignalKind, number>;
  goal?: string;
  src?: string;
  model?: string;
  now?: Date;
}): AnalysisReport {
  return {
    version: REPORT_VERSION,
    generatedAt: (input.now ?? new Date()).toISOString(),
    sessions: input.sessions.length,
    converted: input.sessions.filter((s) => s.converted).length,
    goal: input.goal,
    src: input.src,
    model: input.model,
    events: input.events,
    skipped: input.skipped.map((i) => ({ file: i.file, position: i.position, message: i.message, skipped: i.skipped, count: i.count })),
    signals: input.signalCounts,
    hotspots: input.hotspots.map((h) => ({
      id: h.id,
      kind: h.kind,
      page: h.page,
      element: h.element ? toReportElement(h.element) : undefined,
      sessions: h.sessions,
      occurrences: h.occurrences,
      share: round(h.share),
      pageSessions: h.pageSessions,
      conversionAffected: round(h.conversionAffected),
      conversionUnaffected: round(h.conversionUnaffected),
      impact: h.impact,
      score: h.score,
      examples: h.examples,
      source: h.source.map((s) => ({ file: s.file, line: s.line, column: s.column, confidence: round(s.confidence), component: s.component, evidence: s.evidence })),
      nextPages: h.nextPages,
    })),
  };
}

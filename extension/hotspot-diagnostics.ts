// Hotspot annotations -> plain diagnostic records (no vscode import, so it is unit-testable): the extension turns
// them into vscode.Diagnostic objects for the Problems panel, keyed to the hotspot kind for quick fixes.
import type { AnalysisReport, ReportHotspot } from '../analyzer/report/types';
import { annotationsFromReport, kindLabel, severityOf, withoutText, type HotspotAnnotation, type Severity } from './annotations';

export type DiagnosticLevel = 'error' | 'warning' | 'information';

export interface HotspotDiagnostic {
  /** Absolute path of the source file. */
  file: string;
  /** 0-based, as VS Code ranges are. */
  line: number;
  column: number;
  level: DiagnosticLevel;
  /** The hotspot kind, shown as the diagnostic code. */
  code: string;
  message: string;
  hotspotId: string;
}

const LEVEL: Record<Severity, DiagnosticLevel> = { high: 'error', medium: 'warning', low: 'information' };

/** The Problems-panel level of a hotspot's severity (see severityOf: reach and cost). */
export function levelOf(h: Pick<ReportHotspot, 'share' | 'impact'>, conversions?: number): DiagnosticLevel {
  return LEVEL[severityOf(h, conversions)];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function hotspotMessage(h: ReportHotspot): string {
  return (
    `${kindLabel(h.kind)} on ${h.page}: ${h.sessions} of ${h.pageSessions} sessions (${pct(h.share)}); ` +
    `conversion ${pct(h.conversionAffected)} with vs ${withoutText(h)}. ` +
    `Mapped with ${pct(h.source[0]?.confidence ?? 0)} confidence.`
  );
}

export const DRIFTED_NOTE = 'Code changed since the data was recorded: the element is no longer found in this file.';

/**
 * One annotation as a diagnostic at its current 1-based position. A drifted one is only information: the line
 * it sits on is not the element's.
 */
export function diagnosticFor(a: HotspotAnnotation, at: { line: number; column: number; drifted?: boolean }): HotspotDiagnostic {
  return {
    file: a.file,
    line: at.line - 1,
    column: at.column - 1,
    level: at.drifted ? 'information' : LEVEL[a.severity],
    code: a.hotspot.kind,
    message: at.drifted ? `${DRIFTED_NOTE} ${hotspotMessage(a.hotspot)}` : hotspotMessage(a.hotspot),
    hotspotId: a.hotspot.id,
  };
}

/** Diagnostics for element hotspots mapped with at least `minConfidence`, at their recorded source location. */
export function diagnosticsFromReport(report: AnalysisReport, srcRoot: string, minConfidence = 0.5): HotspotDiagnostic[] {
  return annotationsFromReport(report, srcRoot, { minShare: 0, minConfidence }).map((a) => diagnosticFor(a, a));
}

// Report hotspots -> plain diagnostic records per source file (no vscode import, so it is unit-testable):
// the extension turns them into vscode.Diagnostic objects for the Problems panel.
import * as path from 'node:path';
import type { AnalysisReport, ReportHotspot } from '../analyzer/report/types';

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

const KIND_TEXT: Record<ReportHotspot['kind'], string> = {
  rage_click: 'Rage clicks',
  dead_click: 'Dead clicks',
  error_click: 'Error clicks',
  thrashed_cursor: 'Thrashed cursor',
  hesitation: 'Hesitation',
  form_abandonment: 'Form abandonment',
  quick_back: 'Quick backs',
  excessive_scroll: 'Excessive scrolling',
  drop_off: 'Funnel drop-off',
};

/** Severity from reach: a fifth of a page's sessions is an error, a twentieth a warning. */
export function levelOf(h: Pick<ReportHotspot, 'share'>): DiagnosticLevel {
  if (h.share >= 0.2) return 'error';
  if (h.share >= 0.05) return 'warning';
  return 'information';
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function hotspotMessage(h: ReportHotspot): string {
  return (
    `${KIND_TEXT[h.kind]} on ${h.page}: ${h.sessions} of ${h.pageSessions} sessions (${pct(h.share)}); ` +
    `conversion ${pct(h.conversionAffected)} with vs ${pct(h.conversionUnaffected)} without. ` +
    `Mapped with ${pct(h.source[0]?.confidence ?? 0)} confidence.`
  );
}

/** Diagnostics for hotspots mapped with at least `minConfidence`, at their best source location. */
export function diagnosticsFromReport(report: AnalysisReport, srcRoot: string, minConfidence = 0.5): HotspotDiagnostic[] {
  return report.hotspots
    .filter((h) => h.element && h.source[0] && h.source[0].confidence >= minConfidence)
    .map((h) => ({
      file: path.resolve(srcRoot, h.source[0].file),
      line: h.source[0].line - 1,
      column: h.source[0].column - 1,
      level: levelOf(h),
      code: h.kind,
      message: hotspotMessage(h),
      hotspotId: h.id,
    }));
}

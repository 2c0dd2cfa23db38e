// AnalysisReport -> SARIF 2.1.0, so GitHub code scanning shows hotspots on the same file:line.
import * as path from 'node:path';
import type { AnalysisReport, ReportHotspot } from './types';
import type { SignalKind } from '../signals/types';

const RULE_TEXT: Record<SignalKind, string> = {
  rage_click: 'Users click this element repeatedly in quick succession (rage clicks).',
  dead_click: 'Users click this element and nothing visibly happens (dead clicks).',
  error_click: 'Clicking this element is followed by a JavaScript error (error clicks).',
  thrashed_cursor: 'Users move the cursor back and forth erratically on this page (thrashed cursor).',
  hesitation: 'Users pause much longer than usual before acting on this element (hesitation).',
  form_abandonment: 'Users start this form but never submit it (form abandonment).',
  quick_back: 'Users follow this link and come straight back (quick back).',
  excessive_scroll: 'Users scroll up and down far more than usual on this page (excessive scrolling).',
  drop_off: 'Sessions that do not convert end on this page (funnel drop-off).',
};

function level(h: ReportHotspot): 'error' | 'warning' | 'note' {
  if (h.share >= 0.2 || h.score >= 5) return 'error';
  if (h.share >= 0.05) return 'warning';
  return 'note';
}

function message(h: ReportHotspot): string {
  const what = h.element ? `${h.element.tag}${h.element.text ? ` "${h.element.text.slice(0, 60)}"` : ''} (${h.element.selector})` : 'this page';
  return (
    `${RULE_TEXT[h.kind]} ${what} on ${h.page}: ${h.sessions} of ${h.pageSessions} sessions ` +
    `(${(h.share * 100).toFixed(1)}%), conversion ${(h.conversionAffected * 100).toFixed(1)}% affected vs ` +
    `${(h.conversionUnaffected * 100).toFixed(1)}% unaffected.`
  );
}

/** `cwd` makes artifact URIs relative to the repository root, which is what code scanning expects. */
export function toSarif(report: AnalysisReport, cwd = process.cwd()): object {
  const srcRoot = report.src ? path.relative(cwd, path.resolve(cwd, report.src)) : '';
  const results = report.hotspots
    .filter((h) => h.source.length > 0)
    .map((h) => ({
      ruleId: h.kind,
      level: level(h),
      message: { text: message(h) },
      locations: h.source.slice(0, 1).map((s) => ({
        physicalLocation: {
          artifactLocation: { uri: path.posix.join(srcRoot.split(path.sep).join('/'), s.file) },
          region: { startLine: s.line, startColumn: s.column },
        },
      })),
      partialFingerprints: { frictionHotspot: h.id },
      properties: { sessions: h.sessions, share: h.share, score: h.score, confidence: h.source[0].confidence },
    }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Friction Lens',
            informationUri: 'https://github.com/friction-lens/friction-lens',
            rules: (Object.keys(RULE_TEXT) as SignalKind[]).map((kind) => ({ id: kind, shortDescription: { text: RULE_TEXT[kind] } })),
          },
        },
        results,
      },
    ],
  };
}

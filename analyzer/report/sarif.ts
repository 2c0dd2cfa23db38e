// AnalysisReport -> SARIF 2.1.0, so GitHub code scanning shows hotspots on the same file:line. The log and result
// shapes are built here once; the gate's failing checks (simulate/gate-reports.ts) are written with them too.
import * as path from 'node:path';
import type { AnalysisReport, ReportHotspot } from './types';
import type { SignalKind } from '../signals/types';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/friction-lens/friction-lens';

export type SarifLevel = 'error' | 'warning' | 'note';

/** What one SARIF result says; `location` is an artifact URI relative to the repository root, 1-based. */
export interface SarifResultInput {
  ruleId: string;
  level: SarifLevel;
  message: string;
  location?: { uri: string; line: number; column?: number };
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

export function sarifResult(input: SarifResultInput): object {
  const at = input.location;
  return {
    ruleId: input.ruleId,
    level: input.level,
    message: { text: input.message },
    locations: at
      ? [{ physicalLocation: { artifactLocation: { uri: at.uri }, region: at.column === undefined ? { startLine: at.line } : { startLine: at.line, startColumn: at.column } } }]
      : [],
    partialFingerprints: input.partialFingerprints,
    properties: input.properties,
  };
}

/** A SARIF log of one run of the tool `name`, whose rules are rule id -> short description. */
export function sarifLog(name: string, rules: Record<string, string>, results: object[]): object {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name,
            informationUri: INFORMATION_URI,
            rules: Object.entries(rules).map(([id, text]) => ({ id, shortDescription: { text } })),
          },
        },
        results,
      },
    ],
  };
}

/** A file as code scanning names it: relative to `cwd` (the repository root in CI), forward slashes. */
export function artifactUri(file: string, cwd: string): string {
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return relative.split(path.sep).join('/');
}

/** `file` under the source root `src` (relative to it), as an artifact URI. */
export function sourceUri(src: string | undefined, file: string, cwd: string): string {
  return path.posix.join(src ? artifactUri(path.resolve(cwd, src), cwd) : '', file);
}

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

function level(h: ReportHotspot): SarifLevel {
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
  const results = report.hotspots
    .filter((h) => h.source.length > 0)
    .map((h) =>
      sarifResult({
        ruleId: h.kind,
        level: level(h),
        message: message(h),
        location: { uri: sourceUri(report.src, h.source[0].file, cwd), line: h.source[0].line, column: h.source[0].column },
        partialFingerprints: { frictionHotspot: h.id },
        properties: { sessions: h.sessions, share: h.share, score: h.score, confidence: h.source[0].confidence },
      }),
    );
  return sarifLog('Friction Lens', RULE_TEXT, results);
}

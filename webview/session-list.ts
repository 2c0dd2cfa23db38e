// Report -> what the replay view lists: one group per hotspot with its example sessions, and the conversion
// funnel over the analysed sessions. Pure (no vscode, no DOM): the host computes it, tests read it.
import type { AnalysisReport, ReportHotspot } from '../analyzer/report/types';
import type { FunnelStep, SessionGroup, SessionListItem, SessionOutcomeSummary } from './protocol';

function elementLabel(hotspot: ReportHotspot): string {
  const element = hotspot.element;
  if (!element) return '';
  return element.text?.trim() || element.attributes['aria-label'] || element.selector;
}

function sourceLabel(hotspot: ReportHotspot): string | undefined {
  const best = hotspot.source[0];
  return best ? `${best.file}:${best.line}` : undefined;
}

/**
 * What the report alone says about a session's outcome: drop-off examples never converted (and left on that
 * route); a hotspot whose affected sessions all or none converted says so for each of its examples.
 */
function impliedOutcomes(report: AnalysisReport): Map<string, SessionOutcomeSummary> {
  const implied = new Map<string, SessionOutcomeSummary>();
  if (!report.goal) return implied;
  for (const hotspot of report.hotspots) {
    for (const example of hotspot.examples) {
      if (hotspot.kind === 'drop_off') implied.set(example.sessionId, { converted: false, lastPath: hotspot.page });
      else if (!implied.has(example.sessionId) && (hotspot.conversionAffected === 0 || hotspot.conversionAffected === 1)) {
        implied.set(example.sessionId, { converted: hotspot.conversionAffected === 1 });
      }
    }
  }
  return implied;
}

/**
 * Hotspots in the report's rank order, each with its example sessions (a session cited twice keeps its first
 * moment). `known` holds outcomes of sessions already replayed; they win over what the report implies.
 */
export function sessionGroupsFromReport(report: AnalysisReport, known: ReadonlyMap<string, SessionOutcomeSummary> = new Map()): SessionGroup[] {
  const implied = impliedOutcomes(report);
  return report.hotspots
    .filter((h) => h.examples.length > 0)
    .map((hotspot) => {
      const items: SessionListItem[] = [];
      for (const example of hotspot.examples) {
        if (items.some((i) => i.sessionId === example.sessionId)) continue;
        const outcome = known.get(example.sessionId) ?? implied.get(example.sessionId);
        items.push({ sessionId: example.sessionId, timestamp: example.timestamp, ...(outcome ? { outcome } : {}) });
      }
      return {
        hotspotId: hotspot.id,
        kind: hotspot.kind,
        page: hotspot.page,
        element: elementLabel(hotspot),
        sessions: hotspot.sessions,
        score: hotspot.score,
        ...(sourceLabel(hotspot) ? { source: sourceLabel(hotspot) } : {}),
        items,
      };
    });
}

/**
 * The funnel towards the goal: every route a hotspot names, with its visitors (the hotspots' page sessions) and
 * the drop-offs there, widest first, then the converted sessions. Routes no hotspot names are not known here.
 */
export function funnelFromReport(report: AnalysisReport): FunnelStep[] {
  if (!report.goal) return [];
  const steps = new Map<string, FunnelStep>();
  for (const hotspot of report.hotspots) {
    const step = steps.get(hotspot.page) ?? { route: hotspot.page, sessions: 0, dropOffs: 0 };
    step.sessions = Math.max(step.sessions, hotspot.pageSessions);
    if (hotspot.kind === 'drop_off') step.dropOffs = hotspot.sessions;
    steps.set(hotspot.page, step);
  }
  const ordered = [...steps.values()].sort((a, b) => b.sessions - a.sessions || a.route.localeCompare(b.route));
  return [...ordered, { route: report.goal, sessions: report.converted, dropOffs: 0, goal: true }];
}

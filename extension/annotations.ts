// Report -> what the editor shows for each hotspot: severity, gutter and end-of-line text, hover markdown and
// CodeLens summaries per component. No vscode import: every string a user reads is unit-tested on a real report.
import * as path from 'node:path';
import type { AnalysisReport, ReportHotspot } from '../analyzer/report/types';
import type { SignalKind } from '../analyzer/signals/types';
import { openReplayCommandUri, posthogReplayUrl, type PosthogReplayTarget } from './replay-links';

export type Severity = 'high' | 'medium' | 'low';

/**
 * A hotspot is as severe as the worse of its reach and its cost. Reach: the share of the page's sessions it
 * touches. Cost: estimated lost conversions as a share of all conversions in the report, so the grade means the
 * same on 300 sessions as on 300,000. A negative estimate (the model sees the friction mostly among likelier
 * buyers) never raises severity; reach alone grades it then.
 */
export const SEVERITY_THRESHOLDS: Record<Exclude<Severity, 'low'>, { share: number; lostShareOfConversions: number }> = {
  high: { share: 0.2, lostShareOfConversions: 0.05 },
  medium: { share: 0.05, lostShareOfConversions: 0.01 },
};

/** Which hotspots are annotated in the editor (the tree lists them all). Defaults of the matching settings. */
export interface AnnotationThresholds {
  /** Minimum share of the page's sessions; below 2% a line annotation is mostly noise. */
  minShare: number;
  /** Minimum confidence of the best source location; below 0.5 the mapping rests on weak evidence (classes). */
  minConfidence: number;
}

export const DEFAULT_THRESHOLDS: AnnotationThresholds = { minShare: 0.02, minConfidence: 0.5 };

const KIND_LABEL: Record<SignalKind, string> = {
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

export function kindLabel(kind: SignalKind): string {
  return KIND_LABEL[kind];
}

export function severityOf(h: Pick<ReportHotspot, 'share' | 'impact'>, conversions?: number): Severity {
  const lostShare = h.impact && conversions ? Math.max(0, h.impact.lostConversions) / conversions : 0;
  if (h.share >= SEVERITY_THRESHOLDS.high.share || lostShare >= SEVERITY_THRESHOLDS.high.lostShareOfConversions) return 'high';
  if (h.share >= SEVERITY_THRESHOLDS.medium.share || lostShare >= SEVERITY_THRESHOLDS.medium.lostShareOfConversions) return 'medium';
  return 'low';
}

/** An element hotspot pinned to the line that renders its element, as recorded in the report. */
export interface HotspotAnnotation {
  hotspot: ReportHotspot;
  severity: Severity;
  /** Absolute path of the source file. */
  file: string;
  /** 1-based, as the report has them. */
  line: number;
  column: number;
  component?: string;
  evidence: string[];
}

function passes(h: ReportHotspot, thresholds: AnnotationThresholds): boolean {
  return h.share >= thresholds.minShare && (h.source[0]?.confidence ?? 0) >= thresholds.minConfidence;
}

/**
 * Element hotspots that pass the thresholds, at their best source location, best first. Page-level hotspots
 * (drop-off, page-wide thrashing) have no element line: they only count in the component CodeLens.
 */
export function annotationsFromReport(report: AnalysisReport, srcRoot: string, thresholds: AnnotationThresholds = DEFAULT_THRESHOLDS): HotspotAnnotation[] {
  return report.hotspots
    .filter((h) => h.element && h.source[0] && passes(h, thresholds))
    .map((h) => ({
      hotspot: h,
      severity: severityOf(h, report.converted),
      file: path.resolve(srcRoot, h.source[0].file),
      line: h.source[0].line,
      column: h.source[0].column,
      component: h.source[0].component,
      evidence: h.source[0].evidence,
    }));
}

const MINUS = '\u2212';

/** "−0.7", "4.2", "63": one decimal below 10, whole numbers above, a real minus sign. */
export function formatConversions(x: number): string {
  let rounded = Math.abs(x) >= 10 ? Math.round(x).toString() : x.toFixed(1);
  if (/^-0(\.0)?$/.test(rounded)) rounded = rounded.slice(1);
  return rounded.startsWith('-') ? MINUS + rounded.slice(1) : rounded;
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** "1 session", "31 sessions". */
export function sessionCount(n: number): string {
  return `${n} session${n === 1 ? '' : 's'}`;
}

/** Error-Lens-like line text: "⚡ rage clicks · 31 sessions · −0.7 lost conv." */
export function endOfLineText(h: ReportHotspot, drifted = false): string {
  const cost = h.impact ? `${formatConversions(h.impact.lostConversions)} lost conv.` : `${percent(h.share)} of page`;
  const text = `⚡ ${kindLabel(h.kind).toLowerCase()} · ${sessionCount(h.sessions)} · ${cost}`;
  return drifted ? `${text} · code changed since the data was recorded` : text;
}

/** One line's text when several hotspots share it: the first (best ranked) and how many more. */
export function endOfLineTextForLine(hotspots: ReportHotspot[], drifted = false): string {
  if (hotspots.length === 0) return '';
  const more = hotspots.length > 1 ? ` · +${hotspots.length - 1} more` : '';
  return endOfLineText(hotspots[0], drifted) + more;
}

/** Markdown-escapes text shown outside code spans (routes, element text). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

export interface HoverContext {
  /** The report's model version, when the hotspot carries none of its own. */
  reportModel?: string;
  /** Set when the data came from PostHog and the host and project are configured. */
  posthog?: PosthogReplayTarget;
  /** The code at the recorded line no longer renders the element. */
  drifted?: boolean;
  /** Replays linked per hotspot. */
  maxReplays?: number;
}

export const REVEAL_HOTSPOTS_COMMAND = 'frictionLens.revealHotspots';

/** Command URI revealing hotspots in the Friction view (used by hovers and CodeLens). */
export function revealCommandUri(hotspotIds: string[]): string {
  return `command:${REVEAL_HOTSPOTS_COMMAND}?${encodeURIComponent(JSON.stringify([hotspotIds]))}`;
}

/** "no visitor without it" when every session on the page was affected: 0 % would read as a measured rate. */
export function withoutText(h: Pick<ReportHotspot, 'sessions' | 'pageSessions' | 'conversionUnaffected'>): string {
  return h.sessions >= h.pageSessions ? 'no visitor without it' : `${percent(h.conversionUnaffected)} without`;
}

function figures(h: ReportHotspot, ctx: HoverContext): string[] {
  const rows = [
    ['Sessions affected', `${h.sessions} of ${h.pageSessions} on this page (${percent(h.share)}), ${h.occurrences} occurrence${h.occurrences === 1 ? '' : 's'}`],
    ['Conversion (observed)', `${percent(h.conversionAffected)} with · ${withoutText(h)}`],
  ];
  if (h.impact && h.impact.model !== 'observed') {
    rows.push(['Conversion (modelled)', `${percent(h.impact.conversionWith)} with · ${percent(h.impact.conversionWithout)} without`]);
  }
  if (h.impact) rows.push(['Estimated lost conversions', formatConversions(h.impact.lostConversions)]);
  rows.push(['Model', code(h.impact?.model ?? ctx.reportModel ?? 'none: ranked by the observed conversion gap')]);
  const best = h.source[0];
  if (best) {
    const where = `${best.component ? `${code(best.component)}, ` : ''}${percent(best.confidence)} confidence`;
    rows.push(['Mapped', `${where}: ${best.evidence.slice(0, 3).map(code).join(', ')}`]);
  }
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

function replayLinks(h: ReportHotspot, ctx: HoverContext): string[] {
  const examples = h.examples.slice(0, ctx.maxReplays ?? 3);
  if (examples.length === 0) return [];
  return examples.map((e) => {
    const local = `[Replay ${escapeMarkdown(e.sessionId)}](${openReplayCommandUri(e)})`;
    const remote = ctx.posthog ? posthogReplayUrl(ctx.posthog, e) : undefined;
    return remote ? `${local} · [open in PostHog](${remote})` : local;
  });
}

/** The hover of one hotspot: what, how many, what it costs, by which model, and where to watch it. */
export function hoverMarkdown(h: ReportHotspot, severity: Severity, ctx: HoverContext = {}): string {
  const element = h.element ? ` · ${code(h.element.selector)}` : '';
  const lines = [`**⚡ ${kindLabel(h.kind)}** on ${code(h.page)}${element} — ${severity} severity`, ''];
  if (ctx.drifted) {
    lines.push('⚠ **Code changed since the data was recorded**: the element is no longer found where the report put it. The figures describe the code as it was.', '');
  }
  lines.push(...figures(h, ctx), '');
  const replays = replayLinks(h, ctx);
  if (replays.length) lines.push(replays.join('  \n'), '');
  lines.push(`[Show in the Friction view](${revealCommandUri([h.id])})`);
  return lines.join('\n');
}

/** The hotspots of one component in one file, for its CodeLens. */
export interface ComponentSummary {
  /** Absolute path. */
  file: string;
  component: string;
  hotspotIds: string[];
  /** Sum of the positive lost-conversion estimates. */
  lostConversions: number;
  /** The best ranked of them, named when nothing is lost. */
  top: ReportHotspot;
  /** 1-based line of the first hotspot location in this file: where the lens goes if the declaration is not found. */
  line: number;
}

/**
 * Hotspots grouped by the components their source locations name, per file. A page-level hotspot counts for
 * every location it maps to (the route's line and the page component's declaration), an element hotspot for the
 * component that renders the element.
 */
export function componentSummaries(report: AnalysisReport, srcRoot: string, thresholds: AnnotationThresholds = DEFAULT_THRESHOLDS): ComponentSummary[] {
  const groups = new Map<string, ComponentSummary>();
  for (const h of report.hotspots) {
    if (!h.source[0] || !passes(h, thresholds)) continue;
    const locations = h.element ? [h.source[0]] : h.source;
    for (const loc of locations) {
      if (!loc.component) continue;
      const file = path.resolve(srcRoot, loc.file);
      const key = `${file}\0${loc.component}`;
      const group = groups.get(key) ?? { file, component: loc.component, hotspotIds: [], lostConversions: 0, top: h, line: loc.line };
      if (group.hotspotIds.includes(h.id)) continue;
      group.hotspotIds.push(h.id);
      group.lostConversions += Math.max(0, h.impact?.lostConversions ?? 0);
      group.line = Math.min(group.line, loc.line);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/** Below this many lost conversions a lens names the top hotspot instead of a cost that rounds to nothing. */
const NOTHING_LOST = 0.05;

/** "Friction: 3 hotspots · 45 lost conversions", or "Friction: 2 hotspots · dead clicks in 119 sessions". */
export function codeLensTitle(summary: ComponentSummary): string {
  const n = summary.hotspotIds.length;
  const count = `Friction: ${n} hotspot${n === 1 ? '' : 's'}`;
  if (summary.lostConversions >= NOTHING_LOST) return `${count} · ${formatConversions(summary.lostConversions)} lost conversions`;
  return `${count} · ${kindLabel(summary.top.kind).toLowerCase()} in ${sessionCount(summary.top.sessions)}`;
}

// Flags and output shared by every `friction analyze` mode (files or --posthog): the signal-kind filter,
// the report format, the sources root, and writing the report to stdout or --out.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatHotspotTable, toSarif, type AnalysisReport } from '../report';
import { SIGNAL_KINDS, type SignalKind } from '../signals/types';
import { UsageError } from './errors';

export const FORMATS = ['table', 'json', 'sarif'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface OutputFlags {
  format?: string;
  out?: string;
  limit?: string;
  src?: string;
}

/** A comma-separated flag value as a list, blanks dropped. */
export function parseList(text: string | undefined): string[] | undefined {
  return text?.split(',').map((item) => item.trim()).filter(Boolean);
}

export function parseKinds(text: string | undefined): SignalKind[] | undefined {
  const kinds = parseList(text);
  if (!kinds) return undefined;
  const unknown = kinds.filter((k) => !SIGNAL_KINDS.includes(k as SignalKind));
  if (unknown.length) throw new UsageError(`unknown signal kind(s) ${unknown.join(', ')}; known: ${SIGNAL_KINDS.join(', ')}`);
  return kinds as SignalKind[];
}

/** Checks --format and --src before any work starts. */
export function checkOutputFlags(flags: OutputFlags): void {
  if (flags.format && !FORMATS.includes(flags.format as ReportFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${flags.format}")`);
  if (flags.src && (!existsSync(flags.src) || !statSync(flags.src).isDirectory())) throw new UsageError(`--src ${flags.src} is not a directory`);
}

/** The report in the chosen format; with --out it is written there and a one-line receipt is returned. */
export function renderReport(report: AnalysisReport, flags: OutputFlags): string {
  const format = (flags.format ?? 'table') as ReportFormat;
  const text =
    format === 'json' ? JSON.stringify(report, null, 2) : format === 'sarif' ? JSON.stringify(toSarif(report), null, 2) : formatHotspotTable(report, Number(flags.limit ?? 25));
  if (!flags.out) return text;
  mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
  writeFileSync(flags.out, text + '\n');
  return `wrote ${format} report (${report.hotspots.length} hotspots from ${report.sessions} sessions) to ${flags.out}`;
}

// What `friction simulate` leaves in its output directory: one gzipped rrweb event array per run (readable by
// `friction analyze`), the SimulationReport as report.json and a self-contained report.html. Writes are atomic.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { renderSimulationHtml } from './report-html';
import type { RecordedEvent } from './rrweb-injection';
import type { SimulationReport } from './types';

export const REPORT_JSON = 'report.json';
export const REPORT_HTML = 'report.html';
/** Recordings live in their own directory, so `friction analyze <out>/recordings` reads them and nothing else. */
export const RECORDINGS_DIR = 'recordings';

function writeAtomic(file: string, content: Buffer | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/**
 * `recordings/<runId>.json.gz`: a plain rrweb event array (one window: the recorder's window ids are dropped).
 * Returns the path relative to `dir`.
 */
export function writeRunRecording(dir: string, runId: string, events: readonly RecordedEvent[]): string {
  const relative = path.posix.join(RECORDINGS_DIR, `${runId}.json.gz`);
  const plain = events.map(({ windowId: _windowId, ...event }) => event);
  writeAtomic(path.join(dir, relative), gzipSync(JSON.stringify(plain)));
  return relative;
}

export function writeSimulationReport(dir: string, report: SimulationReport): { json: string; html: string } {
  const json = path.join(dir, REPORT_JSON);
  const html = path.join(dir, REPORT_HTML);
  writeAtomic(json, `${JSON.stringify(report, null, 1)}\n`);
  writeAtomic(html, renderSimulationHtml(report));
  return { json, html };
}

// The last analysis, kept in the workspace (.friction/last-report.json) so annotations come back after a reload
// without analysing again. No vscode import.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { REPORT_VERSION, type AnalysisReport } from '../analyzer/report/types';

export const LAST_REPORT_FILE = path.join('.friction', 'last-report.json');

export class ReportFileError extends Error {}

/** The saved report, undefined when there is none; a file of another report version is refused with its path. */
export async function readLastReport(workspaceRoot: string): Promise<AnalysisReport | undefined> {
  const file = path.join(workspaceRoot, LAST_REPORT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ReportFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let report: AnalysisReport;
  try {
    report = JSON.parse(text) as AnalysisReport;
  } catch (error) {
    throw new ReportFileError(`${file} is not valid JSON (${(error as Error).message}); run Analyze again`);
  }
  if (report?.version !== REPORT_VERSION || !Array.isArray(report.hotspots)) {
    throw new ReportFileError(`${file} is not a version ${REPORT_VERSION} report; run Analyze again`);
  }
  return report;
}

/** Written to a temporary file and renamed, so a reload never finds half a report. */
export async function writeLastReport(workspaceRoot: string, report: AnalysisReport): Promise<string> {
  const file = path.join(workspaceRoot, LAST_REPORT_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(report, null, 2) + '\n');
  await rename(temporary, file);
  return file;
}

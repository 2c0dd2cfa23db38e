// Synthetic-run results summarised for the Synthetic runs view: the folders `friction simulate` writes
// (.friction/runs/<flow>-<time>/report.json) and loose .friction/runs/*.json files. Reads only what any report
// says (a name, a date, a success rate) and tolerates the rest. No vscode import.
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { baseId } from '../analyzer/sources/files/walk-paths';

export const RUNS_DIR = path.join('.friction', 'runs');
/** What `friction simulate` writes in each run folder. */
export const SIMULATION_REPORT = 'report.json';

export interface RunSummary {
  file: string;
  name: string;
  date: Date;
  /** 0..1, when the file states one. */
  successRate?: number;
  /** Why the file could not be read, shown instead of figures. */
  problem?: string;
}

const firstString = (...values: unknown[]): string | undefined => values.find((v): v is string => typeof v === 'string' && v.length > 0);
const firstRate = (...values: unknown[]): number | undefined => values.find((v): v is number => typeof v === 'number' && v >= 0 && v <= 1);

function summarise(file: string, json: unknown, modified: Date): RunSummary {
  const run = (json ?? {}) as Record<string, unknown>;
  const summary = (run.summary ?? {}) as Record<string, unknown>;
  const flow = run.flow as Record<string, unknown> | string | undefined;
  const name = firstString(run.name, typeof flow === 'string' ? flow : flow?.name, run.id) ?? path.basename(file, '.json');
  const when = firstString(run.finishedAt, run.startedAt, run.date, run.generatedAt);
  const date = when && !Number.isNaN(Date.parse(when)) ? new Date(when) : modified;
  return { file, name, date, successRate: firstRate(run.successRate, summary.successRate) };
}

/** Newest first; an unreadable file is listed with its problem rather than hidden. */
export async function listRuns(workspaceRoot: string): Promise<RunSummary[]> {
  const dir = path.join(workspaceRoot, RUNS_DIR);
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.flatMap((e) => (e.isFile() && e.name.endsWith('.json') ? [e.name] : e.isDirectory() ? [path.join(e.name, SIMULATION_REPORT)] : []));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const runs = await Promise.all(
    names.map(async (n): Promise<RunSummary | undefined> => {
      const file = path.join(dir, n);
      const modified = await stat(file).then((s) => s.mtime, () => undefined);
      if (!modified) return undefined; // a folder without a report is not a run (yet)
      const fallbackName = path.basename(n) === SIMULATION_REPORT ? path.dirname(n) : path.basename(n, '.json');
      try {
        return summarise(file, JSON.parse(await readFile(file, 'utf8')), modified);
      } catch (error) {
        return { file, name: fallbackName, date: modified, problem: (error as Error).message };
      }
    }),
  ).then((list) => list.filter((r): r is RunSummary => r !== undefined));
  return runs.sort((a, b) => b.date.getTime() - a.date.getTime());
}

/** One synthetic user of a simulation: what the replay view lists and opens. */
export interface RunRecording {
  /** The recording's path relative to .friction/runs, forward slashes: the id the replay view opens it by. */
  recordingId: string;
  runId: string;
  label: string;
  outcome?: string;
}

/** The runs a simulation report lists, with their recordings; none when the file is not a simulation report. */
export async function listRunRecordings(workspaceRoot: string, reportFile: string): Promise<RunRecording[]> {
  const runsDir = path.join(workspaceRoot, RUNS_DIR);
  let json: { runs?: unknown };
  try {
    json = JSON.parse(await readFile(reportFile, 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(json.runs)) return [];
  const folder = path.dirname(reportFile);
  const out: RunRecording[] = [];
  for (const entry of json.runs as Record<string, unknown>[]) {
    if (typeof entry?.id !== 'string' || typeof entry.recording !== 'string') continue;
    const recording = path.resolve(folder, entry.recording);
    // The report is data: never follow it outside the runs folder.
    if (path.relative(runsDir, recording).startsWith('..')) continue;
    const outcome = typeof entry.outcome === 'string' ? entry.outcome : undefined;
    const persona = typeof entry.persona === 'string' ? ` · ${entry.persona}` : '';
    out.push({ recordingId: path.relative(runsDir, recording).split(path.sep).join('/'), runId: entry.id, label: `${entry.id}${persona}${outcome ? ` · ${outcome}` : ''}`, outcome });
  }
  return out;
}

/** The recording file a replay id names, or undefined when the id would leave the runs folder. */
export function recordingPathOf(workspaceRoot: string, recordingId: string): string | undefined {
  const runsDir = path.join(workspaceRoot, RUNS_DIR);
  const file = path.resolve(runsDir, recordingId);
  const relative = path.relative(runsDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) || !/\.json(\.gz)?$/.test(file) ? undefined : file;
}


/** What the replay view shows beside a synthetic run: its flow's funnel over all the simulation's runs, its screenshots. */
export interface RunContext {
  flow: string;
  funnel: { route: string; sessions: number; dropOffs: number; goal?: boolean }[];
  /** Absolute paths inside the simulation folder, with a label (the file name says when it was taken). */
  screenshots: { label: string; file: string }[];
}

interface ReportRun {
  id?: unknown;
  outcome?: unknown;
  steps?: { route?: unknown }[];
  screenshots?: unknown;
  recording?: unknown;
}

/**
 * The funnel of a simulation (routes in the order runs first reached them, each with the runs that reached it and
 * those that ended there without the goal), and one run's screenshots. Undefined when the recording is not listed
 * by a simulation report beside it (`<folder>/recordings/<run>.json.gz` -> `<folder>/report.json`).
 */
export async function runContextOf(recordingFile: string): Promise<RunContext | undefined> {
  const folder = path.dirname(path.dirname(recordingFile));
  let report: { flow?: unknown; runs?: ReportRun[] };
  try {
    report = JSON.parse(await readFile(path.join(folder, SIMULATION_REPORT), 'utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(report.runs)) return undefined;
  const runs = report.runs.filter((r): r is ReportRun => typeof r === 'object' && r !== null);
  const routesOf = (run: ReportRun) => [...new Set((Array.isArray(run.steps) ? run.steps : []).map((s) => s?.route).filter((r): r is string => typeof r === 'string'))];
  const stats = new Map<string, { sessions: number; dropOffs: number; position: number }>();
  for (const run of runs) {
    const routes = routesOf(run);
    routes.forEach((route, i) => {
      const s = stats.get(route) ?? { sessions: 0, dropOffs: 0, position: 0 };
      s.sessions++;
      s.position += i;
      if (i === routes.length - 1 && run.outcome !== 'success') s.dropOffs++;
      stats.set(route, s);
    });
  }
  const funnel: RunContext['funnel'] = [...stats.entries()]
    .sort((a, b) => a[1].position / a[1].sessions - b[1].position / b[1].sessions || b[1].sessions - a[1].sessions)
    .map(([route, s]) => ({ route, sessions: s.sessions, dropOffs: s.dropOffs }));
  funnel.push({ route: 'goal reached', sessions: runs.filter((r) => r.outcome === 'success').length, dropOffs: 0, goal: true });
  const id = baseId(recordingFile);
  const run = runs.find((r) => r.id === id);
  const screenshots = (Array.isArray(run?.screenshots) ? run.screenshots : [])
    .filter((s): s is string => typeof s === 'string' && /\.(png|jpe?g)$/i.test(s))
    .map((s) => ({ label: path.basename(s).replace(/\.(png|jpe?g)$/i, ''), file: path.resolve(folder, s) }))
    // Data from disk: never outside the simulation folder.
    .filter((s) => !path.relative(folder, s.file).startsWith('..'));
  return { flow: typeof report.flow === 'string' ? report.flow : 'flow', funnel, screenshots };
}

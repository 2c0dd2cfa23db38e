// Synthetic-run results in .friction/runs/*.json, summarised for the Synthetic runs view. The run format arrives
// with `friction simulate`; this reads only what any run file will say (a name, a date, a success rate) and
// tolerates the rest. No vscode import.
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';

export const RUNS_DIR = path.join('.friction', 'runs');

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
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const runs = await Promise.all(
    names.map(async (n): Promise<RunSummary> => {
      const file = path.join(dir, n);
      const modified = (await stat(file)).mtime;
      try {
        return summarise(file, JSON.parse(await readFile(file, 'utf8')), modified);
      } catch (error) {
        return { file, name: path.basename(n, '.json'), date: modified, problem: (error as Error).message };
      }
    }),
  );
  return runs.sort((a, b) => b.date.getTime() - a.date.getTime());
}

// What the cache holds (for `friction privacy` and the extension's Privacy view) and how to delete it.
// Purge only removes what sync created: project directories with a state file under a marked cache root.
import { existsSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_MARKER, CacheBusyError, CacheStateError, liveLockHolder, readState, STATE_FILE, type ConsentRecord } from './cache';

export interface ProjectInventory {
  dir: string;
  host: string;
  projectId: string;
  sessions: number;
  /** Every file of the project directory, state included. */
  bytes: number;
  oldestStart?: string;
  newestStart?: string;
  lastRunAt?: string;
  failures: number;
  consent: ConsentRecord;
}

export interface CacheInventory {
  cacheDir: string;
  exists: boolean;
  projects: ProjectInventory[];
}

function projectDirs(cacheDir: string): string[] {
  return readdirSync(cacheDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(cacheDir, e.name, STATE_FILE)))
    .map((e) => join(cacheDir, e.name))
    .sort();
}

function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isFile() ? statSync(join(dir, e.name)).size : 0), 0);
}

export function inspectCache(cacheDir: string): CacheInventory {
  if (!existsSync(cacheDir)) return { cacheDir, exists: false, projects: [] };
  const projects = projectDirs(cacheDir).map((dir): ProjectInventory => {
    const state = readState(dir)!;
    const starts = Object.values(state.sessions)
      .map((s) => s.startTime)
      .sort();
    return {
      dir,
      host: state.host,
      projectId: state.projectId,
      sessions: starts.length,
      bytes: directoryBytes(dir),
      oldestStart: starts[0],
      newestStart: starts[starts.length - 1],
      lastRunAt: state.cursor.lastRunAt,
      failures: Object.keys(state.failures).length,
      consent: state.consent,
    };
  });
  return { cacheDir, exists: true, projects };
}

export interface PurgeResult {
  projects: number;
  bytes: number;
}

export function purgeCache(cacheDir: string): PurgeResult {
  if (!existsSync(cacheDir)) return { projects: 0, bytes: 0 };
  if (!existsSync(join(cacheDir, CACHE_MARKER))) {
    throw new CacheStateError(`${cacheDir} is not a Friction Lens cache (no ${CACHE_MARKER} file); nothing deleted`);
  }
  const dirs = projectDirs(cacheDir);
  for (const dir of dirs) {
    const holder = liveLockHolder(dir);
    if (holder !== undefined) throw new CacheBusyError(`a sync (pid ${holder}) is using ${dir}; stop it first; nothing deleted`);
  }
  let bytes = 0;
  for (const dir of dirs) {
    bytes += directoryBytes(dir);
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(join(cacheDir, CACHE_MARKER), { force: true });
  try {
    rmdirSync(cacheDir);
  } catch {
    // other files live there: they were not ours to delete
  }
  return { projects: dirs.length, bytes };
}

// The on-disk sync cache. One directory per project (host + project id) holding one `<sessionId>.jsonl.gz`
// per session (blob_v2 lines, so `friction analyze <cacheDir>` reads it as is) and a dot-file state saying
// which sessions are complete, what failed, how far the listing got and the training-consent decision.
// The state is rewritten atomically after every session; opening reconciles it with the files, so a kill
// at any moment costs at most the session in flight.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsentSetting } from '../../privacy/consent';
import { GzipFileWriter, isTempFile, writeFileAtomic } from './atomic-files';
import { isSafeSessionId } from './client';

export const STATE_FILE = '.sync-state.json';
export const LOCK_FILE = '.sync.lock';
/** Written at the cache root; purge refuses directories without it, so a mistyped --cache-dir is never wiped. */
export const CACHE_MARKER = '.friction-cache';
export const SESSION_SUFFIX = '.jsonl.gz';
export const STATE_VERSION = 1;

export interface ConsentRecord {
  setting: ConsentSetting;
  allowed: boolean;
  basis: string;
  decidedAt: string;
}

export interface CachedSession {
  file: string;
  bytes: number;
  events: number;
  /** Recording start (ISO), from the recordings list. */
  startTime: string;
  durationS: number;
  syncedAt: string;
  /** Events dropped because they could not be decoded (and so not scrubbed). */
  droppedEvents?: number;
}

export interface SessionFailure {
  reason: string;
  attempts: number;
  lastAttemptAt: string;
  /** Retrying cannot help (e.g. no blob_v2 data); later runs leave it alone. */
  permanent: boolean;
  /** From the listing, so a later run can retry the session without listing its day again. */
  startTime: string;
  durationS: number;
}

export interface SyncState {
  version: typeof STATE_VERSION;
  host: string;
  projectId: string;
  consent: ConsentRecord;
  cursor: {
    /** Every recording that started before this was listed by a complete run (ISO). */
    listedThrough?: string;
    lastRunAt?: string;
  };
  sessions: Record<string, CachedSession>;
  failures: Record<string, SessionFailure>;
}

export class CacheBusyError extends Error {}
export class CacheStateError extends Error {}

/** `us.posthog.com-12345`: readable, and distinct per host and project. */
export function projectDirName(baseUrl: string, projectId: string): string {
  const url = new URL(baseUrl);
  const host = `${url.host}${url.pathname}`.replace(/\/+$/, '').replace(/[^A-Za-z0-9.-]+/g, '_');
  return `${host}-${projectId}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding a project directory's lock, if that process is still alive. */
export function liveLockHolder(dir: string): number | undefined {
  let pid = NaN;
  try {
    pid = Number((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid?: unknown }).pid);
  } catch {
    // no lock, or one written by a process killed mid-write: nobody holds it
  }
  return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
}

/** One sync per project directory at a time (CLI and extension may share it). A dead holder's lock is taken over. */
function acquireLock(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = liveLockHolder(dir);
      if (holder !== undefined) throw new CacheBusyError(`another sync (pid ${holder}) is using ${dir}; wait for it to finish`);
      rmSync(file, { force: true });
    }
  }
  throw new CacheBusyError(`cannot lock ${dir}`);
}

export class ProjectCache {
  private releaseLock: (() => void) | undefined;

  private constructor(
    readonly dir: string,
    readonly state: SyncState,
  ) {}

  /** Locks the project directory, loads (or starts) its state and reconciles it with the files. */
  static open(cacheDir: string, baseUrl: string, projectId: string, consent: ConsentRecord, log?: (line: string) => void): ProjectCache {
    mkdirSync(cacheDir, { recursive: true });
    const marker = join(cacheDir, CACHE_MARKER);
    if (!existsSync(marker)) writeFileAtomic(marker, 'Friction Lens PostHog cache. Inspect with `friction privacy`, delete with `friction purge`.\n');
    const dir = join(cacheDir, projectDirName(baseUrl, projectId));
    mkdirSync(dir, { recursive: true });
    const release = acquireLock(dir);
    try {
      const state = readState(dir) ?? { version: STATE_VERSION, host: baseUrl, projectId, consent, cursor: {}, sessions: {}, failures: {} };
      const cache = new ProjectCache(dir, state);
      cache.releaseLock = release;
      cache.reconcile(log);
      return cache;
    } catch (error) {
      release();
      throw error;
    }
  }

  sessionFile(sessionId: string): string {
    if (!isSafeSessionId(sessionId)) throw new Error(`unsafe session id ${JSON.stringify(sessionId)}`);
    return join(this.dir, `${sessionId}${SESSION_SUFFIX}`);
  }

  beginSession(sessionId: string): GzipFileWriter {
    return new GzipFileWriter(this.sessionFile(sessionId));
  }

  save(): void {
    writeFileAtomic(join(this.dir, STATE_FILE), JSON.stringify(this.state, null, 1) + '\n');
  }

  close(): void {
    this.releaseLock?.();
    this.releaseLock = undefined;
  }

  /** Temp files are leftovers (we hold the lock); session files the state does not know were written by a
   * run killed before it could record them, so they are removed and fetched again. */
  private reconcile(log?: (line: string) => void): void {
    let changed = false;
    const names = new Set(readdirSync(this.dir));
    for (const name of names) {
      const orphan = name.endsWith(SESSION_SUFFIX) && !this.state.sessions[name.slice(0, -SESSION_SUFFIX.length)];
      if (isTempFile(name) || orphan) {
        rmSync(join(this.dir, name), { force: true });
        log?.(`removed ${orphan ? 'unrecorded session file' : 'leftover temp file'} ${name}`);
      }
    }
    for (const [id, session] of Object.entries(this.state.sessions)) {
      if (!names.has(session.file)) {
        delete this.state.sessions[id];
        changed = true;
        log?.(`session ${id} was recorded but its file is missing; it will be fetched again`);
      }
    }
    if (changed || !names.has(STATE_FILE)) this.save();
  }
}

export function readState(dir: string): SyncState | undefined {
  const file = join(dir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  let state: SyncState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as SyncState;
  } catch (error) {
    throw new CacheStateError(`cannot read ${file}: ${(error as Error).message}; run \`friction purge\` to start over`);
  }
  if (state?.version !== STATE_VERSION || typeof state.sessions !== 'object' || typeof state.failures !== 'object') {
    throw new CacheStateError(`${file} is not a version ${STATE_VERSION} sync state; run \`friction purge\` to start over`);
  }
  return state;
}

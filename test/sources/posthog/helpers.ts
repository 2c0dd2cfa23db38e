// Shared test plumbing: a client pointed at the fake server, a virtual clock, and a cache inspector that
// reads the cache back the way `friction analyze` would.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PosthogClient, RateLimiter, resolveHost, systemClock, type Clock, type HttpOptions, type RateLimits } from '../../../analyzer/sources/posthog';
import { readSessions, type RawSession, type ReadIssue } from '../../../analyzer/sources/files';
import { readState, type SyncState } from '../../../analyzer/sources/posthog/cache';
import type { FakePosthog } from './fake-posthog';

/** Limits too large to matter: tests that are not about throttling run at full speed. */
export const UNLIMITED: RateLimits = {
  all: [{ limit: 1e6, windowMs: 1000 }],
  recordings: [{ limit: 1e6, windowMs: 1000 }],
  snapshots: [{ limit: 1e6, windowMs: 1000 }],
  queries: [{ limit: 1e6, windowMs: 1000 }],
  maxConcurrentQueries: 3,
};

/** Fast retries and a short timeout, so fault tests take a second, not a minute. */
export function testClient(fake: FakePosthog, options: HttpOptions & { apiKey?: string; limits?: RateLimits } = {}): { client: PosthogClient; logs: string[] } {
  const logs: string[] = [];
  const clock = options.clock ?? systemClock;
  const client = PosthogClient.create(resolveHost(fake.url), fake.projectId, options.apiKey ?? fake.apiKey, {
    timeoutMs: options.timeoutMs ?? 800,
    retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 100, ...options.retry },
    limiter: options.limiter ?? new RateLimiter(options.limits ?? UNLIMITED, clock),
    clock,
    log: (line) => logs.push(line),
  });
  return { client, logs };
}

/** Real time shifted by `offsetMs`: "a day later" without waiting a day. */
export function shiftedClock(offsetMs: number): Clock {
  return { now: () => Date.now() + offsetMs, sleep: systemClock.sleep };
}

/** Virtual time: sleeping moves the clock forward at once. Exact for sequential code. */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = 0) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.t += ms;
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  }
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'friction-posthog-'));
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out.sort();
}

export interface CacheContents {
  projectDir: string;
  state: SyncState;
  sessionIds: string[];
  sessions: RawSession[];
  issues: ReadIssue[];
  tempFiles: string[];
  /** Every file of the cache, decompressed when gzipped. */
  allText: string;
}

/** Reads the cache the way `friction analyze <cacheDir>` does, plus the state and the leftovers. */
export async function readCache(cacheDir: string): Promise<CacheContents> {
  const dirs = readdirSync(cacheDir, { withFileTypes: true }).filter((e) => e.isDirectory());
  if (dirs.length !== 1) throw new Error(`expected one project directory in ${cacheDir}, found ${dirs.length}`);
  const projectDir = join(cacheDir, dirs[0].name);
  const state = readState(projectDir)!;
  const names = readdirSync(projectDir);
  const sessions: RawSession[] = [];
  const issues: ReadIssue[] = [];
  for await (const s of readSessions([cacheDir], { onIssue: (i) => issues.push(i) })) sessions.push(s);
  const allText = filesUnder(cacheDir)
    .map((f) => {
      const bytes = readFileSync(f);
      return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    })
    .join('\n');
  return {
    projectDir,
    state,
    sessionIds: names.filter((n) => n.endsWith('.jsonl.gz')).map((n) => n.replace(/\.jsonl\.gz$/, '')).sort(),
    sessions,
    issues,
    tempFiles: names.filter((n) => n.includes('.tmp-')),
    allText,
  };
}

export function bytesOf(file: string): number {
  return statSync(file).size;
}

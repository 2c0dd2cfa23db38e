// What the extension needs from the local PostHog cache that `friction sync` writes: when each cached session
// started (for replay links at the friction's moment) and when the last sync ran (status bar). Reads the cache's
// own state files through the analyzer; no vscode import.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { readState } from '../analyzer/sources/posthog/cache';

export interface PosthogCacheSummary {
  /** Session id -> recording start (epoch ms; NaN when the listing gave none), for one host and project. */
  sessionStarts: Map<string, number>;
  /** The most recent completed sync of any project in the cache. */
  lastSyncAt?: Date;
}

/** Reads every project state under `cacheDir`; `project` narrows the session starts to one host and project. */
export function readPosthogCache(cacheDir: string, project?: { baseUrl: string; projectId: string }): PosthogCacheSummary {
  const summary: PosthogCacheSummary = { sessionStarts: new Map() };
  if (!existsSync(cacheDir)) return summary;
  for (const entry of readdirSync(cacheDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const state = readState(path.join(cacheDir, entry.name));
    if (!state) continue;
    const lastRun = state.cursor.lastRunAt ? new Date(state.cursor.lastRunAt) : undefined;
    if (lastRun && !Number.isNaN(lastRun.getTime()) && (!summary.lastSyncAt || lastRun > summary.lastSyncAt)) summary.lastSyncAt = lastRun;
    if (project && (state.host.replace(/\/+$/, '') !== project.baseUrl.replace(/\/+$/, '') || state.projectId !== project.projectId)) continue;
    for (const [id, session] of Object.entries(state.sessions)) summary.sessionStarts.set(id, Date.parse(session.startTime));
  }
  return summary;
}

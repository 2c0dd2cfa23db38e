// What the extension reads from the cache `friction sync` writes (through the sync's own ProjectCache): each
// session's recording start, for PostHog links at the friction's moment, and the last sync, for the status bar.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ProjectCache } from '../../analyzer/sources/posthog/cache';
import { readPosthogCache } from '../../extension/posthog-cache';
import { posthogReplayUrl } from '../../extension/replay-links';

const consent = { setting: 'auto' as const, allowed: false, basis: 'EU host: opt-out by default', decidedAt: '2026-11-20T00:00:00.000Z' };

function syncedProject(cacheDir: string, baseUrl: string, projectId: string, lastRunAt: string, sessions: Record<string, string>): void {
  const cache = ProjectCache.open(cacheDir, baseUrl, projectId, consent);
  for (const [id, startTime] of Object.entries(sessions)) {
    cache.state.sessions[id] = { file: `${id}.jsonl.gz`, bytes: 1, events: 1, startTime, durationS: 60, syncedAt: lastRunAt };
  }
  cache.state.cursor.lastRunAt = lastRunAt;
  cache.save();
  cache.close();
}

describe('extension: the PostHog cache as the extension sees it', () => {
  let cacheDir: string;

  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'friction-cache-'));
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('knows nothing of a cache that does not exist', () => {
    const summary = readPosthogCache(path.join(cacheDir, 'missing'), { baseUrl: 'https://eu.posthog.com', projectId: '1' });
    assert.equal(summary.sessionStarts.size, 0);
    assert.equal(summary.lastSyncAt, undefined);
  });

  it("reads the configured project's session starts and the latest sync of any project", () => {
    syncedProject(cacheDir, 'https://eu.posthog.com', '12345', '2026-11-24T08:00:00.000Z', { '01a0f680-aaaa': '2026-11-22T10:00:00.000Z' });
    syncedProject(cacheDir, 'https://us.posthog.com', '999', '2026-11-25T08:00:00.000Z', { 'other-project': '2026-11-22T11:00:00.000Z' });
    const summary = readPosthogCache(cacheDir, { baseUrl: 'https://eu.posthog.com', projectId: '12345' });
    assert.deepEqual([...summary.sessionStarts.keys()], ['01a0f680-aaaa']);
    assert.equal(summary.lastSyncAt?.toISOString(), '2026-11-25T08:00:00.000Z');
    const target = { baseUrl: 'https://eu.posthog.com', projectId: '12345', sessionStarts: summary.sessionStarts };
    const friction = Date.parse('2026-11-22T10:01:05.500Z');
    assert.equal(posthogReplayUrl(target, { sessionId: '01a0f680-aaaa', timestamp: friction }), 'https://eu.posthog.com/project/12345/replay/01a0f680-aaaa?t=65');
    assert.equal(posthogReplayUrl(target, { sessionId: 'other-project', timestamp: friction }), undefined);
  });
});

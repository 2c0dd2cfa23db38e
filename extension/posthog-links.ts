// Whether replays can open in PostHog, and when the last sync ran: read from the local PostHog cache when the
// report, the settings or a sync change. Hovers, the tree and the status bar share it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FrictionConfig } from './config';
import { readPosthogCache, type PosthogCacheSummary } from './posthog-cache';
import type { PosthogReplayTarget } from './replay-links';
import type { ReportStore } from './report-store';

export class PosthogLinks implements vscode.Disposable {
  private summary: PosthogCacheSummary | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly workspaceRoot: () => string | undefined,
    private readonly config: FrictionConfig,
    store: ReportStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [this.changed, store.onDidChange(() => this.refresh()), config.onDidChange(() => this.refresh())];
    this.refresh();
  }

  /** Re-reads the cache (after a sync, a purge, a new report). */
  refresh(): void {
    this.summary = this.read();
    this.changed.fire();
  }

  private read(): PosthogCacheSummary | undefined {
    const root = this.workspaceRoot();
    if (!root) return undefined;
    const settings = this.config.current;
    const baseUrl = this.config.posthogBaseUrl();
    const projectId = settings.posthog.projectId;
    try {
      return readPosthogCache(path.resolve(root, settings.recordingsPath), baseUrl && projectId ? { baseUrl, projectId } : undefined);
    } catch (error) {
      this.log.warn(`PostHog cache not readable: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Set only when the data source is PostHog and the host and project are configured. */
  target(): PosthogReplayTarget | undefined {
    const settings = this.config.current;
    const baseUrl = this.config.posthogBaseUrl();
    if (settings.dataSource !== 'posthog' || !baseUrl || !/^\d+$/.test(settings.posthog.projectId) || !this.summary) return undefined;
    return { baseUrl, projectId: settings.posthog.projectId, sessionStarts: this.summary.sessionStarts };
  }

  lastSyncAt(): Date | undefined {
    return this.summary?.lastSyncAt;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

// The extension's settings through one typed accessor: read once, re-read when `frictionLens.*` changes, and an
// event for the views that depend on them. Defaults live in package.json (contributes.configuration).
import * as vscode from 'vscode';
import { resolveHost } from '../analyzer/sources/posthog/hosts';
import { DEFAULT_THRESHOLDS, type AnnotationThresholds } from './annotations';

export type DataSource = 'posthog' | 'files';
export type HostSetting = 'us' | 'eu' | 'custom';
export type ConsentSetting = 'auto' | 'on' | 'off';
export type AnnotationStyle = 'gutter' | 'gutter+eol' | 'off';

export interface FrictionSettings {
  dataSource: DataSource;
  posthog: { host: HostSetting; customHost: string; projectId: string };
  /** Relative to the workspace root unless absolute. */
  recordingsPath: string;
  sourceRoot: string;
  goal: string;
  appUrl: string;
  flowsFile: string;
  trainingConsent: ConsentSetting;
  annotations: AnnotationThresholds & { style: AnnotationStyle };
}

export const SECTION = 'frictionLens';

function read(): FrictionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = c.get<string>(key);
    return allowed.includes(value as T) ? (value as T) : fallback;
  };
  const fraction = (key: string, fallback: number): number => {
    const value = c.get<number>(key);
    return typeof value === 'number' && value >= 0 && value <= 1 ? value : fallback;
  };
  return {
    dataSource: pick('dataSource', ['posthog', 'files'], 'posthog'),
    posthog: {
      host: pick('posthog.host', ['us', 'eu', 'custom'], 'us'),
      customHost: c.get<string>('posthog.customHost', '').trim(),
      projectId: c.get<string>('posthog.projectId', '').trim(),
    },
    recordingsPath: c.get<string>('recordingsPath', '.friction/cache') || '.friction/cache',
    sourceRoot: c.get<string>('sourceRoot', 'src') || 'src',
    goal: c.get<string>('goal', '').trim(),
    appUrl: c.get<string>('appUrl', '').trim(),
    flowsFile: c.get<string>('flowsFile', '.friction/flows.json') || '.friction/flows.json',
    trainingConsent: pick('training.consent', ['auto', 'on', 'off'], 'auto'),
    annotations: {
      style: pick('annotations.style', ['gutter', 'gutter+eol', 'off'], 'gutter+eol'),
      minShare: fraction('annotations.minShare', DEFAULT_THRESHOLDS.minShare),
      minConfidence: fraction('annotations.minConfidence', DEFAULT_THRESHOLDS.minConfidence),
    },
  };
}

export class FrictionConfig implements vscode.Disposable {
  private settings = read();
  private readonly changed = new vscode.EventEmitter<FrictionSettings>();
  readonly onDidChange = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SECTION)) return;
    this.settings = read();
    this.changed.fire(this.settings);
  });

  get current(): FrictionSettings {
    return this.settings;
  }

  /** The value `friction sync --host` takes: us, eu or the custom URL. */
  hostArgument(): string | undefined {
    const { host, customHost } = this.settings.posthog;
    return host === 'custom' ? customHost || undefined : host;
  }

  /** The PostHog app origin, when the host setting is usable (a custom one must be https, or http on localhost). */
  posthogBaseUrl(): string | undefined {
    const host = this.hostArgument();
    if (!host) return undefined;
    try {
      return resolveHost(host).baseUrl;
    } catch {
      return undefined;
    }
  }

  /** Writes workspace settings (user settings when no folder is open); the change event follows. */
  async update(values: Record<string, unknown>): Promise<void> {
    const c = vscode.workspace.getConfiguration(SECTION);
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    for (const [key, value] of Object.entries(values)) await c.update(key, value, target);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

// The PostHog personal API key lives in VS Code's SecretStorage only, keyed by the PostHog host it was entered
// for, so a workspace that points the host setting elsewhere never receives it. It reaches the CLI through the
// child process's environment, never its arguments.
import type * as vscode from 'vscode';
import { API_KEY_ENV } from '../analyzer/cli/posthog-connection';

export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private key(baseUrl: string): string {
    return `frictionLens.posthogApiKey:${baseUrl}`;
  }

  get(baseUrl: string): Thenable<string | undefined> {
    return this.secrets.get(this.key(baseUrl));
  }

  store(baseUrl: string, apiKey: string): Thenable<void> {
    return this.secrets.store(this.key(baseUrl), apiKey);
  }

  delete(baseUrl: string): Thenable<void> {
    return this.secrets.delete(this.key(baseUrl));
  }

  /** The environment for a CLI child process that talks to PostHog. */
  async environment(baseUrl: string): Promise<Record<string, string> | undefined> {
    const apiKey = await this.get(baseUrl);
    return apiKey ? { [API_KEY_ENV]: apiKey } : undefined;
  }
}

// Connect, Sync, Privacy & consent, Purge: the PostHog side. The key is asked for once (password input), kept in
// SecretStorage and handed to `friction sync` through its environment; every command runs in a child process.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HostError, HOST_PRESETS, resolveHost } from '../analyzer/sources/posthog/hosts';
import { runCliProcess } from './cli-process';
import { requireWorkspaceRoot, type CommandDeps } from './command-deps';
import type { ConsentSetting, HostSetting } from './config';
import { LAST_REPORT_FILE } from './report-file';

async function pickHost(deps: CommandDeps): Promise<{ host: HostSetting; customHost: string } | undefined> {
  const current = deps.config.current.posthog;
  const items: (vscode.QuickPickItem & { host: HostSetting })[] = [
    { host: 'us', label: 'US cloud', description: HOST_PRESETS.us },
    { host: 'eu', label: 'EU cloud', description: HOST_PRESETS.eu },
    { host: 'custom', label: 'Self-hosted…', description: current.customHost || 'your instance URL (https)' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Friction Lens: PostHog host (1/3)', placeHolder: `Where your PostHog project lives (now: ${current.host})`, ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.host !== 'custom') return { host: picked.host, customHost: current.customHost };
  const customHost = await vscode.window.showInputBox({
    title: 'Friction Lens: self-hosted PostHog URL',
    value: current.customHost,
    placeHolder: 'https://posthog.example.com',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        resolveHost(value);
        return undefined;
      } catch (error) {
        return error instanceof HostError ? error.message : String(error);
      }
    },
  });
  return customHost ? { host: 'custom', customHost: customHost.trim() } : undefined;
}

export async function connect(deps: CommandDeps): Promise<void> {
  const host = await pickHost(deps);
  if (!host) return;
  const projectId = await vscode.window.showInputBox({
    title: 'Friction Lens: PostHog project id (2/3)',
    prompt: 'PostHog → Project settings → Project ID (a number)',
    value: deps.config.current.posthog.projectId,
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d+$/.test(value.trim()) ? undefined : 'The project id is a number, e.g. 12345.'),
  });
  if (!projectId) return;
  const baseUrl = resolveHost(host.host === 'custom' ? host.customHost : host.host).baseUrl;
  const stored = await deps.secrets.get(baseUrl);
  const apiKey = await vscode.window.showInputBox({
    title: 'Friction Lens: PostHog personal API key (3/3)',
    prompt: 'A personal API key with the session_recording:read and query:read scopes, limited to this project. Kept in VS Code secret storage, never in settings.',
    placeHolder: stored ? 'Leave empty to keep the stored key' : 'phx_…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() || stored ? undefined : 'A key is needed to read recordings.'),
  });
  if (apiKey === undefined) return;
  if (apiKey.trim()) await deps.secrets.store(baseUrl, apiKey.trim());
  await deps.config.update({ 'posthog.host': host.host, 'posthog.customHost': host.customHost, 'posthog.projectId': projectId.trim(), dataSource: 'posthog' });
  deps.log.info(`connected to PostHog project ${projectId.trim()} on ${baseUrl}`);
  const choice = await vscode.window.showInformationMessage(`Friction Lens: connected to project ${projectId.trim()} on ${baseUrl}.`, 'Sync sessions');
  if (choice) await vscode.commands.executeCommand('frictionLens.sync');
}

/** Asks to connect (and says why) when something is missing. */
async function offerConnect(message: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(`Friction Lens: ${message}`, 'Connect analytics project');
  if (choice) await vscode.commands.executeCommand('frictionLens.connect');
}

/** The cache directory argument: the recordings setting as the CLI resolves it from the workspace root. */
function cacheDir(root: string, deps: CommandDeps): string {
  return path.resolve(root, deps.config.current.recordingsPath);
}

export async function sync(deps: CommandDeps): Promise<void> {
  const root = requireWorkspaceRoot();
  if (!root) return;
  const settings = deps.config.current;
  if (settings.dataSource !== 'posthog') return offerConnect('the data source is "files" (frictionLens.dataSource): there is nothing to sync. Connect a PostHog project to sync from it.');
  const host = deps.config.hostArgument();
  const baseUrl = deps.config.posthogBaseUrl();
  if (!host || !baseUrl || !/^\d+$/.test(settings.posthog.projectId)) return offerConnect('no PostHog project is set up yet.');
  const env = await deps.secrets.environment(baseUrl);
  if (!env) return offerConnect(`no API key is stored for ${baseUrl}.`);
  const args = ['sync', '--host', host, '--project', settings.posthog.projectId, '--cache-dir', cacheDir(root, deps), '--training-consent', settings.trainingConsent];
  const result = await deps.tasks.run({ id: 'sync', title: 'syncing PostHog sessions', busy: 'syncing' }, (onLine, cancel) =>
    runCliProcess({ cliPath: deps.cliPath, args, cwd: root, env, streamStdout: true }, onLine, cancel),
  );
  deps.links.refresh();
  if (!result) return;
  const summary = result.stdout.split('\n')[0] || 'sync finished';
  const choice = await vscode.window.showInformationMessage(`Friction Lens: ${summary}.`, 'Analyze recordings');
  if (choice) await vscode.commands.executeCommand('frictionLens.analyze');
}

const CONSENT_CHOICES: (vscode.QuickPickItem & { value: ConsentSetting })[] = [
  { value: 'auto', label: 'Auto', description: 'opt-in on US and self-hosted hosts, opt-out on EU hosts' },
  { value: 'on', label: 'On', description: "this project's synced sessions may train the local models" },
  { value: 'off', label: 'Off', description: 'never train on data synced from this project' },
];

async function changeConsent(deps: CommandDeps): Promise<void> {
  const current = deps.config.current.trainingConsent;
  const picked = await vscode.window.showQuickPick(CONSENT_CHOICES, { title: 'Friction Lens: training consent', placeHolder: `Now: ${current}. Recorded with the cache at the next sync.` });
  if (!picked || picked.value === current) return;
  await deps.config.update({ 'training.consent': picked.value });
  void vscode.window.showInformationMessage(`Friction Lens: training consent set to "${picked.value}"; the next sync records it with the cache.`);
}

export async function privacy(deps: CommandDeps): Promise<void> {
  const root = requireWorkspaceRoot();
  if (!root) return;
  const result = await deps.tasks.run({ id: 'privacy', title: 'reading the cache', busy: 'reading the cache' }, (onLine, cancel) =>
    runCliProcess({ cliPath: deps.cliPath, args: ['privacy', '--cache-dir', cacheDir(root, deps)], cwd: root }, onLine, cancel),
  );
  if (!result) return;
  deps.log.info(result.stdout.trim());
  const consent = deps.config.current.trainingConsent;
  const detail = `${result.stdout.trim()}\n\nTraining consent setting: ${consent} (${CONSENT_CHOICES.find((c) => c.value === consent)?.description}).`;
  const dataUse = vscode.Uri.joinPath(deps.context.extensionUri, 'docs', 'DATA_USE.md');
  const actions = ['Change training consent…', 'Purge cached data…', ...(existsSync(dataUse.fsPath) ? ['Read the data-use page'] : [])];
  const choice = await vscode.window.showInformationMessage('Friction Lens: privacy & consent', { modal: true, detail }, ...actions);
  if (choice === actions[0]) await changeConsent(deps);
  if (choice === actions[1]) await vscode.commands.executeCommand('frictionLens.purge');
  if (choice === 'Read the data-use page') await vscode.commands.executeCommand('markdown.showPreview', dataUse);
}

export async function purge(deps: CommandDeps): Promise<void> {
  const root = requireWorkspaceRoot();
  if (!root) return;
  const dir = cacheDir(root, deps);
  const confirm = await vscode.window.showWarningMessage(
    'Friction Lens: delete cached data?',
    { modal: true, detail: `This deletes the PostHog sessions cached in ${dir} and the saved analysis (${LAST_REPORT_FILE}). Sync fetches the sessions again; nothing is deleted in PostHog.` },
    'Delete',
  );
  if (confirm !== 'Delete') return;
  const result = await deps.tasks.run({ id: 'purge', title: 'deleting cached data', busy: 'purging' }, (onLine, cancel) =>
    runCliProcess({ cliPath: deps.cliPath, args: ['purge', '--cache-dir', dir, '--yes'], cwd: root, streamStdout: true }, onLine, cancel),
  );
  if (!result) return;
  await rm(path.join(root, LAST_REPORT_FILE), { force: true });
  deps.store.set(undefined);
  deps.links.refresh();
  void vscode.window.showInformationMessage(`Friction Lens: ${result.stdout.trim() || 'cache deleted'}; the saved analysis was removed.`);
}

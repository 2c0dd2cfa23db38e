// `npm run test:electron`: the extension's tests inside a downloaded VS Code (Electron) with @vscode/test-electron,
// for machines that can download VS Code (this project's CI machines cannot: they use code-server, test/e2e/).
// Bundles test/electron/ into out/electron/ with esbuild, prepares the same workspace as the code-server tests (a
// copy of the example shop with 60 sessions), then runs VS Code on it with this repo as the development extension.
// Needs: the devDependency @vscode/test-electron, `npm run build` first, and a display (xvfb-run -a on Linux).
// Options: VSCODE_VERSION (default "stable"); --bundle-only to stop after bundling.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { prepareWorkspace, REPO_ROOT } from '../../test/e2e/code-server';

interface TestElectron {
  runTests(options: {
    version?: string;
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    launchArgs?: string[];
    extensionTestsEnv?: Record<string, string>;
  }): Promise<number>;
}

async function bundle(): Promise<string> {
  const dir = path.join(REPO_ROOT, 'test', 'electron');
  const outdir = path.join(REPO_ROOT, 'out', 'electron');
  rmSync(outdir, { recursive: true, force: true });
  const suites = readdirSync(dir).filter((f) => f.endsWith('.electron.ts'));
  await build({
    entryPoints: [path.join(dir, 'index.ts'), ...suites.map((f) => path.join(dir, f))],
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    // vscode is the host's own module; mocha loads the suites with its own require.
    external: ['vscode', 'mocha'],
  });
  return path.join(outdir, 'index.js');
}

async function main(): Promise<void> {
  const testsPath = await bundle();
  if (process.argv.includes('--bundle-only')) return void console.log(`bundled ${path.relative(REPO_ROOT, path.dirname(testsPath))}`);
  // Loaded by name at run time so that type checking does not need the optional devDependency.
  const moduleName = '@vscode/test-electron';
  let electron: TestElectron;
  try {
    electron = (await import(moduleName)) as TestElectron;
  } catch {
    throw new Error('@vscode/test-electron is not installed: npm install --save-dev @vscode/test-electron');
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'friction-electron-'));
  try {
    const { workspace } = prepareWorkspace(root, { sessions: 60 });
    await electron.runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${path.join(root, 'user-data')}`],
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// One esbuild pass producing every shipped bundle: the `friction` CLI, the VS Code extension and its replay webview.
// esbuild (not tsc) because both targets must be single files with their dependencies resolved, in ~1 s;
// type checking is `npm run typecheck` (tsc --noEmit).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native packages (onnxruntime-node) and browser-side or dev-only ones stay external, loaded from node_modules
  // at run time; ts-morph (with TypeScript) is bundled so the packaged extension needs no node_modules for it.
  external: ['vscode', 'playwright-core', 'onnxruntime-node', 'rrweb', 'esbuild', 'tsx/cjs'],
};

const entries = [
  { entryPoints: ['analyzer/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Worker threads of the analysis pipeline load this file next to the CLI (analyzer/pipeline/parallel.ts).
  { entryPoints: ['analyzer/pipeline/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' },
];
if (existsSync('extension/extension.ts')) entries.push({ entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js' });

// The replay webview runs in the browser sandbox of a VS Code webview: one script with rrweb's Replayer bundled in
// (nothing is loaded from the network) and one stylesheet that includes rrweb's player CSS.
const browser = { bundle: true, platform: 'browser', target: 'chrome120', format: 'iife', sourcemap: true, logLevel: 'warning' };
const webviewEntries = [
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js' },
  { entryPoints: ['webview/styles.css'], outfile: 'dist/webview/styles.css' },
];

await Promise.all([
  ...entries.map((entry) => build({ ...common, ...entry })),
  ...webviewEntries.map((entry) => build({ ...browser, ...entry })),
]);

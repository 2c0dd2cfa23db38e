// One esbuild pass producing every shipped bundle: the `friction` CLI and the VS Code extension.
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
  // Native or heavy packages stay external: they are loaded from node_modules at run time.
  external: ['vscode', 'playwright-core', 'onnxruntime-node', 'ts-morph', 'rrweb', 'esbuild', 'tsx/cjs'],
};

const entries = [
  { entryPoints: ['analyzer/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Worker threads of the analysis pipeline load this file next to the CLI (analyzer/pipeline/parallel.ts).
  { entryPoints: ['analyzer/pipeline/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' },
];
if (existsSync('extension/extension.ts')) entries.push({ entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js' });

await Promise.all(entries.map((entry) => build({ ...common, ...entry })));

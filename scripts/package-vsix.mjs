// `npm run package`: builds the extension and packs a platform-specific .vsix with only what runs: the bundles
// (dist/, no source maps), the webview, media, the shipped models, onnxruntime-node with the binaries of the
// target platform alone (the npm package carries every platform: ~290 MB), and playwright-core with rrweb for
// synthetic users. Everything else is bundled by esbuild.
// Usage: node scripts/package-vsix.mjs [--target linux-x64]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const target = process.argv.includes('--target') ? process.argv[process.argv.indexOf('--target') + 1] : 'linux-x64';
const [platform, arch] = target.split('-');
const stage = path.join(root, 'out', 'vsix');

execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const copy = (from, to = from, filter = () => true) => cpSync(path.join(root, from), path.join(stage, to), { recursive: true, filter: (src) => filter(src) });
copy('dist', 'dist', (src) => !src.endsWith('.map'));
copy('media');
for (const model of ['session-outcome', 'behavior-policy']) copy(path.join('models', model));
copy(path.join('docs', 'DATA_USE.md'));
copy(path.join('extension', 'README.md'), 'README.md');
copy(path.join('docs', 'images'), path.join('docs', 'images'));

// onnxruntime-node: its JS, and the native binding for this platform only, in dist/node_modules where Node
// resolves it from dist/cli.js (vsce leaves out a top-level node_modules when it does not collect dependencies).
const vendor = (pkg, parts) => {
  for (const part of parts) {
    const from = path.join('node_modules', pkg, part);
    if (!existsSync(path.join(root, from))) throw new Error(`${pkg} has no ${part} for ${target}`);
    copy(from, path.join('dist', 'node_modules', pkg, part));
  }
};
vendor('onnxruntime-node', ['package.json', 'dist', path.join('bin', 'napi-v6', platform, arch)]);
vendor('onnxruntime-common', ['package.json', 'dist']);
// Synthetic users: playwright-core drives the user's own Chromium (it downloads nothing), and the recorder injects
// rrweb's UMD builds into each page (read beside the package's CommonJS entry, which must resolve).
vendor('playwright-core', ['package.json', 'index.js', 'browsers.json', 'lib']);
vendor('rrweb', ['package.json', path.join('dist', 'rrweb.cjs'), path.join('dist', 'rrweb.umd.min.cjs')]);
const consolePlugin = path.join('@rrweb', 'rrweb-plugin-console-record');
vendor(consolePlugin, ['package.json', path.join('dist', 'rrweb-plugin-console-record.umd.cjs'), path.join('dist', 'rrweb-plugin-console-record.umd.min.cjs')]);

// The manifest without development fields; no runtime dependency is installed by the marketplace.
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
delete manifest.devDependencies;
delete manifest.dependencies;
manifest.scripts = {};
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copy('LICENSE');
writeFileSync(path.join(stage, '.vscodeignore'), '');

const out = path.join(root, `friction-lens-${manifest.version}-${target}.vsix`);
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--target', target, '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
  stdio: 'inherit',
  cwd: stage,
});
console.log(`packed ${path.relative(root, out)}`);

// `npm run package`: the .vsix holds what runs and nothing else. The staged folder it is packed from is run as an
// installed extension would be, with the repository's node_modules out of reach: the CLI must analyse, map onto
// TSX (ts-morph bundled) and rank with the shipped ONNX model (onnxruntime-node vendored for this platform).
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startShopServer } from '../../examples/shop/server/server';

const root = path.resolve(__dirname, '..', '..');
const vsix = path.join(root, 'friction-lens-0.1.0-linux-x64.vsix');

describe('extension packaging (npm run package)', function () {
  this.timeout(240_000);
  let installed: string;

  before(() => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'package-vsix.mjs')], { cwd: root, stdio: 'pipe' });
    // Outside the repository, so nothing resolves from its node_modules.
    installed = mkdtempSync(path.join(tmpdir(), 'friction-vsix-'));
    cpSync(path.join(root, 'out', 'vsix'), installed, { recursive: true });
  });
  after(() => rmSync(installed, { recursive: true, force: true }));

  it('packs one platform-specific .vsix of a reasonable size, without sources, maps or other platforms', () => {
    assert.ok(existsSync(vsix));
    const mb = statSync(vsix).size / 2 ** 20;
    assert.ok(mb > 5 && mb < 40, `${mb.toFixed(1)} MB`);
    const ortBin = path.join(installed, 'dist', 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
    assert.deepEqual(readdirSync(ortBin), ['linux']);
    assert.deepEqual(readdirSync(path.join(ortBin, 'linux')), ['x64']);
    assert.ok(!readdirSync(path.join(installed, 'dist')).some((f) => f.endsWith('.map')));
    for (const absent of ['analyzer', 'extension', 'test', 'examples', 'node_modules']) assert.ok(!existsSync(path.join(installed, absent)), absent);
  });

  it('runs the packaged CLI standalone: analysis mapped onto TSX and ranked by the shipped model', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(installed, 'dist', 'cli.js'), 'analyze', path.join(root, 'examples', 'shop', 'corpus'), '--src', path.join(root, 'examples', 'shop', 'src'), '--goal', '/checkout/confirmation', '--format', 'json', '--quiet', '--workers', '1'],
      { cwd: tmpdir(), encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.match(report.model, /^session-outcome@/);
    const rage = report.hotspots.find((h: { kind: string; element?: { attributes: Record<string, string> } }) => h.kind === 'rage_click' && h.element?.attributes['data-testid'] === 'pay-now');
    assert.equal(rage.source[0].file, 'parts/PayButton.tsx');
    assert.equal(rage.source[0].line, 4);
  });

  it('runs synthetic users from the packaged CLI: playwright-core and rrweb vendored, recordings analysed', async () => {
    const shop = await startShopServer({ variant: 'fixed' });
    const out = mkdtempSync(path.join(tmpdir(), 'friction-vsix-sim-'));
    try {
      const args = [path.join(installed, 'dist', 'cli.js'), 'simulate', '--flow', 'checkout', '--url', shop.url, '--runs', '2', '--flows', path.join(root, 'examples', 'shop', '.friction', 'flows.json'), '--out', out, '--quiet'];
      // Asynchronous: the shop server answers from this process.
      const { status, stderr } = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, args, { cwd: tmpdir(), env: { PATH: process.env.PATH } });
        let err = '';
        child.stderr.on('data', (chunk) => (err += chunk));
        child.on('close', (code) => resolve({ status: code, stderr: err }));
      });
      assert.equal(status, 0, stderr);
      const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
      assert.equal(report.runs.length, 2);
      assert.match(report.model, /^behavior-policy@/);
      assert.equal(readdirSync(path.join(out, 'recordings')).length, 2);
    } finally {
      await shop.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});

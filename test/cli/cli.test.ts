// The `friction` CLI as a user runs it: the built dist/cli.js in a child process.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const corpus = path.join(root, 'examples', 'shop', 'corpus');
const src = path.join(root, 'examples', 'shop', 'src');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('friction CLI', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    if (!existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root });
    dir = mkdtempSync(path.join(tmpdir(), 'friction-cli-'));
    // A slice of the committed corpus plus inputs that must not stop the run.
    for (const file of readdirSync(corpus).filter((f) => f.endsWith('.json.gz')).slice(0, 25)) copyFileSync(path.join(corpus, file), path.join(dir, file));
    const sample = readFileSync(path.join(corpus, readdirSync(corpus).filter((f) => f.endsWith('.json.gz'))[30]));
    writeFileSync(path.join(dir, 'truncated.json.gz'), sample.subarray(0, Math.floor(sample.length / 2)));
    writeFileSync(path.join(dir, 'garbage.json'), '{"hello": "not a recording"}');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a ranked hotspot table with source lines, and warns about what it skipped', () => {
    const { code, stdout, stderr } = run(['analyze', dir, '--src', src, '--goal', '/checkout/confirmation', '--routes', '/product/:id']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /26 sessions/);
    assert.match(stdout, /kind.*page.*element.*sessions.*source/s);
    assert.match(stdout, /\.tsx:\d+/);
    assert.match(stderr, /truncated\.json\.gz/);
    assert.match(stderr, /garbage\.json/);
  });

  it('writes the versioned JSON report contract to --out', () => {
    const out = path.join(dir, 'out', 'report.json');
    const { code, stdout } = run(['analyze', dir, '--src', src, '--goal', '/checkout/confirmation', '--format', 'json', '--out', out, '--quiet', '--routes', '/product/:id']);
    assert.equal(code, 0);
    assert.match(stdout, /wrote json report/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.version, 1);
    assert.equal(report.sessions, 26);
    assert.ok(report.skipped.some((s: { file: string }) => s.file.endsWith('garbage.json')));
    const h = report.hotspots[0];
    for (const key of ['kind', 'page', 'sessions', 'occurrences', 'share', 'score', 'source']) assert.ok(key in h, key);
    const located = report.hotspots.find((x: { source: unknown[]; element?: unknown }) => x.element && x.source.length > 0);
    assert.ok(located.source[0].file.endsWith('.tsx') && located.source[0].line >= 1 && located.source[0].confidence <= 1);
    assert.ok(located.element.selector && located.element.tag);
  });

  it('emits SARIF 2.1.0 pointing at the same file and line', () => {
    const { code, stdout } = run(['analyze', dir, '--src', src, '--goal', '/checkout/confirmation', '--format', 'sarif', '--quiet', '--routes', '/product/:id']);
    assert.equal(code, 0);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results[0];
    assert.match(result.locations[0].physicalLocation.artifactLocation.uri, /^examples\/shop\/src\/.+\.tsx$/);
    assert.ok(result.locations[0].physicalLocation.region.startLine >= 1);
  });

  it('exits 2 with a clear message on bad arguments, 1 on unreadable input', () => {
    let r = run(['analyze']);
    assert.equal(r.code, 2);
    r = run(['analyze', dir, '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be one of table, json, sarif/);
    r = run(['analyze', dir, '--kinds', 'rage_click,angry_click']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown signal kind\(s\) angry_click/);
    r = run(['analyze', path.join(dir, 'missing.json')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read .*missing\.json/);
    r = run(['analyze', path.join(dir, 'garbage.json')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no readable sessions/);
    r = run(['nonsense']);
    assert.equal(r.code, 2);
  });
});

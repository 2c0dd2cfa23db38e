// `friction fix --predict` on the example shop: the fix is applied to a copy inside the project (the original is
// untouched), the flows file's `app` command serves both versions, the same synthetic users run on each, the
// comparison is written, and no app server outlives the command. A flows file without `app` says what to add.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runFixList } from '../../analyzer/cli/fix-command';
import { runFixPredict } from '../../analyzer/cli/fix-predict';
import type { FixProposal } from '../../analyzer/fixes/types';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOP = path.join(ROOT, 'examples', 'shop');
const FLOWS = path.join(SHOP, '.friction', 'flows.json');

/** Servers started from the shop's `app` command that are still running. */
const shopServers = () => execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).split('\n').filter((line) => line.includes('server/server.ts --src'));

describe('cli: friction fix --predict', function () {
  this.timeout(300_000);
  let dir: string;
  let reportFile: string;
  let out: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'friction-predict-'));
    const { report } = await analyzeFiles([path.join(SHOP, 'corpus')], { goal: parseGoal('/checkout/confirmation'), goalText: '/checkout/confirmation', src: path.join(SHOP, 'src') });
    reportFile = path.join(dir, 'report.json');
    writeFileSync(reportFile, JSON.stringify(report));
    out = path.join(SHOP, '.friction', 'predict', `test-${process.pid}`);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('runs the same synthetic users on the shop and on a patched copy, and writes the comparison', async () => {
    const proposals: FixProposal[] = JSON.parse(runFixList({ report: reportFile, format: 'json' })).proposals;
    const field = proposals.find((p) => p.fix === 'field-input-hints')!;
    const original = readFileSync(path.join(SHOP, 'src', field.file), 'utf8');
    const text = await runFixPredict(field.id, { report: reportFile, flows: FLOWS, runs: '3', out, quiet: true });
    assert.match(text, /^Predicted effect on flow "checkout" \(3 \+ 3 synthetic runs, behavior-policy@/);
    assert.match(text, /success \d+\.\d % -> \d+\.\d %/);
    assert.equal(readFileSync(path.join(SHOP, 'src', field.file), 'utf8'), original, 'the sources are untouched');
    assert.match(readFileSync(path.join(out, 'src', field.file), 'utf8'), /aria-describedby="tax-ref-format"/, 'the copy has the fix');
    const effect = JSON.parse(readFileSync(path.join(out, 'predicted-effect.json'), 'utf8'));
    assert.equal(effect.id, field.id);
    assert.deepEqual(effect.runs, { original: 3, patched: 3 });
    for (const side of ['original', 'patched']) assert.equal(JSON.parse(readFileSync(path.join(out, side, 'report.json'), 'utf8')).runs.length, 3);
    assert.ok(effect.success.interval[0] <= effect.success.difference && effect.success.difference <= effect.success.interval[1]);
    assert.deepEqual(shopServers(), [], 'no app server left running');
  });

  it('says what to add when the flows file has no app command', async () => {
    const flows = path.join(dir, 'flows.json');
    const { app: _app, ...withoutApp } = JSON.parse(readFileSync(FLOWS, 'utf8'));
    writeFileSync(flows, JSON.stringify(withoutApp));
    const proposals: FixProposal[] = JSON.parse(runFixList({ report: reportFile, format: 'json' })).proposals;
    await assert.rejects(runFixPredict(proposals[0].id, { report: reportFile, flows, runs: '2', out: path.join(dir, 'never'), quiet: true }), /app: is missing\. .*"command": "<serves \{src\} on \{port\}>"/);
  });
});

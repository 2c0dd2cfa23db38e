// `friction fix` on a copy of the example shop and a report of its recorded corpus: --list offers catalogue fixes
// for the planted frictions at their lines, --apply edits the file (and refuses a second time), --flag ships it
// behind a PostHog flag, a moved element and an unparsable file are refused with what to do, and bad flags fail.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../analyzer/cli/main';
import { runFixApply, runFixList } from '../../analyzer/cli/fix-command';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import type { FixProposal } from '../../analyzer/fixes/types';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOP = path.join(ROOT, 'examples', 'shop');

describe('cli: friction fix', function () {
  this.timeout(120_000);
  let dir: string;
  let src: string;
  let reportFile: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'friction-fix-'));
    src = path.join(dir, 'src');
    cpSync(path.join(SHOP, 'src'), src, { recursive: true });
    const { report } = await analyzeFiles([path.join(SHOP, 'corpus')], { goal: parseGoal('/checkout/confirmation'), goalText: '/checkout/confirmation', src });
    mkdirSync(path.join(dir, '.friction'));
    reportFile = path.join(dir, '.friction', 'last-report.json');
    writeFileSync(reportFile, JSON.stringify(report));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const list = (): FixProposal[] => JSON.parse(runFixList({ report: reportFile, format: 'json' })).proposals;

  it('lists fixes for the planted frictions at the lines that render them, each with a rationale citing the data', () => {
    const proposals = list();
    const at = (fix: string, file: string, line: number) => proposals.find((p) => p.fix === fix && p.file === file && p.line === line);
    for (const [fix, file, line] of [
      ['pending-submit-state', 'parts/PayButton.tsx', 4],
      ['guarded-click-handler', 'pages/Cart.tsx', 76],
      ['field-input-hints', 'parts/TaxReferenceField.tsx', 15],
      ['descriptive-link-text', 'parts/SizeGuideLink.tsx', 6],
      ['cta-above-fold', 'pages/Product.tsx', 53],
    ] as const) {
      const proposal = at(fix, file, line);
      assert.ok(proposal, `no ${fix} at ${file}:${line} among ${proposals.map((p) => `${p.fix}@${p.file}:${p.line}`).join(', ')}`);
      assert.match(proposal.rationale, /\d+ ?%|\d+ sessions/, `${fix}: ${proposal.rationale}`);
      assert.ok(proposal.verification.steps.length > 0 && proposal.verification.metric.length > 0);
    }
    const text = runFixList({ report: reportFile });
    assert.match(text, /pending-submit-state@rage_click:\/checkout\/payment:/);
    // The "Free returns" badge: the sessions that clicked it went on to the cart, the next checkout step, so the data
    // names no destination for a link; the fix says so instead of inventing one.
    const { unproposed } = JSON.parse(runFixList({ report: reportFile, format: 'json' })) as { unproposed: { fix: string; file?: string; problem: { message: string } }[] };
    const badge = unproposed.find((u) => u.fix === 'real-control-for-dead-click' && u.file === 'parts/ReturnsBadge.tsx');
    assert.ok(badge, 'the badge is considered');
    assert.match(badge.problem.message, /\/cart/);
  });

  it('applies a fix to its file, and refuses to apply it twice', () => {
    const pay = list().find((p) => p.fix === 'pending-submit-state')!;
    const before = readFileSync(path.join(src, pay.file), 'utf8');
    const out = runFixApply(pay.id, { report: reportFile });
    assert.match(out, /^changed parts\/PayButton\.tsx/);
    const after = readFileSync(path.join(src, pay.file), 'utf8');
    assert.notEqual(after, before);
    assert.match(after, /useFormStatus/);
    assert.match(after, /aria-busy=\{pending\}/);
    assert.throws(() => runFixApply(pay.id, { report: reportFile }), /already has this fix|already/);
    assert.ok(!list().some((p) => p.id === pay.id), 'an applied fix is no longer offered');
  });

  it('applies a fix behind a PostHog feature flag, and the plan names the flag', () => {
    const link = list().find((p) => p.fix === 'descriptive-link-text' && p.file === 'parts/SizeGuideLink.tsx')!;
    const out = runFixApply(link.id, { report: reportFile, flag: 'size-guide-hint', format: 'json' });
    const json = JSON.parse(out);
    assert.equal(json.verification.flag, 'size-guide-hint');
    assert.ok(json.verification.steps.some((step: string) => step.includes('size-guide-hint')), JSON.stringify(json.verification.steps));
    const after = readFileSync(path.join(src, link.file), 'utf8');
    assert.match(after, /useFeatureFlagEnabled\('size-guide-hint'\)/);
    assert.match(after, /from 'posthog-js\/react'/);
  });

  it('refuses a location the code moved away from, and a file that does not parse, saying what to do', () => {
    const [field, cta] = ['field-input-hints', 'cta-above-fold'].map((fix) => list().find((p) => p.fix === fix)!);
    const fieldFile = path.join(src, field.file);
    writeFileSync(fieldFile, `// moved down by a new comment\n${readFileSync(fieldFile, 'utf8')}`);
    assert.throws(() => runFixApply(field.id, { report: reportFile }), /code moved since the data was recorded.*now at TaxReferenceField\.tsx:16:7.*Re-run the analysis/s);
    const ctaFile = path.join(src, cta.file);
    writeFileSync(ctaFile, `${readFileSync(ctaFile, 'utf8')}\nexport const broken = <div>;\n`);
    const before = readFileSync(ctaFile, 'utf8');
    assert.throws(() => runFixApply(cta.id, { report: reportFile }), /does not parse, so no fix edits it/);
    assert.equal(readFileSync(ctaFile, 'utf8'), before, 'nothing written');
  });

  it('rejects bad options and unknown ids with exit codes', async () => {
    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (stderr.push(chunk), true)) as typeof process.stderr.write;
    try {
      assert.equal(await main(['fix', '--report', reportFile]), 2);
      assert.equal(await main(['fix', '--list', '--apply', 'x', '--report', reportFile]), 2);
      assert.equal(await main(['fix', '--apply', 'nope@nothing', '--report', reportFile]), 1);
      assert.equal(await main(['fix', '--list', '--report', path.join(dir, 'missing.json')]), 1);
    } finally {
      process.stderr.write = write;
    }
    assert.match(stderr.join(''), /give exactly one of --list, --apply <id>, --predict <id>/);
    assert.match(stderr.join(''), /no fix "nope@nothing" for this report/);
    assert.match(stderr.join(''), /no report at .*missing\.json: run `friction analyze/);
  });

  it('npm run demo ends with the fixes the product editor offers for the bundled example', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(' '));
    try {
      assert.equal(await main(['demo']), 0);
    } finally {
      console.log = log;
    }
    const out = lines.join('\n');
    assert.match(out, /Product editor \(friction fix --list\): \d+ fixes/);
    assert.match(out, /pending-submit-state@rage_click:\/checkout\/payment:\w+\n {2}Show a pending state on “Pay now” while the form submits {2}\(parts\/PayButton\.tsx:4:5\)/);
  });
});

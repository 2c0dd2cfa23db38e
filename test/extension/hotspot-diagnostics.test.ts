// The extension's report -> diagnostics step, on a real analysis of part of the corpus.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import { annotationsFromReport } from '../../extension/annotations';
import { diagnosticFor, diagnosticsFromReport, DRIFTED_NOTE, levelOf } from '../../extension/hotspot-diagnostics';

const root = path.resolve(__dirname, '..', '..');
const src = path.join(root, 'examples', 'shop', 'src');

describe('extension: hotspots as diagnostics', function () {
  this.timeout(120_000);

  it('puts each confidently mapped element hotspot on its 0-based source line, with figures in the message', async () => {
    const corpus = path.join(root, 'examples', 'shop', 'corpus');
    const files = readdirSync(corpus).filter((f) => f.endsWith('.json.gz')).slice(0, 80).map((f) => path.join(corpus, f));
    const { report } = await analyzeFiles(files, { goal: parseGoal('/checkout/confirmation'), src, routes: ['/product/:id'] });
    const diagnostics = diagnosticsFromReport(report, src);
    const drifted = annotationsFromReport(report, src).find((a) => a.hotspot.kind === 'rage_click')!;
    const moved = diagnosticFor(drifted, { line: 2, column: 17, drifted: true });
    assert.deepEqual([moved.line, moved.column, moved.level], [1, 16, 'information'], 'a drifted hotspot is information, off the element line');
    assert.ok(moved.message.startsWith(`${DRIFTED_NOTE} Rage clicks on /checkout/payment`), moved.message);
    const pay = diagnostics.find((d) => d.code === 'rage_click');
    assert.ok(pay, 'the Pay rage clicks are in the Problems panel');
    assert.equal(pay.file, path.join(src, 'parts', 'PayButton.tsx'));
    assert.equal(pay.line, 3);
    assert.equal(pay.column, 4);
    assert.match(pay.message, /^Rage clicks on \/checkout\/payment: \d+ of \d+ sessions \(\d+%\); conversion \d+% with vs \d+% without\./);
    assert.ok(diagnostics.every((d) => d.file.startsWith(src) && d.line >= 0));
    assert.ok(!diagnostics.some((d) => d.code === 'drop_off'), 'page-level hotspots are not pinned to a line');
  });

  it('grades severity by the share of the page sessions affected, raised by the conversions lost', () => {
    assert.equal(levelOf({ share: 0.35 }), 'error');
    assert.equal(levelOf({ share: 0.08 }), 'warning');
    assert.equal(levelOf({ share: 0.01 }), 'information');
    const impact = (lostConversions: number) => ({ lostConversions, conversionWith: 0.2, conversionWithout: 0.3, model: 'm' });
    assert.equal(levelOf({ share: 0.01, impact: impact(6) }, 100), 'error', '6% of the conversions lost');
    assert.equal(levelOf({ share: 0.01, impact: impact(2) }, 100), 'warning', '2% of the conversions lost');
    assert.equal(levelOf({ share: 0.01, impact: impact(-6) }, 100), 'information', 'a negative estimate never raises it');
  });
});

// The extension's report -> diagnostics step, on a real analysis of part of the corpus.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import { diagnosticsFromReport, levelOf } from '../../extension/hotspot-diagnostics';

const root = path.resolve(__dirname, '..', '..');
const src = path.join(root, 'examples', 'shop', 'src');

describe('extension: hotspots as diagnostics', function () {
  this.timeout(120_000);

  it('puts each confidently mapped element hotspot on its 0-based source line, with figures in the message', async () => {
    const corpus = path.join(root, 'examples', 'shop', 'corpus');
    const files = readdirSync(corpus).filter((f) => f.endsWith('.json.gz')).slice(0, 80).map((f) => path.join(corpus, f));
    const { report } = await analyzeFiles(files, { goal: parseGoal('/checkout/confirmation'), src, routes: ['/product/:id'] });
    const diagnostics = diagnosticsFromReport(report, src);
    const pay = diagnostics.find((d) => d.code === 'rage_click');
    assert.ok(pay, 'the Pay rage clicks are in the Problems panel');
    assert.equal(pay.file, path.join(src, 'parts', 'PayButton.tsx'));
    assert.equal(pay.line, 3);
    assert.equal(pay.column, 4);
    assert.match(pay.message, /^Rage clicks on \/checkout\/payment: \d+ of \d+ sessions \(\d+%\); conversion \d+% with vs \d+% without\./);
    assert.ok(diagnostics.every((d) => d.file.startsWith(src) && d.line >= 0));
    assert.ok(!diagnostics.some((d) => d.code === 'drop_off'), 'page-level hotspots are not pinned to a line');
  });

  it('grades severity by the share of the page sessions affected', () => {
    assert.equal(levelOf({ share: 0.35 }), 'error');
    assert.equal(levelOf({ share: 0.08 }), 'warning');
    assert.equal(levelOf({ share: 0.01 }), 'information');
  });
});

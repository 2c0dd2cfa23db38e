// Annotations follow the element through edits of the example shop's real TSX (edited in memory): a line
// inserted above moves them, a wrapper does not capture them, and removing the element's evidence marks them
// drifted instead of leaving them on a wrong line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AnalysisReport } from '../../analyzer/report/types';
import { annotationsFromReport, type HotspotAnnotation } from '../../extension/annotations';
import { anchorsFromEvidence, findComponentDeclaration, lineAfterEdit, relocate, requiredAnchors } from '../../extension/drift';
import { SHOP_SRC, shopReport } from './shop-report';

const source = (file: string) => readFileSync(path.join(SHOP_SRC, file), 'utf8');

/** Replaces exactly one occurrence, so an edit never silently misses. */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `exactly one "${from}"`);
  return text.replace(from, to);
}

describe('extension: annotations follow the code (drift)', function () {
  this.timeout(120_000);
  let report: AnalysisReport;
  let annotations: HotspotAnnotation[];
  const annotation = (kind: string, file: string): HotspotAnnotation => {
    const a = annotations.find((x) => x.hotspot.kind === kind && x.file === path.join(SHOP_SRC, file));
    assert.ok(a, `${kind} is annotated in ${file}`);
    return a;
  };

  before(async () => {
    report = await shopReport();
    annotations = annotationsFromReport(report, SHOP_SRC, { minShare: 0, minConfidence: 0 });
  });

  it('reads the mapper\'s evidence: identifiers required first, then labels and text, then classes', () => {
    const pay = annotation('rage_click', 'parts/PayButton.tsx');
    assert.deepEqual(anchorsFromEvidence(pay.evidence).slice(0, 3), [
      { kind: 'identifier', name: 'data-testid', value: 'pay-now' },
      { kind: 'text', text: 'Pay now' },
      { kind: 'class', name: 'btn' },
    ]);
    assert.deepEqual(requiredAnchors(anchorsFromEvidence(pay.evidence)), [{ kind: 'identifier', name: 'data-testid', value: 'pay-now' }]);
    const badge = annotation('dead_click', 'parts/ReturnsBadge.tsx');
    assert.deepEqual(requiredAnchors(anchorsFromEvidence(badge.evidence)), [{ kind: 'text', text: 'Free returns' }]);
  });

  it('confirms every annotation of the analysis on the unchanged sources', () => {
    assert.ok(annotations.length >= 10);
    for (const a of annotations) {
      const placed = relocate(readFileSync(a.file, 'utf8'), a);
      assert.ok(placed.status === 'unchanged' || placed.status === 'unverifiable', `${a.hotspot.id} at ${path.relative(SHOP_SRC, a.file)}:${a.line}: ${placed.status} ${placed.line}`);
      assert.deepEqual([placed.line, placed.column], [a.line, a.column], a.hotspot.id);
    }
  });

  it('follows a line inserted above the element, live while typing and again on save', () => {
    const pay = annotation('rage_click', 'parts/PayButton.tsx');
    const edited = edit(source('parts/PayButton.tsx'), '  return (\n', '  const label = "Pay now";\n  return (\n');
    // Live: Enter typed at the start of line 3 inserts one line break before the element.
    assert.equal(lineAfterEdit(pay.line, pay.column, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 1, insertedLineBreaks: 1 }), 5);
    // On save: the text is searched again.
    assert.deepEqual(relocate(edited, pay), { status: 'moved', line: 5, column: 5, length: '<button'.length });
    assert.equal(relocate(edited, { ...pay, line: 5 }).status, 'unchanged');
  });

  it('stays on the element, not on a wrapper added around it', () => {
    const pay = annotation('rage_click', 'parts/PayButton.tsx');
    const wrapped = edit(source('parts/PayButton.tsx'), '    <button type="submit"', '    <div className="pay-now-row">\n      <button type="submit"');
    const placed = relocate(edit(wrapped, '    </button>\n', '    </button>\n    </div>\n'), pay);
    assert.deepEqual([placed.status, placed.line, placed.column], ['moved', 5, 7]);
  });

  it('finds the element again after a longer move in a big page (the coupon button in Cart.tsx)', () => {
    const coupon = annotation('error_click', 'pages/Cart.tsx');
    const text = source('pages/Cart.tsx');
    const tenLines = Array.from({ length: 10 }, (_, i) => `// note ${i}`).join('\n');
    const placed = relocate(`${tenLines}\n${text}`, coupon);
    assert.deepEqual([placed.status, placed.line, placed.column], ['moved', coupon.line + 10, coupon.column]);
  });

  it('marks the annotation drifted when the element\'s identifier is removed, instead of pointing at a wrong line', () => {
    const pay = annotation('rage_click', 'parts/PayButton.tsx');
    const edited = edit(source('parts/PayButton.tsx'), ' data-testid="pay-now"', '');
    assert.equal(relocate(edited, pay).status, 'drifted');
    // The same element with a renamed test id is not the recorded one either.
    assert.equal(relocate(edit(source('parts/PayButton.tsx'), '"pay-now"', '"submit-payment"'), pay).status, 'drifted');
  });

  it('marks a text-identified element drifted when its text changes or it is commented out', () => {
    const badge = annotation('dead_click', 'parts/ReturnsBadge.tsx');
    const text = source('parts/ReturnsBadge.tsx');
    assert.equal(relocate(text, badge).status, 'unchanged');
    assert.equal(relocate(edit(text, 'Free returns', 'Free 30-day returns'), badge).status, 'drifted');
    const commented = edit(text, '<span className="pill pill--returns">Free returns</span>', '<>{/* <span className="pill pill--returns">Free returns</span> */}</>');
    assert.equal(relocate(commented, badge).status, 'drifted');
  });

  it('keeps an annotation whose identifier survives an edit of its text', () => {
    const pay = annotation('rage_click', 'parts/PayButton.tsx');
    const placed = relocate(edit(source('parts/PayButton.tsx'), 'Pay now', 'Complete purchase'), pay);
    assert.deepEqual([placed.status, placed.line], ['unchanged', 4]);
  });

  it('finds component declarations for CodeLens and drifted annotations', () => {
    assert.deepEqual(findComponentDeclaration(source('parts/PayButton.tsx'), 'PayButton'), { line: 2, column: 17 });
    assert.deepEqual(findComponentDeclaration(source('pages/Shipping.tsx'), 'Shipping')?.line, 11);
    assert.equal(findComponentDeclaration(source('App.tsx'), 'Shipping'), undefined, 'App.tsx only renders it');
  });

  it('moves lines with edits above them and leaves lines above an edit alone', () => {
    const at = (line: number, column: number, e: Partial<Parameters<typeof lineAfterEdit>[2]>) =>
      lineAfterEdit(line, column, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, insertedLineBreaks: 0, ...e });
    assert.equal(at(10, 5, { startLine: 12, endLine: 12, insertedLineBreaks: 3 }), 10, 'edit below');
    assert.equal(at(10, 5, { startLine: 2, endLine: 4, endColumn: 1 }), 8, 'two lines deleted above');
    assert.equal(at(10, 5, { startLine: 10, startColumn: 9, endLine: 10, endColumn: 9, insertedLineBreaks: 1 }), 10, 'a break typed after the element start');
    assert.equal(at(10, 5, { startLine: 8, endLine: 12, endColumn: 1 }), 8, 'the element\'s line was inside a deleted range');
  });
});

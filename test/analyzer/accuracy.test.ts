// Accuracy of the whole pipeline on the corpus: signals against ground truth, hotspots against the planted
// frictions' source lines. Figures are printed so every run shows them.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, type AnalysisResult } from '../../analyzer/pipeline/analyze';
import { descriptorMatches, parseGoal } from '../../analyzer/replay';
import { loadGroundTruth } from '../../analyzer/evaluation/ground-truth';
import { scoreSignals } from '../../analyzer/evaluation/signal-accuracy';
import { SIGNAL_KINDS } from '../../analyzer/signals/types';
import { loadPlantedFrictions } from '../../examples/shop/frictions';

const root = path.resolve(__dirname, '..', '..');
const corpus = path.join(root, 'examples', 'shop', 'corpus');
const THRESHOLD = 0.9;

describe('accuracy on the example corpus', function () {
  this.timeout(300_000);
  let result: AnalysisResult;
  const truth = loadGroundTruth(path.join(corpus, 'ground-truth.json'));
  const frictions = loadPlantedFrictions();

  before(async () => {
    result = await analyzeFiles([corpus], { goal: parseGoal(truth.goal), goalText: truth.goal, src: path.join(root, 'examples', 'shop', 'src') });
  });

  it(`detects every signal kind with precision and recall >= ${THRESHOLD}`, () => {
    const scores = scoreSignals(truth.sessions, result.signals, SIGNAL_KINDS);
    console.log('\n      kind               truth  found  matched  precision  recall  F1');
    for (const s of scores) {
      console.log(`      ${s.kind.padEnd(18)} ${String(s.truth).padStart(5)}  ${String(s.detected).padStart(5)}  ${String(s.matched).padStart(7)}  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ${s.f1.toFixed(3)}`);
    }
    for (const s of scores) {
      assert.ok(s.truth >= 5, `${s.kind}: only ${s.truth} truth occurrences, too few to measure`);
      assert.ok(s.precision >= THRESHOLD, `${s.kind} precision ${s.precision.toFixed(3)}`);
      assert.ok(s.recall >= THRESHOLD, `${s.kind} recall ${s.recall.toFixed(3)}`);
    }
  });

  it(`maps >= ${THRESHOLD * 100}% of the planted frictions to the right file and line, as the top source`, () => {
    let mapped = 0;
    for (const f of frictions) {
      const hotspot = result.hotspots.find((h) => h.kind === f.kind && h.page === f.page && h.element && descriptorMatches(h.element, f.selector));
      const top = hotspot?.source[0];
      const ok = !!top && top.file === f.source.file && top.line === f.source.line;
      if (ok) mapped++;
      console.log(`      ${ok ? 'ok  ' : 'MISS'} ${f.id.padEnd(24)} ${f.kind.padEnd(17)} -> ${top ? `${top.file}:${top.line} (${top.confidence.toFixed(2)}; ${top.evidence.join(', ')})` : hotspot ? 'no source' : 'no hotspot'}`);
    }
    console.log(`      mapped ${mapped}/${frictions.length}`);
    assert.ok(mapped / frictions.length >= THRESHOLD, `${mapped}/${frictions.length} mapped`);
  });

  it('ranks hotspots by score and gives each its conversion figures', () => {
    const scores = result.report.hotspots.map((h) => h.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    const pay = result.report.hotspots.find((h) => h.kind === 'rage_click' && h.page === '/checkout/payment');
    assert.ok(pay && pay.sessions >= 10 && pay.share > 0 && pay.share <= 1);
    assert.equal(result.report.sessions, truth.sessions.length);
    assert.equal(result.report.converted, truth.sessions.filter((s) => s.converted).length);
  });
});

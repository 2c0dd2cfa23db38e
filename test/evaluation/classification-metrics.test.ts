// Checks the evaluation metrics against hand-computed cases and scikit-learn's documented values, so reported
// figures mean the same as in the papers we compare with.
import assert from 'node:assert/strict';
import {
  accuracy, bestF1Threshold, binaryMetrics, confusionAt, f1Positive, logLoss, prAuc, rocAuc,
} from '../../analyzer/evaluation/classification-metrics';

const close = (actual: number, expected: number, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) < eps, `expected ${expected}, got ${actual}`);

describe('classification metrics', () => {
  // sklearn docs: roc_auc_score / average_precision_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75 / 0.8333…
  const labels = [0, 0, 1, 1];
  const scores = [0.1, 0.4, 0.35, 0.8];

  it('ROC AUC matches sklearn and counts ties as one half', () => {
    close(rocAuc(scores, labels), 0.75);
    // pairs (pos, neg): 0.6 vs 0.2 → 1, 0.6 vs 0.6 → ½, 0.9 vs both → 2; 3.5 / 4
    close(rocAuc([0.2, 0.6, 0.6, 0.9], labels), 0.875);
    close(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
    close(rocAuc([0.1, 0.2, 0.8, 0.9], labels), 1);
    close(rocAuc([0.9, 0.8, 0.2, 0.1], labels), 0);
  });

  it('ROC AUC equals the brute-force pair count on random tied scores', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const s = Array.from({ length: 300 }, () => Math.round(next() * 20) / 20);
    const y = s.map((v) => (next() < 0.3 + 0.4 * v ? 1 : 0));
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < s.length; i++) {
      for (let j = 0; j < s.length; j++) {
        if (y[i] !== 1 || y[j] !== 0) continue;
        pairs++;
        wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
    close(rocAuc(s, y), wins / pairs, 1e-12);
  });

  it('PR AUC is average precision (sklearn step sum), ties entering together', () => {
    close(prAuc(scores, labels), 5 / 6);
    // 0.9: P=1, R=½ → ½; {0.6, 0.6}: P=⅔, R=1 → +⅓
    close(prAuc([0.2, 0.6, 0.6, 0.9], labels), 5 / 6);
    close(prAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
    // reversed: recall reaches ½ at P=⅓ then 1 at P=½ → 1/6 + 1/4
    close(prAuc([0.9, 0.8, 0.2, 0.1], labels), 5 / 12);
  });

  it('confusion, accuracy and F1 at a threshold (score >= threshold is positive)', () => {
    const c = confusionAt(scores, labels, 0.35);
    assert.deepEqual(c, { tp: 2, fp: 1, tn: 1, fn: 0 });
    close(accuracy(c), 0.75);
    close(f1Positive(c), 0.8);
    assert.equal(f1Positive(confusionAt(scores, labels, 2)), 0);
  });

  it('log loss matches sklearn and stays finite for a confident miss', () => {
    close(logLoss([0.9, 0.2], [1, 0]), (-Math.log(0.9) - Math.log(0.8)) / 2);
    close(logLoss([0], [1]), -Math.log(1e-15), 1e-6);
  });

  it('best F1 threshold sweeps distinct scores and returns the gap midpoint', () => {
    const best = bestF1Threshold(scores, labels);
    close(best.f1, 0.8);
    close(best.threshold, (0.35 + 0.1) / 2);
    close(f1Positive(confusionAt(scores, labels, best.threshold)), best.f1);
  });

  it('bundles the figures and refuses undefined cases', () => {
    const m = binaryMetrics(scores, labels, 0.225);
    close(m.rocAuc, 0.75);
    close(m.accuracyAt05, 0.75);
    close(m.f1, 0.8);
    assert.throws(() => rocAuc([0.1, 0.2], [1, 1]), /one class/);
    assert.throws(() => prAuc([0.1, 0.2], [0, 0]), /no positive/);
    assert.throws(() => rocAuc([0.1], [1, 0]), /differ in length/);
  });
});

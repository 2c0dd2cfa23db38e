// The policy trainer: the scorer imitates a feature-driven choice far better than the first-candidate baseline,
// the dwell head picks up a context dependency, sessions never straddle the split, and runs are reproducible.
import assert from 'node:assert/strict';
import { predictDwellMs, scoreCandidates, splitBySession, trainPolicy, DEFAULT_POLICY_OPTIONS } from '../../models/train/policy-trainer';
import { Rng } from '../../models/train/random';
import type { PolicyStep, PolicyTrainOptions } from '../../models/train/types';

/**
 * Candidates [f0, f1, position, noise]; the user picks argmax(f0 − f1² + noise). Dwell grows with context[0]:
 * log(1 + s) = 0.3 + 2·c0 + noise; context[1] is irrelevant.
 */
function synthetic(seed: number, sessions: number): PolicyStep[] {
  const rng = new Rng(seed);
  const steps: PolicyStep[] = [];
  for (let s = 0; s < sessions; s++) {
    const steps_ = 4 + rng.int(8);
    for (let t = 0; t < steps_; t++) {
      const k = 3 + rng.int(6);
      const candidates = Array.from({ length: k }, (_, i) => [rng.normal(), rng.normal(), i / k, rng.normal()]);
      let chosen = 0;
      let best = -Infinity;
      candidates.forEach((c, i) => {
        const utility = c[0] - c[1] * c[1] + 0.3 * rng.normal();
        if (utility > best) [best, chosen] = [utility, i];
      });
      const context = [rng.uniform(), rng.normal()];
      const dwellMs = 1000 * Math.expm1(0.3 + 2 * context[0] + 0.1 * rng.normal());
      steps.push({ candidates, chosen, context, dwellMs, sessionId: `session-${seed}-${s}` });
    }
  }
  return steps;
}

const argmax = (values: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
};

describe('trainPolicy', () => {
  const options: PolicyTrainOptions = { ...DEFAULT_POLICY_OPTIONS, hidden: [16, 8], dwellHidden: [8], maxEpochs: 60, learningRate: 5e-3 };
  const train = synthetic(1, 150);
  const test = synthetic(2, 60);
  let result: ReturnType<typeof trainPolicy>;
  before(() => {
    result = trainPolicy(train, options);
  });

  it('picks the chosen candidate on held-out steps far more often than the first-candidate baseline', () => {
    let hits = 0;
    let firstHits = 0;
    for (const step of test) {
      const probs = scoreCandidates(result.model, step.candidates);
      assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-5, 'softmax sums to 1');
      if (argmax(probs) === step.chosen) hits++;
      if (step.chosen === 0) firstHits++;
    }
    const top1 = hits / test.length;
    const baseline = firstHits / test.length;
    assert.ok(top1 > 0.7, `top-1 ${top1}`);
    assert.ok(top1 > baseline + 0.4, `top-1 ${top1} vs first-candidate ${baseline}`);
    assert.ok(result.history.validationLoss[result.history.bestEpoch] < result.history.validationLoss[0]);
  });

  it('learns that dwell grows with context[0] and not with context[1]', () => {
    const short = predictDwellMs(result.model, [0.1, 0]);
    const long = predictDwellMs(result.model, [0.9, 0]);
    // True values: expm1(0.5) ≈ 649 ms and expm1(2.1) ≈ 7166 ms.
    assert.ok(short > 300 && short < 1200, `short dwell ${short}`);
    assert.ok(long > 4000 && long < 11000, `long dwell ${long}`);
    const other = predictDwellMs(result.model, [0.5, 2]) / predictDwellMs(result.model, [0.5, -2]);
    assert.ok(other > 0.7 && other < 1.4, `context[1] changes dwell by ×${other}`);
    const best = result.dwellHistory.validationLoss[result.dwellHistory.bestEpoch];
    assert.ok(best < 0.05, `dwell validation MSE ${best} (noise variance 0.01, target variance ≈ 0.33)`);
  });

  it('holds out whole sessions', () => {
    const held = new Set(result.validationIndices.map((i) => train[i].sessionId));
    assert.ok(held.size >= 20, `${held.size} validation sessions`);
    train.forEach((step, i) => assert.equal(held.has(step.sessionId), result.validationIndices.includes(i)));
    const split = splitBySession(train, 0, new Rng(1));
    assert.deepEqual(split.validation, []);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const small = synthetic(3, 30);
    const quick = { ...options, maxEpochs: 5 };
    const weights = (r: ReturnType<typeof trainPolicy>) =>
      [r.model.scorer, r.model.dwell].flatMap((m) => m.layers.flatMap((l) => [Array.from(l.weights), Array.from(l.bias)]));
    const a = trainPolicy(small, { ...quick, seed: 4 });
    const b = trainPolicy(small, { ...quick, seed: 4 });
    const c = trainPolicy(small, { ...quick, seed: 5 });
    assert.deepEqual(weights(a), weights(b));
    assert.deepEqual(a.history, b.history);
    assert.notDeepEqual(weights(a), weights(c));
  });

  it('rejects a step whose chosen index is out of range', () => {
    const bad = synthetic(6, 3);
    bad[1] = { ...bad[1], chosen: bad[1].candidates.length };
    assert.throws(() => trainPolicy(bad, options), /step 1 chose/);
  });
});

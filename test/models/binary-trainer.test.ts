// The binary trainer: reproducible from its seed, learns what logistic regression cannot, stops early on the best
// validation epoch, and keeps oversampling out of the validation rows.
import assert from 'node:assert/strict';
import { oversampleMinority, stratifiedSplit, trainBinaryClassifier, DEFAULT_BINARY_OPTIONS } from '../../models/train/binary-trainer';
import { forwardMlp, predictMlp } from '../../models/train/mlp';
import { Rng } from '../../models/train/random';
import type { BinarySample, BinaryTrainOptions, Mlp } from '../../models/train/types';

/** XOR of the signs of two features, plus noise features: not linearly separable. */
function xor(seed: number, n: number): BinarySample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const x = [rng.uniform() * 2 - 1, rng.uniform() * 2 - 1, rng.normal(), rng.normal()];
    return { x, y: (x[0] * x[1] > 0 ? 1 : 0) as 0 | 1 };
  });
}

/** Weak signal, heavy label noise, many irrelevant features: a big net overfits quickly. */
function noisy(seed: number, n: number, positiveRate = 0.5): BinarySample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const x = Array.from({ length: 20 }, () => rng.normal());
    const p = 1 / (1 + Math.exp(-(x[0] + Math.log(positiveRate / (1 - positiveRate)))));
    return { x, y: (rng.uniform() < p ? 1 : 0) as 0 | 1 };
  });
}

function accuracy(model: Mlp, samples: BinarySample[]): number {
  const p = predictMlp(model, samples.map((s) => s.x));
  return samples.filter((s, i) => (p[i] >= 0.5 ? 1 : 0) === s.y).length / samples.length;
}

function logLoss(model: Mlp, samples: BinarySample[]): number {
  const eps = 1e-12;
  return -samples.reduce((sum, s) => {
    const p = forwardMlp(model, s.x);
    return sum + (s.y === 1 ? Math.log(p + eps) : Math.log(1 - p + eps));
  }, 0) / samples.length;
}

const weights = (model: Mlp) => model.layers.flatMap((l) => [Array.from(l.weights), Array.from(l.bias)]);

describe('trainBinaryClassifier', () => {
  const quick: BinaryTrainOptions = { ...DEFAULT_BINARY_OPTIONS, hidden: [8], maxEpochs: 12, learningRate: 1e-2 };

  it('is deterministic: same seed, same weights; another seed, other weights', () => {
    const data = xor(1, 400);
    const a = trainBinaryClassifier(data, { ...quick, seed: 7 });
    const b = trainBinaryClassifier(data, { ...quick, seed: 7 });
    const c = trainBinaryClassifier(data, { ...quick, seed: 8 });
    assert.deepEqual(weights(a.model), weights(b.model));
    assert.deepEqual(a.history, b.history);
    assert.deepEqual(Array.from(a.model.standardiser.mean), Array.from(b.model.standardiser.mean));
    assert.notDeepEqual(weights(a.model), weights(c.model));
    assert.notDeepEqual(a.validationIndices, c.validationIndices);
  });

  it('learns XOR, which logistic regression (hidden []) cannot', () => {
    const train = xor(2, 1500);
    const test = xor(3, 1000);
    const options = { ...DEFAULT_BINARY_OPTIONS, maxEpochs: 120, learningRate: 1e-2, batchSize: 32 };
    const mlp = trainBinaryClassifier(train, { ...options, hidden: [16, 8] });
    const logistic = trainBinaryClassifier(train, { ...options, hidden: [] });
    const mlpAccuracy = accuracy(mlp.model, test);
    const logisticAccuracy = accuracy(logistic.model, test);
    assert.equal(logistic.model.layers.length, 1);
    assert.ok(mlpAccuracy > 0.9, `MLP accuracy ${mlpAccuracy}`);
    assert.ok(logisticAccuracy < 0.65, `logistic accuracy ${logisticAccuracy}`);
  });

  it('stops early on a noisy problem and returns the best epoch’s weights', () => {
    const data = noisy(4, 300);
    const options = { ...DEFAULT_BINARY_OPTIONS, hidden: [64, 32], maxEpochs: 300, learningRate: 1e-2, patience: 10, validationFraction: 0.3 };
    const { model, history, validationIndices } = trainBinaryClassifier(data, options);
    assert.ok(history.epochs < options.maxEpochs, `ran all ${history.epochs} epochs`);
    assert.equal(history.epochs, history.bestEpoch + 1 + options.patience);
    assert.equal(history.validationLoss.length, history.epochs);
    assert.equal(history.validationLoss[history.bestEpoch], Math.min(...history.validationLoss));
    const finalLoss = history.validationLoss[history.epochs - 1];
    assert.ok(finalLoss > history.validationLoss[history.bestEpoch] + 1e-3, 'the last epoch is no better than the best');
    // The returned weights are the best epoch's, not the last one's (up to Float32 rounding).
    const returned = logLoss(model, validationIndices.map((i) => data[i]));
    assert.ok(Math.abs(returned - history.validationLoss[history.bestEpoch]) < 1e-4, `${returned} vs best ${history.validationLoss[history.bestEpoch]}`);
  });

  describe('validation split and oversampling', () => {
    const data = noisy(5, 1000, 0.1);
    const positives = data.filter((s) => s.y === 1).length;
    const options = { ...quick, maxEpochs: 5 };

    it('draws a stratified validation split before oversampling, identical with or without it', () => {
      const plain = trainBinaryClassifier(data, { ...options, oversample: false });
      const over = trainBinaryClassifier(data, { ...options, oversample: true });
      assert.deepEqual(over.validationIndices, plain.validationIndices);
      const heldPositives = plain.validationIndices.filter((i) => data[i].y === 1).length;
      assert.equal(heldPositives, Math.round(0.15 * positives));
      assert.equal(plain.validationIndices.length - heldPositives, Math.round(0.15 * (data.length - positives)));
      for (const run of [plain, over]) {
        const held = new Set(run.validationIndices);
        assert.ok(run.trainIndices.every((i) => !held.has(i)), 'a validation row was trained on');
      }
      assert.equal(plain.trainIndices.length + plain.validationIndices.length, data.length);
      const trainPositives = over.trainIndices.filter((i) => data[i].y === 1).length;
      assert.equal(trainPositives, over.trainIndices.length - trainPositives, 'oversampled training part is balanced');
      assert.ok(over.trainIndices.length > plain.trainIndices.length);
      // Balanced training raises the predicted positive rate well above the 10% base rate.
      const meanP = (m: Mlp) => predictMlp(m, data.map((s) => s.x)).reduce((a, b) => a + b, 0) / data.length;
      assert.ok(meanP(over.model) > meanP(plain.model) + 0.2, `${meanP(over.model)} vs ${meanP(plain.model)}`);
    });

    it('stratifiedSplit and oversampleMinority on their own', () => {
      const labels = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0] as (0 | 1)[];
      assert.deepEqual(stratifiedSplit(labels, 0, new Rng(1)).validation, []);
      const split = stratifiedSplit(labels, 0.2, new Rng(1));
      assert.equal(split.validation.filter((i) => labels[i] === 1).length, 1, 'one of two positives held out');
      assert.equal(split.validation.length, 3);
      const balanced = oversampleMinority(split.train, labels, new Rng(1));
      assert.equal(balanced.filter((i) => labels[i] === 1).length, 6);
      assert.equal(balanced.length, 12);
    });
  });
});

// The gradient-boosted trees: the ONNX export computes what predictGbdt computes (thresholds included), training is
// reproducible from the seed, it learns interactions a logistic model cannot, and early stopping keeps the best round.
import assert from 'node:assert/strict';
import { OnnxMlp } from '../../analyzer/models/onnx-runner';
import { rocAuc } from '../../analyzer/evaluation/classification-metrics';
import { DEFAULT_BINARY_OPTIONS, trainBinaryClassifier } from '../../models/train/binary-trainer';
import { gbdtToOnnx } from '../../models/train/gbdt-onnx';
import { DEFAULT_GBDT_OPTIONS, gbdtMargin, predictGbdt, trainGbdt, type GbdtModel } from '../../models/train/gbdt-trainer';
import { predictMlp } from '../../models/train/mlp';
import { Rng } from '../../models/train/random';
import type { BinarySample } from '../../models/train/types';

const FAST = { ...DEFAULT_GBDT_OPTIONS, maxTrees: 120, patience: 20 };

/** XOR-like target on two of the features (plus label noise): hopeless for a linear model, easy for trees. */
function xorSamples(seed: number, n: number, width = 6): BinarySample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const x = Array.from({ length: width }, (_, i) => rng.normal() * (1 + i) + i);
    // A coarse integer feature, so many rows sit exactly on a split value.
    x[width - 1] = rng.int(5);
    const y = ((x[0] * (x[1] - 1) > 0) !== rng.uniform() < 0.1 ? 1 : 0) as 0 | 1;
    return { x, y };
  });
}

/** The next float32 above t (t itself float32 and finite). */
function above(t: number): number {
  const bits = new Float32Array([t]);
  const view = new Int32Array(bits.buffer);
  if (t === 0) return 1.401298464324817e-45;
  view[0] += t > 0 ? 1 : -1;
  return bits[0];
}

/** Random rows, three values of each set to a threshold of the model or to the float32 just above it. */
function probeRows(model: GbdtModel, seed: number, n: number): number[][] {
  const rng = new Rng(seed);
  const splits: [number, number][] = [];
  for (const tree of model.trees) tree.feature.forEach((f, i) => f >= 0 && splits.push([f, tree.threshold[i]]));
  return Array.from({ length: n }, () => {
    const x = Array.from({ length: model.features }, (_, i) => rng.normal() * (1 + i) + i);
    for (let k = 0; k < 3; k++) {
      const [f, t] = splits[rng.int(splits.length)];
      x[f] = rng.uniform() < 0.5 ? t : above(t);
    }
    return x;
  });
}

describe('gradient-boosted trees', function () {
  this.timeout(20_000);

  it('ONNX (TreeEnsembleRegressor + Sigmoid via OnnxMlp) equals predictGbdt within 1e-5, at thresholds too', async () => {
    const { model } = trainGbdt(xorSamples(1, 800), { ...FAST, patience: 200 });
    assert.ok(model.trees.length > 50);
    const rows = probeRows(model, 2, 200);
    const expected = predictGbdt(model, rows);
    const runner = await OnnxMlp.load(gbdtToOnnx(model, { inputName: 'features', outputName: 'probability' }));
    try {
      assert.equal(runner.inputs, model.features);
      const actual = await runner.predict(rows);
      assert.equal(actual.length, rows.length);
      let worst = 0;
      for (let i = 0; i < rows.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
      assert.ok(worst < 1e-5, `max |onnx - js| = ${worst}`);
      // A row exactly on a threshold goes left, the float32 just above goes right: the margins must differ.
      const tree = model.trees[0];
      const onSplit = new Array(model.features).fill(0);
      onSplit[tree.feature[0]] = tree.threshold[0];
      const justAbove = onSplit.slice();
      justAbove[tree.feature[0]] = above(tree.threshold[0]);
      const root = { ...model, trees: [tree] };
      assert.notEqual(gbdtMargin(root, onSplit), gbdtMargin(root, justAbove));
      const [a, b] = await runner.predict([onSplit, justAbove]);
      const [ea, eb] = predictGbdt(model, [onSplit, justAbove]);
      assert.ok(Math.abs(a - ea) < 1e-5 && Math.abs(b - eb) < 1e-5, `${a} vs ${ea}, ${b} vs ${eb}`);
    } finally {
      await runner.release();
    }
  });

  it('is deterministic given the seed (and the seed matters)', () => {
    const samples = xorSamples(4, 500);
    const options = { ...FAST, maxTrees: 40, oversample: true };
    const a = trainGbdt(samples, options);
    const b = trainGbdt(samples, options);
    assert.deepEqual(a.model, b.model);
    assert.deepEqual(a.history, b.history);
    const c = trainGbdt(samples, { ...options, seed: 2 });
    assert.notDeepEqual(c.model, a.model);
  });

  it('learns a non-linear problem far better than logistic regression', () => {
    const train = xorSamples(5, 1500);
    const test = xorSamples(6, 800);
    const labels = test.map((s) => s.y);
    const { model } = trainGbdt(train, FAST);
    const logistic = trainBinaryClassifier(train, { ...DEFAULT_BINARY_OPTIONS, hidden: [], maxEpochs: 40 }).model;
    const gbdt = rocAuc(predictGbdt(model, test.map((s) => s.x)), labels);
    const linear = rocAuc(predictMlp(logistic, test.map((s) => s.x)), labels);
    assert.ok(gbdt > 0.85 && gbdt > linear + 0.2, `GBDT ROC AUC ${gbdt}, logistic ${linear}`);
  });

  it('early stopping ends `patience` rounds after the best validation loss and keeps exactly those trees', () => {
    // Mostly noise and a large learning rate: validation loss turns up early.
    const samples = xorSamples(7, 600).map((s, i) => ({ x: s.x, y: (i % 3 === 0 ? s.y : (i * 7919) % 2) as 0 | 1 }));
    const { model, history, validationIndices } = trainGbdt(samples, { ...FAST, learningRate: 0.5, maxTrees: 300, patience: 10 });
    const best = history.bestEpoch;
    assert.ok(history.epochs < 300, 'stopped early');
    assert.equal(history.epochs, best + 1 + 10);
    assert.equal(model.trees.length, best + 1);
    assert.equal(Math.min(...history.validationLoss), history.validationLoss[best]);
    // The kept model scores the validation rows at the best round's loss.
    let loss = 0;
    for (const i of validationIndices) {
      const z = gbdtMargin(model, samples[i].x);
      loss += Math.max(z, 0) - samples[i].y * z + Math.log1p(Math.exp(-Math.abs(z)));
    }
    assert.ok(Math.abs(loss / validationIndices.length - history.validationLoss[best]) < 1e-5);
  });

  it('trains 12k rows × 58 features × 200 trees in a few seconds', () => {
    const rng = new Rng(8);
    const samples: BinarySample[] = Array.from({ length: 12_000 }, () => {
      const x = Float32Array.from({ length: 58 }, (_, i) => (i < 10 ? rng.normal() : rng.int(2)));
      return { x, y: (x[0] + x[1] * x[2] + x[10] > rng.normal() ? 1 : 0) as 0 | 1 };
    });
    const started = Date.now();
    const { model, history } = trainGbdt(samples, { ...DEFAULT_GBDT_OPTIONS, maxTrees: 200, patience: 200 });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(history.epochs, 200);
    assert.equal(model.trees.length, history.bestEpoch + 1);
    assert.ok(seconds < 10, `${seconds} s`);
  });

  it('rejects bad options and exports no empty model', () => {
    const samples = xorSamples(9, 50);
    assert.throws(() => trainGbdt(samples, { ...FAST, maxBins: 300 }), /maxBins/);
    assert.throws(() => trainGbdt(samples, { ...FAST, subsample: 0 }), /subsample/);
    assert.throws(() => gbdtToOnnx({ baseScore: 0, trees: [], features: 6 }, { inputName: 'x', outputName: 'p' }), /no trees/);
  });
});

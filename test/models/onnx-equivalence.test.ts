// The exported ONNX models must compute what forwardMlp computes (to float32 precision): sigmoid, linear and
// logistic Mlps, and the policy's scorer and dwell heads, run through onnxruntime-node via OnnxMlp.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OnnxMlp } from '../../analyzer/models/onnx-runner';
import { trainBinaryClassifier, DEFAULT_BINARY_OPTIONS } from '../../models/train/binary-trainer';
import { trainPolicy, DEFAULT_POLICY_OPTIONS } from '../../models/train/policy-trainer';
import { forwardMlp } from '../../models/train/mlp';
import { mlpToOnnx, policyToOnnx } from '../../models/train/onnx-export';
import { Rng } from '../../models/train/random';
import type { BinarySample, Mlp, PolicyStep } from '../../models/train/types';

const FEATURES = 6;
const TOLERANCE = 1e-5;

/** Features on deliberately uneven scales, so the standardiser matters. */
function row(rng: Rng, width = FEATURES): number[] {
  return Array.from({ length: width }, (_, i) => rng.normal() * (1 + i * 3) + i * 10);
}

function binarySamples(seed: number, n: number): BinarySample[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const x = row(rng);
    const y = (x[0] * (x[1] - 10) > 0 !== rng.uniform() < 0.1 ? 1 : 0) as 0 | 1;
    return { x, y };
  });
}

function policySteps(seed: number, sessions: number): PolicyStep[] {
  const rng = new Rng(seed);
  const steps: PolicyStep[] = [];
  for (let s = 0; s < sessions; s++) {
    for (let t = 0; t < 6; t++) {
      const candidates = Array.from({ length: 2 + rng.int(5) }, () => row(rng, 4));
      let chosen = 0;
      candidates.forEach((c, i) => (c[0] > candidates[chosen][0] ? (chosen = i) : 0));
      const context = row(rng, 3);
      steps.push({ candidates, chosen, context, dwellMs: 1000 * Math.exp(context[0] / 5), sessionId: `s${s}` });
    }
  }
  return steps;
}

async function assertEquivalent(mlp: Mlp, width: number, seed: number): Promise<void> {
  const bytes = mlpToOnnx(mlp, { inputName: 'features', outputName: 'out', graphName: 'test' });
  const runner = await OnnxMlp.load(bytes);
  try {
    assert.equal(runner.inputs, width);
    const rng = new Rng(seed);
    const rows = Array.from({ length: 200 }, () => row(rng, width));
    const fromOnnx = await runner.predict(rows);
    assert.equal(fromOnnx.length, 200);
    let worst = 0;
    rows.forEach((r, i) => (worst = Math.max(worst, Math.abs(fromOnnx[i] - forwardMlp(mlp, r)))));
    assert.ok(worst <= TOLERANCE, `max |onnx - js| = ${worst}`);
    // The outputs vary: a constant model would pass the comparison trivially.
    assert.ok(Math.max(...fromOnnx) - Math.min(...fromOnnx) > 0.05, 'outputs barely vary');
  } finally {
    await runner.release();
  }
}

describe('ONNX export ≡ forwardMlp (onnxruntime-node)', () => {
  const quick = { ...DEFAULT_BINARY_OPTIONS, maxEpochs: 15, learningRate: 1e-2, patience: 5 };
  const samples = binarySamples(11, 600);

  it('sigmoid Mlp with two hidden layers', async () => {
    const { model } = trainBinaryClassifier(samples, { ...quick, hidden: [8, 4] });
    assert.equal(model.output, 'sigmoid');
    await assertEquivalent(model, FEATURES, 1);
  });

  it('logistic regression (no hidden layer)', async () => {
    const { model } = trainBinaryClassifier(samples, { ...quick, hidden: [] });
    assert.equal(model.layers.length, 1);
    await assertEquivalent(model, FEATURES, 2);
  });

  it('linear Mlp, and the policy scorer and dwell heads', async () => {
    const { model } = trainPolicy(policySteps(5, 40), { ...DEFAULT_POLICY_OPTIONS, hidden: [8], dwellHidden: [4], maxEpochs: 10 });
    assert.equal(model.scorer.output, 'linear');
    await assertEquivalent(model.scorer, 4, 3);
    await assertEquivalent(model.dwell, 3, 4);
    const exported = policyToOnnx(model);
    const scorer = await OnnxMlp.load(exported.scorer);
    const dwell = await OnnxMlp.load(exported.dwell);
    try {
      assert.deepEqual([scorer.inputs, dwell.inputs], [4, 3]);
      const rng = new Rng(6);
      const candidates = Array.from({ length: 50 }, () => row(rng, 4));
      const scores = await scorer.predict(candidates);
      candidates.forEach((c, i) => assert.ok(Math.abs(scores[i] - forwardMlp(model.scorer, c)) <= TOLERANCE));
      const context = row(rng, 3);
      const [logDwell] = await dwell.predict([context]);
      assert.ok(Math.abs(logDwell - forwardMlp(model.dwell, context)) <= TOLERANCE);
    } finally {
      await scorer.release();
      await dwell.release();
    }
  });

  describe('OnnxMlp', () => {
    let model: Mlp;
    let bytes: Uint8Array;
    before(() => {
      model = trainBinaryClassifier(samples, { ...quick, hidden: [4], maxEpochs: 3 }).model;
      bytes = mlpToOnnx(model, { inputName: 'x', outputName: 'p', graphName: 'runner', docString: 'test' });
    });

    it('loads from a path and accepts packed Float32Array rows', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'onnx-runner-'));
      try {
        const file = join(dir, 'model.onnx');
        writeFileSync(file, bytes);
        const runner = await OnnxMlp.load(file);
        const rows = [row(new Rng(1)), row(new Rng(2))];
        const packed = Float32Array.from(rows.flat());
        const a = await runner.predict(rows);
        const b = await runner.predict(packed, FEATURES);
        assert.deepEqual(Array.from(a), Array.from(b));
        assert.ok(Math.abs(a[1] - forwardMlp(model, rows[1])) <= TOLERANCE);
        assert.equal((await runner.predict([])).length, 0);
        await runner.release();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('rejects rows of the wrong width, naming expected and given widths', async () => {
      const runner = await OnnxMlp.load(bytes);
      try {
        await assert.rejects(runner.predict([row(new Rng(1)), [1, 2, 3]]), /expects 6 input columns, given 3 \(row 1\)/);
        await assert.rejects(runner.predict(new Float32Array(10), 5), /expects 6 input columns, given 5/);
        await assert.rejects(runner.predict(new Float32Array(10)), /not a whole number of 6-column rows/);
      } finally {
        await runner.release();
      }
    });
  });
});

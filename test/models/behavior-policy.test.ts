// The behavior-policy model end to end on real corpus sessions: trained by imitation it beats the most-clicked
// baseline on held-out sessions; written to disk and run through onnxruntime (policy-runner), with the priors read
// back from model.json, it gives the JS model's probabilities and dwell; the same seed gives the same bytes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { policyStepsOf } from '../../analyzer/features/policy-steps';
import { ModelFileError, writeModelDir } from '../../analyzer/models/model-files';
import { PolicyRunner } from '../../analyzer/models/policy-runner';
import type { RawSession } from '../../analyzer/sources/files/types';
import { predictDwellMs, scoreCandidates } from '../../models/train/policy-trainer';
import { BEHAVIOR_POLICY_OPTIONS, trainBehaviorPolicy, type BehaviorPolicyTraining } from '../../models/train/train-behavior-policy';
import { FOLD, GOAL, loadRaw } from '../features/corpus-sessions';

const INFO = { description: 'first 80 sessions of the example corpus', sources: ['examples/shop/corpus'], consent: ['test fixture'], now: new Date('2025-01-01T00:00:00Z') };
/** Small and quick: the default network, fewer epochs. */
const OPTIONS = { ...BEHAVIOR_POLICY_OPTIONS, maxEpochs: 40, patience: 8 };

describe('behavior-policy model (train, export, run with onnxruntime)', function () {
  this.timeout(60_000);
  let raws: RawSession[];
  let training: BehaviorPolicyTraining;
  let dir: string;
  let runner: PolicyRunner;

  before(async () => {
    raws = await loadRaw(80);
    training = await trainBehaviorPolicy({ sessions: raws, goal: GOAL, routePatterns: ['/product/:id'] }, INFO, OPTIONS);
    dir = mkdtempSync(path.join(tmpdir(), 'behavior-policy-'));
    writeModelDir(dir, training.meta, training.graphs, training.card);
    runner = await PolicyRunner.load(dir);
  });

  after(async () => {
    await runner?.release();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('beats the most-clicked baseline on held-out sessions, next to both baselines measured by the same code', () => {
    const e = training.evaluation;
    console.log(
      `      ${e.trainSteps} training / ${e.heldOutSteps} held-out steps (${e.heldOutSessions} sessions): model top-1 ${e.model.top1.toFixed(3)} top-3 ${e.model.top3.toFixed(3)}; ` +
        `most-clicked ${e.mostClicked.top1.toFixed(3)}/${e.mostClicked.top3.toFixed(3)}; Markov ${e.markov.top1.toFixed(3)}/${e.markov.top3.toFixed(3)}; ` +
        `dwell |Δlog| ${e.dwell.medianAbsLogError.toFixed(3)} (constant ${e.dwellBaseline.medianAbsLogError.toFixed(3)})`,
    );
    assert.equal(e.heldOutSessions, 20);
    assert.ok(e.model.top1 > e.mostClicked.top1 + 0.1, JSON.stringify(e.model));
    assert.ok(e.model.top1 <= e.model.top3);
    assert.ok(e.model.top1 > 5 * e.chanceTop1);
    const heldOut = new Set(e.steps.map((s) => s.sessionId));
    assert.equal(heldOut.size, e.heldOutSessions);
    assert.equal(e.steps.filter((s) => s.rank === 0).length / e.steps.length, e.model.top1);
    const m = training.meta;
    assert.equal(m.name, 'behavior-policy');
    assert.deepEqual(m.files, { scorer: 'scorer.onnx', dwell: 'dwell.onnx' });
    assert.equal(m.metrics.top1, e.model.top1);
    assert.equal(m.metrics.markovTop1, e.markov.top1);
    assert.match(m.version, /^behavior-policy@2025-01-01-[0-9a-f]{8}$/);
    assert.match(training.card, /## Limitations/);
  });

  it('runs under onnxruntime with the probabilities and dwell of the JS model, on steps built from the stored priors', async () => {
    const priors = runner.priors;
    assert.deepEqual(priors.clickPriors, training.priors.clickPriors);
    assert.deepEqual(priors.transitionPriors, training.priors.transitionPriors);
    assert.deepEqual(priors.clickedFingerprints, training.priors.clickedFingerprints);
    assert.deepEqual(priors.funnel, training.priors.funnel);
    assert.deepEqual(priors.fieldKnowledge, training.priors.fieldKnowledge);
    let checked = 0;
    for (const raw of raws.slice(0, 12)) {
      // As inference does: features from the model's own priors, elements clicked in training offered.
      const { steps } = policyStepsOf(raw, GOAL, {
        foldRoute: FOLD,
        clickPriors: priors.clickPriors,
        transitionPriors: priors.transitionPriors,
        extraFingerprints: priors.clickedFingerprints,
        funnel: priors.funnel,
      });
      for (const step of steps) {
        const js = scoreCandidates(training.model, step.candidates);
        const onnx = await runner.scoreStep(step.candidates);
        assert.equal(onnx.length, js.length);
        for (let i = 0; i < js.length; i++) assert.ok(Math.abs(onnx[i] - js[i]) <= 1e-5, `candidate ${i}: ${onnx[i]} vs ${js[i]}`);
        assert.ok(Math.abs(onnx.reduce((a, b) => a + b, 0) - 1) < 1e-5);
        const dwellJs = predictDwellMs(training.model, step.context);
        const dwellOnnx = await runner.predictDwellMs(step.context);
        assert.ok(Math.abs(dwellOnnx - dwellJs) <= 1e-4 * Math.max(1, dwellJs), `dwell ${dwellOnnx} vs ${dwellJs}`);
        checked++;
      }
    }
    assert.ok(checked > 100, `${checked} steps`);
  });

  it('refuses a model directory trained on other candidate features', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'behavior-policy-bad-'));
    try {
      writeModelDir(copy, training.meta, training.graphs, training.card);
      const meta = JSON.parse(readFileSync(path.join(copy, 'model.json'), 'utf8'));
      meta.inputs.scorer = meta.inputs.scorer.filter((n: string) => n !== 'seq:transition_share');
      writeFileSync(path.join(copy, 'model.json'), JSON.stringify(meta));
      await assert.rejects(PolicyRunner.load(copy), (error: Error) => error instanceof ModelFileError && /missing: seq:transition_share/.test(error.message));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('is deterministic for a seed: same graphs, priors and figures; another seed trains another model', async () => {
    const quick = { ...OPTIONS, maxEpochs: 3 };
    const sample = raws.slice(0, 40);
    const run = (seed: number) => trainBehaviorPolicy({ sessions: sample, goal: GOAL, routePatterns: ['/product/:id'] }, INFO, { ...quick, seed });
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    assert.deepEqual(a.graphs, b.graphs);
    assert.equal(a.meta.version, b.meta.version);
    assert.deepEqual(a.meta.extras, b.meta.extras);
    assert.deepEqual({ ...a.evaluation }, { ...b.evaluation });
    assert.notDeepEqual(a.graphs.scorer, c.graphs.scorer);
  });
});

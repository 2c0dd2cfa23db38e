// The live decision is built by the training code: on a recorded corpus session, currentDecision equals
// policyStepsOf's final step; sampling honours temperature, exclusions and the persona's bias.
import assert from 'node:assert/strict';
import { policyStepsOf } from '../../analyzer/features/policy-steps';
import { PolicyRunner } from '../../analyzer/models/policy-runner';
import { currentDecision, entropyOf, policyRouteFolder, policyRoutePatterns, policyStepOptions, sampleAction } from '../../analyzer/simulate/decision-point';
import { SimulationRandom } from '../../analyzer/simulate/simulation-random';
import { loadRaw } from '../features/corpus-sessions';
import * as path from 'node:path';

const MODEL = path.resolve(__dirname, '..', '..', 'models', 'behavior-policy');

describe('simulate: decision point', () => {
  let runner: PolicyRunner;
  before(async () => {
    runner = await PolicyRunner.load(MODEL);
  });
  after(async () => runner?.release());

  it('folds live routes onto the templates the priors were learned on', () => {
    assert.ok(policyRoutePatterns(runner.priors).includes('/product/:id'));
    assert.equal(policyRouteFolder(runner.priors)('/product/merino-crew'), '/product/:id');
    assert.equal(policyRouteFolder(runner.priors)('/cart'), '/cart');
  });

  it('is the final step of the replayed recording: same candidates, keys, node ids and context', async () => {
    const [raw] = await loadRaw(1, ['shop-0005.json.gz']);
    const priors = runner.priors;
    const fold = policyRouteFolder(priors);
    const decision = currentDecision(raw.events, priors, fold)!;
    const { steps } = policyStepsOf(raw, undefined, { clickPriors: priors.clickPriors, transitionPriors: priors.transitionPriors, extraFingerprints: priors.clickedFingerprints, funnel: priors.funnel, foldRoute: fold });
    const last = steps[steps.length - 1];
    assert.equal(last.kind, 'leave');
    assert.deepEqual(decision.keys, last.candidateKeys);
    assert.deepEqual(decision.nodeIds, last.candidateNodeIds);
    assert.equal(decision.nodeIds.length, decision.keys.length - 2, 'BACK and LEAVE have no node');
    assert.deepEqual(decision.candidates.map((c) => Array.from(c)), last.candidates.map((c) => Array.from(c)));
    assert.deepEqual(Array.from(decision.context), Array.from(last.context));
    assert.equal(decision.since, last.timestamp - last.dwellMs);
  });

  it('builds the same decision as the full replay at every moment of a run (lastStepOnly skips only earlier candidates)', async () => {
    const priors = runner.priors;
    const fold = policyRouteFolder(priors);
    const full = policyStepOptions(priors, fold);
    let compared = 0;
    for (const raw of await loadRaw(20)) {
      // Cut the recording after every click (the moments a run decides again), and at its end.
      const cuts = raw.events.flatMap((e, i) => (e.type === 3 && e.data?.source === 2 && e.data?.type === 2 ? [i + 1] : [])).concat(raw.events.length);
      for (const cut of cuts) {
        const events = raw.events.slice(0, cut);
        const decision = currentDecision(events, priors, fold);
        const { steps } = policyStepsOf({ ...raw, events }, undefined, full);
        const last = steps.at(-1);
        if (!decision || !last) {
          assert.equal(decision, undefined, `${raw.id} @${cut}`);
          continue;
        }
        assert.deepEqual(decision.keys, last.candidateKeys, `${raw.id} @${cut}`);
        assert.deepEqual(decision.nodeIds, last.candidateNodeIds, `${raw.id} @${cut}`);
        assert.deepEqual(decision.candidates.map((c) => Array.from(c)), last.candidates.map((c) => Array.from(c)), `${raw.id} @${cut}`);
        assert.deepEqual(Array.from(decision.context), Array.from(last.context), `${raw.id} @${cut}`);
        assert.equal(decision.since, last.timestamp - last.dwellMs);
        compared++;
      }
    }
    assert.ok(compared > 100, `compared ${compared} decisions`);
  });

  it('samples at the temperature, never an excluded candidate, and reports the untempered probability', () => {
    const logits = [2, 1, 0, -1];
    const random = new SimulationRandom(3);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 2000; i++) counts[sampleAction(logits, 0.25, random)!.index]++;
    assert.ok(counts[0] > 1900, `cold: ${counts}`);
    const excluded = sampleAction(logits, 1, random, new Set([0, 1, 2]))!;
    assert.equal(excluded.index, 3);
    assert.ok(Math.abs(excluded.probability - Math.exp(-1) / [2, 1, 0, -1].reduce((s, l) => s + Math.exp(l), 0)) < 1e-6);
    assert.equal(sampleAction(logits, 1, random, new Set([0, 1, 2, 3])), undefined);
    const biased = [0, 0];
    for (let i = 0; i < 1000; i++) biased[sampleAction([0, 0], 1, random, new Set(), new Map([[1, -3]]))!.index]++;
    assert.ok(biased[1] < 120, `a -3 bias keeps a choice rare: ${biased}`);
    assert.ok(Math.abs(entropyOf([0.5, 0.5]) - Math.log(2)) < 1e-12);
  });
});

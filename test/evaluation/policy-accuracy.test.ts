import assert from 'node:assert/strict';
import { baselineAccuracies, markovScorer, mostClickedScorer, rankOfChosen, topKAccuracy } from '../../analyzer/evaluation/policy-accuracy';
import { policyStepsOf, type LabelledStep } from '../../analyzer/features/policy-steps';
import { FOLD, GOAL, loadRaw } from '../features/corpus-sessions';

/** A hand-made step: only what the baselines read. */
function step(route: string, keys: string[], chosenKey: string, previousKey = 'START', sessionId = 's'): LabelledStep {
  return {
    candidates: keys.map(() => new Float32Array(1)),
    chosen: keys.indexOf(chosenKey),
    context: new Float32Array(0),
    dwellMs: 0,
    sessionId,
    kind: chosenKey === 'BACK' ? 'back' : chosenKey === 'LEAVE' ? 'leave' : 'click',
    timestamp: 0,
    pageIndex: 0,
    route,
    chosenKey,
    candidateKeys: keys,
    previousKey,
    targetAdded: false,
  };
}

describe('policy accuracy: top-k and the baselines', function () {
  this.timeout(30_000);

  it('ranks ties in document order and ignores NaN scores', () => {
    assert.equal(rankOfChosen([1, 1, 1], 0), 0);
    assert.equal(rankOfChosen([1, 1, 1], 2), 2);
    assert.equal(rankOfChosen([0, 2, NaN], 1), 0);
    assert.equal(rankOfChosen([NaN, 0, 0], 0), 2);
    const steps = [step('/', ['a', 'b', 'c', 'BACK', 'LEAVE'], 'c'), step('/', ['a', 'b', 'c', 'BACK', 'LEAVE'], 'a')];
    assert.equal(topKAccuracy(steps, () => [0, 0, 0, 0, 0], 1), 0.5);
    assert.equal(topKAccuracy(steps, () => [0, 0, 0, 0, 0], 3), 1);
    assert.throws(() => topKAccuracy(steps, () => [0], 1), /1 scores for 5 candidates/);
  });

  it('most-clicked scores the route first, then the key over all routes; Markov follows the previous action', () => {
    const keys = ['logo', 'card-1', 'card-2', 'BACK', 'LEAVE'];
    const train = [
      step('/', keys, 'card-2'),
      step('/', keys, 'card-2'),
      step('/', keys, 'card-1', 'card-2'),
      step('/', keys, 'card-1', 'card-2'),
      step('/', keys, 'card-1', 'card-2'),
      step('/about', keys, 'logo'),
    ];
    const test = step('/', keys, 'card-2', 'START');
    assert.deepEqual(Array.from(mostClickedScorer(train)(test)).map((v) => Math.floor(v)), [0, 3, 2, 0, 0]);
    assert.equal(rankOfChosen(mostClickedScorer(train)(test), test.chosen), 1);
    assert.equal(rankOfChosen(markovScorer(train)(test), test.chosen), 0, 'after START comes card-2');
    const unseenRoute = step('/new', keys, 'logo');
    assert.equal(rankOfChosen(mostClickedScorer(train)(unseenRoute), 2), 1, 'global counts cover unseen routes');
  });

  it('gives sane accuracies on a train/test split of real sessions (no session on both sides)', async () => {
    const raws = await loadRaw(80);
    const train: LabelledStep[] = [];
    const test: LabelledStep[] = [];
    raws.forEach((raw, i) => (i % 4 === 3 ? test : train).push(...policyStepsOf(raw, GOAL, { foldRoute: FOLD }).steps));
    const trainIds = new Set(train.map((s) => s.sessionId));
    assert.ok(test.every((s) => !trainIds.has(s.sessionId)));
    const result = baselineAccuracies(train, test);
    const chance = test.reduce((sum, s) => sum + 1 / s.candidates.length, 0) / test.length;
    console.log(
      `      ${train.length} train / ${result.steps} test steps; chance top-1 ${chance.toFixed(3)}; ` +
        `most-clicked top-1 ${result.mostClicked.top1.toFixed(3)} top-3 ${result.mostClicked.top3.toFixed(3)}; ` +
        `Markov top-1 ${result.markov.top1.toFixed(3)} top-3 ${result.markov.top3.toFixed(3)}`,
    );
    for (const a of [result.mostClicked, result.markov]) {
      assert.ok(a.top1 > 2 * chance && a.top1 <= a.top3 && a.top3 <= 1, JSON.stringify(a));
    }
    // The personas walk the funnel in sequence (fill a field, then the next, then submit): knowing the previous
    // action helps a lot, so the Markov chain must at least match the route's favourite.
    assert.ok(result.markov.top1 >= result.mostClicked.top1, JSON.stringify(result));
    assert.ok(result.markov.top3 >= result.mostClicked.top3, JSON.stringify(result));
  });
});

import assert from 'node:assert/strict';
import { buildSession } from '../../analyzer/replay';
import type { Session } from '../../analyzer/replay/types';
import type { RawSession } from '../../analyzer/sources/files/types';
import { ELEMENT_FEATURE_NAMES } from '../../analyzer/features/element-features';
import {
  clickedFingerprints,
  clickPriorsOf,
  POLICY_CONTEXT_NAMES,
  policyStepsOf,
  setClickPriors,
  setTransitionPriors,
  transitionPriorsOf,
  type LabelledStep,
  type PolicySteps,
  type PolicyStepStats,
} from '../../analyzer/features/policy-steps';
import type { ReplayEvent } from '../../analyzer/replay';
import { click, meta, mutation, resetIds, snapshot } from '../replay/events';
import { FOLD, GOAL, loadRaw } from './corpus-sessions';

/** An rrweb input event (IncrementalSnapshot, source Input): typing `text` into node `id`. */
const input = (t: number, id: number, text: string): ReplayEvent => ({ type: 3, timestamp: t, data: { source: 5, id, text, isChecked: false }, windowId: 'w1' });
const col = (name: string): number => {
  const i = ELEMENT_FEATURE_NAMES.indexOf(name);
  assert.ok(i >= 0, name);
  return i;
};

/** Back-button navigations counted independently: a 'back' page with no click on the page left in the 3 s before. */
function backsOf(session: Session, cut: number): number {
  let backs = 0;
  session.pages.forEach((page, k) => {
    if (k === 0 || page.navigation !== 'back' || page.start > cut) return;
    let from = k - 1;
    while (from >= 0 && session.pages[from].windowId !== page.windowId) from--;
    const linked = session.interactions.some((i) => i.kind === 'click' && i.pageIndex === from && page.start - i.timestamp >= 0 && page.start - i.timestamp <= 3000);
    if (!linked) backs++;
  });
  return backs;
}

describe('policy steps (behaviour policy imitation data)', function () {
  this.timeout(30_000);
  let raws: RawSession[];
  let results: PolicySteps[];

  before(async () => {
    raws = await loadRaw(30);
    results = raws.map((raw) => policyStepsOf(raw, GOAL, { foldRoute: FOLD }));
  });

  it('replays to the identical Session with and without the observer', () => {
    raws.forEach((raw, i) => {
      assert.deepStrictEqual(results[i].session, buildSession(raw, GOAL));
    });
  });

  it('has one step per click, per back navigation, plus LEAVE for sessions that do not convert; none after the conversion', () => {
    let backs = 0;
    results.forEach(({ session, steps }) => {
      const cut = session.outcome.converted ? session.outcome.convertedAt! : Infinity;
      const clicks = session.interactions.filter((i) => i.kind === 'click' && i.element && i.timestamp <= cut).length;
      const expectedBacks = backsOf(session, cut);
      backs += expectedBacks;
      const leave = session.outcome.converted ? 0 : 1;
      assert.equal(steps.length, clicks + expectedBacks + leave, session.id);
      assert.equal(steps.filter((s) => s.kind === 'click').length, clicks);
      assert.equal(steps.filter((s) => s.kind === 'back').length, expectedBacks);
      assert.equal(steps.filter((s) => s.kind === 'leave').length, leave);
      if (leave) assert.equal(steps[steps.length - 1].kind, 'leave');
      assert.ok(steps.every((s) => s.timestamp <= cut));
      for (let i = 1; i < steps.length; i++) assert.ok(steps[i].timestamp >= steps[i - 1].timestamp);
    });
    assert.ok(backs > 0, 'the first 30 sessions hold back navigations');
    assert.ok(results.some((r) => r.session.outcome.converted) && results.some((r) => !r.session.outcome.converted));
  });

  it('labels every step with a valid chosen candidate, the replay’s fingerprint, a non-negative dwell and finite vectors', () => {
    const total: PolicyStepStats = { clicks: 0, targetAmongCandidates: 0, targetAdded: 0, targetDetached: 0, unknownTargets: 0, backs: 0, leaves: 0 };
    for (const { session, steps, stats } of results) {
      for (const key of Object.keys(total) as (keyof PolicyStepStats)[]) total[key] += stats[key];
      steps.forEach((step, index) => {
        assert.equal(step.sessionId, session.id);
        assert.ok(Number.isInteger(step.chosen) && step.chosen >= 0 && step.chosen < step.candidates.length);
        assert.equal(step.candidateKeys.length, step.candidates.length);
        assert.equal(step.candidateKeys[step.chosen], step.chosenKey);
        assert.deepEqual(step.candidateKeys.slice(-2), ['BACK', 'LEAVE']);
        if (step.kind === 'click') {
          const click = session.interactions.find((i) => i.kind === 'click' && i.timestamp === step.timestamp)!;
          assert.equal(step.chosenKey, click.element!.fingerprint, `${session.id} step ${index}`);
          assert.ok(step.chosen < step.candidates.length - 2);
        } else {
          assert.equal(step.chosenKey, step.kind === 'back' ? 'BACK' : 'LEAVE');
        }
        assert.equal(step.previousKey, index === 0 ? 'START' : steps[index - 1].chosenKey);
        assert.ok(Number.isFinite(step.dwellMs) && step.dwellMs >= 0, `dwell ${step.dwellMs}`);
        assert.equal(step.context.length, POLICY_CONTEXT_NAMES.length);
        assert.ok(Array.from(step.context).every(Number.isFinite));
        for (const candidate of step.candidates) {
          assert.equal(candidate.length, ELEMENT_FEATURE_NAMES.length);
          for (let j = 0; j < candidate.length; j++) assert.ok(Number.isFinite(candidate[j]));
        }
        assert.equal(step.route, FOLD(session.pages[step.pageIndex].route));
      });
    }
    console.log(`      clicks ${total.clicks}: target among candidates ${total.targetAmongCandidates} (${((100 * total.targetAmongCandidates) / total.clicks).toFixed(1)}%), added ${total.targetAdded}, detached ${total.targetDetached}, unknown ${total.unknownTargets}; backs ${total.backs}, leaves ${total.leaves}`);
    assert.equal(total.targetAmongCandidates + total.targetAdded + total.unknownTargets, total.clicks);
    assert.ok(total.targetAmongCandidates / total.clicks >= 0.95);
  });

  it('counts earlier clicks of the same element, known before the click only', () => {
    const column = ELEMENT_FEATURE_NAMES.indexOf('history:clicked_before');
    for (const { steps } of results) {
      const seen = new Map<string, number>();
      for (const step of steps) {
        const expected = seen.get(step.chosenKey) ?? 0;
        if (step.kind === 'click') assert.equal(step.candidates[step.chosen][column], Math.fround(Math.log1p(expected)));
        if (step.kind === 'click') seen.set(step.chosenKey, expected + 1);
      }
    }
  });

  it('builds click priors from training steps, and keeps a session’s own clicks out of its prior when asked', () => {
    const steps: LabelledStep[] = results.flatMap((r) => r.steps);
    const priors = clickPriorsOf(steps);
    for (const [route, shares] of priors) {
      const sum = [...shares.values()].reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-9, `${route}: ${sum}`);
    }
    const column = ELEMENT_FEATURE_NAMES.indexOf('prior:click_share');
    const withPriors = policyStepsOf(raws[1], GOAL, { foldRoute: FOLD, clickPriors: priors }).steps;
    const own = results[1].steps.map((s) => ({ ...s, candidates: s.candidates.map((c) => Float32Array.from(c)) }));
    setClickPriors(own, steps);
    own.forEach((step, i) => assert.deepEqual(step.candidates.map((c) => c[column]), withPriors[i].candidates.map((c) => c[column])));
    // Leave-one-session-out: each step sees the counts of the other sessions only.
    const copy = (s: LabelledStep, sessionId = s.sessionId) => ({ ...s, sessionId, candidates: s.candidates.map((c) => Float32Array.from(c)), candidateKeys: [...s.candidateKeys] });
    const copies = steps.map((s) => copy(s));
    // A session whose first choice nobody else made.
    const solo = steps.filter((s) => s.sessionId === steps[0].sessionId).map((s) => copy(s, 'solo'));
    solo[0].candidateKeys[solo[0].chosen] = solo[0].chosenKey = 'only-solo-clicked-this';
    const training = [...copies, ...solo];
    setClickPriors(solo, training);
    assert.ok(solo[0].candidates[solo[0].chosen][column] > 0, 'its own click is in a plain prior');
    setClickPriors(training, training, { leaveOneSessionOut: true });
    assert.equal(solo[0].candidates[solo[0].chosen][column], 0, 'but not in its leave-one-out prior');
    for (const step of copies.slice(0, 50)) {
      const others = training.filter((s) => s.sessionId !== step.sessionId && s.route === step.route);
      step.candidateKeys.forEach((key, i) => {
        const share = others.length ? others.filter((s) => s.chosenKey === key).length / others.length : 0;
        assert.ok(Math.abs(step.candidates[i][column] - (share > 0 ? Math.log1p(100 * share) / Math.log1p(100) : 0)) < 1e-6);
      });
    }
    assert.ok(clickedFingerprints(steps).size > 10);
  });

  it('builds transition priors from training steps (route, previous key), leave-one-session-out on request', () => {
    const steps: LabelledStep[] = results.flatMap((r) => r.steps);
    const priors = transitionPriorsOf(steps);
    for (const [route, byPrevious] of priors) {
      for (const [previous, shares] of byPrevious) {
        const sum = [...shares.values()].reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum - 1) < 1e-9, `${route} after ${previous}: ${sum}`);
      }
    }
    assert.ok(priors.get('/')?.get('START'), 'first steps follow START');
    const share = col('seq:transition_share');
    const seen = col('seq:transition_seen');
    // Filled at extraction or afterwards: the same numbers.
    const withPriors = policyStepsOf(raws[2], GOAL, { foldRoute: FOLD, transitionPriors: priors }).steps;
    const own = results[2].steps.map((s) => ({ ...s, candidates: s.candidates.map((c) => Float32Array.from(c)) }));
    setTransitionPriors(own, steps);
    own.forEach((step, i) => {
      assert.deepEqual(step.candidates.map((c) => [c[share], c[seen]]), withPriors[i].candidates.map((c) => [c[share], c[seen]]));
      assert.ok(step.candidates[step.chosen][share] > 0, 'a plain prior holds the step’s own transition');
    });
    // Leave-one-session-out: the share over the other sessions' steps on the route with the same previous key.
    const copies = steps.map((s) => ({ ...s, candidates: s.candidates.map((c) => Float32Array.from(c)) }));
    setTransitionPriors(copies, steps, { leaveOneSessionOut: true });
    for (const step of copies.slice(0, 80)) {
      const others = steps.filter((s) => s.sessionId !== step.sessionId && s.route === step.route && s.previousKey === step.previousKey);
      step.candidateKeys.forEach((key, i) => {
        const p = others.length ? others.filter((s) => s.chosenKey === key).length / others.length : 0;
        assert.ok(Math.abs(step.candidates[i][share] - (p > 0 ? Math.log1p(100 * p) / Math.log1p(100) : 0)) < 1e-6);
        assert.equal(step.candidates[i][seen], others.length > 0 ? 1 : 0);
      });
    }
  });

  it('anchors the sequence columns on the element last clicked or typed into on the page, and carries the session so far', () => {
    resetIds(1);
    const field = (id: number, name: string) => ({ tag: 'input', id, attrs: { id: name, name } });
    const events = [
      meta(1000, 'https://shop.test/form'),
      snapshot(1001, [
        { tag: 'a', id: 9, attrs: { href: '/' }, children: [{ text: 'Home' }] },
        { tag: 'form', children: [field(10, 'name'), field(11, 'email'), field(12, 'city'), field(13, 'zip'), { tag: 'button', id: 14, attrs: { type: 'submit' }, children: [{ text: 'Send' }] }] },
      ]),
      // Initial values recorded with the page load are no typing.
      input(1010, 13, ''),
      click(3000, 10),
      input(3500, 10, 'Ada'),
      // Tab to the e-mail field and type: no click, but the anchor moves.
      input(5000, 11, 'ada@example.com'),
      click(9000, 13),
    ];
    const { steps } = policyStepsOf({ id: 'form', origin: 'test', events }, undefined);
    assert.deepEqual(steps.map((s) => s.kind), ['click', 'click', 'leave']);
    // Candidates in document order: the link, the four fields, the button, then BACK and LEAVE.
    assert.equal(steps[0].candidateKeys.length, 6 + 2);
    const index = (name: string) => ['home', 'name', 'email', 'city', 'zip'].indexOf(name);
    const at = (step: LabelledStep, name: string) => Object.fromEntries(
      ['seq:is_anchor', 'seq:after_anchor', 'seq:next_after_anchor', 'seq:next_field_after_anchor', 'seq:next_empty_field_after_anchor'].map((c) => [c, step.candidates[index(name)][col(c)]]),
    );
    // First step: no anchor yet; the next field is the page's first field.
    assert.equal(steps[0].chosen, index('name'));
    assert.deepEqual(at(steps[0], 'name'), { 'seq:is_anchor': 0, 'seq:after_anchor': 0, 'seq:next_after_anchor': 0, 'seq:next_field_after_anchor': 1, 'seq:next_empty_field_after_anchor': 1 });
    // Second step: the anchor is the e-mail field (typed into last), not the name field (clicked).
    assert.equal(at(steps[1], 'email')['seq:is_anchor'], 1);
    assert.equal(at(steps[1], 'name')['seq:is_anchor'], 0);
    assert.deepEqual(at(steps[1], 'city'), { 'seq:is_anchor': 0, 'seq:after_anchor': 1, 'seq:next_after_anchor': 1, 'seq:next_field_after_anchor': 1, 'seq:next_empty_field_after_anchor': 1 });
    assert.equal(at(steps[1], 'zip')['seq:after_anchor'], 1);
    assert.equal(at(steps[1], 'zip')['seq:next_field_after_anchor'], 0);
    // BACK and LEAVE have no place in the document.
    for (const c of steps[1].candidates.slice(-2)) assert.equal(c[col('seq:after_anchor')] + c[col('seq:is_anchor')], 0);
    // The session so far, the same for every candidate of a step.
    assert.deepEqual(steps[0].candidates.map((c) => c[col('session:steps_so_far')] + c[col('session:previous_dwell_s')]), steps[0].candidates.map(() => 0));
    for (const c of steps[2].candidates) {
      assert.equal(c[col('session:steps_so_far')], Math.fround(Math.log1p(2)));
      assert.equal(c[col('session:previous_dwell_s')], Math.fround(Math.log1p(6)), 'the wait before the click at 9 s');
      assert.equal(c[col('session:longest_dwell_s')], Math.fround(Math.log1p(6)));
    }
  });

  it('adds a clicked element that is no candidate (counted), labels back and leave, on a hand-written stream', () => {
    resetIds(1);
    const events = [
      meta(1000, 'https://shop.test/'),
      snapshot(1001, [
        { tag: 'a', id: 10, attrs: { href: '/next' }, children: [{ text: 'Next' }] },
        { tag: 'p', id: 11, children: [{ text: 'Just text' }] },
        { tag: 'button', id: 12, children: [{ text: 'Buy' }] },
      ]),
      click(2000, 11),
      click(3000, 10),
      meta(3100, 'https://shop.test/next'),
      snapshot(3101, [{ tag: 'button', id: 20, children: [{ text: 'Ok' }] }]),
      mutation(4000, { adds: [{ parentId: 9999, node: { type: 2, id: 500, tagName: 'div', attributes: {}, childNodes: [] } }] }),
      click(4500, 500),
      // Back 3.5 s after the last click: the browser's back button, not a link.
      meta(8000, 'https://shop.test/'),
      snapshot(8001, [{ tag: 'a', id: 30, attrs: { href: '/next' }, children: [{ text: 'Next' }] }]),
      mutation(9000, { texts: [] }),
    ];
    const { steps, stats, session } = policyStepsOf({ id: 'hand', origin: 'test', events }, undefined);
    assert.deepEqual(steps.map((s) => s.kind), ['click', 'click', 'click', 'back', 'leave']);
    assert.deepEqual({ ...stats }, { clicks: 3, targetAmongCandidates: 1, targetAdded: 2, targetDetached: 1, unknownTargets: 0, backs: 1, leaves: 1 });
    // The paragraph is added in document order, between the link and the button.
    assert.equal(steps[0].chosen, 1);
    assert.equal(steps[0].candidateKeys.length, 3 + 2);
    assert.ok(steps[0].targetAdded);
    assert.equal(steps[0].chosenKey, session.interactions.find((i) => i.kind === 'click')!.element!.fingerprint);
    assert.equal(steps[1].chosen, 0);
    assert.equal(steps[1].previousKey, steps[0].chosenKey);
    // The detached node is appended after the page's elements.
    assert.equal(steps[2].chosen, steps[2].candidates.length - 3);
    // The back step offers what was on /next when the user left it; dwell from the previous action.
    assert.equal(steps[3].route, '/next');
    assert.equal(steps[3].dwellMs, 8000 - 4500);
    assert.equal(steps[3].candidateKeys.length, 1 + 2);
    assert.equal(steps[4].route, '/');
    assert.equal(steps[4].dwellMs, 9000 - 8000);
    assert.equal(steps[0].dwellMs, 2000 - 1000);
  });
});

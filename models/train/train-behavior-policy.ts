// Trains the behavior-policy model by imitation on recorded sessions: decision steps from the shared extractor
// (policyStepsOf), a held-out part of whole sessions for the figures in the card, priors (click and transition)
// learned from the training sessions only, the model's top-1/top-3 next-action accuracy next to the two baselines
// run by the same code (analyzer/evaluation/policy-accuracy.ts), the dwell head's error next to a constant, and
// the ONNX export of both graphs with everything inference needs in model.json.
import { clickPriorsOf, clickedFingerprints, policyStepsOf, POLICY_CONTEXT_NAMES, setClickPriors, setTransitionPriors, transitionPriorsOf, type LabelledStep } from '../../analyzer/features/policy-steps';
import { ELEMENT_FEATURE_NAMES } from '../../analyzer/features/element-features';
import { choseField, fieldKnowledgeOf } from '../../analyzer/features/field-knowledge';
import { funnelRoutesOf, learnFunnel } from '../../analyzer/features/session-features';
import { baselineAccuracies, markovScorer, mostClickedScorer, rankOfChosen, topKAccuracy, type TopKAccuracy } from '../../analyzer/evaluation/policy-accuracy';
import type { ReplayInput } from '../../analyzer/replay/build-session';
import { collectSessions } from '../../analyzer/sources/files';
import { learnRouteFolder, type RouteFolder } from '../../analyzer/replay/route-folding';
import type { Goal, Session } from '../../analyzer/replay/types';
import type { ModelMeta } from '../../analyzer/models/model-files';
import { POLICY_DWELL_GRAPH, POLICY_GRAPH_FILES, POLICY_SCORER_GRAPH, policyExtrasToJson, type PolicyPriors } from '../../analyzer/models/policy-runner';
import { DEFAULT_POLICY_OPTIONS, dwellTarget, predictDwellMs, scoreCandidates, trainPolicy } from './policy-trainer';
import { policyToOnnx } from './onnx-export';
import { groupSplit } from './splits';
import { modelVersion } from './model-version';
import { renderModelCard } from './model-card';
import type { TrainSourceInfo } from './train-session-outcome';
import type { PolicyModel, PolicyTrainOptions, TrainHistory } from './types';

/** A few thousand steps of ~20 candidates: the default network, a fixed seed. */
export const BEHAVIOR_POLICY_OPTIONS: PolicyTrainOptions = { ...DEFAULT_POLICY_OPTIONS, seed: 11 };
/** Share of sessions (whole sessions) held out for the figures; never seen by training or by the priors. */
export const POLICY_HELD_OUT_FRACTION = 0.25;
/** Floor of the dwell ratio (a 0 ms wait and a 40 ms one are both "immediate"). */
const DWELL_FLOOR_MS = 100;

export interface BehaviorPolicyInputs {
  /** Recordings to replay (e.g. readSessions(paths)); kept in memory, since the steps are extracted twice. */
  sessions: Iterable<ReplayInput> | AsyncIterable<ReplayInput>;
  /** Conversion goal: steps stop at conversion, and sessions that do not convert end with LEAVE. */
  goal?: Goal;
  /** Explicit route patterns ('/product/:id', as `--routes`); slugs are also learned from the training routes. */
  routePatterns?: string[];
  /** Progress lines, for the CLI. */
  log?: (line: string) => void;
}

export interface DwellError {
  /** Median |log(1 + predicted s) − log(1 + actual s)|: the dwell head's own target space. */
  medianAbsLogError: number;
  /** Median of max(p, a) / min(p, a), both floored at 100 ms: "typically off by this factor". */
  medianFactor: number;
}

export interface HeldOutStep {
  sessionId: string;
  kind: LabelledStep['kind'];
  route: string;
  previousKey: string;
  chosenKey: string;
  /** Key of the model's most probable candidate. */
  predictedKey: string;
  candidates: number;
  /** Rank of the action taken under the model (0 = its top choice), most-clicked and Markov. */
  rank: number;
  mostClickedRank: number;
  markovRank: number;
  dwellMs: number;
  predictedDwellMs: number;
}

export interface BehaviorPolicyEvaluation {
  trainSessions: number;
  trainSteps: number;
  heldOutSessions: number;
  heldOutSteps: number;
  model: TopKAccuracy;
  mostClicked: TopKAccuracy;
  markov: TopKAccuracy;
  /** Expected top-1 of a uniform random pick among each step's candidates. */
  chanceTop1: number;
  dwell: DwellError;
  /** The training steps' median dwell predicted for every step, scored the same way. */
  dwellBaseline: DwellError;
  /** Held-out clicks whose element was no candidate and was added to the step so the label exists. */
  targetAddedShare: number;
  steps: HeldOutStep[];
}

export interface BehaviorPolicyTraining {
  meta: ModelMeta;
  graphs: Record<string, Uint8Array>;
  card: string;
  model: PolicyModel;
  priors: PolicyPriors;
  evaluation: BehaviorPolicyEvaluation;
  /** Loss curves of the scorer (softmax cross-entropy per step) and the dwell head (MSE), validation = inner split. */
  history: TrainHistory;
  dwellHistory: TrainHistory;
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function dwellError(actualMs: number[], predictedMs: number[]): DwellError {
  return {
    medianAbsLogError: median(actualMs.map((a, i) => Math.abs(dwellTarget(predictedMs[i]) - dwellTarget(a)))),
    medianFactor: median(
      actualMs.map((a, i) => {
        const [x, y] = [Math.max(a, DWELL_FLOOR_MS), Math.max(predictedMs[i], DWELL_FLOOR_MS)];
        return Math.max(x, y) / Math.min(x, y);
      }),
    ),
  };
}

/**
 * Replay, split by session, learn the priors on the training part, train, measure on the held-out part, export.
 * Deterministic for `options.seed` (and `info.now`): same sessions in the same order give the same bytes.
 */
export async function trainBehaviorPolicy(inputs: BehaviorPolicyInputs, info: TrainSourceInfo, options: PolicyTrainOptions = BEHAVIOR_POLICY_OPTIONS): Promise<BehaviorPolicyTraining> {
  const log = inputs.log ?? (() => undefined);
  const started = Date.now();
  const raws = await collectSessions(inputs.sessions);
  // Pass 1 (routes as replayed): the sessions, for the split, the route folding and the funnel; the training
  // clicks, so that pass 2 offers every element clicked in training as a candidate (as inference will).
  const first = raws.map((raw) => {
    const { session, steps } = policyStepsOf(raw, inputs.goal);
    return { session, clicked: clickedFingerprints(steps) };
  });
  const sessions: Session[] = first.map((r) => r.session);
  if (sessions.length < 8) throw new Error(`behavior-policy training needs at least 8 sessions, got ${sessions.length}`);
  // By session id: two recordings of one session (e.g. the same session from two sources) stay on one side.
  const split = groupSplit(sessions.map((s) => s.id), POLICY_HELD_OUT_FRACTION, options.seed);
  const isTrain = new Uint8Array(sessions.length);
  for (const i of split.train) isTrain[i] = 1;
  const trainSessions = split.train.map((i) => sessions[i]);
  const routePatterns = inputs.routePatterns ?? [];
  const fold: RouteFolder = learnRouteFolder(
    trainSessions.flatMap((s) => s.pages.map((p) => p.route)),
    routePatterns,
  );
  const funnel = learnFunnel(trainSessions.map((s) => ({ converted: s.outcome.converted, routes: funnelRoutesOf(s, fold) })));
  const extraFingerprints = new Set(split.train.flatMap((i) => [...first[i].clicked]));
  log(`${sessions.length} sessions replayed (${split.train.length} training, ${split.test.length} held out); funnel ${funnel.join(' → ') || '(generic)'}`);

  // Pass 2: the steps as trained on and measured.
  const train: LabelledStep[] = [];
  const test: LabelledStep[] = [];
  raws.forEach((raw, i) => {
    const { steps } = policyStepsOf(raw, inputs.goal, { foldRoute: fold, funnel, extraFingerprints });
    (isTrain[i] ? train : test).push(...steps);
  });
  if (train.length < 20 || test.length < 5) throw new Error(`behavior-policy training needs decision steps: got ${train.length} training and ${test.length} held-out steps`);
  // Priors from the training steps only; leave-one-session-out on the training steps themselves.
  setClickPriors(train, train, { leaveOneSessionOut: true });
  setTransitionPriors(train, train, { leaveOneSessionOut: true });
  setClickPriors(test, train);
  setTransitionPriors(test, train);

  const trainStarted = Date.now();
  const trained = trainPolicy(train, options);
  const trainSeconds = (Date.now() - trainStarted) / 1000;
  const model = trained.model;
  log(`trained ${trained.history.epochs} epochs (best ${trained.history.bestEpoch + 1}) in ${trainSeconds.toFixed(1)} s`);

  // Held-out figures: the model and both baselines through the same topKAccuracy.
  const probabilities = new Map<LabelledStep, Float32Array>();
  const modelScorer = (step: LabelledStep): Float32Array => {
    let p = probabilities.get(step);
    if (!p) probabilities.set(step, (p = scoreCandidates(model, step.candidates)));
    return p;
  };
  const modelAccuracy: TopKAccuracy = { top1: topKAccuracy(test, modelScorer, 1), top3: topKAccuracy(test, modelScorer, 3) };
  const baselines = baselineAccuracies(train, test);
  const baselineRanks = { mostClicked: mostClickedScorer(train), markov: markovScorer(train) };
  const trainDwell = median(train.map((s) => s.dwellMs));
  const predicted = test.map((s) => predictDwellMs(model, s.context));
  const actual = test.map((s) => s.dwellMs);
  const evaluation: BehaviorPolicyEvaluation = {
    trainSessions: split.train.length,
    trainSteps: train.length,
    heldOutSessions: split.test.length,
    heldOutSteps: test.length,
    model: modelAccuracy,
    mostClicked: baselines.mostClicked,
    markov: baselines.markov,
    chanceTop1: test.reduce((sum, s) => sum + 1 / s.candidates.length, 0) / test.length,
    dwell: dwellError(actual, predicted),
    dwellBaseline: dwellError(actual, actual.map(() => trainDwell)),
    targetAddedShare: test.filter((s) => s.targetAdded).length / test.length,
    steps: test.map((s, i) => ({
      sessionId: s.sessionId,
      kind: s.kind,
      route: s.route,
      previousKey: s.previousKey,
      chosenKey: s.chosenKey,
      predictedKey: s.candidateKeys[argmax(modelScorer(s))],
      candidates: s.candidates.length,
      rank: rankOfChosen(modelScorer(s), s.chosen),
      mostClickedRank: rankOfChosen(baselineRanks.mostClicked(s), s.chosen),
      markovRank: rankOfChosen(baselineRanks.markov(s), s.chosen),
      dwellMs: s.dwellMs,
      predictedDwellMs: predicted[i],
    })),
  };
  log(
    `held out ${test.length} steps: model top-1 ${modelAccuracy.top1.toFixed(3)} top-3 ${modelAccuracy.top3.toFixed(3)}; ` +
      `most-clicked ${baselines.mostClicked.top1.toFixed(3)}/${baselines.mostClicked.top3.toFixed(3)}; Markov ${baselines.markov.top1.toFixed(3)}/${baselines.markov.top3.toFixed(3)}`,
  );

  // What inference needs: the priors of ALL training steps (not leave-one-out), the clicked elements, the funnel.
  const priors: PolicyPriors = {
    clickPriors: clickPriorsOf(train),
    transitionPriors: transitionPriorsOf(train),
    clickedFingerprints: clickedFingerprints(train),
    funnel,
    routePatterns,
    fieldKnowledge: fieldKnowledgeOf(train, choseField, funnel),
  };
  const now = info.now ?? new Date();
  const onnx = policyToOnnx(model, 'Friction Lens behavior policy (see CARD.md)');
  const graphs = { [POLICY_SCORER_GRAPH]: onnx.scorer, [POLICY_DWELL_GRAPH]: onnx.dwell };
  const converted = sessions.filter((s) => s.outcome.converted).length;
  const meta: ModelMeta = {
    bytes: Object.fromEntries(Object.entries(graphs).map(([role, graph]) => [role, graph.length])),
    name: 'behavior-policy',
    version: modelVersion('behavior-policy', now, [onnx.scorer, onnx.dwell]),
    createdAt: now.toISOString(),
    inputs: { [POLICY_SCORER_GRAPH]: ELEMENT_FEATURE_NAMES, [POLICY_DWELL_GRAPH]: POLICY_CONTEXT_NAMES },
    files: { ...POLICY_GRAPH_FILES },
    data: { description: info.description, sessions: sessions.length, converted, steps: train.length + test.length, sources: info.sources },
    consent: info.consent,
    training: {
      seed: options.seed,
      epochs: trained.history.epochs,
      bestEpoch: trained.history.bestEpoch + 1,
      options: { ...options, heldOutFraction: POLICY_HELD_OUT_FRACTION, dwellEpochs: trained.dwellHistory.epochs, dwellBestEpoch: trained.dwellHistory.bestEpoch + 1 },
      seconds: (Date.now() - started) / 1000,
    },
    metrics: {
      heldOutSessions: evaluation.heldOutSessions,
      heldOutSteps: evaluation.heldOutSteps,
      top1: modelAccuracy.top1,
      top3: modelAccuracy.top3,
      mostClickedTop1: baselines.mostClicked.top1,
      mostClickedTop3: baselines.mostClicked.top3,
      markovTop1: baselines.markov.top1,
      markovTop3: baselines.markov.top3,
      chanceTop1: evaluation.chanceTop1,
      dwellMedianAbsLogError: evaluation.dwell.medianAbsLogError,
      dwellMedianFactor: evaluation.dwell.medianFactor,
      dwellBaselineMedianAbsLogError: evaluation.dwellBaseline.medianAbsLogError,
      dwellBaselineMedianFactor: evaluation.dwellBaseline.medianFactor,
      targetAddedShare: evaluation.targetAddedShare,
    },
    extras: { ...policyExtrasToJson(priors) },
  };
  const card = renderModelCard(meta, cardText(options));
  return { meta, graphs, card, model, priors, evaluation, history: trained.history, dwellHistory: trained.dwellHistory };
}

function cardText(options: PolicyTrainOptions) {
  const held = `${Math.round(POLICY_HELD_OUT_FRACTION * 100)} % of sessions (whole sessions), never seen by training or by the priors`;
  return {
    title: 'behavior-policy',
    purpose:
      'Imitates recorded users one decision at a time, for the synthetic users: for each step of a session it scores the ' +
      "page's interactive elements (candidates read from the DOM mirror at that moment, plus elements clicked in training) " +
      'and two pseudo-actions, BACK and LEAVE, as a probability distribution over the next action, and predicts the wait ' +
      'before that action. A step is a click, a back-button navigation or, for a session that does not convert, the final leave.',
    architecture:
      `Two MLPs run separately. Scorer: ${ELEMENT_FEATURE_NAMES.length} candidate features → ${options.hidden.join(' → ')} → 1 score ` +
      '(ReLU), shared by every candidate; the softmax over a step’s candidates is done by the caller (the number of candidates ' +
      `varies), trained with listwise cross-entropy. Dwell: ${POLICY_CONTEXT_NAMES.length} context features → ${options.dwellHidden.join(' → ')} → 1, ` +
      'regressing log(1 + seconds) with squared error. Inputs standardised inside each graph; Adam, L2, early stopping on ' +
      'validation sessions carved out of the training part. Priors (prior:click_share, seq:transition_share) are shares of the ' +
      'training steps, leave-one-session-out for the training steps themselves; at inference they come from model.json `extras`, ' +
      'with the field knowledge: per form field, the training sessions that typed into it and those that gave up on its form there ' +
      '(synthetic users draw from it whether they have the flow’s value for a field at hand). ' +
      'Exported to ONNX (opset 17) and run with onnxruntime-node (analyzer/models/policy-runner.ts).',
    metricNotes: {
      heldOutSessions: held,
      heldOutSteps: 'decision steps of those sessions',
      top1: 'share of held-out steps where the model’s most probable candidate is the action taken',
      top3: 'share where the action taken is among the model’s 3 most probable',
      mostClickedTop1: 'baseline: the route’s most-chosen element in training (same topKAccuracy code)',
      mostClickedTop3: 'baseline, top 3',
      markovTop1: 'baseline: first-order Markov chain over action keys, most-clicked fallback (same code)',
      markovTop3: 'baseline, top 3',
      chanceTop1: 'uniform pick among a step’s candidates',
      dwellMedianAbsLogError: 'median absolute difference of log(1 + seconds), predicted vs actual wait, over held-out steps',
      dwellMedianFactor: 'median max/min ratio of predicted and actual wait (both floored at 100 ms)',
      dwellBaselineMedianAbsLogError: 'same, predicting the training steps’ median wait everywhere',
      dwellBaselineMedianFactor: 'same, constant median wait',
      targetAddedShare: 'held-out steps whose clicked element was no candidate and was added so the label exists',
    },
    limitations: [
      'Trained on the sessions it was given. On the bundled example corpus these are scripted personas in one small shop, which ' +
        'fill forms field by field: next-action accuracy there (where even the Markov baseline is high) says nothing about real ' +
        'users of another site. Published reference points for LLM agents predicting the exact next action on real shopping ' +
        'sessions (11.9–18.5 %) measure a much harder task (real people, open action space including typed text) and are not ' +
        'comparable with these figures. Train on your own sessions with `friction train`.',
      'Priors are shares of the training sessions only (the held-out ones never enter them), keyed by element fingerprint and ' +
        'folded route: on pages or elements never seen in training they are 0 and the ' +
        'score rests on what the element looks like (tag, role, words, field state, document order) and where it sits after ' +
        'the last element used on the page.',
      'rrweb snapshots carry no layout: candidates include elements off screen or behind overlays, and position is ' +
        'approximated by document order and DOM depth.',
      'Actions are clicks, back and leave. Typing, scrolling and hovering are not predicted; typing only moves the anchor ' +
        '(seq:* columns). The dwell head gives one typical wait (its estimate of the mean of log(1 + seconds)), not a distribution: ' +
        'synthetic users should sample around it.',
      'When a clicked element was not among the page’s candidates it is added to its step (targetAddedShare of held-out steps), ' +
        'which slightly favours every scorer equally on those steps.',
      'Imitation, not intent: the model reproduces what the recorded users did, friction included; it is no judgement of what ' +
        'they should have done.',
    ],
  };
}

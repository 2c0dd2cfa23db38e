// Behaviour-policy training by imitation: a shared Mlp scores every on-screen candidate, softmax over a step's
// candidates is fitted to the action taken (listwise cross-entropy), and a separate head regresses log dwell time.
import type { Mlp, PolicyModel, PolicyStep, PolicyTrainOptions, TrainHistory } from './types';
import { Rng } from './random';
import { fitStandardiser, forwardMlp, initMlp, predictMlp } from './mlp';
import { Adam } from './adam';
import { EarlyStopping, Network, standardiseRows } from './backprop';

export const DEFAULT_POLICY_OPTIONS: PolicyTrainOptions = {
  hidden: [32, 16],
  dwellHidden: [16],
  seed: 1,
  maxEpochs: 200,
  batchSize: 32,
  learningRate: 1e-3,
  l2: 1e-4,
  validationFraction: 0.15,
  patience: 15,
};

export interface PolicyTrainResult {
  model: PolicyModel;
  /** The scorer's history (validation = mean softmax cross-entropy per step); bestEpoch is 0-based. */
  history: TrainHistory;
  /** The dwell head's history (MSE of log(1 + dwell s)); it stops early on its own validation loss. */
  dwellHistory: TrainHistory;
  /** Indices into the steps held out for early stopping (whole sessions). */
  validationIndices: number[];
}

/** Regression target of the dwell head. */
export function dwellTarget(dwellMs: number): number {
  return Math.log1p(Math.max(0, dwellMs) / 1000);
}

/** Hold out round(fraction × sessions) whole sessions (at least one when there are two or more and fraction > 0). */
export function splitBySession(steps: PolicyStep[], fraction: number, rng: Rng): { train: number[]; validation: number[] } {
  const sessions = [...new Set(steps.map((s) => s.sessionId))];
  rng.shuffle(sessions);
  let held = Math.round(fraction * sessions.length);
  if (fraction > 0 && sessions.length >= 2) held = Math.max(1, held);
  held = Math.min(held, sessions.length - 1);
  const heldOut = new Set(sessions.slice(0, Math.max(0, held)));
  const train: number[] = [];
  const validation: number[] = [];
  steps.forEach((step, i) => (heldOut.has(step.sessionId) ? validation : train).push(i));
  return { train, validation };
}

function checkSteps(steps: PolicyStep[]): void {
  if (steps.length < 2) throw new Error(`trainPolicy: need at least 2 steps, got ${steps.length}`);
  steps.forEach((step, i) => {
    if (step.candidates.length === 0) throw new Error(`trainPolicy: step ${i} has no candidates`);
    if (!(Number.isInteger(step.chosen) && step.chosen >= 0 && step.chosen < step.candidates.length)) {
      throw new Error(`trainPolicy: step ${i} chose ${step.chosen} out of ${step.candidates.length} candidates`);
    }
    if (!Number.isFinite(step.dwellMs)) throw new Error(`trainPolicy: step ${i} has dwellMs ${step.dwellMs}`);
  });
}

/** Softmax of scores[0 .. k) into probs, returning log-sum-exp (the normaliser, for the loss). */
function softmax(scores: Float64Array, k: number, probs: Float64Array): number {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, scores[c]);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += probs[c] = Math.exp(scores[c] - max);
  for (let c = 0; c < k; c++) probs[c] /= sum;
  return max + Math.log(sum);
}

/** Packed, standardised training data: candidates of step s are rows candStart[s] .. candStart[s + 1). */
interface PackedSteps {
  candidates: Float64Array;
  candStart: Int32Array;
  contexts: Float64Array;
  chosen: Int32Array;
  target: Float64Array;
  maxCandidates: number;
}

function pack(steps: PolicyStep[], scorer: Mlp, dwell: Mlp): PackedSteps {
  const candStart = new Int32Array(steps.length + 1);
  steps.forEach((s, i) => (candStart[i + 1] = candStart[i] + s.candidates.length));
  return {
    candidates: standardiseRows(steps.flatMap((s) => s.candidates), scorer.standardiser, 'candidate'),
    candStart,
    contexts: standardiseRows(steps.map((s) => s.context), dwell.standardiser, 'context of step'),
    chosen: Int32Array.from(steps, (s) => s.chosen),
    target: Float64Array.from(steps, (s) => dwellTarget(s.dwellMs)),
    maxCandidates: steps.reduce((max, s) => Math.max(max, s.candidates.length), 0),
  };
}

/**
 * Train the scorer and the dwell head together over minibatches of steps. Each head keeps its own best epoch and
 * stops on its own validation loss (the training loss when validationFraction is 0); training ends when both have.
 */
export function trainPolicy(steps: PolicyStep[], options: PolicyTrainOptions): PolicyTrainResult {
  checkSteps(steps);
  if (!(Number.isInteger(options.batchSize) && options.batchSize >= 1)) throw new Error(`batchSize must be a positive integer, got ${options.batchSize}`);
  const rng = new Rng(options.seed);
  const split = splitBySession(steps, options.validationFraction, rng);
  const trainSteps = split.train.map((i) => steps[i]);

  const scorer0 = initMlp(steps[0].candidates[0].length, options.hidden, 'linear', rng);
  const dwell0 = initMlp(steps[0].context.length, options.dwellHidden, 'linear', rng);
  scorer0.standardiser = fitStandardiser(trainSteps.flatMap((s) => s.candidates));
  dwell0.standardiser = fitStandardiser(trainSteps.map((s) => s.context));
  const data = pack(steps, scorer0, dwell0);
  const dc = scorer0.standardiser.mean.length;
  const dx = dwell0.standardiser.mean.length;

  const scorer = new Network(scorer0);
  scorer.ensureCapacity(data.maxCandidates);
  const dwell = new Network(dwell0);
  dwell.setOutputBias(split.train.reduce((sum, i) => sum + data.target[i], 0) / split.train.length);
  const adamOptions = { learningRate: options.learningRate, l2: options.l2 };
  const scorerAdam = new Adam(scorer.parameters(), adamOptions);
  const dwellAdam = new Adam(dwell.parameters(), adamOptions);
  const scorerGrads = scorer.gradients();
  const dwellGrads = dwell.gradients();
  const scorerStop = new EarlyStopping(scorer, options.patience);
  const dwellStop = new EarlyStopping(dwell, options.patience);
  const history: TrainHistory = { epochs: 0, bestEpoch: -1, trainLoss: [], validationLoss: [] };
  const dwellHistory: TrainHistory = { epochs: 0, bestEpoch: -1, trainLoss: [], validationLoss: [] };

  const scores = new Float64Array(data.maxCandidates);
  const probs = new Float64Array(data.maxCandidates);
  /** Cross-entropy of step s under the current scorer; leaves the softmax in probs and activations cached. */
  const stepLoss = (s: number): number => {
    const start = data.candStart[s];
    const k = data.candStart[s + 1] - start;
    for (let c = 0; c < k; c++) scores[c] = scorer.forward(data.candidates, (start + c) * dc, c);
    return softmax(scores, k, probs) - scores[data.chosen[s]];
  };
  const dwellError = (s: number): number => dwell.forward(data.contexts, s * dx, 0) - data.target[s];

  const order = Int32Array.from(split.train);
  let scorerDone = false;
  let dwellDone = false;
  for (let epoch = 0; epoch < options.maxEpochs && !(scorerDone && dwellDone); epoch++) {
    rng.shuffle(order);
    let scorerLoss = 0;
    let dwellLoss = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const end = Math.min(start + options.batchSize, order.length);
      scorer.zeroGrad();
      dwell.zeroGrad();
      for (let b = start; b < end; b++) {
        const s = order[b];
        if (!scorerDone) {
          scorerLoss += stepLoss(s);
          const k = data.candStart[s + 1] - data.candStart[s];
          // d(CE)/d(score_c) = softmax_c − 1[c = chosen]; the scorer's weights are shared, so gradients add up.
          for (let c = 0; c < k; c++) scorer.backward(c, probs[c] - (c === data.chosen[s] ? 1 : 0));
        }
        if (!dwellDone) {
          const error = dwellError(s);
          dwellLoss += error * error;
          dwell.backward(0, 2 * error);
        }
      }
      if (!scorerDone) scorerAdam.step(scorerGrads, 1 / (end - start));
      if (!dwellDone) dwellAdam.step(dwellGrads, 1 / (end - start));
    }
    const validation = split.validation;
    if (!scorerDone) {
      scorerLoss /= order.length;
      let v = scorerLoss;
      if (validation.length > 0) v = validation.reduce((sum, s) => sum + stepLoss(s), 0) / validation.length;
      history.trainLoss.push(scorerLoss);
      history.validationLoss.push(v);
      history.epochs = epoch + 1;
      scorerDone = scorerStop.update(epoch, v);
    }
    if (!dwellDone) {
      dwellLoss /= order.length;
      let v = dwellLoss;
      if (validation.length > 0) v = validation.reduce((sum, s) => sum + dwellError(s) ** 2, 0) / validation.length;
      dwellHistory.trainLoss.push(dwellLoss);
      dwellHistory.validationLoss.push(v);
      dwellHistory.epochs = epoch + 1;
      dwellDone = dwellStop.update(epoch, v);
    }
  }
  scorerStop.restoreBest();
  dwellStop.restoreBest();
  history.bestEpoch = scorerStop.bestEpoch;
  dwellHistory.bestEpoch = dwellStop.bestEpoch;
  const model: PolicyModel = {
    scorer: scorer.toMlp(scorer0.standardiser, 'linear'),
    dwell: dwell.toMlp(dwell0.standardiser, 'linear'),
  };
  return { model, history, dwellHistory, validationIndices: split.validation };
}

/** Probability of each candidate being the next action (softmax of the scorer's outputs). */
export function scoreCandidates(model: PolicyModel, candidates: ArrayLike<number>[]): Float32Array {
  const scores = Float64Array.from(predictMlp(model.scorer, candidates));
  const probs = new Float64Array(scores.length);
  if (scores.length > 0) softmax(scores, scores.length, probs);
  return Float32Array.from(probs);
}

/** Predicted wait before the next action, in milliseconds (inverse of dwellTarget, never negative). */
export function predictDwellMs(model: PolicyModel, context: ArrayLike<number>): number {
  return Math.max(0, Math.expm1(forwardMlp(model.dwell, context)) * 1000);
}

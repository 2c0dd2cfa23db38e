// Gradient-boosted decision trees for binary log-loss (second order, histogram splits, like XGBoost/LightGBM),
// trained deterministically from a seed into plain flat-array trees that gbdt-onnx.ts exports as-is.
import type { BinarySample, TrainHistory } from './types';
import { Rng } from './random';
import { oversampleMinority, stratifiedSplit } from './binary-trainer';
import { binOf, fitCuts, TreeGrower } from './gbdt-histogram';
import { logLossOfLogit, sigmoid } from './logistic-math';

/**
 * One regression tree as parallel arrays indexed by node (0 = root). Internal node: go to `left` when
 * Math.fround(x[feature]) <= threshold, else `right`. Leaf: feature = -1 and `value` is its (already shrunk) output.
 * Thresholds and values are float32 so JS and the ONNX TreeEnsemble compare and add exactly the same numbers.
 */
export interface GbdtTree {
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float32Array;
}

/** margin = baseScore + Σ tree leaf values, probability = sigmoid(margin). */
export interface GbdtModel {
  baseScore: number;
  trees: GbdtTree[];
  features: number;
}

export interface GbdtOptions {
  seed: number;
  /** Upper bound on boosting rounds; early stopping usually ends sooner. */
  maxTrees: number;
  learningRate: number;
  maxDepth: number;
  /** Leaves per tree, grown best-gain first (LightGBM style); 2^maxDepth makes growth plain depth-wise. */
  maxLeaves: number;
  /** Histogram bins per feature (2..256), quantiles of the training part. */
  maxBins: number;
  /** L2 penalty λ on leaf values. */
  lambda: number;
  /** Minimum Σ hessian in each child: stops splits that isolate a handful of confidently-predicted rows. */
  minChildHessian: number;
  /** Minimum loss reduction (γ) for a split. */
  minSplitGain: number;
  /** Share of training rows drawn (Bernoulli) for each tree. */
  subsample: number;
  /** Share of features offered to each tree. */
  colsample: number;
  validationFraction: number;
  /** Rounds without validation-loss improvement before stopping; trees after the best round are dropped. */
  patience: number;
  oversample: boolean;
}

export const DEFAULT_GBDT_OPTIONS: GbdtOptions = {
  seed: 1,
  maxTrees: 500,
  learningRate: 0.05,
  maxDepth: 4,
  maxLeaves: 16,
  maxBins: 128,
  lambda: 1,
  minChildHessian: 1,
  minSplitGain: 0,
  subsample: 0.8,
  colsample: 0.8,
  validationFraction: 0.15,
  patience: 40,
  oversample: false,
};

export interface GbdtTrainResult {
  model: GbdtModel;
  /** One entry per boosting round; bestEpoch = index of the kept last round (model has bestEpoch + 1 trees). */
  history: TrainHistory;
  validationIndices: number[];
}


function checkOptions(o: GbdtOptions): void {
  if (!(Number.isInteger(o.maxTrees) && o.maxTrees >= 1)) throw new Error(`maxTrees must be a positive integer, got ${o.maxTrees}`);
  if (!(Number.isInteger(o.maxBins) && o.maxBins >= 2 && o.maxBins <= 256)) throw new Error(`maxBins must be an integer in [2, 256], got ${o.maxBins}`);
  if (!(o.maxLeaves >= 2 && o.maxDepth >= 1)) throw new Error(`maxLeaves must be >= 2 and maxDepth >= 1`);
  if (!(o.learningRate > 0 && o.lambda >= 0)) throw new Error(`learningRate must be > 0 and lambda >= 0`);
  if (!(o.subsample > 0 && o.subsample <= 1 && o.colsample > 0 && o.colsample <= 1)) throw new Error('subsample and colsample must be in (0, 1]');
  if (!(o.validationFraction >= 0 && o.validationFraction < 1)) throw new Error(`validationFraction must be in [0, 1), got ${o.validationFraction}`);
}

/**
 * Boosts trees on log-loss (g = p − y, h = p(1 − p)). Early stopping watches the stratified validation part's
 * log-loss (the training loss when validationFraction is 0) and keeps the trees up to the best round.
 */
export function trainGbdt(samples: BinarySample[], options: GbdtOptions): GbdtTrainResult {
  checkOptions(options);
  if (samples.length < 2) throw new Error(`trainGbdt: need at least 2 samples, got ${samples.length}`);
  const width = samples[0].x.length;
  if (samples.some((s) => s.x.length !== width)) throw new Error('trainGbdt: samples differ in width');
  const labels = samples.map((s) => s.y);
  const rng = new Rng(options.seed);
  const split = stratifiedSplit(labels, options.validationFraction, rng);
  const trainIndices = options.oversample ? oversampleMinority(split.train, labels, rng) : split.train.slice();

  const cuts: Float32Array[] = [];
  const column = new Float32Array(split.train.length);
  for (let f = 0; f < width; f++) {
    split.train.forEach((i, k) => (column[k] = samples[i].x[f]));
    cuts.push(fitCuts(column, options.maxBins));
  }
  const bins = new Uint8Array(samples.length * width);
  samples.forEach((s, i) => {
    for (let f = 0; f < width; f++) bins[i * width + f] = binOf(cuts[f], Math.fround(s.x[f]));
  });

  const y = Float64Array.from(labels);
  const positives = trainIndices.reduce((n, i) => n + y[i], 0);
  const rate = Math.min(Math.max(positives / trainIndices.length, 1e-6), 1 - 1e-6);
  const baseScore = Math.fround(Math.log(rate / (1 - rate)));
  const margin = new Float64Array(samples.length).fill(baseScore);
  const grad = new Float64Array(samples.length);
  const hess = new Float64Array(samples.length);
  const grower = new TreeGrower(bins, cuts, width, grad, hess, options);
  const scored = [...new Set([...split.train, ...split.validation])];
  const allFeatures = Array.from({ length: width }, (_, f) => f);
  const nFeatures = Math.max(1, Math.round(options.colsample * width));
  const rows = new Int32Array(trainIndices.length);
  const trees: GbdtTree[] = [];
  const history: TrainHistory = { epochs: 0, bestEpoch: -1, trainLoss: [], validationLoss: [] };
  let best = Infinity;

  for (let round = 0; round < options.maxTrees; round++) {
    for (const i of split.train) {
      const p = sigmoid(margin[i]);
      grad[i] = p - y[i];
      hess[i] = Math.max(p * (1 - p), 1e-16);
    }
    const features = nFeatures < width ? rng.shuffle(allFeatures.slice()).slice(0, nFeatures).sort((a, b) => a - b) : allFeatures;
    let count = 0;
    for (const i of trainIndices) if (options.subsample >= 1 || rng.uniform() < options.subsample) rows[count++] = i;
    const tree = grower.grow(rows, count, features);
    for (const i of scored) margin[i] += grower.leafValue(tree, i);
    trees.push({ feature: tree.feature, threshold: tree.threshold, left: tree.left, right: tree.right, value: tree.value });

    let trainLoss = 0;
    for (const i of trainIndices) trainLoss += logLossOfLogit(margin[i], y[i]);
    trainLoss /= trainIndices.length;
    let validationLoss = trainLoss;
    if (split.validation.length > 0) {
      validationLoss = 0;
      for (const i of split.validation) validationLoss += logLossOfLogit(margin[i], y[i]);
      validationLoss /= split.validation.length;
    }
    history.trainLoss.push(trainLoss);
    history.validationLoss.push(validationLoss);
    history.epochs = round + 1;
    if (validationLoss < best) {
      best = validationLoss;
      history.bestEpoch = round;
    } else if (round - history.bestEpoch >= options.patience) break;
  }
  trees.length = history.bestEpoch + 1;
  return { model: { baseScore, trees, features: width }, history, validationIndices: split.validation };
}

/**
 * Margin of one row, summed in float32 in tree order then added to the base score, the way onnxruntime's
 * TreeEnsembleRegressor accumulates (single-threaded), so the exported model reproduces it to ~1 ulp.
 */
export function gbdtMargin(model: GbdtModel, x: ArrayLike<number>): number {
  if (x.length !== model.features) throw new Error(`gbdtMargin: model expects ${model.features} features, got ${x.length}`);
  let sum = 0;
  for (const tree of model.trees) {
    let n = 0;
    while (tree.feature[n] >= 0) n = Math.fround(x[tree.feature[n]]) <= tree.threshold[n] ? tree.left[n] : tree.right[n];
    sum = Math.fround(sum + tree.value[n]);
  }
  return Math.fround(sum + model.baseScore);
}

/** Positive-class probability per row. */
export function predictGbdt(model: GbdtModel, rows: ArrayLike<number>[]): Float32Array {
  return Float32Array.from(rows, (x) => sigmoid(gbdtMargin(model, x)));
}

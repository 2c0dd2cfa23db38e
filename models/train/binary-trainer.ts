// Binary classifier training (session outcome): sigmoid Mlp, cross-entropy, minibatch Adam, stratified validation
// split for early stopping, optional minority oversampling of the training part. Deterministic given the seed.
import type { BinarySample, BinaryTrainOptions, Mlp, TrainHistory } from './types';
import { Rng } from './random';
import { fitStandardiser, initMlp } from './mlp';
import { Adam } from './adam';
import { EarlyStopping, Network, standardiseRows } from './backprop';
import { logLossOfLogit, sigmoid } from './logistic-math';

export const DEFAULT_BINARY_OPTIONS: BinaryTrainOptions = {
  hidden: [32, 16],
  seed: 1,
  maxEpochs: 200,
  batchSize: 64,
  learningRate: 1e-3,
  l2: 1e-4,
  validationFraction: 0.15,
  patience: 15,
  oversample: false,
};

export interface BinaryTrainResult {
  model: Mlp;
  /** bestEpoch is a 0-based index into trainLoss / validationLoss; epochs = number of epochs run. */
  history: TrainHistory;
  /** Indices into the samples held out for early stopping (drawn before any oversampling). */
  validationIndices: number[];
  /** Indices into the samples trained on, oversampled duplicates included. */
  trainIndices: number[];
}

/**
 * Stratified hold-out: round(fraction × n) rows of each class, at least one per class when the class has two or
 * more rows and fraction > 0, never the whole class.
 */
export function stratifiedSplit(labels: ArrayLike<0 | 1>, fraction: number, rng: Rng): { train: number[]; validation: number[] } {
  const train: number[] = [];
  const validation: number[] = [];
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) members.push(i);
    rng.shuffle(members);
    let held = Math.round(fraction * members.length);
    if (fraction > 0 && members.length >= 2) held = Math.max(1, held);
    held = Math.min(held, members.length - 1);
    validation.push(...members.slice(0, Math.max(0, held)));
    train.push(...members.slice(Math.max(0, held)));
  }
  // Sorted so the result does not depend on class order; training order is shuffled every epoch anyway.
  return { train: train.sort((a, b) => a - b), validation: validation.sort((a, b) => a - b) };
}

/** Training indices with the minority class drawn with replacement until both classes are equally frequent. */
export function oversampleMinority(train: number[], labels: ArrayLike<0 | 1>, rng: Rng): number[] {
  const positives = train.filter((i) => labels[i] === 1);
  const negatives = train.filter((i) => labels[i] === 0);
  const [minority, majority] = positives.length < negatives.length ? [positives, negatives] : [negatives, positives];
  if (minority.length === 0) return train.slice();
  const extra: number[] = [];
  for (let k = minority.length; k < majority.length; k++) extra.push(minority[rng.int(minority.length)]);
  return train.concat(extra);
}


function checkOptions(options: BinaryTrainOptions): void {
  const { maxEpochs, batchSize, learningRate, validationFraction } = options;
  if (!(Number.isInteger(maxEpochs) && maxEpochs >= 1)) throw new Error(`maxEpochs must be a positive integer, got ${maxEpochs}`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  if (!(learningRate > 0)) throw new Error(`learningRate must be > 0, got ${learningRate}`);
  if (!(validationFraction >= 0 && validationFraction < 1)) throw new Error(`validationFraction must be in [0, 1), got ${validationFraction}`);
}

/**
 * Train a sigmoid Mlp (options.hidden = [] gives logistic regression) on the samples. Early stopping watches the
 * validation log-loss (the training loss when validationFraction is 0) and the best epoch's weights are returned.
 */
export function trainBinaryClassifier(samples: BinarySample[], options: BinaryTrainOptions): BinaryTrainResult {
  checkOptions(options);
  if (samples.length < 2) throw new Error(`trainBinaryClassifier: need at least 2 samples, got ${samples.length}`);
  const labels = samples.map((s) => s.y);
  const rng = new Rng(options.seed);
  // The split comes first from the RNG, so it is the same with or without oversampling.
  const split = stratifiedSplit(labels, options.validationFraction, rng);
  const trainIndices = options.oversample ? oversampleMinority(split.train, labels, rng) : split.train.slice();

  const standardiser = fitStandardiser(split.train.map((i) => samples[i].x));
  const width = standardiser.mean.length;
  const x = standardiseRows(samples.map((s) => s.x), standardiser, 'sample');
  const y = Float64Array.from(labels);

  const net = new Network(initMlp(width, options.hidden, 'sigmoid', rng));
  // Start at the training base rate: the first epochs then learn structure rather than the prior.
  const positives = trainIndices.reduce((n, i) => n + y[i], 0);
  const rate = Math.min(Math.max(positives / trainIndices.length, 1e-3), 1 - 1e-3);
  net.setOutputBias(Math.log(rate / (1 - rate)));
  const adam = new Adam(net.parameters(), { learningRate: options.learningRate, l2: options.l2 });
  const grads = net.gradients();
  const stopping = new EarlyStopping(net, options.patience);
  const history: TrainHistory = { epochs: 0, bestEpoch: -1, trainLoss: [], validationLoss: [] };

  const order = Int32Array.from(trainIndices);
  const validation = split.validation;
  for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    rng.shuffle(order);
    let trainLoss = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const end = Math.min(start + options.batchSize, order.length);
      net.zeroGrad();
      for (let k = start; k < end; k++) {
        const row = order[k];
        const z = net.forward(x, row * width, 0);
        trainLoss += logLossOfLogit(z, y[row]);
        net.backward(0, sigmoid(z) - y[row]);
      }
      adam.step(grads, 1 / (end - start));
    }
    trainLoss /= order.length;
    let validationLoss = trainLoss;
    if (validation.length > 0) {
      validationLoss = 0;
      for (const row of validation) validationLoss += logLossOfLogit(net.forward(x, row * width, 0), y[row]);
      validationLoss /= validation.length;
    }
    history.trainLoss.push(trainLoss);
    history.validationLoss.push(validationLoss);
    history.epochs = epoch + 1;
    if (stopping.update(epoch, validationLoss)) break;
  }
  stopping.restoreBest();
  history.bestEpoch = stopping.bestEpoch;
  return { model: net.toMlp(standardiser, 'sigmoid'), history, validationIndices: validation, trainIndices };
}

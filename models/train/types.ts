// Plain data shared by the trainers, the ONNX exporter and the evaluation: a model is weights + the input
// standardisation it was trained with, nothing else, so the same object can be run in JS or exported to ONNX.

/** A fully connected layer: y = W x + b, W stored row-major as [outputs][inputs]. */
export interface DenseLayer {
  inputs: number;
  outputs: number;
  weights: Float32Array;
  bias: Float32Array;
}

/** Feature standardisation applied before the first layer: x' = (x - mean) / scale. */
export interface Standardiser {
  mean: Float32Array;
  scale: Float32Array;
}

/**
 * A multilayer perceptron: ReLU between layers, `output` on the last one. No hidden layer = logistic (or linear)
 * regression, which is how the baselines are run "by the same code".
 */
export interface Mlp {
  standardiser: Standardiser;
  layers: DenseLayer[];
  output: 'sigmoid' | 'linear';
}

/** One labelled row for binary classification. */
export interface BinarySample {
  x: ArrayLike<number>;
  y: 0 | 1;
}

export interface BinaryTrainOptions {
  /** Hidden layer widths; [] trains a logistic regression. */
  hidden: number[];
  seed: number;
  /** Upper bound; early stopping usually ends sooner. */
  maxEpochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on weights (not biases). */
  l2: number;
  /** Share of the training rows held out (stratified) for early stopping. */
  validationFraction: number;
  /** Epochs without validation-loss improvement before stopping; the best epoch's weights are kept. */
  patience: number;
  /** Randomly oversample the minority class of the training part (never the validation part) to balance. */
  oversample: boolean;
}

export interface TrainHistory {
  epochs: number;
  bestEpoch: number;
  trainLoss: number[];
  validationLoss: number[];
}

/** One decision step for imitation learning: the candidates on screen, the one the user chose, the wait before. */
export interface PolicyStep {
  /** Feature vector of every candidate action (elements plus back and leave), same width for all. */
  candidates: ArrayLike<number>[];
  /** Index into `candidates` of the action taken. */
  chosen: number;
  /** Features of the situation (page, time on page, steps so far) for the dwell head. */
  context: ArrayLike<number>;
  /** Milliseconds between the previous action (or page start) and this one. */
  dwellMs: number;
  /** Groups steps by session so splits never leak a session across train and test. */
  sessionId: string;
}

export interface PolicyTrainOptions {
  hidden: number[];
  dwellHidden: number[];
  seed: number;
  maxEpochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  validationFraction: number;
  patience: number;
}

/** The behaviour policy: a candidate scorer (softmax over a step's candidates) and a log-dwell regressor. */
export interface PolicyModel {
  scorer: Mlp;
  dwell: Mlp;
}

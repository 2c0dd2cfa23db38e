// Binary-classification metrics for model evaluation (ROC AUC, PR AUC, accuracy, F1, log loss), written to match
// scikit-learn's definitions so our figures are comparable with published results on the same data.

/** Counts at one decision threshold; a row is predicted positive when its score is >= the threshold. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

function check(scores: ArrayLike<number>, labels: ArrayLike<number>): { positives: number; negatives: number } {
  if (scores.length !== labels.length) throw new Error(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new Error(`label ${i} is ${labels[i]}, expected 0 or 1`);
    if (Number.isNaN(scores[i])) throw new Error(`score ${i} is NaN`);
    positives += labels[i];
  }
  return { positives, negatives: labels.length - positives };
}

function bothClasses(what: string, c: { positives: number; negatives: number }): void {
  // Like sklearn we refuse rather than return a number that looks meaningful.
  if (c.positives === 0 || c.negatives === 0) throw new Error(`${what} is undefined: labels hold only one class`);
}

/** Indices ordered by score, highest first (stable, so equal scores keep input order). */
function byScoreDesc(scores: ArrayLike<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a]);
  return order;
}

/**
 * Walks the distinct thresholds from the highest score down: after each group of tied scores, the true and false
 * positives of predicting positive for every score >= that group's, with the group's score and the next lower one.
 */
function* thresholdSweep(scores: ArrayLike<number>, labels: ArrayLike<number>): Generator<{ tp: number; fp: number; score: number; next: number }> {
  const order = byScoreDesc(scores);
  let tp = 0;
  let fp = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    for (let j = start; j <= end; j++) {
      if (labels[order[j]] === 1) tp++;
      else fp++;
    }
    const score = scores[order[start]];
    yield { tp, fp, score, next: end + 1 < order.length ? scores[order[end + 1]] : score };
    start = end + 1;
  }
}

/**
 * ROC AUC as the Mann–Whitney statistic: the probability that a random positive scores above a random negative,
 * ties counting one half (average ranks). Equals sklearn's roc_auc_score, including with tied scores.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const counts = check(scores, labels);
  bothClasses('ROC AUC', counts);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const averageRank = (start + end) / 2 + 1; // ranks are 1-based
    for (let j = start; j <= end; j++) if (labels[order[j]] === 1) positiveRankSum += averageRank;
    start = end + 1;
  }
  const { positives, negatives } = counts;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * "PR AUC" as average precision, sklearn's average_precision_score: AP = Σ (R_n − R_{n−1}) · P_n over the
 * distinct score thresholds, highest first (tied scores enter together). This step sum is what the literature on
 * this data usually reports as auPR; it is not the trapezoidal area, which is optimistic for PR curves.
 */
export function prAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const counts = check(scores, labels);
  if (counts.positives === 0) throw new Error('PR AUC is undefined: labels hold no positive');
  let previousRecall = 0;
  let ap = 0;
  for (const { tp, fp } of thresholdSweep(scores, labels)) {
    const recall = tp / counts.positives;
    ap += (recall - previousRecall) * (tp / (tp + fp));
    previousRecall = recall;
  }
  return ap;
}

export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  check(scores, labels);
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i] >= threshold;
    if (labels[i] === 1) {
      if (predicted) c.tp++;
      else c.fn++;
    } else if (predicted) c.fp++;
    else c.tn++;
  }
  return c;
}

export function accuracy(c: Confusion): number {
  const n = c.tp + c.fp + c.tn + c.fn;
  return n === 0 ? NaN : (c.tp + c.tn) / n;
}

/** F1 of the positive class; 0 when nothing is predicted positive and nothing is positive-correct (sklearn's zero_division=0). */
export function f1Positive(c: Confusion): number {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? 0 : (2 * c.tp) / denominator;
}

/** Mean binary cross-entropy of probabilities; clipped to [eps, 1 − eps] so one confident miss stays finite. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>, eps = 1e-15): number {
  check(probabilities, labels);
  if (probabilities.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / probabilities.length;
}

/**
 * The threshold maximising positive-class F1 on the given rows. Call it on training or validation predictions
 * only: picking it on test rows would leak the test labels into the reported F1 and accuracy. The returned
 * threshold lies halfway between the last included score and the next lower one, so unseen scores in that gap
 * are treated as the training rows' boundary suggests rather than by an arbitrary edge.
 */
export function bestF1Threshold(scores: ArrayLike<number>, labels: ArrayLike<number>): { threshold: number; f1: number } {
  const counts = check(scores, labels);
  if (counts.positives === 0) throw new Error('best F1 threshold is undefined: labels hold no positive');
  let best = { threshold: Infinity, f1: 0 };
  for (const { tp, fp, score, next } of thresholdSweep(scores, labels)) {
    const f1 = (2 * tp) / (tp + fp + counts.positives); // fn = positives − tp
    if (f1 > best.f1) best = { threshold: (score + next) / 2, f1 };
  }
  return best;
}

/** The figures reported for one evaluation: threshold-free ranking metrics plus accuracy/F1 at a fixed threshold. */
export interface BinaryMetrics {
  rocAuc: number;
  prAuc: number;
  accuracy: number;
  f1: number;
  /** Accuracy at probability 0.5, reported alongside because it needs no threshold choice. */
  accuracyAt05: number;
  f1At05: number;
  logLoss: number;
  threshold: number;
}

export function binaryMetrics(probabilities: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): BinaryMetrics {
  const at = confusionAt(probabilities, labels, threshold);
  const at05 = confusionAt(probabilities, labels, 0.5);
  return {
    rocAuc: rocAuc(probabilities, labels),
    prAuc: prAuc(probabilities, labels),
    accuracy: accuracy(at),
    f1: f1Positive(at),
    accuracyAt05: accuracy(at05),
    f1At05: f1Positive(at05),
    logLoss: logLoss(probabilities, labels),
    threshold,
  };
}

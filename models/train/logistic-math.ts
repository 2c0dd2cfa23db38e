// The logistic function and log-loss on logits, written once for every trainer (numerically stable forms).

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Cross-entropy of label y against logit z, computed stably: max(z, 0) − y·z + log(1 + e^−|z|). */
export function logLossOfLogit(z: number, y: number): number {
  return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
}

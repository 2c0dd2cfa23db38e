// Seeded, deterministic train/test partitions (stratified holdout, stratified k-fold, group split) so every
// evaluation can be rerun to the same rows, and so session-level data never leaks a session across the split.
import { Rng } from './random';

function checkFraction(testFraction: number): void {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`testFraction must be in (0, 1), got ${testFraction}`);
}

/** Row indices per label value, in the order the labels appear (iteration order of the Map is stable). */
function indicesByClass(labels: ArrayLike<number | string>): Map<number | string, number[]> {
  const byClass = new Map<number | string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]);
    if (list) list.push(i);
    else byClass.set(labels[i], [i]);
  }
  return byClass;
}

export interface Split {
  train: number[];
  test: number[];
}

/** Holdout split keeping each class's share on both sides: round(n_class · testFraction) of every class goes to test. */
export function stratifiedSplit(labels: ArrayLike<number | string>, testFraction: number, seed: number): Split {
  checkFraction(testFraction);
  const rng = new Rng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const indices of indicesByClass(labels).values()) {
    rng.shuffle(indices);
    const nTest = Math.round(indices.length * testFraction);
    test.push(...indices.slice(0, nTest));
    train.push(...indices.slice(nTest));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/**
 * k folds; each row is in exactly one fold's test part. Rows of each class are shuffled then dealt round-robin,
 * continuing the deal across classes, so fold sizes differ by at most one and class shares by at most one row.
 */
export function stratifiedKFold(labels: ArrayLike<number | string>, k: number, seed: number): Split[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`k must be an integer >= 2, got ${k}`);
  if (k > labels.length) throw new Error(`k (${k}) exceeds the number of rows (${labels.length})`);
  const rng = new Rng(seed);
  const foldOf = new Int32Array(labels.length);
  let deal = 0;
  for (const indices of indicesByClass(labels).values()) {
    rng.shuffle(indices);
    for (const i of indices) foldOf[i] = deal++ % k;
  }
  const folds: Split[] = Array.from({ length: k }, () => ({ train: [], test: [] }));
  for (let i = 0; i < labels.length; i++) {
    for (let f = 0; f < k; f++) (f === foldOf[i] ? folds[f].test : folds[f].train).push(i);
  }
  return folds;
}

/**
 * Split whole groups (e.g. the steps of one session): every row of a group lands on the same side. Groups are
 * shuffled and round(nGroups · testFraction) of them go to test, so the fraction is of groups, not of rows.
 */
export function groupSplit(groups: ArrayLike<string>, testFraction: number, seed: number): Split {
  checkFraction(testFraction);
  const byGroup = indicesByClass(groups);
  const names = new Rng(seed).shuffle([...byGroup.keys()]);
  const testGroups = new Set(names.slice(0, Math.round(names.length * testFraction)));
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < groups.length; i++) (testGroups.has(groups[i]) ? test : train).push(i);
  return { train, test };
}

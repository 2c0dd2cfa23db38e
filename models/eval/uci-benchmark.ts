// Runs the published protocol on the UCI online-shoppers data (stratified 70/30 holdout + stratified k-fold CV,
// oversampling only inside training parts) for our MLP and a logistic baseline trained by the same code, plus
// (opt-in) our gradient-boosted trees and the MLP+GBDT probability average.
import { bestF1Threshold, binaryMetrics, type BinaryMetrics } from '../../analyzer/evaluation/classification-metrics';
import { DEFAULT_BINARY_OPTIONS, trainBinaryClassifier } from '../train/binary-trainer';
import { DEFAULT_GBDT_OPTIONS, predictGbdt, trainGbdt, type GbdtOptions } from '../train/gbdt-trainer';
import { predictMlp } from '../train/mlp';
import { stratifiedKFold, stratifiedSplit } from '../train/splits';
import type { BinaryTrainOptions } from '../train/types';
import { encodeUci, fitUciEncoder, loadUciShoppers, type UciShoppers } from './uci-shoppers';

/**
 * MLP hyperparameters, chosen with `tuneUciModels` (3-fold CV inside the seed-1 holdout's 70 % training part only,
 * ranked by mean ROC AUC; the 30 % test rows played no part). Grid: hidden [16] [32] [64] [32,16]; l2 1e-4..1e-1;
 * lr 1e-3 / 3e-4; batch 64 / 256; patience 15 / 30. The default l2 (1e-4) overfits within ~15 epochs because the
 * oversampled positives repeat; l2 = 1e-2 gave inner-CV ROC 0.9235 / PR 0.709 against 0.911 / 0.689 for the
 * default [32, 16]. [64] tied within noise at twice the cost.
 */
export const UCI_MLP_OPTIONS: Partial<BinaryTrainOptions> = { hidden: [32], l2: 1e-2, learningRate: 1e-3, batchSize: 64, patience: 15, oversample: true };
/** Same code with no hidden layer = logistic regression; l2 1e-4..1e-2 tied in the same inner CV (ROC 0.919). */
export const UCI_LOGISTIC_OPTIONS: Partial<BinaryTrainOptions> = { hidden: [], l2: 1e-4, oversample: true };

/**
 * GBDT hyperparameters, chosen with `tuneUciModels` by the same inner 3-fold CV on the seed-1 training part (ROC
 * AUC). Stage 1, depth/leaves (3/8, 4/16, 6/32, 8/64) × min child hessian (1, 5) × λ (1, 10): 4/16, 5, 1 best
 * (0.9341 / PR 0.749), all within 0.003. Stage 2 around it: oversampling costs ~0.005 ROC and 0.02 PR (the trees
 * rank well without it, and duplicates make early stopping fit the copies); colsample 0.8 > 0.5; subsample 0.6–0.8,
 * lr 0.02–0.1, 64–255 bins and leaf-wise 6/16, 8/12 tied within 0.001 (64 bins ranked first: 0.9344 / 0.749).
 */
export const UCI_GBDT_OPTIONS: Partial<GbdtOptions> = {
  maxTrees: 3000, patience: 50, learningRate: 0.05, maxDepth: 4, maxLeaves: 16, minChildHessian: 5, lambda: 1, maxBins: 64,
  subsample: 0.8, colsample: 0.8, oversample: false,
};
/** Name of the row averaging the MLP's and the GBDT's probabilities (present when both are run). */
export const UCI_AVERAGE_NAME = 'GBDT+MLP average';

export const PUBLISHED_UCI_RESULTS: { model: string; citation: string; rocAuc?: number; prAuc?: number; accuracy?: number; f1?: number; note?: string }[] = [
  {
    model: 'XGBoost+feat.sel.+oversampl.',
    citation: '"Early purchase prediction" (PMC10121810, 2023)',
    rocAuc: 0.937, prAuc: 0.754, accuracy: 0.9065,
    note: 'best honest figure found; see models/data/README.md',
  },
  {
    model: 'MLP+oversampl.+feat.sel. (2019)',
    citation: 'Sakar, Polat, Katircioglu, Kastro, Neural Comput. Appl. 31:6893-6908 (2019)',
    note: 'best of RF/SVM/MLP by accuracy and F1; its figures are not transcribed here, so none are quoted',
  },
];

const METRICS = ['rocAuc', 'prAuc', 'accuracy', 'f1', 'accuracyAt05', 'f1At05', 'logLoss', 'threshold'] as const;
export type MetricSummary = Record<(typeof METRICS)[number], { mean: number; std: number }>;

export interface UciModelResult {
  name: string;
  options: BinaryTrainOptions | GbdtOptions;
  /** >1: probabilities averaged over this many seeds (member 0 is the single-model row). */
  members: number;
  holdout: BinaryMetrics;
  cv: MetricSummary | null;
  folds: BinaryMetrics[];
}

export interface UciBenchmarkResult {
  rows: number;
  positives: number;
  seed: number;
  folds: number;
  featureNames: string[];
  models: UciModelResult[];
  /** Wall time of all training and scoring (every model, holdout and folds). */
  seconds: number;
}

export interface UciBenchmarkConfig {
  csvPath: string;
  seed: number;
  /** CV folds (default 10); 0 runs the holdout only. */
  folds?: number;
  /** Overrides for the MLP (on top of DEFAULT_BINARY_OPTIONS and UCI_MLP_OPTIONS). */
  options?: Partial<BinaryTrainOptions>;
  /** MLP seeds averaged into an extra "ensemble" row (default 1 = no ensemble row). */
  ensembleSeeds?: number;
  /** Adds the GBDT row (overrides on top of DEFAULT_GBDT_OPTIONS and UCI_GBDT_OPTIONS) and the GBDT+MLP average row. */
  gbdt?: boolean | Partial<GbdtOptions>;
  onProgress?: (message: string) => void;
}

/** An MLP / logistic spec, or a GBDT one (told apart by GbdtOptions.maxTrees). */
export interface ModelSpec {
  name: string;
  options: BinaryTrainOptions | GbdtOptions;
}

const isGbdt = (options: BinaryTrainOptions | GbdtOptions): options is GbdtOptions => 'maxTrees' in options;

export interface Predictions {
  trainProbs: Float64Array[];
  testProbs: Float64Array[];
  /** Per member: positions (into `train`) of the rows the trainer held out for early stopping. */
  validation: number[][];
  epochs: number[];
}

/**
 * Trains `members` models on `train` (seeds options.seed + 7919·m, so member 0 is the single model), fitting the
 * encoder on `train` only. Returns per-member test probabilities plus each member's threshold source: its
 * predictions on the (un-oversampled) training rows. Test labels are never looked at here.
 */
export function trainAndPredict(data: UciShoppers, train: number[], test: number[], options: BinaryTrainOptions | GbdtOptions, members: number): Predictions {
  const encoder = fitUciEncoder(data.records, train);
  const xTrain = encodeUci(encoder, data.records, train);
  const xTest = encodeUci(encoder, data.records, test);
  const samples = xTrain.map((x, j) => ({ x, y: data.labels[train[j]] }));
  const out: Predictions = { trainProbs: [], testProbs: [], validation: [], epochs: [] };
  for (let m = 0; m < members; m++) {
    const seed = options.seed + 7919 * m;
    if (isGbdt(options)) {
      const { model, history, validationIndices } = trainGbdt(samples, { ...options, seed });
      out.trainProbs.push(Float64Array.from(predictGbdt(model, xTrain)));
      out.testProbs.push(Float64Array.from(predictGbdt(model, xTest)));
      out.validation.push(validationIndices);
      out.epochs.push(history.bestEpoch);
      continue;
    }
    const { model, history, validationIndices } = trainBinaryClassifier(samples, { ...options, seed });
    out.trainProbs.push(Float64Array.from(predictMlp(model, xTrain)));
    out.testProbs.push(Float64Array.from(predictMlp(model, xTest)));
    out.validation.push(validationIndices);
    out.epochs.push(history.bestEpoch);
  }
  return out;
}

/** Ensemble prediction: the plain average of the members' probabilities. */
function mean(arrays: Float64Array[]): Float64Array {
  const sum = new Float64Array(arrays[0].length);
  for (const a of arrays) for (let i = 0; i < sum.length; i++) sum[i] += a[i] / arrays.length;
  return sum;
}

/** Metrics on test rows with the F1 threshold picked on the training rows' predictions. */
export function scoreSplit(trainProbs: Float64Array, trainLabels: (0 | 1)[], testProbs: Float64Array, testLabels: (0 | 1)[]): BinaryMetrics {
  return binaryMetrics(testProbs, testLabels, bestF1Threshold(trainProbs, trainLabels).threshold);
}

/**
 * Evaluates specs on one split; members[name] > 1 adds that spec's seed-averaged ensemble as an extra entry, and
 * specs named MLP and GBDT both present add their single models' probability average.
 */
function evaluateSplit(data: UciShoppers, train: number[], test: number[], specs: ModelSpec[], members: Record<string, number>): Record<string, BinaryMetrics> {
  const yTrain = train.map((i) => data.labels[i]);
  const yTest = test.map((i) => data.labels[i]);
  const result: Record<string, BinaryMetrics> = {};
  const single: Record<string, Predictions> = {};
  for (const spec of specs) {
    const n = members[spec.name] ?? 1;
    const p = trainAndPredict(data, train, test, spec.options, n);
    single[spec.name] = p;
    result[spec.name] = scoreSplit(p.trainProbs[0], yTrain, p.testProbs[0], yTest);
    if (n > 1) result[`${spec.name} ensemble x${n}`] = scoreSplit(mean(p.trainProbs), yTrain, mean(p.testProbs), yTest);
  }
  const { MLP: mlp, GBDT: gbdt } = single;
  if (mlp && gbdt) {
    const average = (k: 'trainProbs' | 'testProbs') => mean([mlp[k][0], gbdt[k][0]]);
    result[UCI_AVERAGE_NAME] = scoreSplit(average('trainProbs'), yTrain, average('testProbs'), yTest);
  }
  return result;
}

export function summarise(runs: BinaryMetrics[]): MetricSummary {
  const out = {} as MetricSummary;
  for (const k of METRICS) {
    const values = runs.map((r) => r[k]);
    const m = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.length > 1 ? values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1) : 0;
    out[k] = { mean: m, std: Math.sqrt(variance) };
  }
  return out;
}

/** MLP and logistic; plus GBDT when `gbdt` is given (true or overrides). */
export function uciModelSpecs(seed: number, mlpOverrides: Partial<BinaryTrainOptions> = {}, gbdt?: boolean | Partial<GbdtOptions>): ModelSpec[] {
  const specs: ModelSpec[] = [
    { name: 'MLP', options: { ...DEFAULT_BINARY_OPTIONS, ...UCI_MLP_OPTIONS, ...mlpOverrides, seed } },
    { name: 'logistic', options: { ...DEFAULT_BINARY_OPTIONS, ...UCI_LOGISTIC_OPTIONS, seed } },
  ];
  if (gbdt) specs.push({ name: 'GBDT', options: { ...DEFAULT_GBDT_OPTIONS, ...UCI_GBDT_OPTIONS, ...(gbdt === true ? {} : gbdt), seed } });
  return specs;
}

export function runUciBenchmark(config: UciBenchmarkConfig): UciBenchmarkResult {
  const k = config.folds ?? 10;
  const log = config.onProgress ?? (() => undefined);
  const data = loadUciShoppers(config.csvPath);
  const specs = uciModelSpecs(config.seed, config.options, config.gbdt);
  const members = { MLP: Math.max(1, config.ensembleSeeds ?? 1) };
  const started = Date.now();
  const holdoutSplit = stratifiedSplit(data.labels, 0.3, config.seed);
  const holdout = evaluateSplit(data, holdoutSplit.train, holdoutSplit.test, specs, members);
  log(`holdout done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const perFold: Record<string, BinaryMetrics>[] = [];
  if (k > 0) {
    stratifiedKFold(data.labels, k, config.seed + 1).forEach((fold, f) => {
      perFold.push(evaluateSplit(data, fold.train, fold.test, specs, members));
      log(`fold ${f + 1}/${k} done at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  }
  const seconds = (Date.now() - started) / 1000;
  const models = Object.keys(holdout).map((name) => {
    const spec = specs.find((s) => name.startsWith(s.name))!;
    const folds = perFold.map((f) => f[name]);
    const n = name === spec.name ? 1 : name === UCI_AVERAGE_NAME ? 2 : members.MLP;
    return { name, options: spec.options, members: n, holdout: holdout[name], cv: k > 0 ? summarise(folds) : null, folds };
  });
  const encoder = fitUciEncoder(data.records, holdoutSplit.train);
  return { rows: data.records.length, positives: data.labels.filter((y) => y === 1).length, seed: config.seed, folds: k, featureNames: encoder.featureNames, models, seconds };
}

/**
 * Hyperparameter search confined to the holdout's 70 % training part: inner stratified k-fold CV there, ranked
 * by mean ROC AUC. The benchmark's test part and its outer CV never feed back into the choice.
 */
export function tuneUciModels(config: { csvPath: string; seed: number; folds?: number; candidates: ModelSpec[]; onProgress?: (m: string) => void }): { name: string; rocAuc: number; prAuc: number; f1: number; epochs: number }[] {
  const data = loadUciShoppers(config.csvPath);
  const { train } = stratifiedSplit(data.labels, 0.3, config.seed);
  const inner = stratifiedKFold(train.map((i) => data.labels[i]), config.folds ?? 3, config.seed + 2);
  const rows = config.candidates.map((spec) => {
    const runs: BinaryMetrics[] = [];
    let epochs = 0;
    for (const fold of inner) {
      const tr = fold.train.map((j) => train[j]);
      const te = fold.test.map((j) => train[j]);
      const p = trainAndPredict(data, tr, te, spec.options, 1);
      runs.push(scoreSplit(p.trainProbs[0], tr.map((i) => data.labels[i]), p.testProbs[0], te.map((i) => data.labels[i])));
      epochs += p.epochs[0] / inner.length;
    }
    const s = summarise(runs);
    const row = { name: spec.name, rocAuc: s.rocAuc.mean, prAuc: s.prAuc.mean, f1: s.f1.mean, epochs };
    config.onProgress?.(`${spec.name}: ROC ${row.rocAuc.toFixed(4)} PR ${row.prAuc.toFixed(4)} F1 ${row.f1.toFixed(4)} epochs ${epochs.toFixed(0)}`);
    return row;
  });
  return rows.sort((a, b) => b.rocAuc - a.rocAuc);
}

const WIDTHS = [42, 14, 11, 11, 12, 12, 11];
const fix = (v: number | undefined, scale = 1, digits = 3) => (v === undefined ? '-' : (v * scale).toFixed(digits));
const meanStd = (s: { mean: number; std: number }, scale = 1, digits = 3) => `${fix(s.mean, scale, digits)}±${fix(s.std, scale, digits)}`;

/** Plain-text comparison table: ours (holdout and CV mean ± std) against the published figures. */
export function formatUciTable(result: UciBenchmarkResult): string {
  const lines: string[] = [];
  const row = (cells: string[]) => lines.push(cells.map((c, i) => c.padEnd(WIDTHS[i])).join(' ').trimEnd());
  lines.push(`UCI online shoppers: ${result.rows} sessions, ${result.positives} purchases, ${result.featureNames.length} features, seed ${result.seed}`);
  row(['model', 'protocol', 'ROC AUC', 'PR AUC', 'acc %', 'acc@0.5 %', 'F1 (pos)']);
  lines.push('-'.repeat(WIDTHS.reduce((s, w) => s + w + 1, 0)));
  for (const m of result.models) {
    const h = m.holdout;
    row([`ours: ${m.name}`, '70/30 holdout', fix(h.rocAuc), fix(h.prAuc), fix(h.accuracy, 100, 2), fix(h.accuracyAt05, 100, 2), fix(h.f1)]);
    const c = m.cv;
    if (c) row(['', `${result.folds}-fold CV`, meanStd(c.rocAuc), meanStd(c.prAuc), meanStd(c.accuracy, 100, 2), meanStd(c.accuracyAt05, 100, 2), meanStd(c.f1)]);
  }
  for (const p of PUBLISHED_UCI_RESULTS) row([`published: ${p.model}`, 'paper', fix(p.rocAuc), fix(p.prAuc), fix(p.accuracy, 100, 2), '-', fix(p.f1)]);
  lines.push("acc, F1: threshold maximising F1 on the training rows' predictions (never the test rows); acc@0.5: threshold 0.5.");
  for (const p of PUBLISHED_UCI_RESULTS) lines.push(`[${p.model}] ${p.citation}${p.note ? ` (${p.note})` : ''}`);
  return lines.join('\n');
}

// The two architectures the session-outcome model can be trained with, behind one shape: fit on rows, predict in
// JS, export to ONNX. Both are measured on the public UCI data and on the corpus' counterfactual (npm run eval).
import { DEFAULT_BINARY_OPTIONS, trainBinaryClassifier } from './binary-trainer';
import { predictMlp } from './mlp';
import { mlpToOnnx } from './onnx-export';
import { DEFAULT_GBDT_OPTIONS, predictGbdt, trainGbdt, type GbdtOptions } from './gbdt-trainer';
import { gbdtToOnnx } from './gbdt-onnx';
import type { BinarySample, BinaryTrainOptions, TrainHistory } from './types';

export type OutcomeArchitecture = 'mlp' | 'gbdt';
export const OUTCOME_ARCHITECTURES: readonly OutcomeArchitecture[] = ['mlp', 'gbdt'];

/** Hundreds of sessions: a narrow network, strong L2, minority oversampling in the training part only. */
export const OUTCOME_MLP_OPTIONS: BinaryTrainOptions = { ...DEFAULT_BINARY_OPTIONS, hidden: [16, 8], l2: 1e-3, oversample: true, seed: 7 };
/** The UCI-tuned tree shape (inner CV), with fewer bins and a larger min child weight for small data. */
export const OUTCOME_GBDT_OPTIONS: GbdtOptions = { ...DEFAULT_GBDT_OPTIONS, seed: 7, maxTrees: 1000, patience: 50, maxDepth: 4, maxLeaves: 16, minChildHessian: 5, maxBins: 64 };

export interface FittedOutcomeModel {
  architecture: OutcomeArchitecture;
  predict(rows: ArrayLike<number>[]): Float32Array;
  toOnnx(names: { inputName: string; outputName: string; graphName: string }): Uint8Array;
  history: TrainHistory;
  /** Indices (into the samples given) of the trainer's early-stopping validation rows. */
  validationIndices: number[];
  options: BinaryTrainOptions | GbdtOptions;
  description: string;
}

export function fitOutcomeModel(architecture: OutcomeArchitecture, samples: BinarySample[], seed = 7): FittedOutcomeModel {
  switch (architecture) {
    case 'mlp': {
      const options = { ...OUTCOME_MLP_OPTIONS, seed };
      const trained = trainBinaryClassifier(samples, options);
      return {
        architecture,
        predict: (rows) => predictMlp(trained.model, rows),
        toOnnx: (names) => mlpToOnnx(trained.model, names),
        history: trained.history,
        validationIndices: trained.validationIndices,
        options,
        description: `MLP ${samples[0]?.x.length ?? 0} → ${options.hidden.join(' → ')} → 1 (ReLU, sigmoid), standardisation inside the graph; binary cross-entropy, Adam, L2 ${options.l2}, early stopping; our own trainer (models/train/binary-trainer.ts); ONNX Gemm/Relu/Sigmoid`,
      };
    }
    case 'gbdt': {
      const options = { ...OUTCOME_GBDT_OPTIONS, seed };
      const trained = trainGbdt(samples, options);
      return {
        architecture,
        predict: (rows) => predictGbdt(trained.model, rows),
        toOnnx: (names) => gbdtToOnnx(trained.model, names),
        history: trained.history,
        validationIndices: trained.validationIndices,
        options,
        description: `gradient-boosted trees (${trained.model.trees.length} trees, depth ≤ ${options.maxDepth}, learning rate ${options.learningRate}), second-order histogram splits; our own trainer (models/train/gbdt-trainer.ts); ONNX ai.onnx.ml TreeEnsembleRegressor + Sigmoid`,
      };
    }
    default: {
      const never: never = architecture;
      throw new Error(`unknown architecture ${String(never)}`);
    }
  }
}

// Training-time view of an Mlp: Float64 master weights, cached activations and backpropagation, shared by both
// trainers. Inputs are pre-standardised by the caller, so this sees only the layers.
import type { Mlp, Standardiser } from './types';
import type { AdamParam } from './adam';

interface TrainLayer {
  inputs: number;
  outputs: number;
  w: Float64Array;
  b: Float64Array;
}

/**
 * A single-output ReLU network with Float64 weights. `forward(data, offset, row)` caches the activations of one
 * input row in slot `row`; `backward(row, dOut)` accumulates into the gradients the effect of dLoss/dOutput (the
 * pre-activation of the last layer) for that row. Slots let the policy trainer forward all candidates of a step
 * before back-propagating each one; the binary trainer only uses slot 0.
 */
export class Network {
  private readonly layers: TrainLayer[];
  readonly gradW: Float64Array[];
  readonly gradB: Float64Array[];
  /** acts[l][row * outputs + j]: output of layer l (after ReLU for hidden layers). */
  private acts: Float64Array[] = [];
  private rowData: Float64Array[] = [];
  private rowOffset = new Int32Array(0);
  private capacity = 0;
  /** deltas[l][j]: dLoss/d(pre-activation) of layer l for the row being back-propagated. */
  private readonly deltas: Float64Array[];

  constructor(mlp: Mlp) {
    if (mlp.layers.length === 0) throw new Error('Network: an Mlp needs at least one layer');
    const last = mlp.layers[mlp.layers.length - 1];
    if (last.outputs !== 1) throw new Error(`Network: the last layer must have 1 output, has ${last.outputs}`);
    this.layers = mlp.layers.map((layer, l) => {
      if (l > 0 && layer.inputs !== mlp.layers[l - 1].outputs) throw new Error(`Network: layer ${l} width mismatch`);
      return { inputs: layer.inputs, outputs: layer.outputs, w: Float64Array.from(layer.weights), b: Float64Array.from(layer.bias) };
    });
    this.gradW = this.layers.map((layer) => new Float64Array(layer.w.length));
    this.gradB = this.layers.map((layer) => new Float64Array(layer.b.length));
    this.deltas = this.layers.map((layer) => new Float64Array(layer.outputs));
    this.ensureCapacity(1);
  }

  get inputs(): number {
    return this.layers[0].inputs;
  }

  /** Set the output bias (e.g. to the base-rate logit or the mean target) so training starts at the prior. */
  setOutputBias(value: number): void {
    this.layers[this.layers.length - 1].b[0] = value;
  }

  /** Grow the activation cache to hold `rows` slots. */
  ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    this.acts = this.layers.map((layer) => new Float64Array(rows * layer.outputs));
    this.rowData = new Array<Float64Array>(rows);
    this.rowOffset = new Int32Array(rows);
    this.capacity = rows;
  }

  /** Forward the row at data[offset .. offset + inputs) into slot `row`; returns the output pre-activation. */
  forward(data: Float64Array, offset: number, row = 0): number {
    if (row >= this.capacity) throw new Error(`Network.forward: slot ${row} beyond capacity ${this.capacity}`);
    this.rowData[row] = data;
    this.rowOffset[row] = offset;
    let input = data;
    let inOffset = offset;
    const last = this.layers.length - 1;
    for (let l = 0; l <= last; l++) {
      const { inputs, outputs, w, b } = this.layers[l];
      const out = this.acts[l];
      const outOffset = row * outputs;
      for (let j = 0; j < outputs; j++) {
        let sum = b[j];
        const wRow = j * inputs;
        for (let i = 0; i < inputs; i++) sum += w[wRow + i] * input[inOffset + i];
        out[outOffset + j] = l < last && sum < 0 ? 0 : sum;
      }
      input = out;
      inOffset = outOffset;
    }
    return input[inOffset];
  }

  /** Accumulate gradients for slot `row` (as left by the last forward into it), given dLoss/dOutput. */
  backward(row: number, dOut: number): void {
    const last = this.layers.length - 1;
    this.deltas[last][0] = dOut;
    for (let l = last; l >= 0; l--) {
      const { inputs, outputs, w } = this.layers[l];
      const delta = this.deltas[l];
      const input = l === 0 ? this.rowData[row] : this.acts[l - 1];
      const inOffset = l === 0 ? this.rowOffset[row] : row * inputs;
      const gw = this.gradW[l];
      const gb = this.gradB[l];
      for (let j = 0; j < outputs; j++) {
        const d = delta[j];
        if (d === 0) continue;
        gb[j] += d;
        const wRow = j * inputs;
        for (let i = 0; i < inputs; i++) gw[wRow + i] += d * input[inOffset + i];
      }
      if (l === 0) break;
      const prev = this.deltas[l - 1];
      prev.fill(0);
      for (let j = 0; j < outputs; j++) {
        const d = delta[j];
        if (d === 0) continue;
        const wRow = j * inputs;
        for (let i = 0; i < inputs; i++) prev[i] += w[wRow + i] * d;
      }
      // ReLU derivative: the hidden unit passed gradient only where its output was positive.
      for (let i = 0; i < inputs; i++) if (input[inOffset + i] <= 0) prev[i] = 0;
    }
  }

  zeroGrad(): void {
    for (const g of this.gradW) g.fill(0);
    for (const g of this.gradB) g.fill(0);
  }

  /** Parameter buffers for Adam, in the same order as gradients(). */
  parameters(): AdamParam[] {
    return this.layers.flatMap((layer) => [
      { values: layer.w, decay: true },
      { values: layer.b, decay: false },
    ]);
  }

  gradients(): Float64Array[] {
    return this.layers.flatMap((_, l) => [this.gradW[l], this.gradB[l]]);
  }

  /** Copy of all weights, for keeping the best epoch. */
  snapshot(): Float64Array[] {
    return this.layers.flatMap((layer) => [Float64Array.from(layer.w), Float64Array.from(layer.b)]);
  }

  restore(snapshot: Float64Array[]): void {
    this.layers.forEach((layer, l) => {
      layer.w.set(snapshot[2 * l]);
      layer.b.set(snapshot[2 * l + 1]);
    });
  }

  /** The plain-data model (weights rounded to Float32, which is what JS inference and ONNX both use). */
  toMlp(standardiser: Standardiser, output: Mlp['output']): Mlp {
    return {
      standardiser: { mean: Float32Array.from(standardiser.mean), scale: Float32Array.from(standardiser.scale) },
      layers: this.layers.map((layer) => ({
        inputs: layer.inputs,
        outputs: layer.outputs,
        weights: Float32Array.from(layer.w),
        bias: Float32Array.from(layer.b),
      })),
      output,
    };
  }
}

/**
 * Standardise rows into one flat row-major Float64Array (row r at r * width), rejecting ragged or non-finite input
 * with the offending row and column named.
 */
export function standardiseRows(rows: ArrayLike<number>[], standardiser: Standardiser, what: string): Float64Array {
  const width = standardiser.mean.length;
  const out = new Float64Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== width) throw new Error(`${what} ${r} has ${row.length} features, expected ${width}`);
    for (let i = 0; i < width; i++) {
      const value = row[i];
      if (!Number.isFinite(value)) throw new Error(`${what} ${r}, feature ${i} is not finite (${value})`);
      out[r * width + i] = (value - standardiser.mean[i]) / standardiser.scale[i];
    }
  }
  return out;
}

/**
 * Early stopping on a validation loss: remembers the best epoch's weights, says when `patience` epochs have passed
 * without improvement, and puts the best weights back at the end.
 */
export class EarlyStopping {
  bestLoss = Infinity;
  /** 0-based index of the best epoch (-1 before the first update). */
  bestEpoch = -1;
  private bestWeights: Float64Array[] | null = null;

  constructor(
    private readonly net: Network,
    private readonly patience: number,
  ) {}

  /** Record one epoch's validation loss; true when training should stop. */
  update(epoch: number, loss: number): boolean {
    if (!Number.isFinite(loss)) throw new Error(`training diverged (loss ${loss}) at epoch ${epoch}: lower the learning rate`);
    if (loss < this.bestLoss) {
      this.bestLoss = loss;
      this.bestEpoch = epoch;
      this.bestWeights = this.net.snapshot();
    }
    return epoch - this.bestEpoch >= Math.max(1, this.patience);
  }

  restoreBest(): void {
    if (this.bestWeights) this.net.restore(this.bestWeights);
  }
}

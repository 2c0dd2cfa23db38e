// Inference and construction of the plain-data Mlp: the JS reference that the ONNX export must reproduce, so it
// reads exactly the stored Float32 weights (never a Float64 training copy).
import type { DenseLayer, Mlp, Standardiser } from './types';
import type { Rng } from './random';
import { sigmoid } from './logistic-math';

/** Below this standard deviation a column is treated as constant and left unscaled (avoids dividing by ~0). */
const MIN_STD = 1e-6;

/** Width of the widest layer, for sizing scratch buffers. */
function maxWidth(mlp: Mlp): number {
  let width = mlp.standardiser.mean.length;
  for (const layer of mlp.layers) width = Math.max(width, layer.inputs, layer.outputs);
  return width;
}

/** Input width the model expects. */
export function mlpInputs(mlp: Mlp): number {
  return mlp.layers.length > 0 ? mlp.layers[0].inputs : mlp.standardiser.mean.length;
}

/** Forward pass of one row using two caller-owned scratch buffers (so batches allocate once). */
function forwardWith(mlp: Mlp, x: ArrayLike<number>, a: Float64Array, b: Float64Array): number {
  const { mean, scale } = mlp.standardiser;
  const width = mlpInputs(mlp);
  if (x.length !== width) throw new Error(`forwardMlp: model expects ${width} features, got ${x.length}`);
  for (let i = 0; i < width; i++) a[i] = (x[i] - mean[i]) / scale[i];
  let input = a;
  let output = b;
  const last = mlp.layers.length - 1;
  for (let l = 0; l <= last; l++) {
    const { inputs, outputs, weights, bias } = mlp.layers[l];
    for (let j = 0; j < outputs; j++) {
      let sum = bias[j];
      const row = j * inputs;
      for (let i = 0; i < inputs; i++) sum += weights[row + i] * input[i];
      output[j] = l < last && sum < 0 ? 0 : sum;
    }
    const swap = input;
    input = output;
    output = swap;
  }
  const z = input[0];
  return mlp.output === 'sigmoid' ? sigmoid(z) : z;
}

/** Output of the (single-output) model for one feature row: a probability for 'sigmoid', a raw value for 'linear'. */
export function forwardMlp(mlp: Mlp, x: ArrayLike<number>): number {
  const width = maxWidth(mlp);
  return forwardWith(mlp, x, new Float64Array(width), new Float64Array(width));
}

/** forwardMlp over many rows, one output per row. */
export function predictMlp(mlp: Mlp, rows: ArrayLike<number>[]): Float32Array {
  const width = maxWidth(mlp);
  const a = new Float64Array(width);
  const b = new Float64Array(width);
  const out = new Float32Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = forwardWith(mlp, rows[r], a, b);
  return out;
}

/** Per-column mean and (population) standard deviation; constant columns get scale 1. */
export function fitStandardiser(rows: ArrayLike<number>[]): Standardiser {
  if (rows.length === 0) throw new Error('fitStandardiser: no rows');
  const width = rows[0].length;
  const sum = new Float64Array(width);
  for (const row of rows) {
    if (row.length !== width) throw new Error(`fitStandardiser: row has ${row.length} columns, expected ${width}`);
    for (let i = 0; i < width; i++) sum[i] += row[i];
  }
  const mean = sum.map((s) => s / rows.length);
  const squares = new Float64Array(width);
  for (const row of rows) {
    for (let i = 0; i < width; i++) {
      const d = row[i] - mean[i];
      squares[i] += d * d;
    }
  }
  const scale = new Float32Array(width);
  for (let i = 0; i < width; i++) {
    const std = Math.sqrt(squares[i] / rows.length);
    scale[i] = std > MIN_STD * Math.max(1, Math.abs(mean[i])) ? std : 1;
  }
  return { mean: Float32Array.from(mean), scale };
}

/** Standardiser that leaves inputs unchanged. */
export function identityStandardiser(width: number): Standardiser {
  return { mean: new Float32Array(width), scale: new Float32Array(width).fill(1) };
}

/**
 * Random initial weights: He (normal, var 2/fan_in) for layers followed by ReLU, Xavier (normal,
 * var 2/(fan_in+fan_out)) for the output layer; biases 0. The standardiser is the identity until a trainer fits one.
 */
export function initMlp(inputs: number, hidden: number[], output: Mlp['output'], rng: Rng): Mlp {
  const sizes = [inputs, ...hidden, 1];
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`initMlp: layer widths must be positive integers, got [${sizes}]`);
  }
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const isLast = l + 2 === sizes.length;
    const std = isLast ? Math.sqrt(2 / (fanIn + fanOut)) : Math.sqrt(2 / fanIn);
    const weights = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < weights.length; i++) weights[i] = rng.normal() * std;
    layers.push({ inputs: fanIn, outputs: fanOut, weights, bias: new Float32Array(fanOut) });
  }
  return { standardiser: identityStandardiser(inputs), layers, output };
}

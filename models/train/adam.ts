// Adam optimiser over flat parameter buffers, shared by the binary and policy trainers. L2 is added to the
// gradient of weight matrices only: penalising biases would pull the base rate towards 0.5 for no benefit.

export interface AdamParam {
  values: Float32Array | Float64Array;
  /** Apply the L2 penalty to this buffer (true for weights, false for biases). */
  decay: boolean;
}

export interface AdamOptions {
  learningRate: number;
  l2: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private t = 0;

  constructor(
    private readonly params: AdamParam[],
    private readonly options: AdamOptions,
  ) {
    this.m = params.map((p) => new Float64Array(p.values.length));
    this.v = params.map((p) => new Float64Array(p.values.length));
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** Number of updates applied so far. */
  get steps(): number {
    return this.t;
  }

  /**
   * One update. `grads[k]` is the gradient buffer for `params[k]` (summed over the batch); `scale` turns the sum
   * into a mean (1 / batch size) without the caller touching the buffers.
   */
  step(grads: ArrayLike<number>[], scale = 1): void {
    if (grads.length !== this.params.length) {
      throw new Error(`Adam.step: expected ${this.params.length} gradient buffers, got ${grads.length}`);
    }
    this.t++;
    const { beta1, beta2, epsilon } = this;
    // Bias corrections folded into the step size: lr * sqrt(1 - b2^t) / (1 - b1^t).
    const correction1 = 1 - Math.pow(beta1, this.t);
    const correction2 = 1 - Math.pow(beta2, this.t);
    const stepSize = (this.options.learningRate * Math.sqrt(correction2)) / correction1;
    const epsHat = epsilon * Math.sqrt(correction2);
    for (let k = 0; k < this.params.length; k++) {
      const values = this.params[k].values;
      const grad = grads[k];
      if (grad.length !== values.length) {
        throw new Error(`Adam.step: gradient ${k} has ${grad.length} values, parameter has ${values.length}`);
      }
      const l2 = this.params[k].decay ? this.options.l2 : 0;
      const m = this.m[k];
      const v = this.v[k];
      for (let i = 0; i < values.length; i++) {
        const g = grad[i] * scale + l2 * values[i];
        const mi = (m[i] = beta1 * m[i] + (1 - beta1) * g);
        const vi = (v[i] = beta2 * v[i] + (1 - beta2) * g * g);
        values[i] -= (stepSize * mi) / (Math.sqrt(vi) + epsHat);
      }
    }
  }
}

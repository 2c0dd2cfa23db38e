// Histogram machinery of the GBDT trainer: float32 quantile cut points per feature, and best-gain-first growth of
// one second-order regression tree on binned rows (histogram subtraction: only the smaller child is summed).
import type { GbdtOptions, GbdtTree } from './gbdt-trainer';

/** A grown tree plus each split's bin index, so training rows can be routed by bin without the raw values. */
export type BinnedTree = GbdtTree & { binThreshold: Int32Array };

/**
 * Cut points of one feature from its training values: a float32 threshold between consecutive distinct values, at
 * roughly equal row counts when there are more distinct values than bins. Bin b holds x <= cuts[b] (first such b).
 */
export function fitCuts(values: Float32Array, maxBins: number): Float32Array {
  values.sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const v of values) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]++;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const per = values.length / maxBins;
  const cuts: number[] = [];
  let cumulative = 0;
  let target = per;
  for (let d = 0; d < distinct.length - 1; d++) {
    cumulative += counts[d];
    if (distinct.length > maxBins && cumulative < target) continue;
    // Midpoint so unseen values between two training values split evenly; kept in [a, b) after float32 rounding.
    const a = distinct[d];
    const mid = Math.fround((a + distinct[d + 1]) / 2);
    cuts.push(mid >= a && mid < distinct[d + 1] ? mid : a);
    while (target <= cumulative) target += per;
  }
  return Float32Array.from(cuts);
}

export function binOf(cuts: Float32Array, x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Split { gain: number; feature: number; bin: number }
interface Leaf { node: number; start: number; end: number; depth: number; hist: Float64Array; g: number; h: number; split: Split }

/** Grows trees on binned rows (all samples, so validation rows are scored in bins too) from per-row g and h. */
export class TreeGrower {
  readonly offset: Int32Array;
  constructor(
    readonly bins: Uint8Array,
    readonly cuts: Float32Array[],
    readonly width: number,
    readonly grad: Float64Array,
    readonly hess: Float64Array,
    readonly options: Pick<GbdtOptions, 'maxDepth' | 'maxLeaves' | 'lambda' | 'minChildHessian' | 'minSplitGain' | 'learningRate'>,
  ) {
    this.offset = new Int32Array(width + 1);
    for (let f = 0; f < width; f++) this.offset[f + 1] = this.offset[f] + cuts[f].length + 1;
  }

  private histogram(rows: Int32Array, start: number, end: number, features: number[]): Float64Array {
    const hist = new Float64Array(this.offset[this.width] * 2);
    const { bins, width, offset, grad, hess } = this;
    for (let k = start; k < end; k++) {
      const r = rows[k];
      const base = r * width;
      const g = grad[r];
      const h = hess[r];
      for (const f of features) {
        const at = (offset[f] + bins[base + f]) * 2;
        hist[at] += g;
        hist[at + 1] += h;
      }
    }
    return hist;
  }

  private bestSplit(hist: Float64Array, g: number, h: number, features: number[]): Split {
    const { lambda, minChildHessian, minSplitGain } = this.options;
    const parent = (g * g) / (h + lambda);
    let best: Split = { gain: 0, feature: -1, bin: -1 };
    for (const f of features) {
      let gl = 0;
      let hl = 0;
      for (let b = this.offset[f]; b < this.offset[f + 1] - 1; b++) {
        gl += hist[2 * b];
        hl += hist[2 * b + 1];
        const hr = h - hl;
        if (hl < minChildHessian) continue;
        if (hr < minChildHessian) break;
        const gr = g - gl;
        const gain = 0.5 * ((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent) - minSplitGain;
        if (gain > best.gain) best = { gain, feature: f, bin: b - this.offset[f] };
      }
    }
    return best;
  }

  /** Grows one tree on rows[0, count) (indices into the binned matrix, duplicates allowed), best gain first. */
  grow(rows: Int32Array, count: number, features: number[]): BinnedTree {
    const { maxDepth, maxLeaves, lambda, learningRate } = this.options;
    const feature: number[] = [-1];
    const binThreshold: number[] = [-1];
    const left: number[] = [0];
    const right: number[] = [0];
    const value: number[] = [0];
    let g = 0;
    let h = 0;
    for (let k = 0; k < count; k++) {
      g += this.grad[rows[k]];
      h += this.hess[rows[k]];
    }
    const make = (node: number, start: number, end: number, depth: number, hist: Float64Array, gs: number, hs: number): Leaf => ({
      node, start, end, depth, hist, g: gs, h: hs,
      split: depth < maxDepth ? this.bestSplit(hist, gs, hs, features) : { gain: 0, feature: -1, bin: -1 },
    });
    const leaves: Leaf[] = [make(0, 0, count, 0, this.histogram(rows, 0, count, features), g, h)];
    const done: Leaf[] = [];
    const scratch = new Int32Array(count);
    while (leaves.length + done.length < maxLeaves) {
      let pick = -1;
      for (let i = 0; i < leaves.length; i++) if (leaves[i].split.gain > 0 && (pick < 0 || leaves[i].split.gain > leaves[pick].split.gain)) pick = i;
      if (pick < 0) break;
      const leaf = leaves.splice(pick, 1)[0];
      const { feature: f, bin } = leaf.split;
      // Stable partition of the leaf's rows: left (bin <= split bin) then right.
      let nl = 0;
      let nr = 0;
      for (let k = leaf.start; k < leaf.end; k++) {
        const r = rows[k];
        if (this.bins[r * this.width + f] <= bin) rows[leaf.start + nl++] = r;
        else scratch[nr++] = r;
      }
      rows.set(scratch.subarray(0, nr), leaf.start + nl);
      const mid = leaf.start + nl;
      // Histogram of the smaller child only; the larger one is parent minus smaller.
      const leftSmaller = nl <= nr;
      const small = leftSmaller ? this.histogram(rows, leaf.start, mid, features) : this.histogram(rows, mid, leaf.end, features);
      const large = leaf.hist;
      for (let i = 0; i < large.length; i++) large[i] -= small[i];
      const [hl, hr] = leftSmaller ? [small, large] : [large, small];
      let gl = 0;
      let hsl = 0;
      for (let b = this.offset[f]; b <= this.offset[f] + bin; b++) {
        gl += hl[2 * b];
        hsl += hl[2 * b + 1];
      }
      const l = feature.length;
      for (const list of [feature, binThreshold]) list.push(-1, -1);
      for (const list of [left, right, value]) list.push(0, 0);
      feature[leaf.node] = f;
      binThreshold[leaf.node] = bin;
      left[leaf.node] = l;
      right[leaf.node] = l + 1;
      leaves.push(make(l, leaf.start, mid, leaf.depth + 1, hl, gl, hsl));
      leaves.push(make(l + 1, mid, leaf.end, leaf.depth + 1, hr, leaf.g - gl, leaf.h - hsl));
      for (let i = leaves.length - 1; i >= 0; i--) if (leaves[i].split.gain <= 0) done.push(...leaves.splice(i, 1));
    }
    for (const leaf of [...leaves, ...done]) value[leaf.node] = Math.fround((-leaf.g / (leaf.h + lambda)) * learningRate);
    return {
      feature: Int32Array.from(feature),
      binThreshold: Int32Array.from(binThreshold),
      threshold: Float32Array.from(feature.map((fi, n) => (fi < 0 ? 0 : this.cuts[fi][binThreshold[n]]))),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float32Array.from(value),
    };
  }

  /** Leaf value of binned row r (bin <= binThreshold is exactly x <= threshold, by construction of the cuts). */
  leafValue(tree: BinnedTree, r: number): number {
    let n = 0;
    while (tree.feature[n] >= 0) n = this.bins[r * this.width + tree.feature[n]] <= tree.binThreshold[n] ? tree.left[n] : tree.right[n];
    return tree.value[n];
  }
}

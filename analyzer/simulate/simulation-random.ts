// The seeded randomness of one synthetic run (run i of a simulation uses seed base + i): the trainers' Rng
// (models/train/random.ts) with the draws a simulated person needs. Same seed, same decisions.
import { Rng } from '../../models/train/random';
import type { MotionRandom } from './human-motion';

export class SimulationRandom implements MotionRandom {
  private readonly rng: Rng;

  constructor(readonly seed: number) {
    this.rng = new Rng(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.rng.uniform();
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.rng.uniform();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + this.rng.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.rng.uniform() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.rng.int(items.length)];
  }

  /** Pick a key by weight: { buyer: 2, careful: 1 } -> "buyer" two times in three. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    if (entries.length === 0) throw new Error('weighted: no positive weight');
    let r = this.rng.uniform() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [key, weight] of entries) {
      if ((r -= weight) < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** exp(N(0, sigma²)): a multiplicative spread around 1 (median 1). */
  logNormalFactor(sigma: number): number {
    return Math.exp(sigma * this.rng.normal());
  }

  /** Index drawn from probabilities that sum to (about) 1; the last index absorbs rounding. */
  categorical(probabilities: ArrayLike<number>): number {
    let r = this.rng.uniform();
    for (let i = 0; i < probabilities.length; i++) {
      if ((r -= probabilities[i]) < 0) return i;
    }
    return probabilities.length - 1;
  }
}

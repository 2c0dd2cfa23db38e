// Seeded randomness for reproducible personas (mulberry32: tiny, fast, well-distributed for simulation).
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Pick by weight: { buyer: 3, browser: 2 } -> "buyer" 60% of the time. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [key, weight] of entries) {
      if ((r -= weight) < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** A child generator, so adding draws in one place does not shift every later session. */
  fork(salt: number): Rng {
    return new Rng((Math.imul(this.int(0, 2 ** 31), 0x85ebca6b) ^ salt) >>> 0);
  }
}

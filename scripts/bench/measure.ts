// Measurement helpers shared by the bench sections: RSS sampling, forced GC between runs, medians, timers.
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Samples process RSS every 50 ms (the interval the brief asks for); the peak is what a user's machine must hold. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  peak = 0;
  start = 0;

  begin(): this {
    this.start = process.memoryUsage().rss;
    this.peak = this.start;
    this.timer = setInterval(() => this.sample(), 50);
    return this;
  }

  sample(): number {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  end(): { startMB: number; peakMB: number } {
    clearInterval(this.timer);
    this.sample();
    return { startMB: toMB(this.start), peakMB: toMB(this.peak) };
  }
}

let gcFn: (() => void) | undefined;
/** Full GC between runs so one run's garbage is not billed to the next (works without --expose-gc). */
export function collectGarbage(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await run();
  return { ms: performance.now() - t, value };
}

/** Yields to the event loop so the RSS sampler ticks during synchronous loops. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const toMB = (bytes: number): number => bytes / (1024 * 1024);
export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

// Client-side throttling that keeps every call under PostHog's documented per-key limits (FACTS.md 2.2, 2.4,
// 2.5), so a long sync spends its budget instead of collecting 429s. Sliding windows, like DRF's throttles.
import { HOUR, MINUTE, systemClock, type Clock } from './clock';

export type ApiCategory = 'recordings' | 'snapshots' | 'queries';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Counted for every call: DRF BurstRateThrottle / SustainedRateThrottle. */
  all: RateWindow[];
  /** Recordings list and other ClickHouse-backed endpoints. */
  recordings: RateWindow[];
  snapshots: RateWindow[];
  queries: RateWindow[];
  /** Queries running at once; an async query counts until it completes. */
  maxConcurrentQueries: number;
}

/** posthog/rate_limit.py (FACTS.md 2.2) and the snapshot throttles in session_recording_api.py (FACTS.md 2.5). */
export const POSTHOG_RATE_LIMITS: RateLimits = {
  all: [
    { limit: 480, windowMs: MINUTE },
    { limit: 4800, windowMs: HOUR },
  ],
  recordings: [
    { limit: 240, windowMs: MINUTE },
    { limit: 1200, windowMs: HOUR },
  ],
  snapshots: [
    { limit: 120, windowMs: MINUTE },
    { limit: 600, windowMs: HOUR },
  ],
  queries: [
    { limit: 240, windowMs: MINUTE },
    { limit: 2400, windowMs: HOUR },
  ],
  maxConcurrentQueries: 3,
};

export interface Permit {
  /** Call when the answer (or the failure) has arrived; idempotent. */
  release(): void;
}

interface Entry {
  start: number;
  /** Infinity while the call is in flight. */
  end: number;
}

/**
 * The calls of one throttle scope. A call occupies every window from its start until `end + windowMs`:
 * the server counts arrivals, which fall somewhere between our start and end, so counting from the end
 * guarantees that no window of the server's ever sees more than `limit` of our calls, whatever the latency.
 */
class CallLog {
  private entries: Entry[] = [];
  private readonly longest: number;

  constructor(readonly windows: RateWindow[]) {
    this.longest = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  private occupying(now: number, window: RateWindow): Entry[] {
    return this.entries.filter((e) => e.end + window.windowMs >= now);
  }

  /** 0 when a call may start now; Infinity when only a release can make room. */
  waitMs(now: number): number {
    this.entries = this.entries.filter((e) => e.end + this.longest >= now);
    let wait = 0;
    for (const window of this.windows) {
      const busy = this.occupying(now, window);
      if (busy.length < window.limit) continue;
      const ends = busy.map((e) => e.end).filter(Number.isFinite).sort((a, b) => a - b);
      const mustExpire = busy.length - window.limit + 1;
      if (ends.length < mustExpire) return Infinity;
      wait = Math.max(wait, ends[mustExpire - 1] + window.windowMs - now + 1);
    }
    return wait;
  }

  take(now: number): Entry {
    const entry = { start: now, end: Infinity };
    this.entries.push(entry);
    return entry;
  }

  /** Rough time `calls` more calls need under every window, assuming instant answers. */
  estimateMs(now: number, calls: number): number {
    let ms = 0;
    for (const window of this.windows) {
      const over = this.occupying(now, window).length + calls - window.limit;
      if (over > 0) ms = Math.max(ms, (over / window.limit) * window.windowMs);
    }
    return ms;
  }
}

/** At most `size` holders at once, first come first served. */
export class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly size: number) {}

  async acquire(signal?: AbortSignal): Promise<Permit> {
    signal?.throwIfAborted();
    if (this.active >= this.size) {
      await new Promise<void>((resolve, reject) => {
        const grant = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const i = this.queue.indexOf(grant);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal?.reason);
        };
        this.queue.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } else {
      this.active++;
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        // Hand the slot straight to the next waiter so nobody can overtake it.
        const next = this.queue.shift();
        if (next) next();
        else this.active--;
      },
    };
  }
}

export class RateLimiter {
  private readonly logs: Record<ApiCategory | 'all', CallLog>;
  private readonly pausedUntil: Record<ApiCategory, number> = { recordings: 0, snapshots: 0, queries: 0 };
  private wake: () => void = () => {};
  private changed: Promise<void> = this.nextChange();
  /** Held by a HogQL query from its POST until it completes (FACTS.md 2.2: 3 concurrent queries). */
  readonly queries: Semaphore;

  constructor(
    readonly limits: RateLimits = POSTHOG_RATE_LIMITS,
    private readonly clock: Clock = systemClock,
  ) {
    this.logs = {
      all: new CallLog(limits.all),
      recordings: new CallLog(limits.recordings),
      snapshots: new CallLog(limits.snapshots),
      queries: new CallLog(limits.queries),
    };
    this.queries = new Semaphore(limits.maxConcurrentQueries);
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.changed = this.nextChange();
    wake();
  }

  /** Waits until one more call of `category` fits every window, then counts it. */
  async acquire(category: ApiCategory, signal?: AbortSignal): Promise<Permit> {
    const logs = [this.logs.all, this.logs[category]];
    while (true) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      const wait = Math.max(this.pausedUntil[category] - now, ...logs.map((l) => l.waitMs(now)));
      if (wait <= 0) {
        const entries = logs.map((l) => l.take(now));
        let released = false;
        return {
          release: () => {
            if (released) return;
            released = true;
            const end = this.clock.now();
            for (const e of entries) e.end = end;
            this.notify();
          },
        };
      }
      await this.waitForChange(wait, signal);
    }
  }

  /** The server asked us to hold off (429 Retry-After): every call of the category waits. */
  pause(category: ApiCategory, untilMs: number): void {
    this.pausedUntil[category] = Math.max(this.pausedUntil[category], untilMs);
  }

  /** Time `calls` more calls of `category` need at the limits, from the current window usage. */
  estimateMs(category: ApiCategory, calls: number): number {
    const now = this.clock.now();
    return Math.max(this.logs.all.estimateMs(now, calls), this.logs[category].estimateMs(now, calls), this.pausedUntil[category] - now);
  }

  private async waitForChange(ms: number, signal?: AbortSignal): Promise<void> {
    // A release may make room before the timer: whichever comes first, then re-check. The timer is
    // cancelled afterwards so an hour-long wait never keeps the process alive.
    const stop = new AbortController();
    const both = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const timer = Number.isFinite(ms) ? this.clock.sleep(ms, both).catch(() => undefined) : new Promise<void>((resolve) => both.addEventListener('abort', () => resolve(), { once: true }));
    try {
      await Promise.race([timer, this.changed]);
    } finally {
      stop.abort();
    }
  }
}

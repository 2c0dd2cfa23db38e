// Exact small-sample statistics for the usability gate: Wilson intervals, Fisher's exact test, the binomial test,
// the exact comparison of two Poisson rates and an exact two-sample permutation test on counts. Everything is computed in log space from exact log-factorials,
// so 20–5 000 runs cost microseconds and never overflow. Reference values (R / scipy) are in
// test/simulate/gate.test.ts.

/** z for a two-sided 95 % interval (qnorm(0.975)). */
export const Z95 = 1.959963984540054;

const logFactorials: number[] = [0];

/** ln(n!), exact (a running sum of ln k), cached. */
export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial needs a non-negative integer, got ${n}`);
  for (let k = logFactorials.length; k <= n; k++) logFactorials[k] = logFactorials[k - 1] + Math.log(k);
  return logFactorials[n];
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** Σ exp(terms), summed from the largest term so that tiny tails keep their precision; clamped to [0, 1]. */
function sumExp(logTerms: number[]): number {
  if (logTerms.length === 0) return 0;
  const max = Math.max(...logTerms);
  if (max === -Infinity) return 0;
  let sum = 0;
  for (const t of logTerms) sum += Math.exp(t - max);
  return Math.min(1, Math.max(0, Math.exp(max) * sum));
}

/**
 * Wilson score interval for k successes in n trials (two-sided, default 95 %). It stays inside [0, 1] and keeps
 * its coverage at 0 or n successes, where the Wald interval collapses. n = 0 gives [0, 1].
 */
export function wilsonInterval(k: number, n: number, z = Z95): [number, number] {
  checkCount('k', k);
  checkCount('n', n);
  if (k > n) throw new RangeError(`k (${k}) exceeds n (${n})`);
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); the formula leaves rounding dust there.
  const low = k === 0 ? 0 : Math.max(0, (centre - half) / denominator);
  const high = k === n ? 1 : Math.min(1, (centre + half) / denominator);
  return [low, high];
}

/**
 * Interval for p2 − p1 (k2/n2 minus k1/n1, two-sided 95 %) by Newcombe's (1998) method 10, from the two Wilson
 * intervals: keeps its coverage near 0 and 1 and with unequal samples, where the Wald difference does not.
 */
export function differenceInterval(k1: number, n1: number, k2: number, n2: number): [number, number] {
  const p1 = n1 > 0 ? k1 / n1 : 0;
  const p2 = n2 > 0 ? k2 / n2 : 0;
  const [l1, u1] = wilsonInterval(k1, n1);
  const [l2, u2] = wilsonInterval(k2, n2);
  const d = p2 - p1;
  return [d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)];
}

/**
 * Fisher's exact test, one-sided, on the 2×2 table [[a, b], [c, d]] with alternative "greater": the odds ratio
 * (a·d)/(b·c) exceeds 1, i.e. row 1 has the larger share of column 1. p = P(X ≥ a) where X is hypergeometric with
 * the table's margins — R's fisher.test(matrix(c(a, c, b, d), 2), alternative = "greater").
 */
export function fisherExactGreater(a: number, b: number, c: number, d: number): number {
  for (const [name, v] of [['a', a], ['b', b], ['c', c], ['d', d]] as const) checkCount(name, v);
  const row1 = a + b;
  const col1 = a + c;
  const total = a + b + c + d;
  const max = Math.min(row1, col1);
  const logDenominator = logChoose(total, row1);
  const terms: number[] = [];
  for (let x = a; x <= max; x++) terms.push(logChoose(col1, x) + logChoose(total - col1, row1 - x) - logDenominator);
  return sumExp(terms);
}

/** Fisher's exact test with alternative "less": p = P(X ≤ a). */
export function fisherExactLess(a: number, b: number, c: number, d: number): number {
  // Swapping the columns turns "row 1 has the smaller share of column 1" into "greater" on column 2.
  return fisherExactGreater(b, a, d, c);
}

/** Exact binomial test, one-sided, alternative "greater": p = P(X ≥ k) for X ~ Binomial(n, p0). */
export function binomialTestGreater(k: number, n: number, p0: number): number {
  checkCount('k', k);
  checkCount('n', n);
  if (k > n) throw new RangeError(`k (${k}) exceeds n (${n})`);
  if (!(p0 >= 0 && p0 <= 1)) throw new RangeError(`p0 must be in [0, 1], got ${p0}`);
  if (k === 0) return 1;
  if (p0 === 0) return 0;
  if (p0 === 1) return 1;
  const logP = Math.log(p0);
  const logQ = Math.log1p(-p0);
  const terms: number[] = [];
  for (let x = k; x <= n; x++) terms.push(logChoose(n, x) + x * logP + (n - x) * logQ);
  return sumExp(terms);
}

/**
 * Exact one-sided comparison of two Poisson rates: are events more frequent in the candidate (xC events over tC
 * units of exposure, here runs) than in the baseline (xB over tB)? Conditionally on the total, xC is
 * Binomial(xB + xC, tC / (tB + tC)) when the rates are equal — R's
 * poisson.test(c(xC, xB), c(tC, tB), alternative = "greater").
 */
export function poissonRateTestGreater(xC: number, tC: number, xB: number, tB: number): number {
  checkCount('xC', xC);
  checkCount('xB', xB);
  if (!(tC > 0 && tB > 0)) throw new RangeError('exposures must be positive');
  return binomialTestGreater(xC, xB + xC, tC / (tB + tC));
}

/** Standard normal upper tail 1 − Φ(z), via erfc (W. J. Cody's rational approximations, |error| < 1e-15 relative). */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erf(x);
  // Cody 1969, erfc for 0.5 <= x (two ranges).
  if (x < 4) {
    const p = [300.4592610201616, 451.9189537118729, 339.3208167343437, 152.9892850469404, 43.16222722205674, 7.211758250883094, 0.564195517478974, -1.368648573827167e-7];
    const q = [300.4592609569833, 790.950925327898, 931.3540948506096, 638.9802644656312, 277.5854447439876, 77.00015293522947, 12.78272731962942, 1];
    let num = 0;
    let den = 0;
    for (let i = p.length - 1; i >= 0; i--) {
      num = num * x + p[i];
      den = den * x + q[i];
    }
    return Math.exp(-x * x) * (num / den);
  }
  const p = [-0.002996107077035422, -0.04947309106232507, -0.22695659353968692, -0.2786613086096478, -0.02231924597341847];
  const q = [0.010620923052846792, 0.19130892610782985, 1.051675107067932, 1.9873320181713525, 1];
  const z = 1 / (x * x);
  let num = 0;
  let den = 0;
  for (let i = p.length - 1; i >= 0; i--) {
    num = num * z + p[i];
    den = den * z + q[i];
  }
  return (Math.exp(-x * x) / x) * (1 / Math.sqrt(Math.PI) + (z * num) / den);
}

function erf(x: number): number {
  // Cody 1969, erf for |x| < 0.5.
  const p = [3209.3775891384694, 377.485237685302, 113.86415415105016, 3.1611237438705655, 0.18577770618460315];
  const q = [2844.236833439171, 1282.6165260773723, 244.02463793444417, 23.601290952344122, 1];
  const z = x * x;
  let num = 0;
  let den = 0;
  for (let i = p.length - 1; i >= 0; i--) {
    num = num * z + p[i];
    den = den * z + q[i];
  }
  return (x * num) / den;
}

/** Above this many state updates the permutation test uses its normal approximation (~0.1 s of work). */
export const EXACT_PERMUTATION_BUDGET = 2e7;

/**
 * Exact two-sample permutation test, one-sided: are the candidate's values larger? The statistic is the candidate's
 * sum; under the null every split of the pooled values into groups of the two sizes is equally likely, and
 * p = P(sum ≥ observed) over all C(n, m) splits (scipy.stats.permutation_test(..., n_resamples=inf)). Values must be
 * non-negative integers (counts per run). Computed by dynamic programming over (items taken, running sum capped at
 * the observed sum) with conditional inclusion probabilities, so nothing overflows; beyond
 * EXACT_PERMUTATION_BUDGET a normal approximation with continuity correction takes over. With 0/1 values this is
 * Fisher's exact test.
 */
export function permutationTestGreater(candidate: readonly number[], baseline: readonly number[], exactBudget = EXACT_PERMUTATION_BUDGET): number {
  for (const v of [...candidate, ...baseline]) checkCount('value', v);
  const m = candidate.length;
  const pooled = [...candidate, ...baseline];
  const n = pooled.length;
  if (m === 0 || m === n) return 1;
  const observed = candidate.reduce((a, b) => a + b, 0);
  if (observed === 0) return 1;
  // Zeros never change a sum: only how many of the m candidate slots they take matters, which the DP handles by
  // treating them like any other value; putting non-zero values first lets the "reached" state absorb early.
  pooled.sort((a, b) => b - a);
  if (n * m * (observed + 1) > exactBudget) return permutationNormalApproximation(pooled, m, observed);
  // state[k * width + s]: probability of having put k items in the candidate with sum min(s, observed).
  const width = observed + 1;
  let state = new Float64Array((m + 1) * width);
  let next = new Float64Array((m + 1) * width);
  state[0] = 1;
  for (let i = 0; i < n; i++) {
    next.fill(0);
    const v = pooled[i];
    const left = n - i;
    for (let k = 0; k <= Math.min(i, m); k++) {
      const pIn = (m - k) / left;
      for (let s = 0; s < width; s++) {
        const p = state[k * width + s];
        if (p === 0) continue;
        if (pIn > 0) next[(k + 1) * width + Math.min(observed, s + v)] += p * pIn;
        if (pIn < 1) next[k * width + s] += p * (1 - pIn);
      }
    }
    [state, next] = [next, state];
  }
  return Math.min(1, Math.max(0, state[m * width + observed]));
}

function permutationNormalApproximation(pooled: number[], m: number, observed: number): number {
  const n = pooled.length;
  const mean = pooled.reduce((a, b) => a + b, 0) / n;
  const ss = pooled.reduce((a, v) => a + (v - mean) ** 2, 0);
  const variance = (m * (n - m) * ss) / (n * (n - 1));
  if (variance === 0) return observed > m * mean ? 0 : 1;
  return normalUpperTail((observed - 0.5 - m * mean) / Math.sqrt(variance));
}

/**
 * Holm's step-down adjustment (controls the family-wise error rate at alpha for any dependence between the tests):
 * adjusted p of the i-th smallest = max over j ≤ i of min(1, (m − j + 1)·p_j). Returned in the input order —
 * R's p.adjust(p, "holm").
 */
export function holmAdjust(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

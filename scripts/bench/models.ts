// Bench section: the shipped ONNX models under onnxruntime-node. Session-outcome scorings per second (one row at a
// time, and batched as the impact stage does), and the behaviour policy's step latency (p50/p99): scoring one
// step's candidates, and the whole step including candidate extraction and features from the DOM mirror.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readSessions } from '../../analyzer/sources/files';
import { parseGoal } from '../../analyzer/replay';
import { policyStepsOf } from '../../analyzer/features/policy-steps';
import { SESSION_FEATURE_NAMES } from '../../analyzer/features/session-features';
import { loadOutcomeScorer } from '../../analyzer/models/outcome-scorer';
import { PolicyRunner } from '../../analyzer/models/policy-runner';
import { Rng } from '../../models/train/random';
import type { Corpus } from './corpus';
import { median, round } from './measure';
import type { BenchTable } from './tables';

export interface ModelBench {
  outcome: { batch: number; rowsPerS: number }[];
  policy: { steps: number; medianCandidates: number; scoreP50Ms: number; scoreP99Ms: number; stepP50Ms: number; stepP99Ms: number; extractMsPerStep: number };
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

async function outcomeThroughput(root: string): Promise<ModelBench['outcome']> {
  const scorer = await loadOutcomeScorer(path.join(root, 'models', 'session-outcome'));
  const rng = new Rng(3);
  const row = () => Float32Array.from(SESSION_FEATURE_NAMES, () => rng.uniform() * 3);
  const out: ModelBench['outcome'] = [];
  try {
    for (const batch of [1, 64, 1024]) {
      const rows = Array.from({ length: batch }, row);
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        const calls = Math.max(1, Math.round(20_000 / batch));
        const t = performance.now();
        for (let i = 0; i < calls; i++) await scorer.predict(rows);
        runs.push((calls * batch) / ((performance.now() - t) / 1000));
      }
      out.push({ batch, rowsPerS: Math.round(median(runs)) });
    }
  } finally {
    await scorer.release();
  }
  return out;
}

async function policyLatency(root: string, corpus: Corpus): Promise<ModelBench['policy']> {
  const runner = await PolicyRunner.load(path.join(root, 'models', 'behavior-policy'));
  const goal = parseGoal('/checkout/confirmation');
  const scoreMs: number[] = [];
  const stepMs: number[] = [];
  const sizes: number[] = [];
  let extractMs = 0;
  let steps = 0;
  try {
    let sessions = 0;
    for await (const raw of readSessions(corpus.files)) {
      if (sessions++ >= 60) break;
      const t = performance.now();
      const extracted = policyStepsOf(raw, goal, {
        clickPriors: runner.priors.clickPriors,
        transitionPriors: runner.priors.transitionPriors,
        extraFingerprints: runner.priors.clickedFingerprints,
      });
      const perStep = (performance.now() - t) / Math.max(1, extracted.steps.length);
      extractMs += performance.now() - t;
      for (const step of extracted.steps) {
        const s = performance.now();
        await runner.scoreStep(step.candidates);
        await runner.predictDwellMs(step.context);
        const scored = performance.now() - s;
        scoreMs.push(scored);
        stepMs.push(scored + perStep);
        sizes.push(step.candidates.length);
        steps++;
      }
    }
  } finally {
    await runner.release();
  }
  return {
    steps,
    medianCandidates: median(sizes),
    scoreP50Ms: round(percentile(scoreMs, 0.5), 3),
    scoreP99Ms: round(percentile(scoreMs, 0.99), 3),
    stepP50Ms: round(percentile(stepMs, 0.5), 2),
    stepP99Ms: round(percentile(stepMs, 0.99), 2),
    extractMsPerStep: round(extractMs / Math.max(1, steps), 2),
  };
}

export async function measureModels(root: string, corpus: Corpus): Promise<ModelBench> {
  return { outcome: await outcomeThroughput(root), policy: await policyLatency(root, corpus) };
}

export function modelTables(r: ModelBench): BenchTable[] {
  return [
    {
      title: 'session-outcome under onnxruntime-node (1 intra-op thread), median of 5',
      head: ['batch (rows per run() call)', 'scorings / s'],
      rows: r.outcome.map((o) => [o.batch, o.rowsPerS.toLocaleString('en-US')]),
      notes: ['The impact stage scores every (hotspot, session) pair in one batch.'],
    },
    {
      title: `behavior-policy step latency (${r.policy.steps} steps of 60 corpus sessions, median ${r.policy.medianCandidates} candidates)`,
      head: ['what', 'p50 ms', 'p99 ms'],
      rows: [
        ['score candidates + predict dwell (2 ONNX runs)', r.policy.scoreP50Ms, r.policy.scoreP99Ms],
        [`whole step incl. candidates + features from the DOM mirror (${r.policy.extractMsPerStep} ms/step, averaged per session)`, r.policy.stepP50Ms, r.policy.stepP99Ms],
      ],
    },
  ];
}

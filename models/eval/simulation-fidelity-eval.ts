// `npm run eval`, synthetic users: held-out real sessions against synthetic runs of the checkout flow on the same
// app, the planted ('friction') shop served here. Held out: the corpus sessions the shipped behavior-policy never
// trained on (the trainer's own split), and the sessions of the same seeded traffic that followed the corpus
// (examples/shop/corpus-holdout, which no model reads): 80 sessions alone leave about ±12 pp of noise per step.
// Both sides go through the same replay and step extraction; the figures are
// analyzer/evaluation/simulation-fidelity.ts's, next-action agreement is policy-accuracy.ts's topKAccuracy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { topKAccuracy, type TopKAccuracy } from '../../analyzer/evaluation/policy-accuracy';
import {
  compareClickDistributions,
  compareFunnels,
  compareStepTimes,
  weightedDivergence,
  type FidelitySession,
  type FunnelStep,
  type FunnelStepComparison,
  type PageClickComparison,
  type StepTimeComparison,
} from '../../analyzer/evaluation/simulation-fidelity';
import { funnelRoutesOf } from '../../analyzer/features/session-features';
import { policyStepsOf, type LabelledStep, type PolicySteps } from '../../analyzer/features/policy-steps';
import type { ModelMeta } from '../../analyzer/models/model-files';
import { PolicyRunner } from '../../analyzer/models/policy-runner';
import { parseGoal } from '../../analyzer/replay';
import type { ReplayInput } from '../../analyzer/replay/build-session';
import { policyRouteFolder, policyStepOptions } from '../../analyzer/simulate/decision-point';
import { findFlow, readFlowsFile } from '../../analyzer/simulate/flows';
import { DEFAULT_PARALLEL } from '../../analyzer/simulate/defaults';
import { runFlow } from '../../analyzer/simulate/run-flow';
import { RECORDINGS_DIR } from '../../analyzer/simulate/simulation-files';
import type { RunOutcome } from '../../analyzer/simulate/types';
import { collectSessions, readSessions } from '../../analyzer/sources/files';
import { groupSplit } from '../train/splits';
import { POLICY_HELD_OUT_FRACTION } from '../train/train-behavior-policy';
import { startApp } from '../../analyzer/cli/app-process';

/**
 * Synthetic runs (seeds SEED .. SEED + runs - 1), as many browser contexts at a time as `friction simulate` uses.
 * 480, not 240: with 240 the synthetic side's own noise was ±4 pp on the payment step (about 140 runs reach it),
 * and one rerun of seeds 1-240 put that step at the edge of the ±5 pp goal (-5.0 pp) where 1-480 gave -2.3 pp.
 */
export const FIDELITY_RUNS = 480;
const QUICK_RUNS = 10;
const SEED = 1;
/** The later sessions of the corpus's traffic (`npm run record -- --from 321`): never read by a trainer. */
const LATER_SESSIONS_DIR = path.join('examples', 'shop', 'corpus-holdout');
/**
 * The held-out sessions are everyone who visited (window-shoppers and lost visitors too), so the synthetic side is
 * the policy's own mixture of them, not the flow's buyers.
 */
const FIDELITY_PERSONAS = { visitor: 1 };
/** The issue's goal for funnel step conversion, synthetic vs real. */
export const FUNNEL_TOLERANCE_PP = 5;
const GOAL = '/checkout/confirmation';
/** Virtual start of every run: a fixed moment, so a rerun replays the same runs. */
const START_TIME = Date.UTC(2026, 10, 26, 9);

export const CHECKOUT_FUNNEL: readonly FunnelStep[] = [
  { label: 'home', route: '/' },
  { label: 'product', route: '/product/:id' },
  { label: 'cart', route: '/cart' },
  { label: 'shipping', route: '/checkout/shipping' },
  { label: 'payment', route: '/checkout/payment' },
  { label: 'confirmation', route: GOAL },
];

export interface SimulationFidelityResult {
  model: string;
  heldOutSessions: number;
  /** Of those: the policy's held-out split of the corpus, and the later sessions of the same traffic. */
  heldOutFrom: { corpusSplit: number; laterSessions: number };
  heldOutSteps: number;
  syntheticRuns: number;
  seeds: [number, number];
  outcomes: Partial<Record<RunOutcome, number>>;
  funnel: FunnelStepComparison[];
  /** The shipped policy's top-k on the held-out real steps, and the model card's figures for the same steps. */
  nextAction: TopKAccuracy & { card: TopKAccuracy };
  clicks: PageClickComparison[];
  weightedDivergence: number;
  stepTimes: StepTimeComparison[];
}

/**
 * The shipped policy's own split of the corpus (groupSplit of the session ids in reading order, its held-out
 * fraction, the model's training seed), checked against its card: `test` it was evaluated on and never trained on,
 * `train` what it and its priors learned from.
 */
export function policySplit(sessions: readonly ReplayInput[], meta: ModelMeta): { train: ReplayInput[]; test: ReplayInput[] } {
  const split = groupSplit(sessions.map((s) => s.id), POLICY_HELD_OUT_FRACTION, meta.training.seed);
  const expected = meta.metrics.heldOutSessions;
  if (meta.data.sessions !== sessions.length || split.test.length !== expected) {
    throw new Error(`${meta.version} was not trained on these ${sessions.length} sessions (its card: ${meta.data.sessions} sessions, ${expected} held out; this split: ${split.test.length})`);
  }
  return { train: split.train.map((i) => sessions[i]), test: split.test.map((i) => sessions[i]) };
}

/** What the figures need of a replayed session: the funnel routes it reached, its clicks, its waits. */
export function fidelitySession({ session, steps }: PolicySteps, fold: (route: string) => string): FidelitySession {
  return {
    reached: [...funnelRoutesOf(session, fold), ...(session.outcome.converted ? [GOAL] : [])],
    clicks: steps.filter((s) => s.kind === 'click').map((s) => ({ route: s.route, key: s.chosenKey })),
    // A leave's "wait" runs to the end of the recording, which a synthetic run pads for rrweb: clicks and backs only.
    steps: steps.filter((s) => s.kind !== 'leave').map((s) => ({ route: s.route, ms: s.dwellMs })),
  };
}

async function nextActionAgreement(policy: PolicyRunner, steps: readonly LabelledStep[]): Promise<TopKAccuracy> {
  const scores = new Map<LabelledStep, Float32Array>();
  for (const step of steps) scores.set(step, await policy.scoreStep(step.candidates));
  const scorer = (step: LabelledStep) => scores.get(step)!;
  return { top1: topKAccuracy(steps, scorer, 1), top3: topKAccuracy(steps, scorer, 3) };
}

export async function simulateCheckout(root: string, modelDir: string, runs: number, replay: (raw: ReplayInput) => PolicySteps, seed = SEED) {
  const shopDir = path.join(root, 'examples', 'shop');
  const flows = path.join(shopDir, '.friction', 'flows.json');
  const flowsFile = readFlowsFile(flows);
  // Traffic like the real one: the policy as learned from every recorded visitor, not the flow's buyer personas.
  const flow = { ...findFlow(flowsFile, 'checkout', flows), personas: FIDELITY_PERSONAS };
  if (!flowsFile.app) throw new Error(`${flows} has no "app" command to serve the shop with`);
  // Served in a child process by the flows file's own `app` command (the shop's build cannot be bundled into dist/cli.js).
  const shop = await startApp(flowsFile.app, { src: path.join(shopDir, 'src'), cwd: shopDir });
  const outDir = mkdtempSync(path.join(tmpdir(), 'friction-fidelity-'));
  try {
    const report = await runFlow({ flow, baseUrl: shop.url, runs, parallel: DEFAULT_PARALLEL, seed, outDir, modelDir, startTime: START_TIME });
    const replayed: PolicySteps[] = [];
    for await (const raw of readSessions([path.join(outDir, RECORDINGS_DIR)])) replayed.push(replay(raw));
    if (replayed.length !== runs) throw new Error(`${runs} synthetic runs, but ${replayed.length} recordings read back`);
    return { report, replayed };
  } finally {
    await shop.stop();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function evaluateSimulationFidelity(options: { root: string; quick?: boolean; runs?: number }): Promise<SimulationFidelityResult> {
  const { root } = options;
  const modelDir = path.join(root, 'models', 'behavior-policy');
  const goal = parseGoal(GOAL);
  const runs = options.runs ?? (options.quick ? QUICK_RUNS : FIDELITY_RUNS);
  const policy = await PolicyRunner.load(modelDir, { threads: 1 });
  try {
    const corpus = await collectSessions(readSessions([path.join(root, 'examples', 'shop', 'corpus')]));
    // Steps exactly as the synthetic users build their decisions (decision-point.ts), with the model's priors.
    const fold = policyRouteFolder(policy.priors);
    const stepOptions = policyStepOptions(policy.priors, fold);
    const replay = (raw: ReplayInput) => policyStepsOf(raw, goal, stepOptions);
    const split = policySplit(corpus, policy.meta).test;
    const later = await collectSessions(readSessions([path.join(root, LATER_SESSIONS_DIR)]));
    if (later.length === 0) throw new Error(`no sessions in ${LATER_SESSIONS_DIR}: record them with npm run record -- --sessions 560 --from 321 --seed 7 --out ${LATER_SESSIONS_DIR}`);
    const real = [...split, ...later].map(replay);
    const realSteps = real.flatMap((r) => r.steps);
    const agreement = await nextActionAgreement(policy, realSteps);
    const synthetic = await simulateCheckout(root, modelDir, runs, replay);

    const realSessions = real.map((r) => fidelitySession(r, fold));
    const syntheticSessions = synthetic.replayed.map((r) => fidelitySession(r, fold));
    const clicks = compareClickDistributions(realSessions, syntheticSessions);
    return {
      model: policy.version,
      heldOutSessions: real.length,
      heldOutFrom: { corpusSplit: split.length, laterSessions: later.length },
      heldOutSteps: realSteps.length,
      syntheticRuns: synthetic.report.runs.length,
      seeds: [SEED, SEED + runs - 1],
      outcomes: synthetic.report.summary.outcomes ?? {},
      funnel: compareFunnels(realSessions, syntheticSessions, CHECKOUT_FUNNEL, FUNNEL_TOLERANCE_PP),
      nextAction: { ...agreement, card: { top1: policy.meta.metrics.top1, top3: policy.meta.metrics.top3 } },
      clicks,
      weightedDivergence: weightedDivergence(clicks),
      stepTimes: compareStepTimes(realSessions, syntheticSessions, CHECKOUT_FUNNEL.slice(0, -1).map((s) => s.route)),
    };
  } finally {
    await policy.release();
  }
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '-');
const signedPp = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(1)} pp` : '-');
const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '-');

export function formatSimulationFidelity(r: SimulationFidelityResult): string {
  const outcomes = Object.entries(r.outcomes).filter(([, n]) => n && n > 0).map(([o, n]) => `${o} ${n}`).join(', ');
  const met = r.funnel.slice(1).filter((f) => f.withinTolerance).length;
  const lines = [
    `Synthetic users vs real sessions: checkout on the planted ('friction') shop, ${r.model}`,
    `real: ${r.heldOutSessions} held-out sessions: the corpus's ${r.heldOutFrom.corpusSplit} the policy never trained on (its own split) and the ${r.heldOutFrom.laterSessions} of the same traffic that followed the corpus (${LATER_SESSIONS_DIR}, read by no model)`,
    `synthetic: ${r.syntheticRuns} runs, seeds ${r.seeds[0]}–${r.seeds[1]}, persona mix ${JSON.stringify(FIDELITY_PERSONAS)} (${outcomes})`,
    '',
    `Funnel step conversion (sessions reaching the step and every one before it / the previous step's); goal: within ±${FUNNEL_TOLERANCE_PP} pp`,
    `step          real                synthetic           error      95 % interval       within ±${FUNNEL_TOLERANCE_PP} pp`,
    ...r.funnel.map((f, i) => {
      const before = (side: 'real' | 'synthetic') => (i === 0 ? (side === 'real' ? r.heldOutSessions : r.syntheticRuns) : r.funnel[i - 1][side].reached);
      const cell = (side: 'real' | 'synthetic') => `${f[side].reached}/${before(side)} ${pct(f[side].conversion)}`.padEnd(19);
      const interval = i === 0 ? '' : `${signedPp(f.errorIntervalPp[0])} .. ${signedPp(f.errorIntervalPp[1])}`;
      return `${f.step.label.padEnd(13)} ${cell('real')} ${cell('synthetic')} ${signedPp(f.errorPp).padEnd(10)} ${interval.padEnd(19)} ${i === 0 ? '(start)' : f.withinTolerance ? 'met' : 'NOT met'}`;
    }),
    `goal met on ${met} of ${r.funnel.length - 1} steps`,
    '',
    `Next action: the shipped policy's top-1 on the ${r.heldOutSteps} held-out real steps (what the user did), topKAccuracy of analyzer/evaluation/policy-accuracy.ts`,
    `top-1 ${pct(r.nextAction.top1)}, top-3 ${pct(r.nextAction.top3)} (ONNX model as the synthetic users run it; model card, on the corpus split's ${r.heldOutFrom.corpusSplit} sessions: ${pct(r.nextAction.card.top1)}, ${pct(r.nextAction.card.top3)})`,
    '',
    'Clicked elements per page (by fingerprint): Jensen–Shannon divergence, base 2 (0 same distribution, 1 disjoint)',
    'page                   real clicks  synthetic clicks  elements  JSD',
    ...r.clicks.map((c) => `${c.route.padEnd(22)} ${String(c.realClicks).padEnd(12)} ${String(c.syntheticClicks).padEnd(17)} ${String(c.elements).padEnd(9)} ${c.divergence === undefined ? '- (one side only)' : c.divergence.toFixed(3)}`),
    `click-weighted mean over pages clicked on both sides: ${Number.isFinite(r.weightedDivergence) ? r.weightedDivergence.toFixed(3) : '-'}`,
    '',
    'Time per step (median wait before a click or back, replayed from the recordings; synthetic runs in virtual time)',
    'page                   real (steps)        synthetic (steps)   synthetic / real',
    ...r.stepTimes.map(
      (t) =>
        `${(t.route ?? 'all pages').padEnd(22)} ${`${seconds(t.realMedianMs)} (${t.realSteps})`.padEnd(19)} ${`${seconds(t.syntheticMedianMs)} (${t.syntheticSteps})`.padEnd(19)} ${Number.isFinite(t.ratio) ? `×${t.ratio.toFixed(2)}` : '-'}`,
    ),
  ];
  return lines.join('\n');
}

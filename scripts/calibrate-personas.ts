// Calibrates the synthetic users' personas (analyzer/simulate/personas.ts) against the corpus the behaviour policy
// learned from, persona by persona (the corpus' ground truth names each session's persona):
// - dwell factors: median of real wait / the dwell head's prediction, for a session's first action, the first action
//   on a later page, and actions after that on a page (the dwell head predicts the mixture of all visitors), and the
//   spread of log(real / predicted);
// - temperature and LEAVE / BACK offsets: maximum likelihood of the persona's actual choices under
//   softmax((logits + offsets) / T), by grid search.
// Usage: npx tsx scripts/calibrate-personas.ts [corpus dir] [model dir]. Paste the figures into personas.ts.
import * as path from 'node:path';
import { loadGroundTruth } from '../analyzer/evaluation/ground-truth';
import { POLICY_CONTEXT_NAMES, policyStepsOf } from '../analyzer/features/policy-steps';
import { PolicyRunner } from '../analyzer/models/policy-runner';
import { parseGoal } from '../analyzer/replay';
import { policyRouteFolder, policyStepOptions } from '../analyzer/simulate/decision-point';
import { readSessions } from '../analyzer/sources/files';

const STEPS_SO_FAR = POLICY_CONTEXT_NAMES.indexOf('ctx:steps_so_far');
const ACTIONS_ON_PAGE = POLICY_CONTEXT_NAMES.indexOf('ctx:actions_on_page');
/** Waits are floored so that instant actions do not dominate the log ratios. */
const FLOOR_MS = 100;

type StepKind = 'first' | 'arrival' | 'onPage';
interface Choice {
  logits: Float32Array;
  chosen: number;
  back: number;
  leave: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const sd = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
};

function negativeLogLikelihood(choices: Choice[], t: number, leaveBias: number, backBias: number): number {
  let nll = 0;
  for (const c of choices) {
    const z = Array.from(c.logits, (l, i) => (l + (i === c.leave ? leaveBias : i === c.back ? backBias : 0)) / t);
    const max = Math.max(...z);
    nll -= z[c.chosen] - max - Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
  }
  return nll / choices.length;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const corpus = process.argv[2] ?? path.join(root, 'examples', 'shop', 'corpus');
  const runner = await PolicyRunner.load(process.argv[3] ?? path.join(root, 'models', 'behavior-policy'));
  const truth = loadGroundTruth(path.join(corpus, 'ground-truth.json'));
  const personaOf = new Map(truth.sessions.map((s) => [s.id, s.persona]));
  const priors = runner.priors;
  const fold = policyRouteFolder(priors);
  const ratios = new Map<string, number[]>();
  const choices = new Map<string, Choice[]>();
  for await (const raw of readSessions([corpus])) {
    const persona = personaOf.get(raw.id) ?? 'unknown';
    const { steps } = policyStepsOf(raw, parseGoal(truth.goal), policyStepOptions(priors, fold));
    for (const step of steps) {
      const list = choices.get(persona) ?? [];
      list.push({ logits: await runner.logits(step.candidates), chosen: step.chosen, back: step.candidateKeys.indexOf('BACK'), leave: step.candidateKeys.indexOf('LEAVE') });
      choices.set(persona, list);
      // A session's final LEAVE has no wait of its own (it is the end of the recording).
      if (step.kind === 'leave') continue;
      const kind: StepKind = step.context[STEPS_SO_FAR] === 0 ? 'first' : step.context[ACTIONS_ON_PAGE] === 0 ? 'arrival' : 'onPage';
      const predicted = await runner.predictDwellMs(step.context);
      const key = `${persona}|${kind}`;
      ratios.set(key, [...(ratios.get(key) ?? []), Math.log(Math.max(FLOOR_MS, step.dwellMs) / Math.max(FLOOR_MS, predicted))]);
    }
  }
  await runner.release();
  for (const [persona, list] of [...choices].sort()) {
    const dwell = (['first', 'arrival', 'onPage'] as const).map((kind) => {
      const r = ratios.get(`${persona}|${kind}`) ?? [];
      return `${kind} ${r.length ? Math.exp(median(r)).toFixed(2) : '-'} (n ${r.length})`;
    });
    const all = (['first', 'arrival', 'onPage'] as const).flatMap((kind) => ratios.get(`${persona}|${kind}`) ?? []);
    let best = { nll: Infinity, t: 1, leave: 0, back: 0 };
    for (let t = 0.5; t <= 1.61; t += 0.1) {
      for (let leave = -4; leave <= 2; leave += 0.25) {
        for (let back = -4; back <= 2; back += 0.25) {
          const nll = negativeLogLikelihood(list, t, leave, back);
          if (nll < best.nll) best = { nll, t, leave, back };
        }
      }
    }
    console.log(
      `${persona}: ${list.length} steps; dwell factor ${dwell.join(', ')}; spread ${sd(all).toFixed(2)}; ` +
        `temperature ${best.t.toFixed(1)}, leaveBias ${best.leave}, backBias ${best.back} (nll ${best.nll.toFixed(3)} vs ${negativeLogLikelihood(list, 1, 0, 0).toFixed(3)} untuned)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

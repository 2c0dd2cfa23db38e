// Calibrates the `visitor` persona's LEAVE offset (analyzer/simulate/personas.ts) on the shipped policy's TRAINING
// sessions. Rolled out one step after another, the policy compounds small errors: synthetic visitors wait a little
// longer than recorded ones, the policy reads slow sessions as window-shoppers, and more of them leave the product
// page than the recorded visitors did. For each offset of a grid, synthetic visitors run the planted shop's checkout
// (seeds from 5001, never the eval's) and their funnel is compared with the training split's; the held-out sessions
// `npm run eval` reports on take no part. Paste the best offset into personas.ts.
// With a route, the offsets are tried on that route only (Persona.leaveBiasOn), the rest as personas.ts has it.
// Usage: npx tsx scripts/calibrate-visitor.ts [runs per offset = 80] [offsets = 0,-0.5,-1,-1.5] [route]
import * as path from 'node:path';
import { compareFunnels } from '../analyzer/evaluation/simulation-fidelity';
import { policyStepsOf } from '../analyzer/features/policy-steps';
import { PolicyRunner } from '../analyzer/models/policy-runner';
import { parseGoal } from '../analyzer/replay';
import type { ReplayInput } from '../analyzer/replay/build-session';
import { policyRouteFolder, policyStepOptions } from '../analyzer/simulate/decision-point';
import { PERSONAS } from '../analyzer/simulate/personas';
import { collectSessions, readSessions } from '../analyzer/sources/files';
import { CHECKOUT_FUNNEL, FUNNEL_TOLERANCE_PP, fidelitySession, policySplit, simulateCheckout } from '../models/eval/simulation-fidelity-eval';

const SEED = 5001;

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const runs = Number(process.argv[2] ?? 80);
  const offsets = (process.argv[3] ?? '0,-0.5,-1,-1.5').split(',').map(Number);
  const modelDir = path.join(root, 'models', 'behavior-policy');
  const policy = await PolicyRunner.load(modelDir, { threads: 1 });
  const fold = policyRouteFolder(policy.priors);
  const options = policyStepOptions(policy.priors, fold);
  const replay = (raw: ReplayInput) => policyStepsOf(raw, parseGoal('/checkout/confirmation'), options);
  const corpus = await collectSessions(readSessions([path.join(root, 'examples', 'shop', 'corpus')]));
  const training = policySplit(corpus, policy.meta).train.map((raw) => fidelitySession(replay(raw), fold));
  await policy.release();
  const route = process.argv[4];
  const visitor = PERSONAS.visitor as { leaveBias: number; leaveBiasOn?: Record<string, number> };
  console.log(`visitor LEAVE offset${route ? ` on ${route}` : ''} against the ${training.length} training sessions, ${runs} runs per offset (seeds ${SEED}–${SEED + runs - 1})`);
  console.log(`offset  ${CHECKOUT_FUNNEL.slice(1).map((s) => s.label.padEnd(22)).join(' ')} sum of squared errors (pp²)`);
  for (const offset of offsets) {
    if (route) visitor.leaveBiasOn = { ...visitor.leaveBiasOn, [route]: offset };
    else visitor.leaveBias = offset;
    const { replayed } = await simulateCheckout(root, modelDir, runs, replay, SEED);
    const funnel = compareFunnels(training, replayed.map((r) => fidelitySession(r, fold)), CHECKOUT_FUNNEL, FUNNEL_TOLERANCE_PP).slice(1);
    const cells = funnel.map((f) => `${(100 * f.synthetic.conversion).toFixed(1)} % (${f.errorPp >= 0 ? '+' : ''}${f.errorPp.toFixed(1)})`.padEnd(22));
    const sse = funnel.reduce((sum, f) => sum + (Number.isFinite(f.errorPp) ? f.errorPp ** 2 : 0), 0);
    console.log(`${String(offset).padEnd(7)} ${cells.join(' ')} ${sse.toFixed(0)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// `friction eval` / `npm run eval`: model quality on data we can publish. The session-outcome architectures on the
// public UCI Online Shoppers data next to the published figures; both on the bundled corpus (held-out AUC, the
// planted frictions ranked by estimated lost conversions); the behaviour policy against its two baselines; the
// synthetic users it drives against the held-out real sessions (fidelity); the product editor's fixes on the planted
// shop, synthetic runs before and after. Prints tables, writes eval-results/eval.json and the figures into the
// shipped model cards.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatUciTable, runUciBenchmark, type UciBenchmarkResult } from './uci-benchmark';
import { analyseCorpus, evaluateCorpusOutcome, type CorpusOutcomeResult } from './corpus-outcome';
import { updateCardEvalSection } from './card-section';
import { OUTCOME_ARCHITECTURES } from '../train/outcome-architectures';
import { SESSION_OUTCOME_ARCHITECTURE } from '../train/train-session-outcome';
import { trainBehaviorPolicy, type BehaviorPolicyEvaluation } from '../train/train-behavior-policy';
import { readSessions } from '../../analyzer/sources/files';
import { parseGoal } from '../../analyzer/replay';
import type { SimulationFidelityResult } from './simulation-fidelity-eval';
import type { FixEffectResult } from './fix-effect-eval';

export interface EvalOptions {
  root: string;
  /** Fewer CV folds (3) for a quick look; the recorded figures use 10. */
  quick?: boolean;
  log?: (line: string) => void;
}

export interface EvalResult {
  date: string;
  uci: UciBenchmarkResult;
  corpus: CorpusOutcomeResult[];
  policy: Omit<BehaviorPolicyEvaluation, 'steps'>;
  simulation: SimulationFidelityResult;
  fixes: FixEffectResult;
}

export function formatPolicy(e: Omit<BehaviorPolicyEvaluation, 'steps'>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `Behaviour policy: next action on ${e.heldOutSessions} held-out sessions (${e.heldOutSteps} steps; trained on ${e.trainSessions} sessions, ${e.trainSteps} steps)`,
    'scorer                            top-1     top-3',
    `behavior-policy (ours)            ${pct(e.model.top1).padEnd(9)} ${pct(e.model.top3)}`,
    `first-order Markov over elements  ${pct(e.markov.top1).padEnd(9)} ${pct(e.markov.top3)}`,
    `most-clicked on the page          ${pct(e.mostClicked.top1).padEnd(9)} ${pct(e.mostClicked.top3)}`,
    `uniform chance                    ${pct(e.chanceTop1)}`,
    'published (FACTS.md 5): LLM agents 11.9–18.5 % exact next action on real shopping sessions (a harder, open action space)',
    `dwell before the action: median |Δ log(1+s)| ${e.dwell.medianAbsLogError.toFixed(3)} (constant median: ${e.dwellBaseline.medianAbsLogError.toFixed(3)}); typically off by ×${e.dwell.medianFactor.toFixed(2)} (constant: ×${e.dwellBaseline.medianFactor.toFixed(2)})`,
  ].join('\n');
}

function policyCardSection(e: Omit<BehaviorPolicyEvaluation, 'steps'>, date: string): string {
  return [`## Evaluation (npm run eval, ${date.slice(0, 10)})`, '', '```', formatPolicy(e), '```'].join('\n');
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '-');

export function formatCorpusOutcome(results: CorpusOutcomeResult[]): string {
  const lines = ['Session-outcome on the bundled corpus (held-out 25 % of sessions, stratified; seed 7)'];
  lines.push('architecture  sessions  ROC AUC  PR AUC  F1     moment ROC AUC  Σ lost conv. (planted)');
  for (const r of results) {
    lines.push(
      `${r.architecture.padEnd(13)} ${String(r.sessions).padEnd(9)} ${f3(r.metrics.rocAuc).padEnd(8)} ${f3(r.metrics.prAuc).padEnd(7)} ${f3(r.metrics.f1).padEnd(6)} ${f3(r.metrics.frictionMomentRocAuc).padEnd(15)} ${r.plantedLostConversions}`,
    );
  }
  for (const r of results) {
    lines.push('', `Planted frictions by estimated lost conversions (${r.architecture}${r.architecture === SESSION_OUTCOME_ARCHITECTURE ? ', shipped' : ''}):`);
    lines.push('friction                 kind              sessions  P(conv) with → without  lost conv.  rank of ' + r.hotspots);
    for (const p of r.planted) {
      lines.push(
        `${p.id.padEnd(24)} ${p.kind.padEnd(17)} ${String(p.sessions).padEnd(9)} ${`${f3(p.conversionWith)} → ${f3(p.conversionWithout)}`.padEnd(23)} ${p.lostConversions.toFixed(1).padEnd(11)} ${p.rank || '-'}`,
      );
    }
  }
  return lines.join('\n');
}

function outcomeCardSection(uci: UciBenchmarkResult, corpus: CorpusOutcomeResult[], date: string): string {
  const row = (name: string) => uci.models.find((m) => m.name === name);
  const cv = (name: string, metric: 'rocAuc' | 'prAuc' | 'accuracy' | 'f1') => {
    const m = row(name)?.cv?.[metric];
    return m ? `${m.mean.toFixed(3)} ± ${m.std.toFixed(3)}` : '-';
  };
  const shipped = corpus.find((c) => c.architecture === SESSION_OUTCOME_ARCHITECTURE)!;
  return [
    `## Evaluation (npm run eval, ${date.slice(0, 10)})`,
    '',
    `Public data: UCI Online Shoppers Purchasing Intention (${uci.rows} real sessions, ${uci.positives} purchases), stratified ${uci.folds}-fold CV, oversampling only inside training folds, F1 threshold chosen on training rows:`,
    '',
    '| model | ROC AUC | PR AUC | accuracy | F1 (purchase) |',
    '|---|---|---|---|---|',
    ...['MLP', 'GBDT', 'logistic'].filter(row).map((n) => `| ${n === 'MLP' ? 'MLP (this architecture)' : n} | ${cv(n, 'rocAuc')} | ${cv(n, 'prAuc')} | ${cv(n, 'accuracy')} | ${cv(n, 'f1')} |`),
    '| published: XGBoost + feature selection + oversampling (PMC10121810, 2023) | 0.937 | 0.754 | 0.907 | - |',
    '',
    `Bundled corpus: held-out ROC AUC ${f3(shipped.metrics.rocAuc)} on whole sessions, ${f3(shipped.metrics.frictionMomentRocAuc)} on the states just after each friction. Planted frictions by estimated lost conversions: ${shipped.planted.map((p) => `${p.id} ${p.lostConversions.toFixed(1)}`).join(', ')}.`,
  ].join('\n');
}

export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const date = new Date().toISOString();
  log('[1/5] UCI Online Shoppers: MLP, GBDT and logistic regression, holdout and CV…');
  const uci = runUciBenchmark({
    csvPath: path.join(options.root, 'models', 'data', 'online_shoppers_intention.csv'),
    seed: 1,
    folds: options.quick ? 3 : 10,
    gbdt: true,
  });
  log(`\n${formatUciTable(uci)}\n`);

  log('[2/5] bundled corpus: session-outcome per architecture…');
  const analysed = await analyseCorpus(options.root);
  const corpus: CorpusOutcomeResult[] = [];
  for (const architecture of OUTCOME_ARCHITECTURES) corpus.push(await evaluateCorpusOutcome(options.root, analysed, architecture));
  log(`\n${formatCorpusOutcome(corpus)}\n`);

  log('[3/5] bundled corpus: behaviour policy vs most-clicked and Markov baselines…');
  const policyRun = await trainBehaviorPolicy(
    { sessions: readSessions([path.join(options.root, 'examples', 'shop', 'corpus')]), goal: parseGoal('/checkout/confirmation') },
    { description: 'bundled example corpus', sources: ['examples/shop/corpus'], consent: ['bundled corpus (ours)'] },
  );
  const { steps: _steps, ...policy } = policyRun.evaluation;
  log(`\n${formatPolicy(policy)}\n`);

  log('[4/5] synthetic users on the planted shop vs the held-out real sessions (Chromium)…');
  // Required here, so `friction eval` loads Playwright only when it gets this far (as the CLI does for simulate).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fidelity = require('./simulation-fidelity-eval') as typeof import('./simulation-fidelity-eval');
  const simulation = await fidelity.evaluateSimulationFidelity({ root: options.root, quick: options.quick });
  log(`\n${fidelity.formatSimulationFidelity(simulation)}\n`);

  log('[5/5] product editor: the catalogue\'s fixes on the planted shop, synthetic runs before and after (Chromium)…');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fixEffects = require('./fix-effect-eval') as typeof import('./fix-effect-eval');
  const fixes = await fixEffects.evaluateFixEffects({ root: options.root, quick: options.quick });
  log(`\n${fixEffects.formatFixEffects(fixes)}\n`);

  const result: EvalResult = { date, uci, corpus, policy, simulation, fixes };
  const outDir = path.join(options.root, 'eval-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'eval.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (!options.quick) {
    updateCardEvalSection(path.join(options.root, 'models', 'session-outcome', 'CARD.md'), outcomeCardSection(uci, corpus, date));
    updateCardEvalSection(path.join(options.root, 'models', 'behavior-policy', 'CARD.md'), policyCardSection(policy, date));
  }
  log(`wrote eval-results/eval.json${options.quick ? '' : ' and the model cards'}`);
  return result;
}

// The product editor on the example shop, end to end: the catalogue's fixes for the planted frictions (proposed from
// the bundled corpus' report) are applied to a copy of the shop's sources, and the same synthetic users (same seeds,
// same behaviour model) run the checkout flow on the original and on the patched shop. Per fix: its friction signal
// in the runs before and after; overall: success and step conversion with Newcombe's interval.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIX_CATALOGUE } from '../../analyzer/fixes';
import { comparePredicted, formatPredictedEffect, type PredictedEffect } from '../../analyzer/fixes/predicted-effect';
import { applyProposal, proposeFixes } from '../../analyzer/fixes/propose-fixes';
import { diskWorkspace } from '../../analyzer/cli/fix-command';
import type { FixProposal } from '../../analyzer/fixes/types';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import { parseGoal } from '../../analyzer/replay';
import { findFlow, readFlowsFile } from '../../analyzer/simulate/flows';
import { runFlow } from '../../analyzer/simulate/run-flow';
import type { SimulationReport } from '../../analyzer/simulate/types';
import { startApp } from '../../analyzer/cli/app-process';

export interface FixEffectRow {
  fix: string;
  file: string;
  line: number;
  kind: string;
  /** The hotspot's signal, occurrences per run and runs showing it, on the original and the patched shop. */
  original: { perRun: number; runs: number };
  patched: { perRun: number; runs: number };
}

export interface FixEffectResult {
  runs: number;
  applied: FixEffectRow[];
  /** Fixes the catalogue did not offer for a planted friction, with the reason it gave. */
  notOffered: { fix: string; file?: string; reason: string }[];
  overall: PredictedEffect;
}

export async function evaluateFixEffects(options: { root: string; quick?: boolean }): Promise<FixEffectResult> {
  const shop = path.join(options.root, 'examples', 'shop');
  const src = path.join(shop, 'src');
  const { report } = await analyzeFiles([path.join(shop, 'corpus')], { goal: parseGoal('/checkout/confirmation'), goalText: '/checkout/confirmation', src });
  const { proposals, unproposed } = proposeFixes(report, FIX_CATALOGUE, diskWorkspace(src));

  // Patched copy inside the shop, so its imports resolve through the repository's node_modules.
  const work = path.join(shop, '.friction', 'predict', 'eval-all-fixes');
  rmSync(work, { recursive: true, force: true });
  const patchedSrc = path.join(work, 'src');
  mkdirSync(work, { recursive: true });
  cpSync(src, patchedSrc, { recursive: true });
  const applied: FixProposal[] = [];
  for (const proposal of proposals) {
    const edit = applyProposal(proposal.id, report, FIX_CATALOGUE, diskWorkspace(patchedSrc));
    if ('problem' in edit) continue; // two fixes on one element: the second sees the first's change
    writeFileSync(path.join(patchedSrc, edit.file), edit.after);
    applied.push(proposal);
  }

  const flows = readFlowsFile(path.join(shop, '.friction', 'flows.json'));
  const flow = findFlow(flows, 'checkout');
  const runs = options.quick ? 10 : 30;
  const modelDir = path.join(options.root, 'models', 'behavior-policy');
  const reports: SimulationReport[] = [];
  // Served the way `friction fix --predict` serves them: the flows file's `app` command, on the two source folders.
  if (!flows.app) throw new Error('examples/shop/.friction/flows.json has no "app" command');
  for (const side of ['original', 'patched'] as const) {
    const app = await startApp(flows.app, { src: side === 'original' ? src : patchedSrc, cwd: shop });
    try {
      reports.push(await runFlow({ flow, baseUrl: app.url, runs, seed: 1, modelDir, outDir: path.join(work, side), startTime: Date.UTC(2026, 0, 1) }));
    } finally {
      await app.stop();
    }
  }
  const hotspotOf = (id: string) => report.hotspots.find((h) => h.id === id)!;
  const rows: FixEffectRow[] = applied.map((p) => {
    const effect = comparePredicted(reports[0], reports[1], hotspotOf(p.hotspotId), '/checkout/confirmation');
    return { fix: p.fix, file: p.file, line: p.line, kind: effect.hotspotSignal.kind, original: effect.hotspotSignal.original, patched: effect.hotspotSignal.patched };
  });
  const planted = new Set(['parts/ReturnsBadge.tsx', 'parts/PayButton.tsx', 'pages/Cart.tsx', 'parts/TaxReferenceField.tsx', 'parts/SizeGuideLink.tsx', 'pages/Product.tsx']);
  const notOffered = unproposed
    .filter((u) => u.file && planted.has(u.file) && u.problem.kind === 'not_applicable' && !applied.some((a) => a.file === u.file))
    .map((u) => ({ fix: u.fix, file: u.file, reason: u.problem.message }));
  const overall = comparePredicted(reports[0], reports[1], hotspotOf(applied[0]?.hotspotId ?? report.hotspots[0].id), '/checkout/confirmation');
  return { runs, applied: rows, notOffered, overall };
}

export function formatFixEffects(result: FixEffectResult): string {
  const lines = [`Catalogue fixes applied to the planted shop; ${result.runs} synthetic runs on each side, same seeds and model:`, ''];
  lines.push(`${'fix'.padEnd(28)} ${'where'.padEnd(32)} ${'signal'.padEnd(18)} per run before -> after   runs showing it`);
  for (const row of result.applied) {
    lines.push(
      `${row.fix.padEnd(28)} ${`${row.file}:${row.line}`.padEnd(32)} ${row.kind.padEnd(18)} ${row.original.perRun.toFixed(2).padStart(6)} -> ${row.patched.perRun.toFixed(2).padEnd(12)} ${row.original.runs} -> ${row.patched.runs}`,
    );
  }
  for (const n of result.notOffered) lines.push(`not offered: ${n.fix} on ${n.file}: ${n.reason}`);
  const overall = formatPredictedEffect(result.overall).split('\n');
  // The overall figures without the single-hotspot line (the table above has every fix's).
  lines.push('', ...overall.filter((line) => !/ on the element: /.test(line)));
  return lines.join('\n');
}

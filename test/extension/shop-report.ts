// A real analysis of the example shop's corpus for the extension tests: the report `friction analyze` writes,
// ranked by the shipped session-outcome model, computed once per test file.
import * as path from 'node:path';
import { loadOutcomeScorer } from '../../analyzer/models/outcome-scorer';
import { analyzeFiles } from '../../analyzer/pipeline/analyze';
import type { AnalysisReport } from '../../analyzer/report/types';
import { parseGoal } from '../../analyzer/replay';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SHOP_SRC = path.join(ROOT, 'examples', 'shop', 'src');
const CORPUS = path.join(ROOT, 'examples', 'shop', 'corpus');
const GOAL = '/checkout/confirmation';

let report: Promise<AnalysisReport> | undefined;

export function shopReport(): Promise<AnalysisReport> {
  report ??= (async () => {
    const outcome = await loadOutcomeScorer(path.join(ROOT, 'models', 'session-outcome'));
    try {
      return (await analyzeFiles([CORPUS], { goal: parseGoal(GOAL), goalText: GOAL, src: SHOP_SRC, outcome })).report;
    } finally {
      await outcome.release();
    }
  })();
  return report;
}
